/**
 * Activities, sign-ups, the waitlist and attendance: documents and pure rules. No I/O.
 *
 * Capacity under concurrency: each activity's queue (`signed`, `waitlist`, the arrival counter
 * `seq` and the counts) is its own document, `activityQueues/<activityId>`, and every sign-up or
 * cancellation reads it by id and rewrites it in the same transaction as the sign-up document
 * `<activityId>:<userId>`. Two sign-ups for one activity therefore touch the same document: SQLite
 * serialises them (BEGIN IMMEDIATE) and CloudBase retries the loser of a write conflict, so neither
 * runtime can over-fill an activity. Promotion from the waitlist needs no query either: the first
 * waitlisted person is `waitlist[0]`. The queue is apart from the activity document so that a
 * sign-up does not rewrite the activity (a larger document, under four indexes) and a leader's edit
 * does not collide with sign-ups; services read the two joined (`joinActivity`) as one ActivityDoc.
 */
import { AppError } from '../errors';
import type { Doc } from './doc';
import { ageInYear } from './people';
import { CONFLICT_GRACE_MINUTES, classifyOverlap, overlapMinutes, shortDateTime, timeText, type Interval } from './schedule';

import { MAX_CAPACITY, MAX_SERIES_WEEKS, MAX_WAITLIST } from './activity-limits';

export { MAX_CAPACITY, MAX_SERIES_WEEKS, MAX_WAITLIST };
/** Longest single activity (one record may not be longer either). */
export const MAX_ACTIVITY_MINUTES = 12 * 60;
export const DEFAULT_CANCEL_CLOSE_MINUTES = 120;

type ActivityStatus = 'scheduled' | 'cancelled';
export type ActivityPhase = 'upcoming' | 'ongoing' | 'ended' | 'cancelled';

interface PlaceInfo {
  name: string;
  latitude: number;
  longitude: number;
}

export interface ActivityDoc extends Doc {
  teamId: string;
  title: string;
  description: string;
  category: string;
  place: PlaceInfo;
  /** Shanghai date of the start, for the calendar. */
  date: string;
  startAt: string;
  endAt: string;
  capacity: number;
  /** Deadlines as minutes before the start (kept so a moved activity keeps its rules) … */
  signupCloseMinutes: number;
  cancelCloseMinutes: number;
  /** … and as instants, for the checks. */
  signupDeadline: string;
  cancelDeadline: string;
  membersOnly: boolean;
  minAge: number | null;
  /** Check-in must happen within this many metres of the place; null: no geofence. */
  geofenceRadiusM: number | null;
  status: ActivityStatus;
  cancelReason: string | null;
  seriesId: string | null;
  seriesIndex: number | null;
  /** Arrival counter: each sign-up takes the next number. */
  seq: number;
  /** User ids holding a place, in the order they got it. */
  signed: string[];
  /** User ids waiting, in arrival order; the first is promoted when a place frees up. */
  waitlist: string[];
  signedCount: number;
  waitlistCount: number;
  /** 'closed' once absentees have been marked after the end. */
  attendance: 'open' | 'closed';
  version: number;
  /** The current poster's photo id: a new poster replaces it (read inside the upload's transaction). */
  coverPhotoId?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface SeriesDoc extends Doc {
  teamId: string;
  /** Every occurrence, in date order: edits "from this date on" read them by id, with no query. */
  activityIds: string[];
  weekday: number;
  startTime: string;
  endTime: string;
  weeks: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export type SignupState = 'signed' | 'waitlisted' | 'cancelled';
export type Attendance = 'none' | 'in' | 'out' | 'absent';
/** `card`: the leader scanned the volunteer's electronic volunteer card (domain/card-token.ts). */
export type AttendanceMethod = 'qr' | 'code' | 'roster' | 'card';

export interface SignupDoc extends Doc {
  activityId: string;
  userId: string;
  teamId: string;
  state: SignupState;
  /** Arrival number of the latest sign-up (a re-sign after cancelling queues again at the end). */
  seq: number;
  /** Copies of the activity's times, kept in step when it moves, for "my activities" queries. */
  startAt: string;
  endAt: string;
  attendance: Attendance;
  checkInAt: string | null;
  checkInBy: AttendanceMethod | null;
  checkOutAt: string | null;
  checkOutBy: AttendanceMethod | null;
  /** Metres from the place at check-in, when the activity has a geofence. Never the position. */
  distanceM: number | null;
  servedMinutes: number | null;
  recordId: string | null;
  /** Who marked attendance from the roster, if anyone. */
  markedBy: string | null;
  signedUpAt: string;
  promotedAt: string | null;
  cancelledAt: string | null;
  /** Taken off the list by a leader (activities.releaseSignup): who, and the reason she was told. */
  releasedBy?: string;
  releaseReason?: string;
  releasedByName?: string;
  /** When she told the leaders she cannot come (activities.askRelease), and why. */
  cannotComeAt?: string;
  cannotComeReason?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A volunteer's current commitments (activity ids, and the help requests they accepted), read by id
 * inside a sign-up's or an accept's transaction to find time conflicts without a query.
 */
export interface AgendaDoc extends Doc {
  activityIds: string[];
  /** Help requests accepted (services/help/volunteer.ts); absent in agendas written before. */
  helpRequestIds?: string[];
  /**
   * Set when the account is closed (services/account-close.ts anonymise): sign-ups and accepts read
   * the agenda in their transaction and write it, so one racing the close conflicts with it and then
   * finds the account closed, on SQLite and on CloudBase alike.
   */
  closedAt?: string;
  updatedAt: string;
}

export type MembershipState = 'member' | 'pending' | 'left' | 'rejected';

export interface MembershipDoc extends Doc {
  teamId: string;
  userId: string;
  state: MembershipState;
  note: string;
  reason: string | null;
  decidedBy: string | null;
  createdAt: string;
  joinedAt: string | null;
  updatedAt: string;
  /**
   * When a leader last wrote a service record for this member. Written with the record so that the
   * record and the member's leaving or closing the account (which write this document) conflict.
   */
  recordedAt?: string;
}

export const membershipId = (teamId: string, userId: string) => `${teamId}:${userId}`;
export const signupId = (activityId: string, userId: string) => `${activityId}:${userId}`;
/** One pending service record per person per activity. */
export const activityRecordId = (activityId: string, userId: string) => `r_${activityId}_${userId}`;

/**
 * A Shanghai date (YYYY-MM-DD) as people read it in a sentence: "2026-12-06" → "12月6日"; with the
 * year ("2025年11月27日") when it is not the year of `today` (YYYY-MM-DD), if given.
 */
export function dateWords(date: string, today?: string): string {
  const day = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  return today && today.slice(0, 4) !== date.slice(0, 4) ? `${date.slice(0, 4)}年${day}` : day;
}

export function phaseOf(a: Pick<ActivityDoc, 'status' | 'startAt' | 'endAt'>, now: Date): ActivityPhase {
  if (a.status === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t < Date.parse(a.startAt)) return 'upcoming';
  if (t < Date.parse(a.endAt)) return 'ongoing';
  return 'ended';
}

/**
 * Under way, or starting within a day: the detail page then shows the check-in section. Decided
 * by the server's clock, the one check-in obeys; a phone's clock may be wrong.
 */
export function startsWithinADay(a: Pick<ActivityDoc, 'status' | 'startAt' | 'endAt'>, now: Date): boolean {
  const phase = phaseOf(a, now);
  return phase === 'ongoing' || (phase === 'upcoming' && Date.parse(a.startAt) - now.getTime() < 24 * 3600_000);
}

export const isActive = (s: Pick<SignupDoc, 'state'> | null | undefined): boolean => !!s && (s.state === 'signed' || s.state === 'waitlisted');

/** Where a new sign-up goes. */
export function queueDecision(a: Pick<ActivityDoc, 'capacity' | 'signed' | 'waitlist'>): 'signed' | 'waitlisted' | 'full' {
  if (a.signed.length < a.capacity) return 'signed';
  if (a.waitlist.length < MAX_WAITLIST) return 'waitlisted';
  return 'full';
}

interface SignupFacts {
  now: Date;
  birthYear: number;
  /** A member of the activity's team (or one of its leaders). */
  isMember: boolean;
  teamName: string;
}

/** The first rule a sign-up breaks, as an error with a reason a person can read; null when none. */
export function signupRefusal(a: ActivityDoc, f: SignupFacts): AppError | null {
  if (a.status === 'cancelled') return new AppError('WRONG_STATE', '这个活动已取消，不能报名');
  if (f.now.getTime() >= Date.parse(a.signupDeadline)) {
    return new AppError('DEADLINE_PASSED', `报名已截止（截止时间 ${shortDateTime(a.signupDeadline)}）`, { deadline: a.signupDeadline });
  }
  if (a.minAge !== null) {
    const age = ageInYear(f.birthYear, new Date(a.startAt));
    if (age < a.minAge) {
      return new AppError('NOT_ELIGIBLE', `本活动要求年满 ${a.minAge} 周岁，您暂时不能报名`, { rule: 'minAge', minAge: a.minAge });
    }
  }
  if (a.membersOnly && !f.isMember) {
    return new AppError('NOT_ELIGIBLE', `本活动仅限“${f.teamName}”队员报名，请先申请加入队伍`, { rule: 'membersOnly', teamId: a.teamId });
  }
  return null;
}

/** Something the volunteer is booked for: an activity they signed up to, or a help request they accepted. */
export type Commitment = Interval & { title: string } & (
    | { activityId: string; helpRequestId?: undefined; /** Only on the activity's waitlist, no place yet. */ waitlisted?: boolean }
    | { helpRequestId: string; activityId?: undefined; waitlisted?: undefined }
  );

/** How a commitment is named in a refusal or a warning: an activity only waited for is not one signed up to. */
const commitmentText = (c: Commitment) => (c.helpRequestId ? `您已接下的“${c.title}”求助` : c.waitlisted ? `您在候补的“${c.title}”` : `您已报名的“${c.title}”`);

interface ConflictCheck {
  conflict: Commitment | null;
  warnings: string[];
}

/** Hard conflicts (overlap beyond the grace) refuse; shorter overlaps only warn. */
export function checkConflicts(target: Interval, others: readonly Commitment[], graceMinutes = CONFLICT_GRACE_MINUTES): ConflictCheck {
  const warnings: string[] = [];
  for (const other of others) {
    const minutes = overlapMinutes(target, other);
    const kind = classifyOverlap(minutes, graceMinutes);
    if (kind === 'conflict') return { conflict: other, warnings };
    if (kind === 'warn') warnings.push(`与${commitmentText(other)}（${timeText(other.startAt, other.endAt)}）时间重叠 ${minutes} 分钟，请注意安排`);
  }
  return { conflict: null, warnings };
}

/** The refusal of a sign-up (or, `accepting`, of a help request's accept) that clashes with `other`. */
export function conflictError(other: Commitment, accepting = false): AppError {
  const ending = accepting ? '不能再接这个求助' : '不能同时报名';
  return new AppError('TIME_CONFLICT', `与${commitmentText(other)}（${timeText(other.startAt, other.endAt)}）时间冲突超过 1 小时，${ending}`, {
    ...(other.helpRequestId ? { helpRequestId: other.helpRequestId } : { activityId: other.activityId }),
  });
}

/**
 * The cancel deadline protects the leader's headcount of confirmed places only: a place held can no
 * longer be given back after it, while leaving the waitlist is always possible (nobody counts on a
 * waiting person).
 */
export function cancelRefusal(a: Pick<ActivityDoc, 'cancelDeadline'>, s: Pick<SignupDoc, 'state'>, now: Date): AppError | null {
  if (s.state !== 'signed' || now.getTime() < Date.parse(a.cancelDeadline)) return null;
  return new AppError('DEADLINE_PASSED', `已过取消截止时间（${shortDateTime(a.cancelDeadline)}），如有特殊情况请联系队长`, { deadline: a.cancelDeadline });
}

/**
 * What a sign-up after the cancel deadline must say: the place it gets (now, or by promotion from the
 * waitlist) can no longer be cancelled. Null before the deadline.
 */
export function lateSignupWarning(a: Pick<ActivityDoc, 'cancelDeadline'>, state: 'signed' | 'waitlisted', now: Date): string | null {
  if (now.getTime() < Date.parse(a.cancelDeadline)) return null;
  const at = shortDateTime(a.cancelDeadline);
  return state === 'signed'
    ? `取消报名已于 ${at} 截止，报名后不能再自己取消；如不能参加，请联系队长`
    : `取消报名已于 ${at} 截止：您可以随时退出候补，但递补成功后就不能再自己取消了`;
}

/** Deadlines as instants from the start and the minutes-before settings. */
export function deadlines(startAt: string, signupCloseMinutes: number, cancelCloseMinutes: number) {
  const start = Date.parse(startAt);
  return {
    signupDeadline: new Date(start - signupCloseMinutes * 60_000).toISOString(),
    cancelDeadline: new Date(start - cancelCloseMinutes * 60_000).toISOString(),
  };
}

/** The queue fields after a change, with the counters kept in step. */
export function queuePatch(signed: string[], waitlist: string[]) {
  return { signed, waitlist, signedCount: signed.length, waitlistCount: waitlist.length };
}

/** The fields of an activity that live in its queue document. */
export const QUEUE_FIELDS = ['seq', 'signed', 'waitlist', 'signedCount', 'waitlistCount'] as const;
export type QueueFields = Pick<ActivityDoc, (typeof QUEUE_FIELDS)[number]>;

/** `activityQueues/<activityId>`: who holds a place and who waits (see the top of this file). */
export interface ActivityQueueDoc extends Doc, QueueFields {
  updatedAt: string;
}

/**
 * An activity document as stored: without its queue, or, when written before the queue had its
 * own document (older data files, seeds written as one document), with it; the queue document wins.
 */
export type StoredActivityDoc = Omit<ActivityDoc, keyof QueueFields> & Partial<QueueFields>;

/** The activity and its queue as the two documents they are stored as. */
export function splitActivity(a: ActivityDoc): { activity: StoredActivityDoc; queue: ActivityQueueDoc } {
  const { seq, signed, waitlist, signedCount, waitlistCount, ...activity } = a;
  return { activity, queue: { _id: a._id, seq, signed, waitlist, signedCount, waitlistCount, updatedAt: a.updatedAt } };
}

/** One ActivityDoc from the stored activity and its queue document (null: the queue still in the activity, or none yet). */
export function joinActivity(stored: StoredActivityDoc, queue: ActivityQueueDoc | null): ActivityDoc {
  const { seq = 0, signed = [], waitlist = [], ...activity } = stored;
  const q = queue ?? { seq, ...queuePatch(signed, waitlist), updatedAt: stored.updatedAt };
  return {
    ...activity,
    seq: q.seq,
    ...queuePatch(q.signed, q.waitlist),
    updatedAt: q.updatedAt > stored.updatedAt ? q.updatedAt : stored.updatedAt,
  };
}

/** Whether the stored activity still carries its queue (written before queues had their own documents). */
export const carriesQueue = (stored: StoredActivityDoc): boolean => stored.signed !== undefined || stored.waitlist !== undefined;

/**
 * A volunteer who gives up a confirmed place this close to the start is news to the team's leaders
 * (who plans the day on the list); earlier cancels are routine and the waitlist fills them.
 */
export const LEADERS_TOLD_OF_CANCEL_HOURS = 48;
