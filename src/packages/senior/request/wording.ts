/**
 * The progress page's sentences about the senior's credits, read from the request the server
 * returned (its state after a cancel or a confirmation, not the page's memory of it), in the voice
 * of whoever looks: the senior herself is spoken to (您的时间币, 还给您); a proxy or the 居委 staff
 * read about her. What the pool paid goes back to the pool. No ledger jargon (冻结, 解冻).
 */
import type { HelpRequestView } from '@core/api';
import { hours } from '@/services/format';
import { messages as m } from './messages';

type Paid = Pick<HelpRequestView, 'state' | 'held' | 'funding' | 'settlement'>;

/** States in which the request's hold is still in place (awaiting_grant has none yet). */
const HOLDING: ReadonlyArray<HelpRequestView['state']> = ['open', 'assigned', 'reported', 'disputed'];
/** States that ended by giving the held credits back. */
const RELEASED: ReadonlyArray<HelpRequestView['state']> = ['cancelled', 'expired', 'voided'];

/** Are credits held for this request now? */
export const isHolding = (r: Pick<HelpRequestView, 'state' | 'held'>): boolean => HOLDING.includes(r.state) && r.held.minutes > 0;

export function words(self: boolean) {
  const v = self ? m.own : m.other;
  const f = m.facts;
  /** The voice for where the credits go back to. */
  const back = (funding: HelpRequestView['funding']) => (funding === 'pool' ? m.pool : v);
  return {
    toHome: v.toHome,
    moreCredits: v.moreCredits,
    /** How the request is paid, and where the credits are now. */
    payLine(r: Paid): string {
      const how = r.funding === 'credits' ? v.credits : m.funding.pool;
      if (isHolding(r)) return f.held(how, hours(r.held.minutes));
      // Waiting for the social worker: said as what it means for her, not as credits not yet held.
      if (r.state === 'awaiting_grant') return r.funding === 'pool' ? (self ? f.poolAwaitingOwn : f.poolAwaiting) : f.notHeld(how);
      if (r.state === 'completed' && r.settlement) return f.paid(how, hours(r.settlement.minutes.minutes));
      if (RELEASED.includes(r.state) && r.held.minutes > 0) return back(r.funding).released(how, hours(r.held.minutes));
      return how;
    },
    cancelText: (r: Pick<HelpRequestView, 'held' | 'funding'>) => m.cancel.text(hours(r.held.minutes), back(r.funding).back),
    cancelDone: (r: Pick<HelpRequestView, 'funding'>) => back(r.funding).cancelDone,
    /** Fewer minutes served than held: what is paid, and what goes back where. */
    less: (r: Pick<HelpRequestView, 'funding'>, paid: string, name: string, rest: string) => m.confirm.less(paid, name, rest, back(r.funding).back),
  };
}
