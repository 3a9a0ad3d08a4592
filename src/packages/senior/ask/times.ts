/**
 * Which day and start time the help form offers, as pure functions of the clock: later days offer
 * every start time; today only those not past. Late in the day nothing is left today: 今天 says so
 * and choosing it keeps the day chosen before, so the start-time picker is never empty.
 */
import { WEEKDAY_NAMES, addDays, localParts } from '@/services/dates';
import type { ChipOption } from '../components/Chips';
import { messages as m } from './messages';

/** Morning and afternoon start times (not over lunch), four rows of two in elder mode. */
export const STARTS = ['08:00', '09:00', '10:00', '11:00', '13:00', '14:00', '15:00', '16:00'];
/** The back end lets a request start a little in the past (a slow hand); the form offers times from now on. */
const GRACE_MINUTES = 15;

export const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
export const toTime = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** The start times that may still be chosen on `date` (Shanghai) at `now`. */
export function startsFor(date: string, now: Date): string[] {
  const here = localParts(now);
  if (date !== here.date) return STARTS;
  const nowMin = toMinutes(here.time);
  return STARTS.filter((s) => toMinutes(s) >= nowMin - GRACE_MINUTES);
}

/** The next seven days as chips; 今天 says when no start time is left. */
export function dayOptions(now: Date): ChipOption[] {
  const t = localParts(now).date;
  return Array.from({ length: 7 }, (_, i) => {
    const date = addDays(t, i);
    const p = localParts(`${date}T04:00:00.000Z`);
    const md = m.day.md(p.month, p.day);
    const rel = [m.day.today, m.day.tomorrow, m.day.dayAfter][i];
    if (i === 0 && startsFor(date, now).length === 0) return { value: date, label: rel!, sub: m.day.noneLeftShort };
    return { value: date, label: rel ?? WEEKDAY_NAMES[p.weekday]!, sub: rel ? `${md} ${WEEKDAY_NAMES[p.weekday]}` : md };
  });
}

/**
 * The senior taps a day: a day with start times left is chosen, keeping the start time if it is
 * still offered, else the first one left; a day with none (today, late) is not chosen, and says why.
 */
export function chooseDay(date: string, current: { date: string; start: string }, now: Date): { date: string; start: string; notice: string | null } {
  const starts = startsFor(date, now);
  if (starts.length === 0) return { ...current, notice: m.day.noneLeft };
  return { date, start: starts.includes(current.start) ? current.start : starts[0]!, notice: null };
}
