/**
 * Inputs for the API fuzz test (test/api/fuzz.test.ts): a seeded PRNG, values generated from the
 * JSON Schema that `z.toJSONSchema` makes of each action's input (zod 4 has no fast-check bridge),
 * and mutations of those values (wrong types, huge strings, unicode, extreme numbers, missing and
 * extra fields, prototype keys, nested junk).
 */
import { mulberry32 } from '../../cloudfunctions/core/domain/prng';

/** mulberry32 (domain/prng.ts) with the helpers the fuzzers use. */
export function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number): boolean => next() < p;
  return { next, int, pick, chance };
}
export type Rng = ReturnType<typeof prng>;

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** Ids seen in the server's answers, by the key they came under (teamId, seniorId, id, ...). */
export class IdPool {
  private readonly byKey = new Map<string, string[]>();
  private readonly all: string[] = [];
  private readonly seen = new Set<string>();
  /** Page cursors (`next`) from answers, to send back as `after`, sometimes to another list. */
  readonly cursors: string[] = [];

  add(key: string, value: string): void {
    if (!/^[A-Za-z0-9_:-]{1,64}$/.test(value)) return;
    const k = key.toLowerCase();
    const list = this.byKey.get(k) ?? [];
    if (!list.includes(value)) list.push(value);
    this.byKey.set(k, list);
    if (!this.seen.has(value)) {
      this.seen.add(value);
      this.all.push(value);
    }
  }

  /** Walks any JSON answer and keeps every string under a key that names an id. */
  harvest(value: unknown, key = ''): void {
    if (Array.isArray(value)) {
      for (const item of value) this.harvest(item, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && /(^id$|Id$|^_id$)/.test(k)) this.add(k, v);
        else if (typeof v === 'string' && (k === 'next' || k === 'after') && v.length <= 512) this.cursors.push(v);
        else this.harvest(v, k);
      }
    }
  }

  /** An id seen under this key (e.g. seniorId), else under any key, else none. */
  pick(rng: Rng, key: string): string | undefined {
    const own = this.byKey.get(key.toLowerCase());
    if (own?.length && rng.chance(0.85)) return rng.pick(own);
    if (this.all.length) return rng.pick(this.all);
    return undefined;
  }

  get size(): number {
    return this.all.length;
  }
}

const HAN =
  '的一是在不了有人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
const NAMES = ['王建国', '李秀英', '张伟', '沈阿婆', '居委社工', 'Anna Li', '欧阳·娜娜', '阿'];
const UNICODE_JUNK = [
  '\u0000',
  '\u200b\u200d\ufeff',
  '\u202eevil\u202c',
  '😀👨‍👩‍👧‍👦🏳️‍🌈',
  '\ud800',
  '\udfff\ud800',
  'Ω≈ç√∫˜µ≤≥÷',
  '𠜎𠜱𠝹𠱓',
  'ﷺ',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%s%s%n',
  '../../../etc/passwd',
  '\r\n\r\nX-Injected: 1',
  'null',
  'undefined',
  'NaN',
  '   ',
  '',
];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const CATEGORIES = ['daily', 'emotional', 'escort', 'culture', 'health', 'community', 'legal', 'other', 'x', 'shopping'];

const pad = (n: number) => String(n).padStart(2, '0');
const BASE_DAY = Date.UTC(2026, 0, 1);

/** Dates where calendar arithmetic breaks: a day after 9999-12-31 or before 0000-01-01 is no date at all. */
export const EXTREME_DATES = ['9999-12-31', '0000-01-01', '0001-01-01', '1899-12-31', '2100-12-31', '2101-01-01'] as const;

/** Is this property a calendar date (by its pattern, format or name)? */
export function isDateField(key: string, schema: JsonSchema): boolean {
  if (schema.type !== 'string') return false;
  return schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$' || schema.format === 'date' || (!schema.pattern && /^(date|from|to|day)$/.test(key));
}

export function randomDate(rng: Rng): string {
  // Edges of the calendar: far past and future years (9999-12-31 plus a day is no longer a date),
  // leap days, nonsense. Often, since a date is usually one field among several.
  const r = rng.next();
  if (r < 0.15) return rng.pick(EXTREME_DATES);
  if (r < 0.25) return rng.pick(['1990-01-01', '2099-12-31', '1970-01-01', '2026-02-29', '2024-02-29', '0000-00-00', '2026-13-01', '9999-99-99']);
  // Around "now" in either direction, so some dates fall in the policy's windows.
  const day = Date.now() + rng.int(-60, 60) * 86_400_000;
  return new Date(rng.chance(0.8) ? day : BASE_DAY + rng.int(-400, 800) * 86_400_000).toISOString().slice(0, 10);
}

const randomTime = (rng: Rng) => `${pad(rng.int(0, 23))}:${pad(rng.chance(0.5) ? rng.pick([0, 30]) : rng.int(0, 59))}`;
const randomPhone = (rng: Rng) =>
  rng.chance(0.5) ? `1380000${rng.pick(['01', '02', '03'])}${pad(rng.int(0, 19))}` : `1${rng.int(3, 9)}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;

export function randomText(rng: Rng, min = 0, max = 20): string {
  const length = rng.int(min, Math.max(min, Math.min(max, min + 40)));
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    s +=
      r < 0.6
        ? HAN[Math.floor(rng.next() * HAN.length)]
        : r < 0.95
          ? 'abcdefghijkLMNOPQ0123456789 '[rng.int(0, 27)]
          : rng.pick(['·', '，', '。', '-', '_', ':']);
  }
  return s;
}

const randomIdLike = (rng: Rng) =>
  rng.pick(['x', 'u_doesnotexist', 't_nope', 'a_0000000000000000', `r_${rng.int(0, 1e9)}`, 'c_xinyuanwan', 'pool', 'user:x', `${'a'.repeat(64)}`]);

/** A page cursor: one the server made (maybe for another list), or a well-formed one with odd contents. */
export function cursorFor(rng: Rng, ids: IdPool): string {
  if (ids.cursors.length && rng.chance(0.4)) return rng.pick(ids.cursors);
  const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const value = rng.pick<unknown>([
    1,
    -1,
    0,
    1e308,
    -1e308,
    true,
    false,
    null,
    '',
    '2026-12-01T00:00:00.000Z',
    '\u0000',
    'x'.repeat(300),
    '中文',
    {},
    [1],
    'zzzz',
  ]);
  const id = rng.pick<unknown>(['', 'x', 'u_x', 'zzzzzz', '\u0000', 'a'.repeat(300), 1, null]);
  return rng
    .pick([b64([value, id]), b64([value]), b64([value, id, 3]), b64({ value, id }), b64('not json'), b64(value), 'not-base64!!', '====', ''])
    .slice(0, 512);
}

function stringFor(rng: Rng, schema: JsonSchema, key: string, ids: IdPool): string {
  const { pattern, minLength = 0, maxLength = 40 } = schema;
  if (key === 'after' && rng.chance(0.8)) return cursorFor(rng, ids);
  if (pattern === '^[A-Za-z0-9_:-]+$') return (rng.chance(0.85) && ids.pick(rng, key)) || randomIdLike(rng);
  if (pattern === '^1[3-9]\\d{9}$' || (!pattern && /phone/i.test(key))) return randomPhone(rng);
  if (pattern?.startsWith('^[\\u4e00-\\u9fa5')) return rng.pick(NAMES);
  if (pattern === '^\\d{4}-\\d{2}-\\d{2}$' || schema.format === 'date' || (!pattern && /^(date|from|to|day)$/.test(key))) return randomDate(rng);
  if (schema.format === 'date-time' || /At$/.test(key)) return new Date(Date.now() + rng.int(-30, 30) * 3_600_000).toISOString();
  if (pattern === '^([01]\\d|2[0-3]):[0-5]\\d$') return randomTime(rng);
  if (pattern === '^[a-z][a-z0-9_]{0,31}$') return rng.pick(CATEGORIES);
  if (pattern?.startsWith('^user:')) return `user:${(ids.pick(rng, 'userId') ?? 'u_x').replace(/^user:/, '')}`;
  if (/category/i.test(key)) return rng.pick(CATEGORIES);
  if (/consentVersion/.test(key)) return rng.pick(['2026-11-01', '2020-01-01', 'v1']);
  if (/transferId/.test(key)) return (ids.pick(rng, 'transferId') ?? ids.pick(rng, 'id')) || 'grant:x:y';
  if (pattern) {
    const re = new RegExp(pattern);
    for (let i = 0; i < 20; i++) {
      const s = randomText(rng, minLength, maxLength);
      if (re.test(s)) return s;
    }
    return 'x'.repeat(Math.max(1, minLength));
  }
  return randomText(rng, minLength, Math.min(maxLength, minLength + 30));
}

function numberFor(rng: Rng, schema: JsonSchema, integer: boolean): number {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 1000);
  // Edges often: the bounds are where rules break.
  const r = rng.next();
  const value =
    r < 0.15 ? min : r < 0.3 ? max : r < 0.7 ? rng.int(Math.ceil(min), Math.min(Math.floor(max), Math.ceil(min) + 120)) : min + rng.next() * (max - min);
  return integer ? Math.round(value) : value;
}

/** A value that the schema (mostly) accepts; ids come from the pool so calls reach the services. */
export function generate(rng: Rng, schema: JsonSchema, ids: IdPool, key = '', depth = 0): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return rng.pick(schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return generate(rng, rng.pick(options), ids, key, depth);
  const type = Array.isArray(schema.type) ? rng.pick(schema.type) : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [k, sub] of Object.entries(schema.properties ?? {})) {
        if (required.has(k) || rng.chance(0.5)) out[k] = generate(rng, sub, ids, k, depth + 1);
      }
      if (!schema.properties && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        const count = rng.int(0, 3);
        for (let i = 0; i < count; i++) {
          const k = schema.propertyNames ? String(generate(rng, schema.propertyNames, ids, key, depth + 1)) : randomText(rng, 1, 8);
          out[k] = generate(rng, schema.additionalProperties, ids, k, depth + 1);
        }
      }
      return out;
    }
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? 5, min + 4);
      const singular = key.replace(/s$/, '');
      return Array.from({ length: rng.int(min, max) }, () => (schema.items ? generate(rng, schema.items, ids, singular, depth + 1) : null));
    }
    case 'string':
      return stringFor(rng, schema, key, ids);
    case 'integer':
      return numberFor(rng, schema, true);
    case 'number':
      return numberFor(rng, schema, false);
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    default:
      return junk(rng, 0);
  }
}

/** Something of the wrong shape: any JSON value, sometimes big or deep. */
export function junk(rng: Rng, depth: number): unknown {
  const r = rng.int(0, 17);
  switch (r) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, -0, 1.5, -1e9, 2 ** 31, 2 ** 53 + 1, -(2 ** 53) - 1, 1e308, -1e308, 5e-324, 90001, -90001, 1441]);
    case 3:
      return rng.pick(UNICODE_JUNK);
    case 4:
      // Long strings: most below the 1 MB body limit, a few above it.
      return 'x啊'.repeat(rng.pick([100, 1000, 30_000, rng.chance(0.05) ? 600_000 : 5000]));
    case 5:
      return [];
    case 6:
      return {};
    case 7:
      return depth < 3 ? [junk(rng, depth + 1), junk(rng, depth + 1)] : 'deep';
    case 8:
      return depth < 3 ? { a: junk(rng, depth + 1), [rng.pick(PROTO_KEYS)]: junk(rng, depth + 1) } : 'deep';
    case 9: {
      // A deeply nested array.
      let v: unknown = 'bottom';
      for (let i = 0; i < rng.pick([10, 100, 1000]); i++) v = [v];
      return v;
    }
    case 10:
      return withOwnKey({}, rng.pick(PROTO_KEYS), { isAdmin: true, roles: ['admin'], polluted: 'yes' });
    case 11:
      return randomText(rng, 0, 80);
    case 12:
      return rng.pick(['2026-02-30', '2026-1-1', '24:00', '23:60', '0', '-1', '1e3', 'true', '[]', '{}']);
    case 13:
      return Array.from({ length: rng.pick([50, 150, 1000]) }, (_, i) => `id${i}`);
    case 14:
      return rng.pick(['u_', 't_patrol', 'c_binjiang', 'pool', 'user:', 'al_', 'h_', 'a_']) + randomText(rng, 0, 6);
    case 15:
      return rng.int(-100_000, 100_000);
    case 16:
      return { $gt: '', $ne: null, $where: 'sleep(1)' };
    default:
      return rng.pick(UNICODE_JUNK) + randomText(rng, 1, 10);
  }
}

/** An own, enumerable property even for `__proto__`, so JSON.stringify writes it into the body. */
export function withOwnKey<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  return target;
}

type Container = Record<string, unknown> | unknown[];

/** Every object or array inside `value` (the places a mutation may hit). */
function containers(value: unknown, out: Container[] = []): Container[] {
  if (Array.isArray(value)) {
    out.push(value);
    for (const v of value) containers(v, out);
  } else if (value && typeof value === 'object') {
    out.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

/** Changes one spot of a valid value: wrong type, junk, a missing or an extra field, a prototype key. */
export function mutate(rng: Rng, value: unknown, schema: JsonSchema, ids: IdPool): unknown {
  const copy = value === undefined ? {} : (JSON.parse(JSON.stringify(value)) as unknown);
  const places = containers(copy);
  if (!places.length || rng.chance(0.05)) return junk(rng, 0);
  const place = rng.pick(places);
  const keys = Array.isArray(place) ? place.map((_, i) => String(i)) : Object.keys(place);
  const r = rng.int(0, 9);
  if (Array.isArray(place)) {
    if (r < 3 && place.length) place.splice(rng.int(0, place.length - 1), 1);
    else if (r < 7) place.push(junk(rng, 1));
    else if (place.length) place[rng.int(0, place.length - 1)] = junk(rng, 1);
    else place.push(generate(rng, schema.items ?? {}, ids));
    return copy;
  }
  if (r < 2 && keys.length) {
    delete place[rng.pick(keys)];
  } else if (r < 6 && keys.length) {
    const k = rng.pick(keys);
    place[k] = junk(rng, 1);
  } else if (r < 8) {
    withOwnKey(place, rng.chance(0.5) ? rng.pick(PROTO_KEYS) : rng.pick(['extra', 'userId', 'roles', 'openid', 'admin', 'isAdmin', '_id']), junk(rng, 1));
  } else if (keys.length) {
    // A valid value of another field in this spot, or the same field's value as a string/number.
    const k = rng.pick(keys);
    const v = place[k];
    place[k] = typeof v === 'number' ? String(v) : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'boolean' ? String(v) : [v];
  } else {
    place[randomText(rng, 1, 6)] = junk(rng, 1);
  }
  return copy;
}
