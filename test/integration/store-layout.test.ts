/**
 * The SQLite file's table layout: collections are rowid tables with a unique id (documents stored in
 * the order they were written), and a data file written in the older layout (WITHOUT ROWID, keyed
 * by id) is rebuilt on open without losing or changing a document, then compacted. A process that
 * opens the file while another one migrates it waits for it instead of failing to start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { ensureCollectionIndexes, indexName } from '../../cloudfunctions/core/store/sqlite/migrations';
import { COLLECTIONS, type CollectionName } from '../../cloudfunctions/core/store/schema';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-layout-'));
  file = path.join(dir, 'street.db');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const keyedById = (db: Database.Database) => (db.pragma('table_list') as Array<{ name: string; wr: number }>).filter((t) => t.wr).map((t) => t.name);

/** A data file as the adapter wrote it before user_version 2: every collection WITHOUT ROWID. */
function writeOlderFile(docs: Array<[CollectionName, string, object]>): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
    db.exec(`CREATE TABLE "${name}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))) WITHOUT ROWID`);
    ensureCollectionIndexes(db, name);
  }
  const insert = (name: string) => db.prepare(`INSERT INTO "${name}" (id, doc) VALUES (?, ?)`);
  for (const [name, id, doc] of docs) insert(name).run(id, JSON.stringify(doc));
  db.pragma('user_version = 1');
  db.close();
}

describe('SQLite table layout', () => {
  it('stores a new file’s documents in rowid tables, in the order they were written', async () => {
    const store = openSqliteStore(file);
    for (const id of ['t_zeta', 't_alpha', 't_mid']) await store.transaction((tx) => tx.create('teams', { _id: id, name: id, order: 1 }));
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(keyedById(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    // Written order, not id order: a commit's new documents share the table's last page.
    expect(db.prepare('SELECT id FROM teams ORDER BY rowid').all()).toEqual([{ id: 't_zeta' }, { id: 't_alpha' }, { id: 't_mid' }]);
    db.close();
  });

  it('rebuilds a file of the older layout on open, with every document, index and rule kept', async () => {
    writeOlderFile([
      ['teams', 't_paws', { name: '握爪志愿队', order: 2 }],
      ['teams', 't_river', { name: '河道林地巡护队', order: 1 }],
      ['movements', 'user:u_a:00000001', { accountId: 'user:u_a', seq: 1, amount: 30 }],
      ['movements', 'user:u_a:00000002', { accountId: 'user:u_a', seq: 2, amount: -30 }],
      ['movements', 'user:u_b:00000001', { accountId: 'user:u_b', seq: 1, amount: 60 }],
      // Enough pages that the rebuilt tables cannot reuse all of the dropped ones.
      ...Array.from({ length: 400 }, (_, i): [CollectionName, string, object] => [
        'requests',
        `o_${i}|x|r${i}`,
        { result: 'x'.repeat(500), createdAt: '2026-12-01' },
      ]),
    ]);

    const store = openSqliteStore(file);
    expect(await store.get('teams', 't_paws')).toEqual({ _id: 't_paws', name: '握爪志愿队', order: 2 });
    const page = await store.find('movements', { where: { accountId: 'user:u_a' }, orderBy: { field: 'seq', direction: 'desc' }, limit: 10 });
    expect(page.items.map((m) => m._id)).toEqual(['user:u_a:00000002', 'user:u_a:00000001']);
    // The id is still unique: a second create of the same id is refused, not added.
    await expect(store.transaction((tx) => tx.create('teams', { _id: 't_paws', name: '另一个', order: 3 }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.transaction((tx) => tx.create('teams', { _id: 't_new', name: '滨水志愿队', order: 3 }));
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(keyedById(db)).toEqual([]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    // Compacted after the rebuild: the dropped tables' pages are not kept as free pages.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM teams').get() as { n: number }).n).toBe(3);
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id, doc FROM movements WHERE json_extract(doc, '$.accountId') = ? ORDER BY json_extract(doc, '$.seq') DESC, id DESC`)
      .all('user:u_a') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain(indexName('movements', ['accountId', 'seq']));
    db.close();

    // Opening it again changes nothing.
    const again = openSqliteStore(file);
    expect((await again.find('teams', { limit: 10 })).items.map((t) => t._id).sort()).toEqual(['t_new', 't_paws', 't_river']);
    await again.close();
  });

  it('does not compact a current file on every open: its free pages stay for reuse', async () => {
    const store = openSqliteStore(file);
    for (let i = 0; i < 200; i += 1) await store.transaction((tx) => tx.create('teams', { _id: `t_${i}`, name: 'x'.repeat(500), order: i }));
    await store.transaction(async (tx) => {
      for (let i = 0; i < 200; i += 1) await tx.remove('teams', `t_${i}`);
    });
    await store.close();
    const freeBefore = new Database(file, { readonly: true });
    const free = freeBefore.pragma('freelist_count', { simple: true }) as number;
    freeBefore.close();
    expect(free).toBeGreaterThan(10);

    await openSqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('freelist_count', { simple: true })).toBe(free);
    db.close();
  });
});

/** Holds the file's write lock from another thread for `ms`, as a second process migrating it would. */
function holdWriteLock(dbFile: string, ms: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require('better-sqlite3');
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { file: dbFile, ms } },
  );
  const released = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve({ released }));
    worker.once('error', reject);
  });
}

describe('opening a file another process holds', () => {
  it('waits out a migration longer than the store’s busy timeout, then keeps that timeout for its calls', async () => {
    await openSqliteStore(file).close();
    const lock = await holdWriteLock(file, 600);
    const started = Date.now();
    // The busy timeout is 20 ms: only the open's own wait for migrations lets it through.
    const store = openSqliteStore(file, { busyTimeoutMs: 20 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await lock.released;
    await store.transaction((tx) => tx.create('teams', { _id: 't_after', name: '滨水志愿队', order: 1 }));
    expect(await store.get('teams', 't_after')).toMatchObject({ name: '滨水志愿队' });

    // Once open, a call that meets the lock gives up after the store's own 20 ms and says BUSY.
    const again = await holdWriteLock(file, 600);
    await expect(store.transaction((tx) => tx.create('teams', { _id: 't_busy', name: '握爪志愿队', order: 2 }))).rejects.toMatchObject({ code: 'BUSY' });
    await again.released;
    expect(await store.get('teams', 't_busy')).toBeNull();
    await store.close();
  });
});
