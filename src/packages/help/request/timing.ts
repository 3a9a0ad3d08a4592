/**
 * The volunteer's request page and the clock, from what the server answered (its clock, not the
 * phone's): when 我出发了 will be offered, and a first guess of the hours served that never claims
 * more than has passed since the start.
 */
import type { HelpRequestView } from '@core/api';
import { dateTime } from '@/services/dates';
import { messages as m } from './messages';

/** "11月28日 07:00 起，这里会出现“我出发了”…", while the button is not offered yet; else null. */
export const onTheWayLater = (r: Pick<HelpRequestView, 'onTheWayFrom'>): string | null => (r.onTheWayFrom ? m.onTheWay.later(dateTime(r.onTheWayFrom)) : null);

/** Hours to put in the report's field: the expected minutes, at most those since the start, down to a tenth of an hour ("" below 6 minutes). */
export function reportGuess(r: Pick<HelpRequestView, 'minutes' | 'minutesSinceStart'>): string {
  const minutes = Math.min(r.minutes.minutes, r.minutesSinceStart ?? Infinity);
  const tenths = Math.floor(minutes / 6);
  return tenths > 0 ? String(tenths / 10) : '';
}
