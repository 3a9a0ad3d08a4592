/**
 * SQLite adapter of the Store port (better-sqlite3, WAL).
 *
 * Each collection is a table (id TEXT PRIMARY KEY, doc JSON) with expression indexes on the
 * fields its queries use. Two connections: a writer that runs transactions one at a time
 * (BEGIN IMMEDIATE, so several processes on the same file serialise on SQLite's write lock)
 * and a reader that only ever sees committed data. Transactions waiting in one process share a
 * commit (group commit): a body that throws rolls back alone (runBatch says how), and all are
 * answered after the COMMIT.
 */
import Database from 'better-sqlite3';
import { AppError } from '../../errors';
import { COLLECTIONS, COLLECTION_NAMES, isAppendOnly, refuseRewrite, type CollectionName } from '../schema';
import {
  FIELD_NAME,
  MAX_PAGE,
  decodeCursor,
  encodeCursor,
  type Doc,
  type FieldFilter,
  type Page,
  type Query,
  type Scalar,
  type Snapshot,
  type Store,
  type Tx,
} from '../port';
import { Checkpointer, type CheckpointerOptions } from './checkpointer';
import { enterWal, migrate } from './migrations';

type Db = Database.Database;

interface SqliteOptions {
  /** Milliseconds a writer waits for another process's lock before giving up with BUSY. */
  busyTimeoutMs?: number;
  /** When the WAL checkpoints move to a worker thread (checkpointer.ts). */
  checkpoints?: CheckpointerOptions;
  /** Size the WAL file is cut back to each time it starts over (SQLite otherwise keeps its largest size). */
  walSizeLimitBytes?: number;
}

const fieldExpr = (field: string): string => {
  if (field === '_id') return 'id';
  if (!FIELD_NAME.test(field)) throw new AppError('INTERNAL', `bad field name ${field}`);
  return `json_extract(doc, '$.${field}')`;
};

/** better-sqlite3 binds no booleans; JSON true/false extract as 1/0. */
const bindable = (v: Scalar): string | number | null => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

function whereClause(where: Record<string, FieldFilter> | undefined, params: unknown[]): string[] {
  const parts: string[] = [];
  for (const [field, filter] of Object.entries(where ?? {})) {
    const expr = fieldExpr(field);
    if (filter === null) {
      parts.push(`${expr} IS NULL`);
    } else if (typeof filter !== 'object') {
      parts.push(`${expr} = ?`);
      params.push(bindable(filter));
    } else if ('in' in filter) {
      if (filter.in.length === 0) {
        parts.push('0');
      } else {
        parts.push(`${expr} IN (${filter.in.map(() => '?').join(',')})`);
        params.push(...filter.in.map(bindable));
      }
    } else {
      const ops: Array<[keyof typeof filter, string]> = [
        ['gt', '>'],
        ['gte', '>='],
        ['lt', '<'],
        ['lte', '<='],
      ];
      for (const [key, op] of ops) {
        const value = filter[key];
        if (value !== undefined) {
          parts.push(`${expr} ${op} ?`);
          params.push(bindable(value as Scalar));
        }
      }
    }
  }
  return parts;
}

/** The filter without its lower (ascending) or upper (descending) bound on the sort field. */
function withoutBoundBehind(where: Record<string, FieldFilter> | undefined, field: string, desc: boolean): { parts: string[]; params: unknown[] } {
  const params: unknown[] = [];
  const filter = where?.[field];
  if (!where || filter === null || typeof filter !== 'object' || 'in' in filter) return { parts: whereClause(where, params), params };
  const { gt, gte, lt, lte } = filter;
  const kept = desc ? { gt, gte } : { lt, lte };
  const rest = Object.fromEntries(Object.entries(kept).filter(([, v]) => v !== undefined));
  const trimmed: Record<string, FieldFilter> = { ...where };
  if (Object.keys(rest).length) trimmed[field] = rest;
  else delete trimmed[field];
  return { parts: whereClause(trimmed, params), params };
}

function rowToDoc<T extends Doc>(row: { id: string; doc: string }): T {
  return { _id: row.id, ...JSON.parse(row.doc) } as T;
}

function docJson(doc: Doc): string {
  const { _id, ...rest } = doc;
  void _id;
  return JSON.stringify(rest);
}

function quoteTable(name: CollectionName): string {
  if (!(name in COLLECTIONS)) throw new AppError('INTERNAL', `unknown collection ${name}`);
  return `"${name}"`;
}

/** A transaction waiting for its batch. */
interface PendingTransaction {
  body: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Most transactions in one commit: bounds how long the first of a batch waits for the last. */
const MAX_BATCH = 64;

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly writer: Db;
  private readonly reader: Db;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readStatements = new Map<string, Database.Statement>();
  /**
   * Group commit: the transactions waiting in this process run one after another on the writer
   * connection inside one BEGIN IMMEDIATE … COMMIT (a body that throws rolls back alone: see
   * runBatch), and are answered only once the whole batch has committed.
   */
  private pending: Array<PendingTransaction> = [];
  private draining: Promise<void> | null = null;
  private closed = false;
  private readonly checkpointer: Checkpointer;
  /** Batches committed and the transactions in them, for benches and tests. */
  readonly commits = { batches: 0, transactions: 0, reruns: 0 };

  constructor(
    readonly file: string,
    options: SqliteOptions = {},
  ) {
    const busy = options.busyTimeoutMs ?? 10_000;
    if (file === ':memory:') throw new AppError('INTERNAL', 'use a file: the reader connection needs WAL on disk');
    this.writer = new Database(file, { timeout: busy });
    enterWal(this.writer);
    this.writer.pragma('synchronous = NORMAL');
    this.writer.pragma('foreign_keys = ON');
    this.writer.pragma('temp_store = MEMORY');
    this.writer.pragma(`journal_size_limit = ${Math.max(0, Math.floor(options.walSizeLimitBytes ?? 16 * 1024 * 1024))}`);
    migrate(this.writer);
    this.reader = new Database(file, { timeout: busy, readonly: true });
    this.checkpointer = new Checkpointer(file, this.writer, options.checkpoints);
  }

  private prepare(db: Db, cache: Map<string, Database.Statement>, sql: string): Database.Statement {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  private w(sql: string) {
    return this.prepare(this.writer, this.statements, sql);
  }

  private r(sql: string) {
    return this.prepare(this.reader, this.readStatements, sql);
  }

  async get<T extends Doc = Doc>(collection: CollectionName, id: string): Promise<T | null> {
    // Between batches the writer sees exactly the committed data, and its page cache survives its
    // own commits, where every commit empties the reader's (measured: the caller's identity, user
    // and idempotency record read on the reader cost a gift more than its writes). During a batch
    // it would see uncommitted writes, so the reader serves.
    const sql = `SELECT id, doc FROM ${quoteTable(collection)} WHERE id = ?`;
    const stmt = this.writer.inTransaction ? this.r(sql) : this.w(sql);
    const row = stmt.get(id) as { id: string; doc: string } | undefined;
    return row ? rowToDoc<T>(row) : null;
  }

  async find<T extends Doc = Doc>(collection: CollectionName, query: Query): Promise<Page<T>> {
    const limit = query.limit;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new AppError('INTERNAL', `query limit must be 1..${MAX_PAGE}`);
    }
    const baseParams: unknown[] = [];
    const baseParts = whereClause(query.where, baseParams);
    const field = query.orderBy?.field ?? '_id';
    const desc = query.orderBy?.direction === 'desc';
    const expr = fieldExpr(field);
    // A page after a cursor is read in segments, each a plain index range: NULL sorts first
    // ascending and last descending (as on CloudBase), and row values never compare with NULL,
    // so the null band is its own segment. The redundant `expr >= value` bound lets SQLite
    // seek in the index instead of scanning up to the cursor.
    const segments: Array<{ parts: string[]; params: unknown[]; base?: { parts: string[]; params: unknown[] } }> = [];
    if (!query.after) {
      segments.push({ parts: [], params: [] });
    } else {
      const cursor = decodeCursor(query.after);
      if (!cursor) throw new AppError('VALIDATION', '翻页位置无效，请从第一页重新开始');
      if (field === '_id') {
        segments.push({ parts: [`id ${desc ? '<' : '>'} ?`], params: [cursor.id] });
      } else if (cursor.value === null) {
        segments.push({ parts: [`${expr} IS NULL`, `id ${desc ? '<' : '>'} ?`], params: [cursor.id] });
        if (!desc) segments.push({ parts: [`${expr} IS NOT NULL`], params: [] });
      } else {
        const value = bindable(cursor.value);
        segments.push({
          parts: [`${expr} ${desc ? '<=' : '>='} ?`, `(${expr}, id) ${desc ? '<' : '>'} (?, ?)`],
          params: [value, value, cursor.id],
          // The cursor's row passed the filter, so the filter's own bound on the sort field on the
          // cursor's side is implied by the cursor bound. Left in, SQLite may seek from it (the start
          // of the period) instead of from the cursor, and every page would rescan what came before.
          base: withoutBoundBehind(query.where, field, desc),
        });
        if (desc) segments.push({ parts: [`${expr} IS NULL`], params: [] });
      }
    }
    const dir = desc ? 'DESC' : 'ASC';
    const order = field === '_id' ? `id ${dir}` : `${expr} ${dir}, id ${dir}`;
    const rows: Array<{ id: string; doc: string }> = [];
    for (const segment of segments) {
      const base = segment.base ?? { parts: baseParts, params: baseParams };
      const parts = [...base.parts, ...segment.parts];
      const sql = `SELECT id, doc FROM ${quoteTable(collection)}` + (parts.length ? ` WHERE ${parts.join(' AND ')}` : '') + ` ORDER BY ${order} LIMIT ?`;
      rows.push(...(this.r(sql).all(...base.params, ...segment.params, limit + 1 - rows.length) as typeof rows));
      if (rows.length > limit) break;
    }
    const items = rows.slice(0, limit).map((row) => rowToDoc<T>(row));
    const last = items[items.length - 1];
    const next = rows.length > limit && last ? encodeCursor(field === '_id' ? null : (last as unknown as Record<string, unknown>)[field], last._id) : null;
    return { items, next };
  }

  async count(collection: CollectionName, where?: Record<string, FieldFilter>): Promise<number> {
    const params: unknown[] = [];
    const parts = whereClause(where, params);
    const sql = `SELECT count(*) AS n FROM ${quoteTable(collection)}` + (parts.length ? ` WHERE ${parts.join(' AND ')}` : '');
    return (this.r(sql).get(...params) as { n: number }).n;
  }

  transaction<R>(body: (tx: Tx) => Promise<R>): Promise<R> {
    if (this.closed) return Promise.reject(new AppError('BUSY', '服务正在关闭，请稍后再试'));
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      // Started on the next microtask, so the calls made in the same turn share the first batch.
      this.draining ??= Promise.resolve().then(() => this.drain());
    });
  }

  /** Runs batches until nothing waits. Transactions that arrive while a batch runs form the next one. */
  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        await this.runBatch(batch);
      }
    } finally {
      this.draining = null;
    }
  }

  /**
   * A batch's bodies run without savepoints while the previous batch had no body that threw: a
   * savepoint makes SQLite keep a copy of every page its body changes. When one throws, the whole
   * transaction is rolled back and the batch runs again, each body in its own savepoint (bodies may
   * run more than once: the Store port says so, and CloudBase retries them too). The batches after
   * one that threw use savepoints until one has no refusal, so a crowd of refusals costs no reruns.
   */
  private savepointsFirst = false;

  private async runBatch(batch: PendingTransaction[]): Promise<void> {
    const mode = batch.length === 1 ? 'lone' : this.savepointsFirst ? 'savepoints' : 'optimistic';
    const outcomes = await this.runBodies(batch, mode);
    if (outcomes === 'rerun') {
      this.savepointsFirst = true;
      this.commits.reruns += 1;
      const again = await this.runBodies(batch, 'savepoints');
      if (again && again !== 'rerun') this.commitBatch(batch, again);
      return;
    }
    if (outcomes && mode === 'savepoints' && outcomes.every((o) => o.ok)) this.savepointsFirst = false;
    if (outcomes) this.commitBatch(batch, outcomes);
  }

  /**
   * Runs the bodies inside one BEGIN IMMEDIATE and returns their outcomes, the transaction still
   * open; or null once every caller has been answered (nothing to commit); or 'rerun' when a body
   * threw in the optimistic mode (the transaction is rolled back, nobody answered yet).
   */
  private async runBodies(batch: PendingTransaction[], mode: 'lone' | 'optimistic' | 'savepoints'): Promise<Outcome[] | null | 'rerun'> {
    try {
      this.writer.exec('BEGIN IMMEDIATE');
    } catch (e) {
      const error = (e as { code?: string }).code === 'SQLITE_BUSY' ? new AppError('BUSY') : e;
      for (const t of batch) t.reject(error);
      return null;
    }
    const outcomes: Outcome[] = [];
    const tx = this.makeTx();
    const savepoints = mode === 'savepoints';
    for (let i = 0; i < batch.length; i += 1) {
      const t = batch[i]!;
      if (savepoints) this.w('SAVEPOINT tx').run();
      try {
        const value = await t.body(tx);
        if (savepoints) this.w('RELEASE tx').run();
        outcomes.push({ ok: true, value });
      } catch (error) {
        if (mode !== 'savepoints') {
          if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
          if (mode === 'optimistic') return 'rerun';
          t.reject(error);
          return null;
        }
        if (!this.writer.inTransaction) {
          // SQLite rolled the whole transaction back itself (a few errors do): the bodies before
          // this one were lost with it. They fail; the ones not yet run go first in the next batch.
          batch.slice(0, i + 1).forEach((done, j) => done.reject(j === i ? error : new AppError('BUSY')));
          this.pending.unshift(...batch.slice(i + 1));
          return null;
        }
        // Only this body's writes go; the batch's others stay.
        this.w('ROLLBACK TO tx').run();
        this.w('RELEASE tx').run();
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  /** Commits the open transaction, then answers every caller of the batch. */
  private commitBatch(batch: PendingTransaction[], outcomes: Outcome[]): void {
    try {
      this.writer.exec('COMMIT');
    } catch (e) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      // Nothing of the batch was written: every caller hears so, including those whose body worked.
      const error = (e as { code?: string }).code === 'SQLITE_BUSY' ? new AppError('BUSY') : e;
      for (const t of batch) t.reject(error);
      return;
    }
    this.commits.batches += 1;
    this.commits.transactions += batch.length;
    this.checkpointer.committed();
    batch.forEach((t, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) t.resolve(outcome.value);
      else t.reject(outcome.error);
    });
  }

  private makeTx(): Tx {
    const getRow = (collection: CollectionName, id: string) =>
      this.w(`SELECT id, doc FROM ${quoteTable(collection)} WHERE id = ?`).get(id) as { id: string; doc: string } | undefined;
    return {
      get: async <T extends Doc = Doc>(collection: CollectionName, id: string) => {
        const row = getRow(collection, id);
        return row ? rowToDoc<T>(row) : null;
      },
      create: async (collection, doc) => {
        const info = this.w(`INSERT OR IGNORE INTO ${quoteTable(collection)} (id, doc) VALUES (?, ?)`).run(doc._id, docJson(doc));
        if (info.changes === 0) throw new AppError('CONFLICT', undefined, { collection, id: doc._id });
      },
      set: async (collection, doc) => {
        if (isAppendOnly(collection) && getRow(collection, doc._id)) refuseRewrite(collection, 'set', doc._id);
        this.w(`INSERT INTO ${quoteTable(collection)} (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`).run(doc._id, docJson(doc));
      },
      update: async (collection, id, patch) => {
        if (isAppendOnly(collection)) refuseRewrite(collection, 'update', id);
        const row = getRow(collection, id);
        if (!row) throw new AppError('NOT_FOUND', undefined, { collection, id });
        const merged = { ...JSON.parse(row.doc), ...patch };
        delete merged._id;
        this.w(`UPDATE ${quoteTable(collection)} SET doc = ? WHERE id = ?`).run(JSON.stringify(merged), id);
      },
      remove: async (collection, id) => {
        if (isAppendOnly(collection)) refuseRewrite(collection, 'remove', id);
        this.w(`DELETE FROM ${quoteTable(collection)} WHERE id = ?`).run(id);
      },
    };
  }

  /** A consistent snapshot of the file through its own read-only connection (so writers go on meanwhile). */
  snapshot(): Snapshot {
    const db = new Database(this.file, { readonly: true, fileMustExist: true });
    db.exec('BEGIN');
    return {
      scan: <T extends Doc>(collection: CollectionName) =>
        (async function* () {
          const stmt = db.prepare(`SELECT id, doc FROM ${quoteTable(collection)} ORDER BY id`);
          for (const row of stmt.iterate() as IterableIterator<{ id: string; doc: string }>) {
            yield { _id: row.id, ...JSON.parse(row.doc) } as T;
          }
        })(),
      close() {
        db.exec('COMMIT');
        db.close();
      },
    };
  }

  /** Where the WAL checkpoints run (checkpointer.ts). */
  get checkpoints(): { inWorker: number; restarts: number; writerCheckpoints: boolean } {
    return this.checkpointer.stats;
  }

  /** For tools (verify, bench) that need plain SQL over the same file. */
  get rawReader(): Db {
    return this.reader;
  }

  /** Tables are created by the migrations when the store opens. */
  async ensureCollections(): Promise<CollectionName[]> {
    return [];
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.draining;
    // The worker's connection first, so the writer is the last to close and removes the WAL.
    await this.checkpointer.close();
    this.reader.close();
    this.writer.close();
  }
}

export function openSqliteStore(file: string, options?: SqliteOptions): SqliteStore {
  return new SqliteStore(file, options);
}

export { COLLECTION_NAMES };
