/**
 * The Store contract against the CloudBase adapter, over the in-memory stand-in of the
 * wx-server-sdk database (real wx-server-sdk and @cloudbase/database code, in-memory request
 * layer; see test/support/cloudbase-standin). Plus what only CloudBase has: transactions that
 * cannot query, the 100-document read cap, conflicts and retries.
 */
import { AppError } from '../../cloudfunctions/core/errors';
import type { Doc } from '../../cloudfunctions/core/domain/doc';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { createCloudbaseStore, isConflictError, type CloudbaseDatabase, type CloudbaseStoreOptions } from '../../cloudfunctions/core/store/cloudbase';
import { createCloudbaseStandin, READ_CAP, type CloudbaseStandinOptions } from '../support/cloudbase-standin';
import { describeStoreContract } from '../contract/store.contract';

function open(engineOptions: CloudbaseStandinOptions = {}, storeOptions: CloudbaseStoreOptions = {}) {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, ...engineOptions });
  const db = standin.db as CloudbaseDatabase;
  const store = createCloudbaseStore(db, storeOptions);
  return { standin, db, store, engine: standin.engine };
}

/**
 * Fifty transactions on one document need about fifty transaction-durations to drain; the default
 * retry budget is sized for the 3 s function timeout, not for that, and on a loaded CI machine
 * (slow ticks) it runs out. The contract's correctness assertions get a budget that does not depend
 * on CPU load; the defaults are tested separately below.
 */
const HOT_DOCUMENT_BUDGET: CloudbaseStoreOptions = { maxRetries: 30, maxBackoffMs: 500 };

describeStoreContract('cloudbase (stand-in, interleaved)', async () => {
  const { standin, store, engine } = open({ interleave: true }, HOT_DOCUMENT_BUDGET);
  return {
    store,
    cleanup: async () => {
      await store.close();
      // The adapter never leaves a transaction open, never asks for more than a read returns.
      expect(engine.openTransactions()).toBe(0);
      expect(engine.stats.truncatedReads).toBe(0);
      expect(engine.stats.maxDocsPerRead).toBeLessThanOrEqual(READ_CAP);
      expect(engine.stats.requestedLimits.every((n) => n >= 1 && n <= READ_CAP)).toBe(true);
      standin.dispose();
    },
  };
});

// The same contract under stricter isolation and without interleaving: no adapter behaviour may
// depend on the scheduling or on the stand-in's isolation level.
describeStoreContract('cloudbase (stand-in, serializable, not interleaved)', async () => {
  const { standin, store, engine } = open({ isolation: 'serializable' }, HOT_DOCUMENT_BUDGET);
  return {
    store,
    cleanup: async () => {
      await store.close();
      expect(engine.openTransactions()).toBe(0);
      expect(engine.stats.truncatedReads).toBe(0);
      standin.dispose();
    },
  };
});

describe('CloudBase stand-in enforces CloudBase limits', () => {
  it('refuses a where() query inside a transaction', async () => {
    const { db, engine, standin } = open();
    await db
      .collection('meta')
      .doc('a')
      .set({ data: { v: 1 } });
    const e = await db
      .runTransaction(async (t) => {
        const coll = t.collection('meta') as unknown as { where(q: object): { get(): Promise<unknown> } };
        return coll.where({ v: 1 }).get();
      }, 0)
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(Error);
    expect(String((e as Error).message)).toMatch(/not allowed inside a transaction/);
    expect(engine.stats.refusedQueries).toBe(1);
    expect(engine.openTransactions()).toBe(0);
    // By id is fine.
    const got = await db.runTransaction(async (t) => (await t.collection('meta').doc('a').get()).data, 0);
    expect(got).toEqual({ _id: 'a', v: 1 });
    standin.dispose();
  });

  it('caps a read at 100 documents, and at 100 when no limit is set', async () => {
    const { db, store, engine, standin } = open();
    await store.transaction(async (tx) => {
      for (let i = 0; i < 150; i++) await tx.set('audit', { _id: `a${String(i).padStart(3, '0')}`, i });
    });
    const coll = db.collection('audit') as unknown as {
      limit(n: number): { get(): Promise<{ data: unknown[] }> };
      get(): Promise<{ data: unknown[] }>;
    };
    expect((await coll.limit(150).get()).data).toHaveLength(100);
    expect((await coll.get()).data).toHaveLength(100);
    expect(engine.stats.truncatedReads).toBe(1);
    expect(await store.count('audit')).toBe(150);
    standin.dispose();
  });

  it('refuses collections that do not exist', async () => {
    const { db, standin } = open();
    await expect(db.collection('nowhere').limit(1).get()).rejects.toThrow(/not exist/);
    standin.dispose();
  });

  it('detects a write conflict between two open transactions', async () => {
    const { db, engine, standin } = open();
    await db
      .collection('meta')
      .doc('c')
      .set({ data: { n: 0 } });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = db.runTransaction(async (t) => {
      const doc = await t.collection('meta').doc('c').get();
      await gate;
      await t
        .collection('meta')
        .doc('c')
        .set({ data: { n: (doc.data?.n as number) + 1 } });
    }, 0);
    await db.runTransaction(async (t) => {
      await t
        .collection('meta')
        .doc('c')
        .set({ data: { n: 10 } });
    }, 0);
    release();
    const e = await slow.then(
      () => null,
      (err: unknown) => err,
    );
    expect(isConflictError(e)).toBe(true);
    expect(engine.stats.conflicts).toBe(1);
    expect((await db.collection('meta').doc('c').get()).data).toEqual({ _id: 'c', n: 10 });
    standin.dispose();
  });
});

describe('CloudBase adapter: conflicts and retries', () => {
  it('retries conflicting transactions: 50 interleaved increments end at 50 after retries', async () => {
    let retries = 0;
    const { store, engine, standin } = open({ interleave: true }, { ...HOT_DOCUMENT_BUDGET, onRetry: () => retries++ });
    await store.transaction(async (tx) => tx.create('meta', { _id: 'counter', n: 0 }));
    let bodies = 0;
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.transaction(async (tx) => {
          bodies++;
          const doc = await tx.get<Doc & { n: number }>('meta', 'counter');
          await tx.update('meta', 'counter', { n: (doc?.n ?? 0) + 1 });
        }),
      ),
    );
    expect(await store.get('meta', 'counter')).toEqual({ _id: 'counter', n: 50 });
    expect(engine.stats.conflicts).toBeGreaterThan(0);
    expect(retries).toBe(engine.stats.conflicts);
    expect(bodies).toBe(50 + retries);
    expect(engine.openTransactions()).toBe(0);
    standin.dispose();
  });

  it('with the default retry policy, absorbs ten concurrent writers of one document', async () => {
    let retries = 0;
    const { store, engine, standin } = open({ interleave: true }, { onRetry: () => retries++ });
    await store.transaction(async (tx) => tx.create('meta', { _id: 'counter', n: 0 }));
    await Promise.all(
      Array.from({ length: 10 }, () =>
        store.transaction(async (tx) => {
          const doc = await tx.get<Doc & { n: number }>('meta', 'counter');
          await tx.update('meta', 'counter', { n: (doc?.n ?? 0) + 1 });
        }),
      ),
    );
    expect(await store.get('meta', 'counter')).toEqual({ _id: 'counter', n: 10 });
    expect(retries).toBe(engine.stats.conflicts);
    standin.dispose();
  });

  it('by default retries 8 times, then BUSY', async () => {
    const { store, db, standin } = open({}, { random: () => 0 });
    await store.transaction(async (tx) => tx.create('meta', { _id: 'hot', n: 0 }));
    let bodies = 0;
    const e = await store
      .transaction(async (tx) => {
        bodies++;
        await tx.get('meta', 'hot');
        await db
          .collection('meta')
          .doc('hot')
          .set({ data: { n: bodies } });
        await tx.update('meta', 'hot', { n: -1 });
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toMatchObject({ code: 'BUSY', details: { attempts: 9 } });
    expect(bodies).toBe(9);
    standin.dispose();
  });

  it('gives up with BUSY after the bounded number of retries', async () => {
    const { store, db, engine, standin } = open({}, { maxRetries: 2, backoffMs: 1 });
    await store.transaction(async (tx) => tx.create('meta', { _id: 'hot', n: 0 }));
    let bodies = 0;
    const e = await store
      .transaction(async (tx) => {
        bodies++;
        const doc = await tx.get<Doc & { n: number }>('meta', 'hot');
        // Someone else commits the same document meanwhile, every time.
        await db
          .collection('meta')
          .doc('hot')
          .set({ data: { n: 1000 + bodies } });
        await tx.update('meta', 'hot', { n: (doc?.n ?? 0) + 1 });
      })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('BUSY');
    expect((e as AppError).message).toBe('系统繁忙，请稍后再试');
    expect(bodies).toBe(3);
    expect(engine.stats.conflicts).toBe(3);
    expect(await store.get('meta', 'hot')).toEqual({ _id: 'hot', n: 1003 });
    standin.dispose();
  });

  it('retries when the body swallowed the conflict error itself', async () => {
    const { store, db, standin } = open({}, { backoffMs: 1 });
    await store.transaction(async (tx) => tx.create('meta', { _id: 'c', n: 0 }));
    let bodies = 0;
    const result = await store.transaction(async (tx) => {
      bodies++;
      const doc = await tx.get<Doc & { n: number }>('meta', 'c');
      if (bodies === 1)
        await db
          .collection('meta')
          .doc('c')
          .set({ data: { n: 5 } });
      try {
        await tx.update('meta', 'c', { n: (doc?.n ?? 0) + 1 });
      } catch {
        return 'swallowed';
      }
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(bodies).toBe(2);
    expect(await store.get('meta', 'c')).toEqual({ _id: 'c', n: 6 });
    standin.dispose();
  });

  it('update writes the shallow merge even though CloudBase update() would merge deeply', async () => {
    const { store, db, standin } = open();
    await store.transaction(async (tx) => tx.create('meta', { _id: 'p', profile: { a: 1, b: 2 } }));
    await store.transaction(async (tx) => tx.update('meta', 'p', { profile: { a: 3 } }));
    expect(await store.get('meta', 'p')).toEqual({ _id: 'p', profile: { a: 3 } });
    // What the native update would have done, for contrast (the stand-in models it).
    await db
      .collection('meta')
      .doc('p')
      .update({ data: { profile: { c: 4 } } });
    expect(await store.get('meta', 'p')).toEqual({ _id: 'p', profile: { a: 3, c: 4 } });
    standin.dispose();
  });

  it('never sends a query above the read cap, even for a full page', async () => {
    const { store, engine, standin } = open();
    await store.transaction(async (tx) => {
      for (let i = 0; i < 120; i++) await tx.set('audit', { _id: `x${String(i).padStart(3, '0')}`, at: 't' });
    });
    engine.resetStats();
    const page = await store.find('audit', { orderBy: { field: 'at', direction: 'asc' }, limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.next).not.toBeNull();
    expect(engine.stats.requestedLimits).toEqual([100, 1]);
    const rest = await store.find('audit', { orderBy: { field: 'at', direction: 'asc' }, limit: 100, after: page.next ?? '' });
    expect(rest.items).toHaveLength(20);
    expect(rest.next).toBeNull();
    standin.dispose();
  });
});

describe('CloudBase adapter: beyond the shared contract', () => {
  it('works as well on a database made with throwOnNotFound: false', async () => {
    const { store, standin } = open({ database: { throwOnNotFound: false } });
    expect(await store.transaction(async (tx) => tx.get('meta', 'none'))).toBeNull();
    await store.transaction(async (tx) => tx.create('meta', { _id: 'one', v: 1 }));
    await expect(store.transaction(async (tx) => tx.create('meta', { _id: 'one', v: 2 }))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(store.transaction(async (tx) => tx.update('meta', 'none', { v: 1 }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    standin.dispose();
  });

  it('refuses transactions after close', async () => {
    const { store, standin } = open();
    await store.close();
    await expect(store.transaction(async () => 1)).rejects.toMatchObject({ code: 'BUSY' });
    standin.dispose();
  });
});
