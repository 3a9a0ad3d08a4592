/**
 * How the CloudBase adapter reads the platform's failures, through the real
 * wx-server-sdk over the stand-in: a transaction past CloudBase's 30 s lifetime ("TransactionNotExist
 * ... does not exist") is run again, never taken for a missing document; a duplicate `_id` on `add`
 * after a read that found nothing is a conflict to retry; a missing collection is NOT_SET_UP.
 *
 * The error texts below are those wx-server-sdk 4.0.2 produces (maybeTransformError + toSDKError:
 * "<api>:fail <errCode> <text>. <server message>"), with the server messages CloudBase users have
 * logged publicly for TransactionNotExist, TransactionConflict and a missing collection.
 */
import {
  createCloudbaseStore,
  isConflictError,
  isMissingCollectionError,
  isTransactionGoneError,
  type CloudbaseDatabase,
  type CloudbaseTransaction,
} from '../../cloudfunctions/core/store/cloudbase';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { createCloudbaseStandin } from '../support/cloudbase-standin';

it('tells the SDK-rewrapped texts apart', () => {
  const gone = new Error(
    'document.get:fail -501001 resource system error. [ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server.',
  );
  const missingDoc = new Error('document.get:fail document with _id u_1 does not exist');
  const conflict = new Error(
    'document.set:fail -501001 resource system error. [ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by other transaction.',
  );
  const noCollection = Object.assign(new Error('collection.get:fail -502005 database collection not exists. [ResourceNotFound] Db or Table not exist.'), {
    errCode: -502005,
  });
  expect([gone, missingDoc, conflict, noCollection].map(isTransactionGoneError)).toEqual([true, false, false, false]);
  expect([gone, missingDoc, conflict, noCollection].map(isConflictError)).toEqual([false, false, true, false]);
  expect([gone, missingDoc, conflict, noCollection].map(isMissingCollectionError)).toEqual([false, false, false, true]);
  // node-sdk's own TcbError, before wx-server-sdk rewraps it.
  expect(isMissingCollectionError({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: '[ResourceNotFound] Db or Table not exist' })).toBe(true);
});

it('runs a body again when its transaction outlived CloudBase’s 30 s, and commits it once', async () => {
  let now = Date.parse('2026-12-01T00:00:00Z');
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, now: () => now });
  const retries: unknown[] = [];
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { backoffMs: 1, onRetry: (_n, e) => retries.push(e) });
  let attempts = 0;
  const result = await store.transaction(async (tx) => {
    attempts += 1;
    const current = await tx.get<{ _id: string; n: number }>('meta', 'counter');
    // The first attempt stalls past the lifetime (a slow body, a frozen instance).
    if (attempts === 1) now += 31_000;
    await tx.set('meta', { _id: 'counter', n: (current?.n ?? 0) + 1 });
    return (current?.n ?? 0) + 1;
  });
  expect(attempts).toBe(2);
  expect(result).toBe(1);
  expect(retries).toHaveLength(1);
  expect(isTransactionGoneError(retries[0])).toBe(true);
  expect(standin.engine.dump('meta')).toEqual([{ _id: 'counter', n: 1 }]);
  expect(standin.engine.openTransactions()).toBe(0);
  standin.dispose();
});

it('does not take an expired transaction for a missing document', async () => {
  let now = 0;
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, now: () => now });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { backoffMs: 1 });
  await store.transaction((tx) => tx.create('meta', { _id: 'present', v: 1 }));
  const seen: Array<unknown> = [];
  let attempts = 0;
  await store.transaction(async (tx) => {
    attempts += 1;
    if (attempts === 1) now += 31_000;
    seen.push(await tx.get('meta', 'present'));
  });
  expect(attempts).toBe(2);
  // The read on the expired transaction failed and the body ran again; it never saw null.
  expect(seen).toEqual([{ _id: 'present', v: 1 }]);
  standin.dispose();
});

it('retries a create whose add meets a duplicate _id after its read found nothing', async () => {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES });
  const real = standin.db as CloudbaseDatabase;
  let injected = false;
  // Between this transaction's read and its add, another writer commits the same id, and the server
  // answers the add with E11000 (as a unique index does), which wx-server-sdk rewraps.
  const db: CloudbaseDatabase = Object.create(real, {
    runTransaction: {
      value: <R>(body: (t: CloudbaseTransaction) => Promise<R>, retries?: number) =>
        real.runTransaction((t) => {
          const wrapped: CloudbaseTransaction = {
            collection: (name) => {
              const c = t.collection(name);
              return {
                doc: (id: string) => c.doc(id),
                add: async (options: { data: Record<string, unknown> }) => {
                  if (!injected && options.data._id === 'claim:1') {
                    injected = true;
                    await real
                      .collection(name)
                      .doc('claim:1')
                      .set({ data: { by: 'other' } });
                    throw new Error('collection.add:fail -502001 database request fail. E11000 duplicate key error collection: uniques index: _id_ dup key');
                  }
                  return c.add(options);
                },
              };
            },
          };
          return body(wrapped);
        }, retries),
    },
  });
  const store = createCloudbaseStore(db, { backoffMs: 1 });
  const outcome = await store
    .transaction((tx) => tx.create('uniques', { _id: 'claim:1', by: 'me' }))
    .then(
      () => 'created',
      (e: { code?: string }) => e.code,
    );
  // The second attempt sees the other writer's document: an honest CONFLICT, not a retryable error
  // escaping as INTERNAL, and not a silent overwrite.
  expect(outcome).toBe('CONFLICT');
  expect(standin.engine.dump('uniques')).toEqual([{ _id: 'claim:1', by: 'other' }]);
  standin.dispose();
});
