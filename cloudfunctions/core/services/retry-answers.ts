/**
 * Answers kept for retries. Every mutation's first answer is kept (`requests`, runtime/dispatch.ts)
 * so that a retry with the same requestId gets it again instead of doing the change twice; those
 * answers are views, and views name people (a help request's senior and her note, a volunteer's
 * name). A retry comes within minutes, so the answers are kept RETRY_ANSWER_DAYS and then deleted
 * by the scheduler; closing an account or a senior's record deletes at once the ones that carry the
 * person's id.
 */
import type { Doc } from '../domain/doc';
import type { Store } from '../store/port';
import type { Budget } from './budget';

/** Far longer than any client retries (the app retries a failed call within the page's life). */
export const RETRY_ANSWER_DAYS = 30;

const PAGE = 100;

/** The scheduler's part: answers older than RETRY_ANSWER_DAYS go, a page per transaction, while the budget lasts. */
export async function sweepRetryAnswers(store: Store, now: Date, budget: Budget): Promise<{ deleted: number; partial: boolean }> {
  const cutoff = new Date(now.getTime() - RETRY_ANSWER_DAYS * 86_400_000).toISOString();
  let deleted = 0;
  for (;;) {
    const page = await store.find<Doc>('requests', { where: { createdAt: { lt: cutoff } }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: PAGE });
    if (!page.items.length) return { deleted, partial: false };
    if (budget.timeLeft() <= 0) return { deleted, partial: true };
    await store.transaction(async (tx) => {
      for (const r of page.items) {
        if (!(await tx.get('requests', r._id))) continue;
        await tx.remove('requests', r._id);
        deleted += 1;
      }
    });
    if (!page.next) return { deleted, partial: false };
  }
}

/**
 * Deletes every kept answer that carries `personId` (a full pass: closing is rare, and the table is
 * bounded by the sweep above), except those `spare` keeps (the closing request's own, which names
 * nobody and must answer its retries). Starts after `from` (a cursor a cut-short pass returned) and
 * returns where it stopped: `done` false when the budget ran out first, with the cursor to go on from.
 */
export async function dropRetryAnswersNaming(
  store: Store,
  personId: string,
  budget: Budget,
  spare: (requestKey: string) => boolean,
  from: string | null = null,
): Promise<{ done: boolean; after: string | null }> {
  // The id whole, not the start of a longer one.
  const naming = new RegExp(`${personId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z_-])`);
  let after = from;
  for (;;) {
    if (budget.timeLeft() <= 0) return { done: false, after };
    const page = await store.find<Doc>('requests', { where: {}, orderBy: { field: 'createdAt', direction: 'asc' }, limit: PAGE, after: after ?? undefined });
    const found = page.items.filter((r) => !spare(r._id) && naming.test(JSON.stringify(r)));
    if (found.length) {
      await store.transaction(async (tx) => {
        for (const r of found) if (await tx.get('requests', r._id)) await tx.remove('requests', r._id);
      });
    }
    if (!page.next) return { done: true, after: null };
    after = page.next;
  }
}
