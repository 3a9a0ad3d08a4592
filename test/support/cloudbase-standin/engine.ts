/**
 * The in-memory "server" behind the CloudBase stand-in: it answers the request layer of
 * @cloudbase/database (the `send(action, params)` calls that node-sdk would POST to the TCB API)
 * from collections held in memory.
 *
 * What it enforces, because CloudBase does:
 * - reads return at most 100 documents, whatever limit was asked (and 100 when none was);
 * - inside a transaction only documents addressed by id may be read or written: a where() query
 *   carrying a transactionId is refused;
 * - collections must exist when the engine is given a fixed list (`collections`): a request to any
 *   other fails with DATABASE_COLLECTION_NOT_EXIST, as on a fresh environment, until
 *   `db.createCollection` (database.addCollection) creates it; creating one that exists fails with
 *   DATABASE_COLLECTION_ALREADY_EXIST;
 * - transactions live 30 s (CloudBase's limit, `transactionLifetimeMs`): a request on an older one
 *   fails with TransactionNotExist, as the server has dropped it (the clock is injectable);
 * - transactions are optimistic, MongoDB style (snapshot isolation): a transaction reads a snapshot
 *   taken when it started; writing a document that another transaction has written since then, or
 *   holds an uncommitted write on, fails with DATABASE_TRANSACTION_CONFLICT and aborts the
 *   transaction. With `isolation: 'serializable'` a commit also fails when any document the
 *   transaction merely read has changed since its snapshot.
 * - optional interleaving: every request first yields to the event loop a few times, so concurrent
 *   callers' operations really interleave and conflicts and retries happen.
 *
 * What it does not model: network latency and timeouts, transaction lifetime and size limits,
 * indexes (every query is a scan, so a query a real index cannot serve still "works" here),
 * permissions/security rules, `_openid`, aggregation, watch, geo, regex, projection, the exact
 * text of real error messages (the conflict, expired-transaction and missing-collection messages follow
 * what CloudBase users have logged publicly; the adapter matches codes and several spellings), and operations the SDK sends without a transactionId even when
 * called on a transaction's collection (`count()`, `where().update()/remove()` run outside the
 * transaction in the real SDK too, and the request layer cannot tell).
 */
import { EJSON } from 'bson';
import { mulberry32 } from '../../../cloudfunctions/core/domain/prng';
import { applyUpdate, matches, sortDocs, UnsupportedError, type DocData } from './mongo';

export const READ_CAP = 100;

export interface EngineOptions {
  /** Collections that exist; requests to any other fail as on CloudBase. Default: created on first use. */
  collections?: readonly string[];
  /** Yield to the event loop before every request (1..maxYields times, seeded random). */
  interleave?: boolean | { maxYields: number };
  /** 'snapshot' (default, as MongoDB) or 'serializable' (reads are validated at commit too). */
  isolation?: 'snapshot' | 'serializable';
  /** Seed of the pseudo-random numbers used for interleaving and generated ids. */
  seed?: number;
  /** How long a transaction lives on the server, in ms. Default 30 000 (CloudBase's limit). */
  transactionLifetimeMs?: number;
  /** The engine's clock, in ms; Date.now by default. Tests move it to expire transactions. */
  now?: () => number;
}

export interface EngineStats {
  requests: number;
  /** getDocument requests (by id or by query). */
  reads: number;
  /** Largest number of documents one read returned. */
  maxDocsPerRead: number;
  /** Reads whose limit asked for more than the cap (answered with the cap). */
  truncatedReads: number;
  /** Limits asked by where() reads, in order (the SDK sends 100 when the caller set none). */
  requestedLimits: number[];
  transactionsStarted: number;
  commits: number;
  aborts: number;
  /** Transaction conflicts raised (each aborts one transaction attempt). */
  conflicts: number;
  /** where() queries refused inside a transaction. */
  refusedQueries: number;
}

/** An error answer of the TCB API, thrown by the request layer as node-sdk does (TcbError). */
export class StandinTcbError extends Error {
  readonly code: string;
  readonly requestId: string;
  constructor(code: string, message: string, requestId: string) {
    super(message);
    this.name = 'TcbError';
    this.code = code;
    this.requestId = requestId;
  }
}

const CONFLICT_MESSAGE = '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by other transaction. (stand-in)';

interface Version {
  seq: number;
  doc: DocData | null;
}

interface TxState {
  id: string;
  snapshot: number;
  startedAt: number;
  state: 'active' | 'committed' | 'aborted';
  reads: Set<string>;
  writes: Map<string, { coll: string; id: string; doc: DocData | null }>;
}

type Params = Record<string, unknown>;

const key = (coll: string, id: string) => `${coll}\u0000${id}`;

const parseEjson = (text: unknown): Record<string, unknown> => {
  if (typeof text !== 'string') return {};
  return EJSON.parse(text, { relaxed: true }) as Record<string, unknown>;
};

const clone = (doc: DocData): DocData => structuredClone(doc);

export class StandinEngine {
  readonly stats: EngineStats = StandinEngine.emptyStats();
  private readonly data = new Map<string, Map<string, Version[]>>();
  private readonly txs = new Map<string, TxState>();
  /** Uncommitted writes: document key -> id of the transaction holding it. */
  private readonly locks = new Map<string, string>();
  private seq = 0;
  private nextTx = 0;
  private nextRequest = 0;
  private readonly random: () => number;
  private interleave: false | { maxYields: number };
  private readonly isolation: 'snapshot' | 'serializable';
  private readonly fixedCollections: Set<string> | null;
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(options: EngineOptions = {}) {
    this.lifetimeMs = options.transactionLifetimeMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.random = mulberry32(options.seed ?? 20240601);
    this.interleave = StandinEngine.interleaveOf(options.interleave);
    this.isolation = options.isolation ?? 'snapshot';
    this.fixedCollections = options.collections ? new Set(options.collections) : null;
    for (const name of options.collections ?? []) this.data.set(name, new Map());
  }

  static emptyStats(): EngineStats {
    return {
      requests: 0,
      reads: 0,
      maxDocsPerRead: 0,
      truncatedReads: 0,
      requestedLimits: [],
      transactionsStarted: 0,
      commits: 0,
      aborts: 0,
      conflicts: 0,
      refusedQueries: 0,
    };
  }

  private static interleaveOf(v: EngineOptions['interleave']): false | { maxYields: number } {
    if (!v) return false;
    return v === true ? { maxYields: 3 } : { maxYields: Math.max(1, v.maxYields) };
  }

  setInterleave(v: EngineOptions['interleave']): void {
    this.interleave = StandinEngine.interleaveOf(v);
  }

  resetStats(): void {
    Object.assign(this.stats, StandinEngine.emptyStats());
  }

  /** Transactions neither committed nor aborted (a leak if non-zero when callers are idle). */
  openTransactions(): number {
    return [...this.txs.values()].filter((t) => t.state === 'active').length;
  }

  /** Names of the collections that exist. */
  collectionNames(): string[] {
    return [...this.data.keys()].sort();
  }

  /** Committed documents of a collection, for assertions (bypasses the API and its limits). */
  dump(coll: string): DocData[] {
    const out: DocData[] = [];
    for (const versions of this.data.get(coll)?.values() ?? []) {
      const last = versions[versions.length - 1];
      if (last?.doc) out.push(clone(last.doc));
    }
    return out;
  }

  /** Entry point of the request layer: one TCB database API call. */
  async send(action: string, params: Params = {}): Promise<Record<string, unknown>> {
    if (this.interleave) {
      const n = 1 + Math.floor(this.random() * this.interleave.maxYields);
      for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.stats.requests++;
    const requestId = `standin-${++this.nextRequest}`;
    try {
      return { ...this.handle(action, params), requestId };
    } catch (e) {
      if (e instanceof StandinTcbError) throw e;
      if (e instanceof UnsupportedError) throw new StandinTcbError('DATABASE_REQUEST_FAILED', e.message, requestId);
      throw new StandinTcbError('DATABASE_REQUEST_FAILED', (e as Error).message ?? String(e), requestId);
    }
  }

  private fail(code: string, message: string): never {
    throw new StandinTcbError(code, message, `standin-${this.nextRequest}`);
  }

  private handle(action: string, p: Params): Record<string, unknown> {
    switch (action) {
      case 'database.startTransaction':
        return this.startTransaction();
      case 'database.commitTransaction':
        return this.commit(this.txOf(p, true));
      case 'database.abortTransaction':
        return this.abort(p);
      case 'database.getDocument':
        return this.getDocument(p);
      case 'database.calculateDocument':
        return this.countDocuments(p);
      case 'database.insertDocument':
        return this.insertDocuments(p);
      case 'database.modifyDocument':
        return this.modifyDocument(p);
      case 'database.removeDocument':
        return this.removeDocument(p);
      case 'database.addCollection':
        return this.addCollection(p);
      default:
        throw new UnsupportedError(`the action ${action}`);
    }
  }

  // ---- storage --------------------------------------------------------------------------------

  private collection(name: unknown): Map<string, Version[]> {
    if (typeof name !== 'string' || !name) throw new UnsupportedError('a request without collectionName');
    let coll = this.data.get(name);
    if (!coll) {
      if (this.fixedCollections)
        this.fail('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist. Please check your request: ${name} (stand-in)`);
      coll = new Map();
      this.data.set(name, coll);
    }
    return coll;
  }

  private latestSeq(coll: string, id: string): number {
    const versions = this.data.get(coll)?.get(id);
    return versions?.[versions.length - 1]?.seq ?? 0;
  }

  /** The committed document as of `snapshot` (or the latest when undefined). */
  private committed(coll: string, id: string, snapshot?: number): DocData | null {
    const versions = this.collection(coll).get(id);
    if (!versions) return null;
    for (let i = versions.length - 1; i >= 0; i--) {
      const v = versions[i] as Version;
      if (snapshot === undefined || v.seq <= snapshot) return v.doc;
    }
    return null;
  }

  private commitWrites(writes: Iterable<{ coll: string; id: string; doc: DocData | null }>): void {
    this.seq++;
    for (const w of writes) {
      const coll = this.collection(w.coll);
      const versions = coll.get(w.id) ?? [];
      versions.push({ seq: this.seq, doc: w.doc ? clone(w.doc) : null });
      coll.set(w.id, versions);
    }
  }

  // ---- transactions ---------------------------------------------------------------------------

  private startTransaction(): Record<string, unknown> {
    const tx: TxState = {
      id: `standin-tx-${++this.nextTx}`,
      snapshot: this.seq,
      startedAt: this.now(),
      state: 'active',
      reads: new Set(),
      writes: new Map(),
    };
    this.txs.set(tx.id, tx);
    this.stats.transactionsStarted++;
    return { transactionId: tx.id };
  }

  private txOf(p: Params, required: boolean): TxState | null {
    const id = p.transactionId;
    if (id === undefined || id === null || id === '') {
      if (required) throw new UnsupportedError('commit without transactionId');
      return null;
    }
    const tx = this.txs.get(String(id));
    if (tx && tx.state === 'active' && this.now() - tx.startedAt > this.lifetimeMs) {
      // The server drops a transaction past its lifetime: its writes are gone, its locks released.
      tx.state = 'aborted';
      this.release(tx);
      this.stats.aborts++;
    }
    if (!tx || tx.state !== 'active') {
      this.fail('DATABASE_TRANSACTION_FAIL', '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server. (stand-in)');
    }
    return tx;
  }

  private release(tx: TxState): void {
    for (const k of tx.writes.keys()) if (this.locks.get(k) === tx.id) this.locks.delete(k);
  }

  private conflict(tx: TxState): never {
    tx.state = 'aborted';
    this.release(tx);
    this.stats.conflicts++;
    this.stats.aborts++;
    this.fail('DATABASE_TRANSACTION_CONFLICT', CONFLICT_MESSAGE);
  }

  private commit(tx: TxState | null): Record<string, unknown> {
    if (!tx) throw new UnsupportedError('commit without transactionId');
    if (this.isolation === 'serializable') {
      for (const k of tx.reads) {
        const [coll, id] = k.split('\u0000') as [string, string];
        if (this.latestSeq(coll, id) > tx.snapshot) this.conflict(tx);
      }
    }
    for (const w of tx.writes.values()) if (this.latestSeq(w.coll, w.id) > tx.snapshot) this.conflict(tx);
    if (tx.writes.size) this.commitWrites(tx.writes.values());
    tx.state = 'committed';
    this.release(tx);
    this.stats.commits++;
    return {};
  }

  private abort(p: Params): Record<string, unknown> {
    const tx = this.txs.get(String(p.transactionId));
    if (tx && tx.state === 'active') {
      tx.state = 'aborted';
      this.release(tx);
      this.stats.aborts++;
    }
    return {};
  }

  /** What a transaction sees: its own writes, else the snapshot. */
  private txRead(tx: TxState, coll: string, id: string): DocData | null {
    const k = key(coll, id);
    const own = tx.writes.get(k);
    if (own) return own.doc;
    tx.reads.add(k);
    return this.committed(coll, id, tx.snapshot);
  }

  private txWrite(tx: TxState, coll: string, id: string, doc: DocData | null): void {
    const k = key(coll, id);
    const holder = this.locks.get(k);
    if ((holder && holder !== tx.id) || this.latestSeq(coll, id) > tx.snapshot) this.conflict(tx);
    this.locks.set(k, tx.id);
    tx.writes.set(k, { coll, id, doc });
  }

  // ---- API actions ----------------------------------------------------------------------------

  /** `{ _id: id }` of a by-id (DOC) request. */
  private docId(p: Params): string {
    const q = parseEjson(p.query);
    const id = q._id;
    if (p.queryType !== 'DOC' || Object.keys(q).length !== 1 || (typeof id !== 'string' && typeof id !== 'number')) {
      throw new UnsupportedError(`a by-id request with query ${String(p.query)}`);
    }
    return String(id);
  }

  private refuseInTransaction(p: Params, what: string): void {
    if (p.transactionId) {
      this.stats.refusedQueries++;
      this.fail(
        'DATABASE_REQUEST_FAILED',
        `[InvalidParameter] ${what} is not allowed inside a transaction: address documents by id (doc().get/set/update/remove). (stand-in)`,
      );
    }
  }

  private answerList(docs: DocData[]): Record<string, unknown> {
    this.stats.reads++;
    this.stats.maxDocsPerRead = Math.max(this.stats.maxDocsPerRead, docs.length);
    return { data: { list: docs.map((d) => EJSON.stringify(d, { relaxed: false })) } };
  }

  private addCollection(p: Params): Record<string, unknown> {
    const name = p.collectionName;
    if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) throw new UnsupportedError(`a collection name ${String(name)}`);
    if (this.data.has(name)) this.fail('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name} (stand-in)`);
    this.data.set(name, new Map());
    this.fixedCollections?.add(name);
    return {};
  }

  private getDocument(p: Params): Record<string, unknown> {
    if (p.projection !== undefined) throw new UnsupportedError('projection (field())');
    const collName = String(p.collectionName);
    this.collection(collName);
    if (p.queryType === 'DOC') {
      const id = this.docId(p);
      const tx = this.txOf(p, false);
      const doc = tx ? this.txRead(tx, collName, id) : this.committed(collName, id);
      return this.answerList(doc ? [clone(doc)] : []);
    }
    this.refuseInTransaction(p, 'a where() query');
    const asked = typeof p.limit === 'number' ? p.limit : READ_CAP;
    this.stats.requestedLimits.push(asked);
    if (asked > READ_CAP) this.stats.truncatedReads++;
    const limit = Math.min(asked, READ_CAP);
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    const docs = this.scan(collName, parseEjson(p.query));
    if (p.order !== undefined) sortDocs(docs, parseEjson(p.order));
    return this.answerList(docs.slice(offset, offset + limit).map(clone));
  }

  private scan(collName: string, query: Record<string, unknown>): DocData[] {
    const out: DocData[] = [];
    for (const id of this.collection(collName).keys()) {
      const doc = this.committed(collName, id);
      if (doc && matches(doc, query)) out.push(doc);
    }
    return out;
  }

  private countDocuments(p: Params): Record<string, unknown> {
    this.refuseInTransaction(p, 'count()');
    return { data: { total: this.scan(String(p.collectionName), parseEjson(p.query)).length } };
  }

  private newId(): string {
    let id = '';
    for (let i = 0; i < 32; i++) id += Math.floor(this.random() * 16).toString(16);
    return id;
  }

  private insertDocuments(p: Params): Record<string, unknown> {
    const collName = String(p.collectionName);
    this.collection(collName);
    const items = Array.isArray(p.data) ? p.data : [];
    const tx = this.txOf(p, false);
    if (tx && items.length !== 1) throw new UnsupportedError('inserting several documents inside a transaction');
    const ids: string[] = [];
    const pending: Array<{ coll: string; id: string; doc: DocData }> = [];
    for (const item of items) {
      const doc = parseEjson(item);
      const id = doc._id === undefined ? this.newId() : String(doc._id);
      doc._id = id;
      const existing = tx ? this.txRead(tx, collName, id) : this.committed(collName, id);
      if (existing || pending.some((w) => w.id === id)) {
        this.fail('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collName} index: _id_ dup key: { _id: "${id}" } (stand-in)`);
      }
      if (tx) this.txWrite(tx, collName, id, doc);
      else pending.push({ coll: collName, id, doc });
      ids.push(id);
    }
    if (pending.length) this.commitWrites(pending);
    return { data: { insertedIds: ids } };
  }

  private modifyDocument(p: Params): Record<string, unknown> {
    const collName = String(p.collectionName);
    this.collection(collName);
    const data = parseEjson(p.data);
    const merge = p.merge !== false;
    const change = (current: DocData | null, id: string): DocData => {
      if (!merge) {
        if ('_id' in data) throw new UnsupportedError('set() with _id in its data');
        return { ...clone(data), _id: id };
      }
      const next = applyUpdate(current ?? { _id: id }, data);
      next._id = id;
      return next;
    };
    if (p.queryType === 'DOC') {
      const id = this.docId(p);
      const tx = this.txOf(p, false);
      const current = tx ? this.txRead(tx, collName, id) : this.committed(collName, id);
      if (!current && !p.upsert) return { data: { updated: 0 } };
      const next = change(current, id);
      if (tx) this.txWrite(tx, collName, id, next);
      else this.commitWrites([{ coll: collName, id, doc: next }]);
      return { data: current ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }
    this.refuseInTransaction(p, 'an update by where()');
    const targets = this.scan(collName, parseEjson(p.query));
    const chosen = p.multi === false ? targets.slice(0, 1) : targets;
    const writes = chosen.map((doc) => ({ coll: collName, id: String(doc._id), doc: change(doc, String(doc._id)) }));
    if (writes.length) this.commitWrites(writes);
    return { data: { updated: writes.length } };
  }

  private removeDocument(p: Params): Record<string, unknown> {
    const collName = String(p.collectionName);
    this.collection(collName);
    if (p.queryType === 'DOC') {
      const id = this.docId(p);
      const tx = this.txOf(p, false);
      const current = tx ? this.txRead(tx, collName, id) : this.committed(collName, id);
      if (!current) return { data: { deleted: 0 } };
      if (tx) this.txWrite(tx, collName, id, null);
      else this.commitWrites([{ coll: collName, id, doc: null }]);
      return { data: { deleted: 1 } };
    }
    this.refuseInTransaction(p, 'a remove by where()');
    const targets = this.scan(collName, parseEjson(p.query));
    const chosen = p.multi === false ? targets.slice(0, 1) : targets;
    if (chosen.length) this.commitWrites(chosen.map((d) => ({ coll: collName, id: String(d._id), doc: null })));
    return { data: { deleted: chosen.length } };
  }
}
