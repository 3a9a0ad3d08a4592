/**
 * The adjustment form's checks before 下一步: a person (or the pool), hours within the one-adjustment
 * limit the server enforces (MAX_TRANSFER_MINUTES, said as such), a reason, and for a deduction no more
 * than the account has available now (when that is known), so it is refused here and not only after 确认调整.
 */
import { MAX_TRANSFER_MINUTES } from '@core/domain/ledger-limits';
import { hours, readHours } from '@/services/format';
import { messages as m } from './messages';
import { isTooShortReason } from '@/services/rules';

export interface AdjustForm {
  target: 'person' | 'pool';
  hasPerson: boolean;
  amount: string;
  direction: 'up' | 'down';
  reason: string;
  /** The account's available minutes; null while not known. */
  available: number | null;
}

export function adjustErrors(f: AdjustForm): Record<string, string> {
  const e: Record<string, string> = {};
  if (f.target === 'person' && !f.hasPerson) e.person = m.noPerson;
  const read = readHours(f.amount, MAX_TRANSFER_MINUTES);
  if ('problem' in read) e.minutes = read.problem === 'tooMany' ? m.amount.tooMany(hours(MAX_TRANSFER_MINUTES)) : m.amount.invalid;
  else if (f.direction === 'down' && f.available !== null && read.minutes > f.available) e.minutes = m.amount.overAvailable(hours(Math.max(0, f.available)));
  if (isTooShortReason(f.reason)) e.reason = m.reason.invalid;
  return e;
}
