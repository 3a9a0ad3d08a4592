/**
 * WAL checkpoints off the commit path (store/sqlite/checkpointer.ts): a busy store hands its
 * checkpoints to a worker thread and its writer stops checkpointing inside commits; a quiet store
 * never starts the worker; closing waits for the worker's connection, so the WAL is gone after; a
 * process never hangs on the worker. And `store.get` between batches reads on the writer, during a
 * batch on the reader: never a write that has not committed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkpointer-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 20));
  if (!ok()) throw new Error(`never happened: ${what}`);
};

it('a busy store checkpoints in a worker, its writer no longer inside commits; close leaves no WAL and every row', async () => {
  const file = path.join(dir, 'busy.db');
  const store = openSqliteStore(file, { checkpoints: { startAfterCommits: 5 } });
  expect(store.checkpoints).toEqual({ inWorker: 0, restarts: 0, writerCheckpoints: true });
  for (let i = 0; i < 40; i += 1) await store.transaction((tx) => tx.create('meta', { _id: `m${i}`, text: 'x'.repeat(2000) }));
  expect(store.checkpoints.writerCheckpoints).toBe(false);
  await until(() => store.checkpoints.inWorker > 0, 'a checkpoint in the worker');
  await store.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  const again = openSqliteStore(file);
  expect(await again.count('meta')).toBe(40);
  await again.close();
});

it('under commits that never pause, the WAL still starts over and its file is cut back', async () => {
  const file = path.join(dir, 'steady.db');
  const limit = 1024 * 1024;
  const store = openSqliteStore(file, { checkpoints: { startAfterCommits: 1, restartPages: 50 }, walSizeLimitBytes: limit });
  const row = 'x'.repeat(3000);
  // At least 9 MB of pages, each commit right after the last, until the WAL has started over a few
  // times and its file is back under the bound. How soon depends on how fast the worker keeps up
  // (a loaded machine starves it for a while), not whether: without restarts the WAL only grows, and
  // 30,000 commits would leave about 90 MB in it.
  const walSize = () => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  let n = 0;
  while ((n < 3000 || store.checkpoints.restarts < 3 || walSize() >= Math.min(4 * limit, (n * row.length) / 2)) && n < 30_000) {
    await store.transaction((tx) => tx.create('meta', { _id: `m${n}`, row }));
    n += 1;
  }
  expect(store.checkpoints.restarts).toBeGreaterThanOrEqual(3);
  // Without a restart the WAL would hold every page written; it holds what came since the last one.
  expect(walSize()).toBeLessThan((n * row.length) / 2);
  expect(walSize()).toBeLessThan(4 * limit);
  expect(await store.count('meta')).toBe(n);
  await store.close();
});

it('a quiet store never starts the worker and checkpoints as SQLite does by default', async () => {
  const store = openSqliteStore(path.join(dir, 'quiet.db'));
  for (let i = 0; i < 20; i += 1) await store.transaction((tx) => tx.create('meta', { _id: `m${i}` }));
  expect(store.checkpoints).toEqual({ inWorker: 0, restarts: 0, writerCheckpoints: true });
  await store.close();
});

it('a process whose only work left is closing the store closes it; one that never closes still exits', () => {
  const modulePath = require.resolve('../../cloudfunctions/core/store/sqlite');
  const script = (close: boolean) => `
    const { openSqliteStore } = require(${JSON.stringify(modulePath)});
    (async () => {
      const store = openSqliteStore(${JSON.stringify(path.join(dir, 'child.db'))}, { checkpoints: { startAfterCommits: 1 } });
      for (let i = 0; i < 30; i += 1) await store.transaction((tx) => tx.set('meta', { _id: 'm' + i }));
      ${close ? "await store.close(); console.log('closed');" : "console.log('left open');"}
    })();`;
  const closing = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(true)], { encoding: 'utf8', timeout: 60_000 });
  expect(closing.stderr).toBe('');
  expect(closing.stdout.trim()).toBe('closed');
  expect(closing.status).toBe(0);
  const open = spawnSync(process.execPath, ['--import', 'tsx', '-e', script(false)], { encoding: 'utf8', timeout: 60_000 });
  expect(open.stdout.trim()).toBe('left open');
  expect(open.signal).toBeNull();
  expect(open.status).toBe(0);
});

it('store.get reads committed data only: not a batch-mate’s write before the commit, the same write after it', async () => {
  const store = openSqliteStore(path.join(dir, 'reads.db'));
  const seenInBatch: Array<unknown> = [];
  await Promise.all([
    store.transaction((tx) => tx.create('meta', { _id: 'fresh', n: 1 })),
    store.transaction(async (tx) => {
      // The first body's row is visible to this transaction, not yet to the store's readers.
      seenInBatch.push(await tx.get('meta', 'fresh'));
      seenInBatch.push(await store.get('meta', 'fresh'));
    }),
  ]);
  expect(store.commits.batches).toBe(1);
  expect(seenInBatch).toEqual([{ _id: 'fresh', n: 1 }, null]);
  expect(await store.get('meta', 'fresh')).toEqual({ _id: 'fresh', n: 1 });
  await store.close();
});
