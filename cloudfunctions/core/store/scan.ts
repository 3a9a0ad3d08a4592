/**
 * Reading everything a query finds, a page of MAX_PAGE at a time in index order: for the few reads
 * that need a whole set (pairing, coverage, the street report, closing an account). Never inside a
 * transaction (queries do not run there).
 */
import { MAX_PAGE, type Doc, type FieldFilter, type Store } from './port';
import type { CollectionName } from './schema';

/** Every document the query finds, ascending by `orderBy`, page by page. */
export async function* scan<T extends Doc>(store: Store, collection: CollectionName, where: Record<string, FieldFilter>, orderBy: string): AsyncGenerator<T> {
  let after: string | undefined;
  do {
    const page = await store.find<T>(collection, { where, orderBy: { field: orderBy, direction: 'asc' }, limit: MAX_PAGE, after });
    yield* page.items;
    after = page.next ?? undefined;
  } while (after);
}

/** Up to `max` documents the query finds, in a list. */
export async function scanAll<T extends Doc>(
  store: Store,
  collection: CollectionName,
  where: Record<string, FieldFilter>,
  orderBy: string,
  max = Infinity,
): Promise<T[]> {
  const out: T[] = [];
  for await (const doc of scan<T>(store, collection, where, orderBy)) {
    out.push(doc);
    if (out.length >= max) break;
  }
  return out;
}
