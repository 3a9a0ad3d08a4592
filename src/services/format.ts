/**
 * How hours read on screen and how typed hours are read. Hours show as hours and minutes
 * ("1小时54分"), the same rule as the back end's formatHours. Dates and times: services/dates.ts.
 */
import { commonMessages } from '../messages/common';

const u = commonMessages.units;

/** Minutes as hours and minutes: 114 → "1小时54分", 120 → "2小时", 30 → "30分" (the same rule as the back end's formatHours). */
export function hours(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (m === 0) return `${sign}${h}${u.hours}`;
  return h === 0 ? `${sign}${m}${u.minutes}` : `${sign}${h}${u.hours}${m}${u.minutes}`;
}

/**
 * A chart's value, drawn in hours (so its axis steps are whole hours), read the way every other
 * figure of hours reads: 147.4 → "147小时24分", never "147.4小时".
 */
export const chartHours = (h: number): string => hours(Math.round(h * 60));

/** Hours typed by a person ("2", "1.5") as whole minutes, or null when not a positive number with at most one decimal. */
export function minutesFromHours(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,5}(\.\d)?$/.test(t)) return null;
  const minutes = Math.round(Number(t) * 60);
  return minutes > 0 ? minutes : null;
}

/**
 * Hours typed by a person, as whole minutes, or why not: `invalid` (not a positive number with at most
 * one decimal) or `tooMany` (more than `maxMinutes`, however many digits), so a form can say which.
 */
export function readHours(text: string, maxMinutes: number): { minutes: number } | { problem: 'invalid' | 'tooMany' } {
  const t = text.trim();
  if (!/^\d+(\.\d)?$/.test(t)) return { problem: 'invalid' };
  const minutes = Math.round(Number(t) * 60);
  if (minutes <= 0) return { problem: 'invalid' };
  return minutes > maxMinutes ? { problem: 'tooMany' } : { minutes };
}

/** Signed hours typed by a person ("-1.5", "+2") as whole minutes (never 0), or null. */
export function signedMinutesFromHours(text: string): number | null {
  const t = text.trim().replace(/^＋/, '+').replace(/^－/, '-');
  const m = /^([+-]?)(\d{1,5}(\.\d)?)$/.exec(t);
  if (!m) return null;
  const minutes = Math.round(Number(m[2]) * 60);
  if (minutes === 0) return null;
  return m[1] === '-' ? -minutes : minutes;
}
