/**
 * Work that may outgrow one function call: a time budget, and a pass over a query that stops when
 * the budget runs out and resumes from a cursor next time.
 *
 * A cloud function is killed at its timeout (the scheduler's is 60 s, the admin's 20 s in
 * cloudbaserc.json), so anything that grows with the street (activities to close, help requests to
 * sweep, a year's report) runs under a budget below the timeout, saves where it stopped, and carries
 * on at the next call. The budget is a function so a test can make it run out after exactly N units
 * of work, with no clock involved.
 */
import { encodeCursor, MAX_PAGE, type FieldFilter, type Store } from '../store/port';
import type { Doc } from '../domain/doc';
import type { CollectionName } from '../store/schema';

export interface Budget {
  /**
   * Milliseconds left. Asked once before each unit of work (one item, one page of a report); the
   * unit is started only while the answer is above zero.
   */
  timeLeft(): number;
}

/** A budget of `ms` from now on the given clock (wall time by default). */
export function timeBudget(ms: number, clock: () => number = Date.now): Budget {
  const end = clock() + ms;
  return { timeLeft: () => end - clock() };
}

/** No limit: for calls that must finish in one go (the one-pass report, tools, tests). */
export const UNLIMITED: Budget = { timeLeft: () => Infinity };

/** The cursor of a page that ends with `doc`, as the adapters write it (store/port.ts encodeCursor). */
function cursorAfter(doc: Doc, field: string): string {
  return encodeCursor(field === '_id' ? null : ((doc as unknown as Record<string, unknown>)[field] ?? null), doc._id);
}

export interface PassResult {
  /** True when the query has no items left after the last one handled. */
  done: boolean;
  /** Cursor after the last item handled (or the cursor the pass started from); null from the start. */
  after: string | null;
  /** The sort value and id of the last item handled, readable, for logs and the run view. */
  last: string | null;
  handled: number;
  /** What an item's step threw: the pass stopped just before that item (the cursor does not pass it). */
  error?: unknown;
}

/**
 * Handles every item the query finds after `after`, ascending by `orderBy`, one at a time, while
 * the budget lasts. An item is handled completely or not at all as far as the cursor goes: the
 * cursor moves past an item only once `each` has returned, so an item cut off by the budget or by
 * an error is the first one of the next pass. An error thrown by `each` ends the pass and comes
 * back in the result with the cursor before that item; an error reading the store is thrown. `each` must be safe to run again on the same item
 * (every scheduler step re-checks its item inside its own transaction).
 */
export async function resumablePass<T extends Doc>(
  store: Store,
  collection: CollectionName,
  where: Record<string, FieldFilter>,
  orderBy: string,
  after: string | null,
  budget: Budget,
  each: (item: T) => Promise<void>,
): Promise<PassResult> {
  let cursor = after;
  let last: string | null = null;
  let handled = 0;
  for (;;) {
    if (budget.timeLeft() <= 0) return { done: false, after: cursor, last, handled };
    const page = await store.find<T>(collection, { where, orderBy: { field: orderBy, direction: 'asc' }, limit: MAX_PAGE, after: cursor ?? undefined });
    for (let i = 0; i < page.items.length; i += 1) {
      const item = page.items[i]!;
      // The first item of a page was paid for by the check before the read.
      if (i > 0 && budget.timeLeft() <= 0) return { done: false, after: cursor, last, handled };
      try {
        await each(item);
      } catch (error) {
        return { done: false, after: cursor, last, handled, error };
      }
      handled += 1;
      cursor = cursorAfter(item, orderBy);
      last = `${String((item as unknown as Record<string, unknown>)[orderBy] ?? '')}/${item._id}`;
    }
    if (!page.next) return { done: true, after: null, last, handled };
  }
}
