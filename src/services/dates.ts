/**
 * How dates read on screen, one style everywhere (Shanghai wall-clock): "12月5日 08:00" for a
 * moment, "12月5日 周六" for a day, "今天 18:00" / "明天 09:00" for a near deadline, and the time
 * of day in words ("今天下午") where the minute does not matter.
 */
import { WEEKDAY_NAMES, addDays, localParts } from '@core/domain/schedule';
import { commonMessages } from '../messages/common';
import { dateMessages as w } from '../messages/dates';

const u = commonMessages.units;

/** "12月5日 08:00"; "2025年12月6日 09:00" for a moment of another year (a list of a year's lines reads right). */
export function dateTime(at: string | Date, now: Date = new Date()): string {
  const p = localParts(at);
  const year = p.date.slice(0, 4) === localParts(now).date.slice(0, 4) ? '' : `${p.date.slice(0, 4)}${w.year}`;
  return `${year}${p.month}${u.month}${p.day}${u.day} ${p.time}`;
}

/** "12月5日". */
export function dateOnly(at: string | Date): string {
  const p = localParts(at);
  return `${p.month}${u.month}${p.day}${u.day}`;
}

/** "2026年12月5日": a moment's day where the year matters (when a policy was agreed to). */
export const dateWithYear = (at: string | Date): string => `${localParts(at).date.slice(0, 4)}${w.year}${dateOnly(at)}`;

/** A privacy policy version named by its date (2026-11-01) reads as one (2026年11月1日); other names stay as they are. */
export const policyVersionWords = (version: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(version) ? dateWithYear(`${version}T12:00:00+08:00`) : version);

/** "12月5日" for a YYYY-MM-DD date (noon in Shanghai, so no time zone moves it). */
export const calendarDay = (date: string): string => dateOnly(`${date}T04:00:00.000Z`);

/** A period of YYYY-MM-DD dates with the year once: "2026年1月1日 至 12月4日" (both years when they differ). */
export function dateRange(from: string, to: string): string {
  const withYear = (date: string) => `${date.slice(0, 4)}${w.year}${calendarDay(date)}`;
  return w.range(withYear(from), from.slice(0, 4) === to.slice(0, 4) ? calendarDay(to) : withYear(to));
}

/** "12月5日 周六" for a YYYY-MM-DD date. */
export function dayLabel(date: string): string {
  const p = localParts(`${date}T04:00:00.000Z`);
  return `${p.month}${u.month}${p.day}${u.day} ${WEEKDAY_NAMES[p.weekday]}`;
}

/** "08:00". */
export const clock = (at: string | Date): string => localParts(at).time;

/** Today in Shanghai, YYYY-MM-DD. */
export const today = (now: Date = new Date()): string => localParts(now).date;

/** 今天 / 明天 / 昨天, or null for any other day. */
function nearDay(at: string | Date, now: Date): string | null {
  const day = localParts(at).date;
  const t = localParts(now).date;
  if (day === t) return w.today;
  if (day === addDays(t, 1)) return w.tomorrow;
  if (day === addDays(t, -1)) return w.yesterday;
  return null;
}

/** A deadline as a person says it: "今天 18:00", "明天 09:00", otherwise "12月5日 09:00". */
export function deadline(at: string | Date, now: Date = new Date()): string {
  const near = nearDay(at, now);
  return near ? `${near} ${clock(at)}` : dateTime(at);
}

/** The part of the day, for times where the minute does not matter: 上午 / 中午 / 下午 / 晚上. */
export function partOfDay(at: string | Date): string {
  const hour = Number(localParts(at).time.slice(0, 2));
  if (hour < 11) return w.morning;
  if (hour < 13) return w.noon;
  if (hour < 18) return w.afternoon;
  return w.evening;
}

/** A deadline in words, not to the minute: "今天下午", "明天上午", otherwise "12月5日上午". */
export function roughDeadline(at: string | Date, now: Date = new Date()): string {
  return `${nearDay(at, now) ?? dateOnly(at)}${partOfDay(at)}`;
}

/** Whether a deadline has passed by the phone's clock. */
export const isPast = (at: string | Date, now: Date = new Date()): boolean => new Date(at).getTime() <= now.getTime();

/** YYYY-MM-DD of the weekly series: the first date and the same weekday in each following week. */
export function weeklyDates(first: string, weeks: number): string[] {
  return Array.from({ length: Math.max(1, weeks) }, (_, i) => addDays(first, 7 * i));
}

export { WEEKDAY_NAMES, addDays, localParts };
