/**
 * Group commit in the SQLite adapter: the transactions waiting in one process share one
 * BEGIN IMMEDIATE … COMMIT, without savepoints until a body throws (then the batch runs again, each
 * body in its own savepoint). A body that throws rolls back alone; the others commit and are answered, in order, only after the COMMIT;
 * a process killed in the middle of a batch leaves none of it behind.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../cloudfunctions/core/errors';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
  store = openSqliteStore(path.join(dir, 'store.db'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ids = async () => (await store.find('meta', { limit: 100 })).items.map((d) => d._id).sort();

it('runs the calls of one turn in one commit; a body that throws in the middle rolls back alone', async () => {
  const before = store.commits.batches;
  const calls = [1, 2, 3, 4, 5].map((n) =>
    store.transaction(async (tx) => {
      await tx.create('meta', { _id: `m${n}`, n });
      if (n === 3) throw new AppError('VALIDATION', '第三个出错');
      return n * 10;
    }),
  );
  const settled = await Promise.allSettled(calls);
  expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as AppError).code))).toEqual([10, 20, 'VALIDATION', 40, 50]);
  expect(await ids()).toEqual(['m1', 'm2', 'm4', 'm5']);
  expect(store.commits.batches - before).toBe(1);
});

it('runs a batch without savepoints; when a body throws it runs the batch again with them, and the next batches keep them until one has no refusal', async () => {
  const runs = new Map<string, number>();
  const batch = (tag: string, failing: number | null) =>
    Promise.allSettled(
      [1, 2, 3, 4].map((n) =>
        store.transaction(async (tx) => {
          const id = `${tag}${n}`;
          runs.set(id, (runs.get(id) ?? 0) + 1);
          await tx.create('meta', { _id: id, n });
          if (n === failing) throw new AppError('VALIDATION', '出错了');
          return n;
        }),
      ),
    );
  const outcome = (settled: PromiseSettledResult<number>[]) => settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as AppError).code));

  // No refusal: each body once, no rerun.
  expect(outcome(await batch('a', null))).toEqual([1, 2, 3, 4]);
  expect(['a1', 'a2', 'a3', 'a4'].map((id) => runs.get(id))).toEqual([1, 1, 1, 1]);
  expect(store.commits.reruns).toBe(0);

  // The second body throws: the first two ran twice (the first pass was rolled back), the rest once.
  expect(outcome(await batch('b', 2))).toEqual([1, 'VALIDATION', 3, 4]);
  expect(['b1', 'b2', 'b3', 'b4'].map((id) => runs.get(id))).toEqual([2, 2, 1, 1]);
  expect(store.commits.reruns).toBe(1);

  // Right after, savepoints come first: another refusal costs no rerun.
  expect(outcome(await batch('c', 4))).toEqual([1, 2, 3, 'VALIDATION']);
  expect(['c1', 'c2', 'c3', 'c4'].map((id) => runs.get(id))).toEqual([1, 1, 1, 1]);
  expect(store.commits.reruns).toBe(1);
  // A batch without refusal brings the optimistic mode back; the next refusal reruns again.
  expect(outcome(await batch('d', null))).toEqual([1, 2, 3, 4]);
  expect(outcome(await batch('e', 1))).toEqual(['VALIDATION', 2, 3, 4]);
  expect(store.commits.reruns).toBe(2);
  expect(await ids()).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b3', 'b4', 'c1', 'c2', 'c3', 'd1', 'd2', 'd3', 'd4', 'e2', 'e3', 'e4']);
});

it('a call alone in its batch that throws leaves nothing behind, and the next call commits as usual', async () => {
  const before = store.commits.batches;
  await expect(
    store.transaction(async (tx) => {
      await tx.create('meta', { _id: 'alone', n: 1 });
      await tx.update('meta', 'alone', { n: 2 });
      throw new AppError('VALIDATION', '出错了');
    }),
  ).rejects.toMatchObject({ code: 'VALIDATION' });
  expect(await store.get('meta', 'alone')).toBeNull();
  // A unique conflict inside a lone body: the same, and the first create of that call is gone too.
  await store.transaction((tx) => tx.create('meta', { _id: 'taken', n: 0 }));
  await expect(
    store.transaction(async (tx) => {
      await tx.create('meta', { _id: 'first-of-two', n: 1 });
      await tx.create('meta', { _id: 'taken', n: 1 });
    }),
  ).rejects.toMatchObject({ code: 'CONFLICT' });
  expect(await store.get('meta', 'first-of-two')).toBeNull();
  expect(await store.transaction(async (tx) => (await tx.get<{ _id: string; n: number }>('meta', 'taken'))?.n)).toBe(0);
  expect(await ids()).toEqual(['taken']);
  // Only the two calls that worked committed anything.
  expect(store.commits.batches - before).toBe(2);
});

it('a later body in a batch reads what an earlier one wrote; a unique conflict fails only its own call', async () => {
  const first = store.transaction(async (tx) => {
    await tx.create('meta', { _id: 'counter', value: 1 });
    return 'created';
  });
  const second = store.transaction(async (tx) => {
    const doc = await tx.get<{ _id: string; value: number }>('meta', 'counter');
    await tx.update('meta', 'counter', { value: (doc?.value ?? 0) + 1 });
    return doc?.value ?? null;
  });
  const duplicate = store.transaction(async (tx) => {
    await tx.create('meta', { _id: 'other', value: 0 });
    await tx.create('meta', { _id: 'counter', value: 99 });
  });
  const third = store.transaction(async (tx) => (await tx.get<{ _id: string; value: number }>('meta', 'counter'))?.value ?? null);
  const [a, b, c, d] = await Promise.allSettled([first, second, duplicate, third]);
  expect(a).toEqual({ status: 'fulfilled', value: 'created' });
  expect(b).toEqual({ status: 'fulfilled', value: 1 });
  expect(c.status === 'rejected' && (c.reason as AppError).code).toBe('CONFLICT');
  expect(d).toEqual({ status: 'fulfilled', value: 2 });
  // The failed body's first write went with it.
  expect(await store.get('meta', 'other')).toBeNull();
  expect(await store.get('meta', 'counter')).toEqual({ _id: 'counter', value: 2 });
});

it('answers nobody before the commit: the reader connection sees a batch only after every caller can', async () => {
  let seenDuringBatch: unknown = 'not read';
  const writer = store.transaction(async (tx) => {
    await tx.create('meta', { _id: 'early', value: 1 });
  });
  const probe = store.transaction(async () => {
    // Runs after the first body, inside the same open transaction: outside readers cannot see it yet.
    seenDuringBatch = await store.get('meta', 'early');
  });
  await Promise.all([writer, probe]);
  expect(seenDuringBatch).toBeNull();
  expect(await store.get('meta', 'early')).toEqual({ _id: 'early', value: 1 });
});

it('calls made while a batch runs form the next batch, all answered, in order', async () => {
  const order: number[] = [];
  const first = store.transaction(async (tx) => {
    await tx.create('meta', { _id: 'a0' });
    // While this body waits, more calls arrive.
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push(0);
  });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const later = Array.from({ length: 20 }, (_, i) =>
    store.transaction(async (tx) => {
      await tx.create('meta', { _id: `b${String(i).padStart(2, '0')}` });
      order.push(i + 1);
      return i;
    }),
  );
  await first;
  expect(await Promise.all(later)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  expect(order).toEqual(Array.from({ length: 21 }, (_, i) => i));
  expect((await ids()).length).toBe(21);
});

it('a process killed in the middle of a batch leaves none of the batch in the file', async () => {
  const file = path.join(dir, 'killed.db');
  const storeModule = path.resolve(__dirname, '../../cloudfunctions/core/store/sqlite');
  const script = `
    const { openSqliteStore } = require(${JSON.stringify(storeModule)});
    const store = openSqliteStore(${JSON.stringify(file)});
    (async () => {
      await store.transaction(async (tx) => { await tx.create('meta', { _id: 'committed-before' }); });
      for (let n = 0; n < 5; n += 1) {
        void store.transaction(async (tx) => {
          await tx.create('meta', { _id: 'batch-' + n });
          if (n === 3) process.kill(process.pid, 'SIGKILL');
        });
      }
    })();
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
  expect(child.signal).toBe('SIGKILL');
  const after = openSqliteStore(file);
  try {
    expect((await after.find('meta', { limit: 100 })).items.map((d) => d._id)).toEqual(['committed-before']);
  } finally {
    await after.close();
  }
});
