/**
 * Rules of a volunteer service record that decide whether it may be written and credited: how far
 * back a leader may date it, how many minutes one person may be credited in one day (across every
 * source: activities, one-to-one help, 老伙伴 contacts, records written by hand), and which records
 * are unusual enough to need a second approver. No I/O; the services load, decide here, and store.
 */
import { AppError } from '../errors';
import type { Doc } from '../store/port';
import { formatHours } from './ledger';
import type { TimebankPolicy } from './policy';

/** Where a record came from. Records written before this field existed have none. */
export type RecordSource = 'manual' | 'activity' | 'help' | 'contact';

/**
 * Minutes credited to one person for one service day, across every source: `dailyMinutes/<volunteerId>:<date>`.
 * Read and written by id inside the approving transaction (CloudBase allows no query there); an
 * approval adds the record's minutes, a reversal takes them off.
 */
export interface DailyMinutesDoc extends Doc {
  volunteerId: string;
  date: string;
  minutes: number;
  updatedAt: string;
}

export const dailyMinutesId = (volunteerId: string, date: string): string => `${volunteerId}:${date}`;

/** Whole days from `from` to `to`, both YYYY-MM-DD (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** YYYY-MM-DD `days` before `date`. */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** How far back even an admin may date a record (entering last year's paper records, not 1990's). */
export const ADMIN_BACKDATE_DAYS = 366;

/**
 * A service date a recorder may use: not in the future, and no more than the policy's
 * `maxBackdateDays` before today — for an admin, no more than ADMIN_BACKDATE_DAYS. Throws
 * VALIDATION with the field.
 */
export function assertServiceDate(date: string, today: string, policy: TimebankPolicy, byAdmin: boolean): void {
  if (date > today) throw new AppError('VALIDATION', '服务日期不能晚于今天', [{ path: 'date', message: '不能是将来的日期' }]);
  if (byAdmin && daysBetween(date, today) > ADMIN_BACKDATE_DAYS) {
    throw new AppError('VALIDATION', `只能补登一年内的服务（最早 ${daysBefore(today, ADMIN_BACKDATE_DAYS)}）`, [{ path: 'date', message: '日期太早' }]);
  }
  if (!byAdmin && daysBetween(date, today) > policy.maxBackdateDays) {
    throw new AppError('VALIDATION', `只能登记 ${policy.maxBackdateDays} 天内的服务（最早 ${daysBefore(today, policy.maxBackdateDays)}）；更早的服务请联系街道管理员补登`, [
      { path: 'date', message: '日期太早' },
    ]);
  }
}

/**
 * The day's counter after crediting `minutes`, or DAILY_LIMIT with what is left that day. `used`
 * is what the counter holds now (0 when there is no counter yet).
 */
export function chargeDay(used: number, minutes: number, policy: TimebankPolicy, who: { name: string; date: string }): number {
  const after = used + minutes;
  if (after <= policy.maxDailyMinutes) return after;
  const left = Math.max(0, policy.maxDailyMinutes - used);
  throw new AppError(
    'DAILY_LIMIT',
    `${who.name} ${who.date} 已记服务 ${formatHours(used)}，每人每天最多 ${formatHours(policy.maxDailyMinutes)}，当天${left > 0 ? `还能记 ${formatHours(left)}` : '已不能再记'}；本条 ${formatHours(minutes)} 超出上限`,
    { date: who.date, usedMinutes: used, leftMinutes: left, maxDailyMinutes: policy.maxDailyMinutes },
  );
}

/** Why a record needs a second approver. */
export type UnusualReason = 'long' | 'backdated' | 'repeated';

/** How many days back the recorder's earlier records for the same person count as "in a row". */
export const REPEAT_WINDOW_DAYS = 7;

export function unusualReasonLabel(reason: UnusualReason, policy: TimebankPolicy): string {
  switch (reason) {
    case 'long':
      return `超过 ${formatHours(policy.secondApprovalOverMinutes)}`;
    case 'backdated':
      return `补登 ${policy.secondApprovalBackdateDays} 天以前的服务`;
    case 'repeated':
      return `${REPEAT_WINDOW_DAYS} 天内为同一人登记第 ${policy.secondApprovalRepeatCount} 条及以上`;
  }
}

/**
 * What makes a hand-written record unusual, so that it needs a second approver: more minutes than
 * `secondApprovalOverMinutes`; dated more than `secondApprovalBackdateDays` before the day it is
 * written; or the recorder's `secondApprovalRepeatCount`-th (or later) hand-written record for the
 * same person within the last REPEAT_WINDOW_DAYS days (`earlierByRecorder` counts the earlier ones).
 */
export function unusualReasons(
  r: { minutes: number; date: string; today: string; earlierByRecorder: number },
  policy: TimebankPolicy,
): UnusualReason[] {
  const out: UnusualReason[] = [];
  if (r.minutes > policy.secondApprovalOverMinutes) out.push('long');
  if (daysBetween(r.date, r.today) > policy.secondApprovalBackdateDays) out.push('backdated');
  if (r.earlierByRecorder + 1 >= policy.secondApprovalRepeatCount) out.push('repeated');
  return out;
}

/**
 * Who may give the final approval of a record that needs two: someone other than the first
 * approver and other than the recorder (the team scope is checked by the caller). Throws
 * SECOND_APPROVAL_NEEDED with who should do it.
 */
export function assertSecondApprover(
  r: { recorderId: string; firstApproverId: string },
  approverId: string,
  teamLeaderCount: number,
): void {
  const whom = teamLeaderCount > 1 ? '本队另一位队长或街道管理员' : '街道管理员';
  if (approverId === r.firstApproverId) {
    throw new AppError('SECOND_APPROVAL_NEEDED', `您已初审通过这条记录，还需要${whom}复核后才会记入`);
  }
  if (approverId === r.recorderId) {
    throw new AppError('SECOND_APPROVAL_NEEDED', `登记人不能复核自己登记的记录，请由${whom}复核`);
  }
}
