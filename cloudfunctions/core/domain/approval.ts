/**
 * Who may approve service hours. A record is approved by someone who manages its team (one of its
 * leaders, or a street admin: domain/scope.ts), never by the volunteer it credits. A record unusual
 * enough (long, backdated, or one of many by the same recorder for the same person) needs two
 * approvals: the second by someone other than the first approver and other than the recorder. No I/O.
 */
import { AppError } from '../errors';
import { formatHours } from './ledger';
import type { TimebankPolicy } from './policy';
import { daysBetween, type UnusualReason } from './records';

import { assertManages, type Scoped } from './scope';

/** What the approval rules read of a record. */
interface Approvable {
  teamId: string;
  volunteerId: string;
  recorderId: string;
  state: string;
  unusual?: ReadonlyArray<{ code: string }>;
  firstApproverId?: string | null;
}

export const APPROVAL_SCOPE = '只有本队队长或管理员可以办理本队的服务记录';

/** Manages the record's team (a leader of it or an admin): may approve, reject or reverse its records. */
export function assertMayDecide(actor: Scoped, r: Pick<Approvable, 'teamId'>): void {
  assertManages(actor, r.teamId, APPROVAL_SCOPE);
}

/** Nobody approves their own hours. */
export function assertNotOwnRecord(r: Pick<Approvable, 'volunteerId'>, approverId: string): void {
  if (r.volunteerId === approverId) throw new AppError('FORBIDDEN', '不能审核自己的服务记录，请由其他队长或管理员审核');
}

/** Whether a record waits for two approvals. */
export const needsSecondApproval = (r: Pick<Approvable, 'unusual'>): boolean => !!r.unusual?.length;

/**
 * Whether `viewerId` may take the next approval step of a pending record: not their own record, and
 * for a record that needs two approvals, not its recorder or first approver once the first is given.
 * (The team scope is the caller's check: only people who manage the team see its records.)
 */
export function mayApproveNext(r: Approvable, viewerId: string | undefined): boolean {
  if (!viewerId || r.state !== 'pending' || r.volunteerId === viewerId) return false;
  if (needsSecondApproval(r) && r.firstApproverId) return viewerId !== r.firstApproverId && viewerId !== r.recorderId;
  return true;
}

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
export function unusualReasons(r: { minutes: number; date: string; today: string; earlierByRecorder: number }, policy: TimebankPolicy): UnusualReason[] {
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
export function assertSecondApprover(r: { recorderId: string; firstApproverId: string }, approverId: string, teamLeaderCount: number): void {
  const whom = teamLeaderCount > 1 ? '本队另一位队长或街道管理员' : '街道管理员';
  if (approverId === r.firstApproverId) {
    throw new AppError('SECOND_APPROVAL_NEEDED', `您已初审通过这条记录，还需要${whom}复核后才会记入`);
  }
  if (approverId === r.recorderId) {
    throw new AppError('SECOND_APPROVAL_NEEDED', `登记人不能复核自己登记的记录，请由${whom}复核`);
  }
}
