/** What a service record of 我的时间 says about time credits. */
import type { RecordView } from '@core/api';
import { messages as m } from './messages';

/** Why served hours earned no time credits, in one line, from what the server knows (null when they did). */
export function uncreditedWhy(r: Pick<RecordView, 'state' | 'reason' | 'earnsCredits' | 'categoryName'>): string | null {
  // A kind that never earns credits is said first: no promise of credits, and none taken back.
  if (r.state === 'pending') return r.earnsCredits ? m.why.pending : m.why.pendingNoCredits;
  if (r.state === 'rejected') return r.reason ? m.rejectedReason(r.reason) : m.why.rejected;
  if (r.state === 'reversed' && !r.earnsCredits) return r.reason ? m.why.reversedNoCreditsBecause(r.reason) : m.why.reversedNoCredits;
  if (r.state === 'reversed') return r.reason ? m.why.reversedBecause(r.reason) : m.why.reversed;
  if (!r.earnsCredits) return m.why.category(r.categoryName);
  return null;
}

/** An approved record whose minutes may still be disputed (within its window, never disputed before). */
export function isShortToDispute(r: Pick<RecordView, 'state' | 'canAppeal' | 'appeal'>): boolean {
  return r.state === 'approved' && r.canAppeal && !r.appeal;
}
