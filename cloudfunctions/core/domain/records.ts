/**
 * Rules of a volunteer service record that decide whether it may be written and credited: how far
 * back a leader may date it and how many minutes one person may be credited in one day (across every
 * source: activities, one-to-one help, 老伙伴 contacts, records written by hand). Who may approve,
 * and which records need a second approver, is domain/approval.ts. No I/O.
 */
import { AppError } from '../errors';
import type { Doc } from './doc';
import { formatHours } from './ledger';
import type { ServiceCategory, TimebankPolicy } from './policy';
import { dateWords } from './activities';

/** Where a record came from. Records written before this field existed have none. */
type RecordSource = 'manual' | 'activity' | 'help' | 'contact' | 'appeal';

/** Why a record needs a second approver (the rule is domain/approval.ts). */
export type UnusualReason = 'long' | 'backdated' | 'repeated';

/**
 * A volunteer's 异议 about a record that was rejected or reversed, mediated by the street admin: the
 * record keeps it for good (the full history), whatever the outcome. Granted, a new record (the
 * correction, source 'appeal') is approved with the record's minutes; the rejected or reversed
 * record itself is never edited back.
 */
export const APPEAL_STATES = ['open', 'upheld', 'granted'] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

/**
 * What a 异议 disputes: 'taken', a record the leader took away (rejected, or reversed after approval),
 * restored in full when granted; 'minutes', an approved record's minutes, where the volunteer says
 * how many were served (claimedMinutes) and a grant adds the difference.
 */
export type AppealAbout = 'taken' | 'minutes';

export interface RecordAppeal {
  reason: string;
  raisedAt: string;
  /** Absent on 异议 raised before minutes could be disputed: 'taken'. */
  about?: AppealAbout;
  /** For 'minutes': what the volunteer says the record should hold, more than it does. */
  claimedMinutes?: number;
  /** How many street admins were told when it was raised (none on a street without an admin yet). */
  toldAdmins: number;
  /** How many of the team's leaders were told (absent on 异议 raised before they were). */
  toldLeaders?: number;
  answer: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The approved record that restores the minutes, when granted. */
  correctionId: string | null;
  /** The minutes that correction holds (set on a grant; absent before minutes could be disputed). */
  grantedMinutes?: number;
}

/**
 * Days after a record was rejected or reversed within which its volunteer may raise a 异议: long
 * enough for someone who opens the app once a month, short enough that the leader and the
 * teammates still remember the day.
 */
export const APPEAL_WINDOW_DAYS = 60;

type Appealed = Pick<ServiceRecordDoc, 'state' | 'source' | 'decidedAt' | 'reversedAt' | 'updatedAt'>;

/**
 * What a 异议 about this record would dispute now, or null when none may be raised: pending, itself a
 * correction, or an approved record whose minutes no leader set (one-to-one help, whose minutes the
 * senior's side confirmed, a disagreement the 居委's social worker settles; a 老伙伴 contact, whose
 * minutes its volunteer wrote).
 */
export function appealAbout(r: Pick<ServiceRecordDoc, 'state' | 'source'>): AppealAbout | null {
  if (r.source === 'appeal') return null;
  if (r.state === 'rejected' || r.state === 'reversed') return 'taken';
  const leaderSetMinutes = r.source === undefined || r.source === 'manual' || r.source === 'activity';
  return r.state === 'approved' && leaderSetMinutes ? 'minutes' : null;
}

/**
 * The last moment a 异议 may be raised about this record (ISO), or null when none may be (see
 * appealAbout): APPEAL_WINDOW_DAYS after it was decided (approved or rejected) or reversed. A
 * reversal written before reversedAt existed counts from its last change.
 */
export function appealDeadline(r: Appealed): string | null {
  const about = appealAbout(r);
  if (!about) return null;
  const since = r.state === 'reversed' ? (r.reversedAt ?? r.updatedAt) : r.decidedAt;
  return since ? new Date(Date.parse(since) + APPEAL_WINDOW_DAYS * 86_400_000).toISOString() : null;
}

/** Whether the record's volunteer may raise a 异议 about it at `now` (see appealDeadline). */
export function appealable(r: Appealed, now: Date): boolean {
  const until = appealDeadline(r);
  return until !== null && now.getTime() < Date.parse(until);
}

/** The id of the record that restores an appealed record's minutes: one per record, so granting twice writes one. */
export const correctionIdOf = (recordId: string): string => `${recordId}_appeal`.slice(0, 64);

/** The states of a record (the contract, api/records.ts, lists the same four). */
type RecordState = 'pending' | 'approved' | 'rejected' | 'reversed';

export interface ServiceRecordDoc extends Doc {
  volunteerId: string;
  teamId: string;
  category: string;
  /** Snapshots at recording time, so a later policy change does not rewrite a certified record. */
  categoryName: string;
  earnsCredits: boolean;
  date: string;
  place: string;
  content: string;
  served: string;
  minutes: number;
  state: RecordState;
  recorderId: string;
  approverId: string | null;
  transferId: string | null;
  reversalId: string | null;
  /** When it was reversed (absent on reversals written before the field existed). */
  reversedAt?: string | null;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
  updatedAt: string;
  /** Where it came from (absent on records written before the field existed). */
  source?: RecordSource;
  /** Why it needs a second approver (with the words of the policy of its day); absent or empty: one approval finishes it. */
  unusual?: Array<{ code: UnusualReason; label: string }>;
  /** The first of two approvals, for a record that needs two; nothing is credited until the second. */
  firstApproverId?: string | null;
  firstApprovedAt?: string | null;
  /** Its minutes were added to the person's day (dailyMinutes) on approval, so a reversal takes them off once. */
  dayCharged?: boolean;
  /** The volunteer's 异议, if any; its state also sits at the top (appealState) for the street's queue index. */
  appeal?: RecordAppeal;
  appealState?: AppealState;
  /** A correction (source 'appeal'): the record whose appeal it grants. */
  correctionOf?: string;
}

/** What differs between new records; the rest (pending, nobody decided yet) is the same for every source. */
export interface NewRecord {
  id: string;
  volunteerId: string;
  teamId: string;
  /** The category as the policy names it today (snapshotted into the record). */
  category: Pick<ServiceCategory, 'id' | 'name' | 'earnsCredits'>;
  date: string;
  place: string;
  content: string;
  served: string;
  minutes: number;
  recorderId: string;
  source: RecordSource;
  at: string;
}

/** The one shape of a new, pending service record, whoever writes it (a leader, a check-out, a contact). */
export function newServiceRecord(r: NewRecord): ServiceRecordDoc {
  return {
    _id: r.id,
    volunteerId: r.volunteerId,
    teamId: r.teamId,
    category: r.category.id,
    categoryName: r.category.name,
    earnsCredits: r.category.earnsCredits,
    date: r.date,
    place: r.place,
    content: r.content,
    served: r.served,
    minutes: r.minutes,
    state: 'pending',
    recorderId: r.recorderId,
    approverId: null,
    transferId: null,
    reversalId: null,
    reason: null,
    createdAt: r.at,
    decidedAt: null,
    updatedAt: r.at,
    source: r.source,
  };
}

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
    throw new AppError('VALIDATION', `只能补登一年内的服务（最早 ${dateWords(daysBefore(today, ADMIN_BACKDATE_DAYS), today)}）`, [
      { path: 'date', message: '日期太早' },
    ]);
  }
  if (!byAdmin && daysBetween(date, today) > policy.maxBackdateDays) {
    throw new AppError(
      'VALIDATION',
      `只能登记 ${policy.maxBackdateDays} 天内的服务（最早 ${dateWords(daysBefore(today, policy.maxBackdateDays), today)}）；更早的服务请联系街道管理员补登`,
      [{ path: 'date', message: '日期太早' }],
    );
  }
}

/**
 * The day's counter after crediting `minutes`, or DAILY_LIMIT with what is left that day. `used`
 * is what the counter holds now (0 when there is no counter yet).
 */
export function chargeDay(used: number, minutes: number, policy: TimebankPolicy, who: { name: string; date: string; today?: string }): number {
  const after = used + minutes;
  if (after <= policy.maxDailyMinutes) return after;
  const left = Math.max(0, policy.maxDailyMinutes - used);
  throw new AppError(
    'DAILY_LIMIT',
    `${who.name} ${dateWords(who.date, who.today)}已记服务 ${formatHours(used)}，每人每天最多 ${formatHours(policy.maxDailyMinutes)}，当天${left > 0 ? `还能记 ${formatHours(left)}` : '已不能再记'}；本条 ${formatHours(minutes)} 超出上限`,
    { date: who.date, usedMinutes: used, leftMinutes: left, maxDailyMinutes: policy.maxDailyMinutes },
  );
}
