/**
 * Schema of the SQLite file. Tables and indexes follow core/store/schema.ts and are
 * created idempotently on every open; data migrations are numbered and run once each,
 * tracked in PRAGMA user_version.
 */
import type Database from 'better-sqlite3';
import { COLLECTIONS, type CollectionName } from '../schema';

/**
 * Ordered data migrations; index i brings the file to user_version i + 1. One that rebuilds tables
 * answers true: the old tables' pages are left free in the file, and the open compacts it after.
 */
const DATA_MIGRATIONS: Array<(db: Database.Database) => boolean> = [
  // 1: the first schema; tables come from ensureCollections.
  () => false,
  // 2: collections stored WITHOUT ROWID (keyed by id) become rowid tables with a unique id.
  rowidTables,
];

/**
 * How long an open waits for another process's migration of the same file (a large street file
 * takes tens of seconds to rebuild) before it gives up, whatever the store's busy timeout.
 */
export const MIGRATION_WAIT_MS = 5 * 60_000;

/**
 * A collection's table: documents in rowid order (the order they were written) with a unique index
 * on the id. Keyed by the id itself (WITHOUT ROWID, the layout before user_version 2), each new
 * document landed in the leaf its id sorts into, a few documents to a leaf, often splitting it;
 * appended by rowid, the documents of a commit share their pages and only the small index entries
 * land where their ids sort: 188 pages written per commit of 32 ledger gifts instead of 306
 * (bench/table-layout.ts, docs/performance.md).
 */
const TABLE_COLUMNS = '(id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL CHECK (json_valid(doc)))';

export function indexName(collection: string, fields: readonly string[]): string {
  return `ix_${collection}_${fields.join('_')}`;
}

/**
 * The table of one collection and its indexes, under `prefix` + its name (the ledger bench's
 * same-layout prototype builds its tables with a prefix, so it follows any change made here).
 */
export function ensureCollectionTable(db: Database.Database, name: CollectionName, prefix = ''): void {
  db.exec(`CREATE TABLE IF NOT EXISTS "${prefix}${name}" ${TABLE_COLUMNS}`);
  ensureCollectionIndexes(db, name, prefix);
}

/** The expression indexes schema.ts declares for a collection, on its table (whatever its layout). */
export function ensureCollectionIndexes(db: Database.Database, name: CollectionName, prefix = ''): void {
  for (const fields of COLLECTIONS[name].indexes as readonly (readonly string[])[]) {
    const cols = fields.map((f) => `json_extract(doc, '$.${f}')`).join(', ');
    db.exec(`CREATE INDEX IF NOT EXISTS "${prefix}${indexName(name, fields)}" ON "${prefix}${name}" (${cols}, id)`);
  }
}

/** Rebuilds each collection still stored WITHOUT ROWID in the rowid layout, documents and indexes alike. */
function rowidTables(db: Database.Database): boolean {
  const keyedById = new Set((db.pragma('table_list') as Array<{ name: string; wr: number }>).filter((t) => t.wr).map((t) => t.name));
  let changed = false;
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    if (!keyedById.has(name)) continue;
    changed = true;
    const rebuilt = `${name}__rowid`;
    db.exec(`CREATE TABLE "${rebuilt}" ${TABLE_COLUMNS}`);
    db.exec(`INSERT INTO "${rebuilt}" (id, doc) SELECT id, doc FROM "${name}"`);
    // Its indexes go with it and come back on the rebuilt table below.
    db.exec(`DROP TABLE "${name}"`);
    db.exec(`ALTER TABLE "${rebuilt}" RENAME TO "${name}"`);
    ensureCollectionTable(db, name);
  }
  return changed;
}

function ensureCollections(db: Database.Database): void {
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) ensureCollectionTable(db, name);
}

/**
 * Puts the file in WAL mode. Two processes opening a new file at the same moment both hold a shared
 * lock while asking for the exclusive one the switch needs, and SQLite answers one of them BUSY at
 * once rather than through the busy handler (which could deadlock); that one tries again, as the
 * busy handler would have, for up to MIGRATION_WAIT_MS.
 */
export function enterWal(db: Database.Database): void {
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
      // A synchronous pause: the store opens synchronously, before anything else may use it.
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

/**
 * Brings the file to the current schema in one transaction, then compacts it (VACUUM) when a
 * migration rebuilt tables. A second process opening the file meanwhile waits for the lock up to
 * MIGRATION_WAIT_MS, then finds the file current and does nothing.
 */
export function migrate(db: Database.Database): void {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.max(busyTimeout, MIGRATION_WAIT_MS)}`);
  try {
    let rebuilt = false;
    db.exec('BEGIN IMMEDIATE');
    try {
      ensureCollections(db);
      const version = db.pragma('user_version', { simple: true }) as number;
      for (let v = version; v < DATA_MIGRATIONS.length; v++) {
        if (DATA_MIGRATIONS[v]!(db)) rebuilt = true;
        db.pragma(`user_version = ${v + 1}`);
      }
      db.exec('COMMIT');
    } catch (e) {
      db.exec('ROLLBACK');
      throw e;
    }
    // VACUUM cannot run inside a transaction; without it the old tables' pages stay in the file as
    // free pages. The file is current and whole either way, so a failed compaction (a full disk)
    // does not stop the open; the free pages are reused by later writes.
    if (rebuilt) {
      try {
        db.exec('VACUUM');
      } catch {
        // kept as it is
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
