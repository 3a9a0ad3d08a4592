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
