/**
 * The Store port: a document store shaped by what CloudBase can do atomically.
 *
 * - Documents live in named collections and are addressed by `_id`.
 * - A transaction only addresses documents one by one by id (get / create / set / update / remove).
 *   Its body may be retried on conflict, so it must have no side effects outside `tx`.
 * - Queries (equality and range filters on indexed fields, one sort field, explicit limit, cursor)
 *   run outside transactions; anything they find that matters is re-read inside the transaction.
 */
import type { Doc } from '../domain/doc';
import type { CollectionName } from './schema';

export type Scalar = string | number | boolean | null;

/** Documents are domain types (domain/doc.ts); the port stores them. Re-exported for adapters and tools. */
export type { Doc };

export type FieldFilter = Scalar | { gt?: Scalar; gte?: Scalar; lt?: Scalar; lte?: Scalar } | { in: Scalar[] };

export interface Query {
  /** Conditions on top-level fields, all of which must hold. */
  where?: Record<string, FieldFilter>;
  /** Sort field; `_id` breaks ties in the same direction. Defaults to `_id`. */
  orderBy?: { field: string; direction: 'asc' | 'desc' };
  /** 1..MAX_PAGE; there is no implicit default, as on CloudBase a forgotten limit silently truncates. */
  limit: number;
  /** Opaque cursor returned by the previous page. */
  after?: string;
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page, or null when this page is the last. */
  next: string | null;
}

export const MAX_PAGE = 100;

export interface Tx {
  get<T extends Doc = Doc>(collection: CollectionName, id: string): Promise<T | null>;
  /** Insert; fails with CONFLICT when the id exists (ids are idempotency keys). */
  create<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
  /** Insert or replace the whole document. */
  set<T extends Doc>(collection: CollectionName, doc: T): Promise<void>;
  /** Shallow-merge fields into an existing document; NOT_FOUND when it does not exist. */
  update(collection: CollectionName, id: string, patch: Record<string, unknown>): Promise<void>;
  remove(collection: CollectionName, id: string): Promise<void>;
}

/** A consistent read of whole collections, by id, for tools that check the data (ledger:verify). */
export interface Snapshot {
  scan<T extends Doc>(collection: CollectionName): AsyncIterable<T>;
  close(): void;
}

export interface Store {
  readonly kind: 'sqlite' | 'cloudbase';
  /** A consistent snapshot, where the adapter can take one (SQLite: a read transaction on its own connection). */
  snapshot?(): Snapshot;
  get<T extends Doc = Doc>(collection: CollectionName, id: string): Promise<T | null>;
  find<T extends Doc = Doc>(collection: CollectionName, query: Query): Promise<Page<T>>;
  count(collection: CollectionName, where?: Record<string, FieldFilter>): Promise<number>;
  /** Runs `body` atomically. The body may run more than once (retry on conflict): no side effects. */
  transaction<R>(body: (tx: Tx) => Promise<R>): Promise<R>;
  /**
   * Creates every collection of the schema that does not exist yet and returns their names. CloudBase
   * refuses requests to a collection nobody created (the one-time setup calls this); SQLite creates its
   * tables when it opens, so it has nothing left to do.
   */
  ensureCollections(): Promise<CollectionName[]>;
  close(): Promise<void>;
}

/** Cursor: the sort value and id of the last item of a page, base64url-encoded JSON. */
export function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value ?? null, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: Scalar; id: string } | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string') return null;
    const value = parsed[0];
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return null;
    return { value, id: parsed[1] };
  } catch {
    return null;
  }
}

/** Field names that queries may use: plain identifiers, so they are safe inside SQL paths. */
export const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
