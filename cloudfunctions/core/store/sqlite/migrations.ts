/**
 * Schema of the SQLite file. Tables and indexes follow core/store/schema.ts and are
 * created idempotently on every open; data migrations are numbered and run once each,
 * tracked in PRAGMA user_version.
 */
import type Database from 'better-sqlite3';
import { COLLECTIONS, type CollectionName } from '../schema';

/** Ordered data migrations; index i brings the file to user_version i + 1. */
const DATA_MIGRATIONS: Array<(db: Database.Database) => void> = [
  // 1: the first schema; tables come from ensureCollections.
  () => undefined,
];

export function indexName(collection: string, fields: readonly string[]): string {
  return `ix_${collection}_${fields.join('_')}`;
}

/**
 * The table of one collection and its indexes, under `prefix` + its name (the ledger bench's
 * same-layout prototype builds its tables with a prefix, so it follows any change made here).
 */
export function ensureCollectionTable(db: Database.Database, name: CollectionName, prefix = ''): void {
  const table = `${prefix}${name}`;
  db.exec(`CREATE TABLE IF NOT EXISTS "${table}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))) WITHOUT ROWID`);
  for (const fields of COLLECTIONS[name].indexes as readonly (readonly string[])[]) {
    const cols = fields.map((f) => `json_extract(doc, '$.${f}')`).join(', ');
    db.exec(`CREATE INDEX IF NOT EXISTS "${prefix}${indexName(name, fields)}" ON "${table}" (${cols}, id)`);
  }
}

function ensureCollections(db: Database.Database): void {
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) ensureCollectionTable(db, name);
}

export function migrate(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    ensureCollections(db);
    const version = db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < DATA_MIGRATIONS.length; v++) {
      DATA_MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    }
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
