/**
 * CloudBase adapter of the Store port, on the wx-server-sdk database API (`cloud.database()`).
 *
 * - Reads outside transactions are queries with an explicit limit (never above 100, the cloud
 *   function read cap) and a cursor: sort field + `_id` tiebreak, as in the SQLite adapter.
 * - Transactions run through `db.runTransaction` and only address documents by id. Their body is
 *   retried on conflict (bounded, jittered exponential backoff), then BUSY. The SDK's own retry is
 *   switched off (retryTimes 0): it retries commit conflicts only, immediately, uncounted.
 * - Documents are JSON-normalised before they are written, like the SQLite adapter's JSON column,
 *   so both adapters return the same `{ _id, ...fields }`.
 * - `update` reads the document and `set`s the shallow-merged result: CloudBase's own `update`
 *   merges nested objects deeply (it flattens them into dotted `$set` paths).
 *
 * Tested against an in-memory stand-in (test/support/cloudbase-standin) that runs the real
 * wx-server-sdk and @cloudbase/database code over an in-memory request layer; it has not run
 * against a live CloudBase environment.
 *
 * No import of wx-server-sdk here: the database is typed structurally below.
 */
import { AppError, isAppError } from '../../errors';
import { COLLECTIONS, COLLECTION_NAMES, isAppendOnly, refuseRewrite, type CollectionName } from '../schema';
import { FIELD_NAME, MAX_PAGE, decodeCursor, encodeCursor, type Doc, type FieldFilter, type Page, type Query, type Scalar, type Store, type Tx } from '../port';

// ---- the subset of the wx-server-sdk database API this adapter uses ----------------------------

/** A query condition built by `db.command` (opaque to us). */
export type CloudbaseCondition = object;
export type CloudbaseWhere = Record<string, unknown> | CloudbaseCondition;

export interface CloudbaseCommand {
  eq(value: unknown): CloudbaseCondition;
  neq(value: unknown): CloudbaseCondition;
  gt(value: unknown): CloudbaseCondition;
  gte(value: unknown): CloudbaseCondition;
  lt(value: unknown): CloudbaseCondition;
  lte(value: unknown): CloudbaseCondition;
  in(values: unknown[]): CloudbaseCondition;
  and(conditions: CloudbaseWhere[]): CloudbaseCondition;
  or(conditions: CloudbaseWhere[]): CloudbaseCondition;
}

export interface CloudbaseQuery {
  /** Replaces any previous where() of the chain: pass the whole condition at once. */
  where(condition: CloudbaseWhere): CloudbaseQuery;
  orderBy(field: string, direction: 'asc' | 'desc'): CloudbaseQuery;
  limit(n: number): CloudbaseQuery;
  get(): Promise<{ data: Array<Record<string, unknown>> }>;
  count(): Promise<{ total: number }>;
}

export interface CloudbaseDocumentRef {
  /** Rejects when the document does not exist, unless the database was made with throwOnNotFound: false. */
  get(): Promise<{ data: Record<string, unknown> | null }>;
  /** `data` must not be empty and must not contain `_id`. */
  set(options: { data: Record<string, unknown> }): Promise<unknown>;
  update(options: { data: Record<string, unknown> }): Promise<unknown>;
  remove(): Promise<unknown>;
}

export interface CloudbaseTransactionCollection {
  doc(id: string): CloudbaseDocumentRef;
  add(options: { data: Record<string, unknown> }): Promise<unknown>;
}

export interface CloudbaseCollection extends CloudbaseQuery {
  doc(id: string): CloudbaseDocumentRef;
}

export interface CloudbaseTransaction {
  collection(name: string): CloudbaseTransactionCollection;
}

export interface CloudbaseDatabase {
  readonly command: CloudbaseCommand;
  collection(name: string): CloudbaseCollection;
  /** Fails when the collection exists (DATABASE_COLLECTION_ALREADY_EXIST). */
  createCollection(name: string): Promise<unknown>;
  runTransaction<R>(body: (transaction: CloudbaseTransaction) => Promise<R>, retryTimes?: number): Promise<R>;
}

export interface CloudbaseStoreOptions {
  /**
   * Retries of a transaction body after a conflict before giving up with BUSY. Default 8: with the
   * default backoff, the worst case stays around 2 s of sleeping, inside the 3 s function timeout.
   */
  maxRetries?: number;
  /**
   * Base of the exponential backoff between retries, in ms (full jitter). The slot grows to the
   * duration of the failed attempt when that is longer, so the backoff scales with the latency of
   * the database. Default 10.
   */
  backoffMs?: number;
  /** Upper bound of one backoff sleep, in ms. Default 250. */
  maxBackoffMs?: number;
  /** Observes each retry (metrics, tests). */
  onRetry?: (attempt: number, error: unknown) => void;
  /** Source of jitter; Math.random by default. */
  random?: () => number;
}

// ---- helpers ----------------------------------------------------------------------------------

type Fields = Record<string, unknown>;

const READ_CAP = MAX_PAGE;

function checkCollection(name: CollectionName): string {
  if (!(name in COLLECTIONS)) throw new AppError('INTERNAL', `unknown collection ${name}`);
  return name;
}

function checkField(field: string): string {
  if (!FIELD_NAME.test(field)) throw new AppError('INTERNAL', `bad field name ${field}`);
  return field;
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (!e || typeof e !== 'object') return String(e);
  const { errMsg, message } = e as { errMsg?: unknown; message?: unknown };
  return `${typeof errMsg === 'string' ? errMsg : ''} ${typeof message === 'string' ? message : ''}`;
}

function errorCode(e: unknown): unknown {
  return e && typeof e === 'object' ? ((e as { code?: unknown; errCode?: unknown }).code ?? (e as { errCode?: unknown }).errCode) : undefined;
}

/*
 * How failures reach this adapter. node-sdk's request layer throws a TcbError `{ code, message }`
 * (code a string such as DATABASE_TRANSACTION_CONFLICT, message "[ResourceUnavailable.
 * TransactionConflict] ..."). wx-server-sdk's document and transaction calls rewrap it
 * (maybeTransformError + toSDKError in wx-server-sdk 4.0.2): errCode becomes the number of
 * TCB_ERR_CODE[code], or -501001 (SYS_ERR) for codes it does not list — conflicts and expired
 * transactions among them — and the message becomes "<api>:fail <errCode> <text>. <original message>".
 * So a conflict is recognised by its text whichever layer threw it, and a missing collection by its
 * code (DATABASE_COLLECTION_NOT_EXIST, -502005) or its text.
 */

/** A write conflict between transactions: retry the body. */
export function isConflictError(e: unknown): boolean {
  if (isAppError(e)) return false;
  if (errorCode(e) === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /DATABASE_TRANSACTION_CONFLICT|TransactionConflict|transaction conflict|WriteConflict/i.test(errorText(e));
}

/**
 * The transaction is gone on the server: it lived past CloudBase's transaction lifetime (30 s) or was
 * aborted. Nothing of it was committed, so the body can run again in a new transaction. Its text also
 * says "does not exist", which must never be read as a missing document.
 */
export function isTransactionGoneError(e: unknown): boolean {
  if (isAppError(e)) return false;
  return /TransactionNotExist|Transaction does not exist|DATABASE_TRANSACTION_FAIL/i.test(`${String(errorCode(e) ?? '')} ${errorText(e)}`);
}

/** A collection that setup has not created yet (DATABASE_COLLECTION_NOT_EXIST, -502005). */
export function isMissingCollectionError(e: unknown): boolean {
  if (isAppError(e)) return false;
  const code = errorCode(e);
  if (code === 'DATABASE_COLLECTION_NOT_EXIST' || code === -502005) return true;
  return /DATABASE_COLLECTION_NOT_EXIST|-502005|Db or Table not exist|collection not exist/i.test(errorText(e));
}

/** Anything worth running the body again for. */
function isRetryable(e: unknown): boolean {
  return isConflictError(e) || isTransactionGoneError(e);
}

/**
 * wx-server-sdk rejects doc().get() of a missing document with the string
 * "document with _id <id> does not exist" (wrapped as "document.get:fail ..."): that exact text only.
 */
function isNotFoundError(e: unknown): boolean {
  return !isRetryable(e) && /document with _id .* does not exist/i.test(errorText(e));
}

function isDuplicateKeyError(e: unknown): boolean {
  return /E11000|duplicate key/i.test(errorText(e));
}

/** A missing collection means the environment was never set up: say so instead of INTERNAL. */
function notSetUp(e: unknown): never {
  throw new AppError('NOT_SET_UP', undefined, { cause: errorText(e).trim().slice(0, 200) });
}

/** Runs a database call, turning a missing collection into NOT_SET_UP. */
async function guarded<V>(op: () => Promise<V>): Promise<V> {
  try {
    return await op();
  } catch (e) {
    if (isMissingCollectionError(e)) notSetUp(e);
    throw e;
  }
}

/** The stored fields of a document, as the SQLite adapter's JSON column would keep them. */
function fieldsOf(doc: Fields): Fields {
  const { _id, ...rest } = doc;
  void _id;
  return JSON.parse(JSON.stringify(rest)) as Fields;
}

function toDoc<T extends Doc>(raw: Fields): T {
  const { _id, ...rest } = raw;
  return { _id: String(_id), ...rest } as unknown as T;
}

function isEmpty(o: object): boolean {
  return Object.keys(o).length === 0;
}

/** A condition that no document satisfies. */
function nothing(_: CloudbaseCommand): CloudbaseCondition {
  return _.in([]);
}

/**
 * Port filter -> CloudBase condition, matching the SQLite adapter's semantics:
 * `null` matches null or missing; `in` never matches null (SQL `IN (NULL)`); a range bound of
 * null matches nothing (SQL comparison with NULL).
 */
function buildWhere(_: CloudbaseCommand, where: Record<string, FieldFilter> | undefined): CloudbaseWhere[] {
  const clauses: CloudbaseWhere[] = [];
  for (const [rawField, filter] of Object.entries(where ?? {})) {
    const field = checkField(rawField);
    if (filter === null || typeof filter !== 'object') {
      clauses.push({ [field]: filter });
    } else if ('in' in filter) {
      const values = filter.in.filter((v) => v !== null);
      clauses.push({ [field]: _.in(values) });
    } else {
      const bounds: Array<[Scalar | undefined, (v: unknown) => CloudbaseCondition]> = [
        [filter.gt, (v) => _.gt(v)],
        [filter.gte, (v) => _.gte(v)],
        [filter.lt, (v) => _.lt(v)],
        [filter.lte, (v) => _.lte(v)],
      ];
      for (const [value, op] of bounds) {
        if (value === undefined) continue;
        clauses.push({ [field]: value === null ? nothing(_) : op(value) });
      }
    }
  }
  return clauses;
}

/** Documents strictly beyond (value, id) in the sort order; null sorts first, as in MongoDB. */
function beyondCursor(_: CloudbaseCommand, field: string, desc: boolean, value: Scalar, id: string): CloudbaseWhere {
  const idBeyond = desc ? _.lt(id) : _.gt(id);
  if (field === '_id') return { _id: idBeyond };
  if (value === null) {
    // Ascending: every non-null value lies beyond; descending: nothing lies beyond null.
    return desc ? { [field]: null, _id: idBeyond } : _.or([{ [field]: _.neq(null) }, { [field]: null, _id: idBeyond }]);
  }
  const tie = { [field]: _.eq(value), _id: idBeyond };
  // Descending, null and missing values sort last: all of them lie beyond a non-null value.
  return desc ? _.or([{ [field]: _.lt(value) }, { [field]: null }, tie]) : _.or([{ [field]: _.gt(value) }, tie]);
}

function combine(_: CloudbaseCommand, clauses: CloudbaseWhere[]): CloudbaseWhere | null {
  if (clauses.length === 0) return null;
  if (clauses.length === 1) return clauses[0] as CloudbaseWhere;
  return _.and(clauses);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---- the adapter ------------------------------------------------------------------------------

class CloudbaseStore implements Store {
  readonly kind = 'cloudbase' as const;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly random: () => number;
  private closed = false;

  constructor(
    private readonly db: CloudbaseDatabase,
    private readonly options: CloudbaseStoreOptions,
  ) {
    this.maxRetries = options.maxRetries ?? 8;
    this.backoffMs = options.backoffMs ?? 10;
    this.maxBackoffMs = options.maxBackoffMs ?? 250;
    this.random = options.random ?? Math.random;
  }

  private get _(): CloudbaseCommand {
    return this.db.command;
  }

  private query(collection: CollectionName, where: CloudbaseWhere | null): CloudbaseQuery {
    const coll = this.db.collection(checkCollection(collection));
    return where ? coll.where(where) : coll;
  }

  async get<T extends Doc = Doc>(collection: CollectionName, id: string): Promise<T | null> {
    const res = await guarded(() => this.query(collection, { _id: id }).limit(1).get());
    const raw = res.data[0];
    return raw ? toDoc<T>(raw) : null;
  }

  async find<T extends Doc = Doc>(collection: CollectionName, query: Query): Promise<Page<T>> {
    const limit = query.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new AppError('INTERNAL', `query limit must be 1..${MAX_PAGE}`);
    }
    const _ = this._;
    const field = checkField(query.orderBy?.field ?? '_id');
    const desc = query.orderBy?.direction === 'desc';
    const base = buildWhere(_, query.where);
    let cursor: { value: Scalar; id: string } | null = null;
    if (query.after) {
      cursor = decodeCursor(query.after);
      if (!cursor) throw new AppError('VALIDATION', '翻页位置无效，请从第一页重新开始');
    }
    const read = async (after: { value: Scalar; id: string } | null, n: number) => {
      const clauses = after ? [...base, beyondCursor(_, field, desc, field === '_id' ? null : after.value, after.id)] : base;
      let q = this.query(collection, combine(_, clauses)).orderBy(field, desc ? 'desc' : 'asc');
      if (field !== '_id') q = q.orderBy('_id', desc ? 'desc' : 'asc');
      const res = await guarded(() => q.limit(n).get());
      return res.data.map((raw) => toDoc<T>(raw));
    };
    const cursorOf = (doc: T) => ({ value: field === '_id' ? null : (((doc as unknown as Fields)[field] ?? null) as Scalar), id: doc._id });

    // One more than asked tells whether a next page exists; at the read cap, ask separately.
    const rows = await read(cursor, Math.min(limit + 1, READ_CAP));
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    let more = rows.length > limit;
    if (!more && last && rows.length === limit && limit === READ_CAP) {
      more = (await read(cursorOf(last), 1)).length > 0;
    }
    const next = more && last ? encodeCursor(cursorOf(last).value, last._id) : null;
    return { items, next };
  }

  async count(collection: CollectionName, where?: Record<string, FieldFilter>): Promise<number> {
    const res = await guarded(() => this.query(collection, combine(this._, buildWhere(this._, where))).count());
    return res.total;
  }

  async transaction<R>(body: (tx: Tx) => Promise<R>): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new AppError('BUSY', '服务正在关闭，请稍后再试');
      const state = { conflicted: false };
      const started = Date.now();
      try {
        return await this.db.runTransaction((t) => body(this.makeTx(t, state)), 0);
      } catch (e) {
        // A conflict seen by any operation taints the attempt, whatever the body made of it.
        if (isMissingCollectionError(e)) notSetUp(e);
        const retryable = state.conflicted || isRetryable(e);
        if (!retryable) throw e;
        if (attempt >= this.maxRetries) throw new AppError('BUSY', undefined, { attempts: attempt + 1 });
        this.options.onRetry?.(attempt + 1, e);
        const slot = Math.max(this.backoffMs, Date.now() - started) * 2 ** attempt;
        await sleep(this.random() * Math.min(slot, this.maxBackoffMs));
      }
    }
  }

  private makeTx(t: CloudbaseTransaction, state: { conflicted: boolean }): Tx {
    const watch = async <V>(op: () => Promise<V>): Promise<V> => {
      try {
        return await op();
      } catch (e) {
        if (isRetryable(e)) state.conflicted = true;
        throw e;
      }
    };
    const ref = (collection: CollectionName, id: string) => t.collection(checkCollection(collection)).doc(id);
    const read = (collection: CollectionName, id: string): Promise<Fields | null> =>
      watch(async () => {
        try {
          const res = await ref(collection, id).get();
          return res.data ?? null;
        } catch (e) {
          if (isNotFoundError(e)) return null;
          throw e;
        }
      });
    const insert = (collection: CollectionName, id: string, fields: Fields) =>
      watch(() => t.collection(checkCollection(collection)).add({ data: { ...fields, _id: id } }));
    const replace = async (collection: CollectionName, id: string, fields: Fields, exists?: boolean) => {
      if (!isEmpty(fields)) {
        await watch(() => ref(collection, id).set({ data: fields }));
        return;
      }
      // set() refuses empty data: a document with no field but _id is removed and re-added.
      const present = exists ?? (await read(collection, id)) !== null;
      if (present) await watch(() => ref(collection, id).remove());
      await insert(collection, id, fields);
    };

    return {
      get: async <T extends Doc = Doc>(collection: CollectionName, id: string) => {
        const raw = await read(collection, id);
        return raw ? toDoc<T>({ ...raw, _id: id }) : null;
      },
      create: async (collection, doc) => {
        if ((await read(collection, doc._id)) !== null) {
          throw new AppError('CONFLICT', undefined, { collection, id: doc._id });
        }
        try {
          await insert(collection, doc._id, fieldsOf(doc as unknown as Fields));
        } catch (e) {
          // The read above found nothing, yet the id exists: another transaction created it after
          // this one's snapshot. Run the body again; it will then see the document.
          if (isDuplicateKeyError(e)) state.conflicted = true;
          throw e;
        }
      },
      set: async (collection, doc) => {
        if (isAppendOnly(collection) && (await read(collection, doc._id)) !== null) refuseRewrite(collection, 'set', doc._id);
        await replace(collection, doc._id, fieldsOf(doc as unknown as Fields));
      },
      update: async (collection, id, patch) => {
        if (isAppendOnly(collection)) refuseRewrite(collection, 'update', id);
        const current = await read(collection, id);
        if (!current) throw new AppError('NOT_FOUND', undefined, { collection, id });
        await replace(collection, id, fieldsOf({ ...current, ...patch }), true);
      },
      remove: async (collection, id) => {
        if (isAppendOnly(collection)) refuseRewrite(collection, 'remove', id);
        await watch(() => ref(collection, id).remove());
      },
    };
  }

  /** One cheap read per collection tells which exist; only the missing ones are created. */
  async ensureCollections(): Promise<CollectionName[]> {
    const created: CollectionName[] = [];
    for (const name of COLLECTION_NAMES) {
      try {
        await this.db.collection(name).limit(1).get();
        continue;
      } catch (e) {
        if (!isMissingCollectionError(e)) throw e;
      }
      try {
        await this.db.createCollection(name);
        created.push(name);
      } catch (e) {
        // Another setup run created it in between: what was wanted is there.
        if (!/ALREADY_EXIST|ResourceInUse|already exist|Table exist/i.test(errorText(e))) throw e;
      }
    }
    return created;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function createCloudbaseStore(db: CloudbaseDatabase, options: CloudbaseStoreOptions = {}): Store {
  return new CloudbaseStore(db, options);
}
