/**
 * The slice of MongoDB query, sort and update semantics that CloudBase's document database
 * exposes, evaluated over plain in-memory documents. CloudBase runs on MongoDB, so where the
 * stand-in must choose, it follows MongoDB: `{f: null}` matches null and missing fields,
 * comparisons only match values of the same type bracket, sorting follows the BSON type order,
 * strings compare by their UTF-8 bytes (the default "simple" collation).
 *
 * Anything outside the slice (regex, geo, $elemMatch, $expr, aggregation ...) is refused with an
 * error instead of being answered wrongly.
 */

export type Json = null | boolean | number | string | Date | Json[] | { [key: string]: Json };
export type DocData = Record<string, unknown>;

export class UnsupportedError extends Error {
  constructor(what: string) {
    super(`stand-in does not model ${what}`);
    this.name = 'UnsupportedError';
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/** BSON comparison/sort order of types (null and missing sort first). */
function typeRank(v: unknown): number {
  if (v === null || v === undefined) return 1;
  if (typeof v === 'number') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (typeof v === 'boolean') return 8;
  if (v instanceof Date) return 9;
  if (typeof v === 'object') return 4;
  return 100;
}

/** Total order over values as MongoDB sorts them (arrays and objects approximated). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return typeRank(a) === typeRank(b) && typeRank(a) !== 2 && compareValues(a, b) === 0;
}

/** Value at a dotted path; undefined when any step is missing. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function setPath(doc: DocData, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur: Record<string, unknown> = doc;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (!isPlainObject(next)) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] as string] = value;
}

function unsetPath(doc: DocData, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    cur = cur[part];
  }
  if (isPlainObject(cur)) delete cur[parts[parts.length - 1] as string];
}

/** Equality as in `{field: value}`: null matches missing; an array field matches when an element equals. */
function equalsMatch(value: unknown, target: unknown): boolean {
  if (target === null) return value === null || value === undefined;
  if (Array.isArray(value) && !Array.isArray(target)) return value.some((v) => deepEqual(v, target));
  if (typeof value === 'number' && typeof target === 'number') return value === target;
  return deepEqual(value, target);
}

/** $gt/$gte/$lt/$lte: only values of the same type bracket compare (MongoDB type bracketing). */
function rangeMatch(value: unknown, op: string, target: unknown): boolean {
  if (Array.isArray(value)) return value.some((v) => rangeMatch(v, op, target));
  const tv = value === undefined ? null : value;
  if (typeRank(tv) !== typeRank(target)) return false;
  const c = compareValues(tv, target);
  switch (op) {
    case '$gt':
      return c > 0;
    case '$gte':
      return c >= 0;
    case '$lt':
      return c < 0;
    case '$lte':
      return c <= 0;
    default:
      throw new UnsupportedError(`operator ${op}`);
  }
}

function isOperatorObject(cond: unknown): cond is Record<string, unknown> {
  if (!isPlainObject(cond)) return false;
  const keys = Object.keys(cond);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

function fieldMatches(value: unknown, cond: unknown): boolean {
  if (!isOperatorObject(cond)) return equalsMatch(value, cond);
  for (const [op, arg] of Object.entries(cond)) {
    let ok: boolean;
    switch (op) {
      case '$eq':
        ok = equalsMatch(value, arg);
        break;
      case '$ne':
        ok = !equalsMatch(value, arg);
        break;
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        ok = rangeMatch(value, op, arg);
        break;
      case '$in':
        if (!Array.isArray(arg)) throw new UnsupportedError('$in without an array');
        ok = arg.some((a) => equalsMatch(value, a));
        break;
      case '$nin':
        if (!Array.isArray(arg)) throw new UnsupportedError('$nin without an array');
        ok = !arg.some((a) => equalsMatch(value, a));
        break;
      case '$exists':
        ok = (value !== undefined) === Boolean(arg);
        break;
      case '$and':
        if (!Array.isArray(arg)) throw new UnsupportedError('field $and without an array');
        ok = arg.every((c) => fieldMatches(value, c));
        break;
      case '$or':
        if (!Array.isArray(arg)) throw new UnsupportedError('field $or without an array');
        ok = arg.some((c) => fieldMatches(value, c));
        break;
      default:
        throw new UnsupportedError(`query operator ${op}`);
    }
    if (!ok) return false;
  }
  return true;
}

/** Whether a document satisfies a (decoded) CloudBase/MongoDB filter. */
export function matches(doc: DocData, query: Record<string, unknown>): boolean {
  for (const [key, cond] of Object.entries(query)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(cond)) throw new UnsupportedError(`${key} without an array`);
      const subs = cond as Array<Record<string, unknown>>;
      const ok = key === '$and' ? subs.every((q) => matches(doc, q)) : key === '$or' ? subs.some((q) => matches(doc, q)) : !subs.some((q) => matches(doc, q));
      if (!ok) return false;
    } else if (key.startsWith('$')) {
      throw new UnsupportedError(`top-level operator ${key}`);
    } else if (!fieldMatches(getPath(doc, key), cond)) {
      return false;
    }
  }
  return true;
}

/** Sorts in place by an order spec such as `{ at: -1, _id: -1 }` (key order is priority). */
export function sortDocs(docs: DocData[], order: Record<string, unknown>): void {
  const keys = Object.entries(order).map(([field, dir]) => {
    if (dir !== 1 && dir !== -1) throw new UnsupportedError(`sort direction ${String(dir)}`);
    return { field, dir };
  });
  docs.sort((a, b) => {
    for (const { field, dir } of keys) {
      const c = compareValues(getPath(a, field), getPath(b, field));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

/** Applies a MongoDB update document (`$set`, `$unset`, `$inc`, ...) to a copy of `doc`. */
export function applyUpdate(doc: DocData, update: Record<string, unknown>): DocData {
  const out = structuredClone(doc);
  for (const [op, fields] of Object.entries(update)) {
    if (!op.startsWith('$')) throw new UnsupportedError(`update without operators (${op})`);
    if (!isPlainObject(fields)) throw new UnsupportedError(`${op} with a non-object argument`);
    for (const [path, arg] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) throw new UnsupportedError('changing _id');
      const current = getPath(out, path);
      switch (op) {
        case '$set':
          setPath(out, path, structuredClone(arg));
          break;
        case '$unset':
          unsetPath(out, path);
          break;
        case '$inc':
        case '$mul': {
          if (typeof arg !== 'number') throw new UnsupportedError(`${op} by a non-number`);
          if (current !== undefined && typeof current !== 'number') throw new Error(`Cannot apply ${op} to a non-numeric field ${path}`);
          const base = typeof current === 'number' ? current : 0;
          setPath(out, path, op === '$inc' ? base + arg : base * arg);
          break;
        }
        case '$min':
        case '$max':
          if (current === undefined || (op === '$min' ? compareValues(arg, current) < 0 : compareValues(arg, current) > 0)) {
            setPath(out, path, structuredClone(arg));
          }
          break;
        case '$push': {
          const list = current === undefined ? [] : current;
          if (!Array.isArray(list)) throw new Error(`Cannot $push to a non-array field ${path}`);
          const each = isPlainObject(arg) && Array.isArray(arg.$each) ? arg.$each : [arg];
          setPath(out, path, [...list, ...structuredClone(each)]);
          break;
        }
        default:
          throw new UnsupportedError(`update operator ${op}`);
      }
    }
  }
  return out;
}
