/**
 * The street's duty roster (街道值班): weekly shifts, each a person, weekdays and a time range in
 * Shanghai time (a range whose end is before its start runs past midnight into the next day).
 * Pure; no I/O.
 */
import type { Doc } from './doc';
import { DEFAULT_CHAIN, type ChainConfig } from './alert-chain';

interface Shift {
  userId: string;
  /** 1 = Monday … 7 = Sunday: the day the shift starts. */
  weekdays: number[];
  from: string;
  to: string;
}

/** settings/alarm: the roster and the chain's waiting times, read by id inside transactions. */
export interface AlarmSettingsDoc extends Doc {
  shifts: Shift[];
  chain: ChainConfig;
  updatedAt: string;
}

export const ALARM_SETTINGS_ID = 'alarm';

export const defaultAlarmSettings = (): Omit<AlarmSettingsDoc, 'updatedAt'> & { updatedAt: string } => ({
  _id: ALARM_SETTINGS_ID,
  shifts: [],
  chain: DEFAULT_CHAIN,
  updatedAt: '1970-01-01T00:00:00.000Z',
});

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Shanghai weekday (1..7) and minute of the day. */
function shanghai(now: Date): { weekday: number; minute: number } {
  const local = new Date(now.getTime() + 8 * 3600_000);
  const day = local.getUTCDay();
  return { weekday: day === 0 ? 7 : day, minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** Whether a shift covers this moment. */
export function covers(shift: Shift, now: Date): boolean {
  const { weekday, minute } = shanghai(now);
  const from = minutesOf(shift.from);
  const to = minutesOf(shift.to);
  if (from < to) return shift.weekdays.includes(weekday) && minute >= from && minute < to;
  // Overnight: the evening part on the shift's day, the morning part on the next day.
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return (shift.weekdays.includes(weekday) && minute >= from) || (shift.weekdays.includes(yesterday) && minute < to);
}

/** Who is on duty now (each person once, in roster order). */
export function onDuty(shifts: readonly Shift[], now: Date): string[] {
  return [...new Set(shifts.filter((s) => covers(s, now)).map((s) => s.userId))];
}

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/** A shift's stretches of the week, in minutes from Monday 00:00 (an overnight shift on Sunday goes on into Monday). */
function stretches(shift: Shift): Array<[number, number]> {
  const from = minutesOf(shift.from);
  const to = minutesOf(shift.to);
  const length = to > from ? to - from : to + DAY - from;
  const out: Array<[number, number]> = [];
  for (const d of shift.weekdays) {
    const start = (d - 1) * DAY + from;
    const end = start + length;
    if (end <= WEEK) out.push([start, end]);
    else out.push([start, WEEK], [0, end - WEEK]);
  }
  return out;
}

/**
 * The first two shifts of one person that share some minute (their indices), or null. The same hours
 * twice add no cover; they are a slip, and removing one would look like removing the other.
 */
export function overlappingShifts(shifts: ReadonlyArray<Pick<Shift, 'userId' | 'weekdays' | 'from' | 'to'>>): [number, number] | null {
  for (let i = 0; i < shifts.length; i += 1) {
    for (let j = i + 1; j < shifts.length; j += 1) {
      if (shifts[i]!.userId !== shifts[j]!.userId) continue;
      const a = stretches(shifts[i]!);
      const b = stretches(shifts[j]!);
      if (a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1))) return [i, j];
    }
  }
  return null;
}

/** A stretch of the week with nobody on duty: from a weekday's time to a (maybe later) weekday's time. */
export interface DutyGap {
  fromDay: number;
  from: string;
  toDay: number;
  to: string;
}

const clockOf = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const pointOf = (weekMinute: number) => ({ day: Math.floor(weekMinute / DAY) + 1, time: clockOf(weekMinute % DAY) });

/**
 * When nobody is on duty in a week of the roster, Monday first; a gap running from Sunday night into
 * Monday is one gap. Empty when some shift covers every minute; one gap of the whole week (from
 * Monday 00:00 to Monday 00:00) when there are no shifts. Alerts raised then skip the duty link.
 */
export function dutyGaps(shifts: ReadonlyArray<Pick<Shift, 'weekdays' | 'from' | 'to'>>): DutyGap[] {
  const covered = shifts
    .flatMap((s) => stretches({ userId: '', ...s }))
    .sort((a, b) => a[0] - b[0])
    .reduce<Array<[number, number]>>((merged, [s, e]) => {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) last[1] = Math.max(last[1], e);
      else merged.push([s, e]);
      return merged;
    }, []);
  if (!covered.length) return [{ fromDay: 1, from: '00:00', toDay: 1, to: '00:00' }];
  const open: Array<[number, number]> = [];
  let at = 0;
  for (const [s, e] of covered) {
    if (s > at) open.push([at, s]);
    at = Math.max(at, e);
  }
  if (at < WEEK) open.push([at, WEEK]);
  // Sunday night's gap and Monday morning's are one.
  if (open.length > 1 && open[0]![0] === 0 && open[open.length - 1]![1] === WEEK) {
    const [, mondayEnd] = open.shift()!;
    open[open.length - 1]![1] = WEEK + mondayEnd;
  }
  return open.map(([s, e]) => {
    const a = pointOf(s);
    const b = pointOf(e % WEEK);
    return { fromDay: a.day, from: a.time, toDay: b.day, to: b.time };
  });
}
