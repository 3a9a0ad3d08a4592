/**
 * Time on the street's calendar. Leaders think in Shanghai wall-clock time (UTC+8, no daylight
 * saving); documents store instants as ISO strings in UTC (`toISOString()`, 24 characters, so they
 * sort as text), plus the local date for calendar queries. No I/O.
 */

const SHANGHAI_OFFSET_MINUTES = 8 * 60;
export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export const WEEKDAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The instant of a Shanghai wall-clock date and time. */
export function localToUtc(date: string, time: string): Date {
  if (!LOCAL_DATE.test(date) || !LOCAL_TIME.test(time)) throw new RangeError(`bad local date/time ${date} ${time}`);
  const d = new Date(`${date}T${time}:00+08:00`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`bad local date ${date}`);
  return d;
}

interface LocalParts {
  date: string;
  time: string;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  month: number;
  day: number;
}

/** Shanghai wall-clock parts of an instant. */
export function localParts(at: Date | string): LocalParts {
  const ms = (typeof at === 'string' ? Date.parse(at) : at.getTime()) + SHANGHAI_OFFSET_MINUTES * MINUTE;
  const shifted = new Date(ms);
  const iso = shifted.toISOString();
  return {
    date: iso.slice(0, 10),
    time: iso.slice(11, 16),
    weekday: shifted.getUTCDay(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** Today's date in Shanghai. */
export const localDate = (now: Date): string => localParts(now).date;

/** Years a date of the street's calendar may fall in: beyond them, arithmetic on a date (a day after 9999-12-31) leaves ISO dates. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** A real calendar date (2026-02-30 is not) in MIN_YEAR..MAX_YEAR. */
export function isRealDate(date: string): boolean {
  if (!LOCAL_DATE.test(date)) return false;
  const year = Number(date.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** The dates of a weekly series: the first date and then every 7 days, `weeks` dates in all. */
export function weeklyDates(first: string, weeks: number): string[] {
  return Array.from({ length: weeks }, (_, i) => addDays(first, 7 * i));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "11月28日（周六）09:00–11:00" */
export function timeText(startAt: string, endAt: string): string {
  const s = localParts(startAt);
  const e = localParts(endAt);
  const head = `${s.month}月${s.day}日（${WEEKDAY_NAMES[s.weekday]}）${s.time}`;
  return s.date === e.date ? `${head}–${e.time}` : `${head}–${e.month}月${e.day}日 ${e.time}`;
}

/** "11月28日 09:00" */
export function shortDateTime(at: string | Date): string {
  const p = localParts(at);
  return `${p.month}月${p.day}日 ${p.time}`;
}

export const minutesBetween = (from: string | Date, to: string | Date): number =>
  Math.floor(((typeof to === 'string' ? Date.parse(to) : to.getTime()) - (typeof from === 'string' ? Date.parse(from) : from.getTime())) / MINUTE);

export const plusMinutes = (at: string | Date, minutes: number): string =>
  new Date((typeof at === 'string' ? Date.parse(at) : at.getTime()) + minutes * MINUTE).toISOString();

export interface Interval {
  startAt: string;
  endAt: string;
}

/** Minutes two intervals share (0 when they only touch or do not meet). */
export function overlapMinutes(a: Interval, b: Interval): number {
  const start = Math.max(Date.parse(a.startAt), Date.parse(b.startAt));
  const end = Math.min(Date.parse(a.endAt), Date.parse(b.endAt));
  return end > start ? Math.floor((end - start) / MINUTE) : 0;
}

/** Overlap beyond this grace is a hard conflict; a shorter overlap only warns. */
export const CONFLICT_GRACE_MINUTES = 60;

type OverlapKind = 'none' | 'warn' | 'conflict';

export function classifyOverlap(minutes: number, graceMinutes = CONFLICT_GRACE_MINUTES): OverlapKind {
  if (minutes <= 0) return 'none';
  return minutes > graceMinutes ? 'conflict' : 'warn';
}

/**
 * Minutes actually served: from the later of check-in and the scheduled start to the earlier of
 * check-out and the scheduled end. Time before the start or after the end (waiting, travel) does not
 * count, so the result never exceeds the scheduled length.
 */
export function servedMinutes(s: { checkInAt: string; checkOutAt: string; startAt: string; endAt: string }): number {
  const span = servedSpan(s);
  return span ? spanMinutes(span) : 0;
}

/** Whole minutes of a span. */
export const spanMinutes = (span: Interval): number => Math.floor((Date.parse(span.endAt) - Date.parse(span.startAt)) / MINUTE);

/**
 * The clock time a served stretch covers: from max(check-in, start) to min(check-out, end), the
 * span servedMinutes measures; null when it is empty.
 */
export function servedSpan(s: { checkInAt: string; checkOutAt: string; startAt: string; endAt: string }): Interval | null {
  const from = Math.max(Date.parse(s.checkInAt), Date.parse(s.startAt));
  const to = Math.min(Date.parse(s.checkOutAt), Date.parse(s.endAt));
  return to > from ? { startAt: new Date(from).toISOString(), endAt: new Date(to).toISOString() } : null;
}

/**
 * Whole minutes of `span` that none of `taken` covers: time already credited elsewhere is not
 * credited again. The taken spans may overlap each other; each instant counts once.
 */
export function uncoveredMinutes(span: Interval, taken: readonly Interval[]): number {
  const from = Date.parse(span.startAt);
  const to = Date.parse(span.endAt);
  if (!(to > from)) return 0;
  const cuts = taken
    .map((t) => [Math.max(from, Date.parse(t.startAt)), Math.min(to, Date.parse(t.endAt))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let reach = from;
  for (const [a, b] of cuts) {
    const start = Math.max(a, reach);
    if (b > start) covered += b - start;
    reach = Math.max(reach, b);
  }
  return Math.floor((to - from - covered) / MINUTE);
}

export { pad };
