/**
 * Loads the ledger's documents and checks its invariants (domain/ledger-invariants.ts). On a store
 * that can take a snapshot (SQLite: a read transaction on its own connection) the whole check reads
 * one snapshot, so it may run while servers are writing; on other stores it pages through the
 * collections by id and should run on a quiet store. `npm run ledger:verify` and the tests call it.
 */
import { checkLedger, type VerifyReport } from '../domain/ledger-invariants';
import type { AccountDoc, MovementDoc, TransferDoc } from '../domain/ledger';
import type { ServiceRecordDoc } from '../domain/records';
import type { Store } from '../store/port';
import type { Doc } from '../domain/doc';
import type { CollectionName } from '../store/schema';
import { loadPolicy } from './policy';

export { formatReport, type Check, type VerifyReport } from '../domain/ledger-invariants';

/** Any Store: pages through the collection by id, 100 at a time. */
function pages<T extends Doc>(store: Store, collection: CollectionName): AsyncIterable<T> {
  return (async function* () {
    let after: string | undefined;
    do {
      const page = await store.find<T>(collection, { orderBy: { field: '_id', direction: 'asc' }, limit: 100, after });
      yield* page.items;
      after = page.next ?? undefined;
    } while (after);
  })();
}

/** Runs every check over one store and returns the report (it prints nothing). */
export async function verifyLedger(store: Store): Promise<VerifyReport> {
  const snapshot = store.snapshot?.();
  const scan = <T extends Doc>(collection: CollectionName): AsyncIterable<T> => (snapshot ? snapshot.scan<T>(collection) : pages<T>(store, collection));
  try {
    const policy = await loadPolicy(store);
    return await checkLedger(
      {
        accounts: scan<AccountDoc>('accounts'),
        transfers: scan<TransferDoc>('transfers'),
        movements: scan<MovementDoc>('movements'),
        serviceRecords: scan<ServiceRecordDoc>('serviceRecords'),
      },
      policy.capMinutes,
    );
  } finally {
    snapshot?.close();
  }
}
