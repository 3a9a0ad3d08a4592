/**
 * The check-in window of an activity: when the leader's code may be shown, when a volunteer may
 * check in and out, and how long the leader may still correct the roster. Throws WRONG_STATE with
 * words for the person on the screen. No I/O.
 */
import { AppError } from '../errors';
import type { ActivityDoc } from './activities';
import { shortDateTime } from './schedule';

/** Check-in (and the leader's code) opens this long before the start. */
const CHECKIN_OPENS_MINUTES = 60;
/** Self check-out (and the leader's code) closes this long after the end. */
const CHECKOUT_CLOSES_MINUTES = 180;
/** The leader may mark attendance on the roster until this long after the end. */
const ROSTER_CLOSES_MINUTES = 7 * 24 * 60;

type Timed = Pick<ActivityDoc, 'status' | 'startAt' | 'endAt'>;

export const checkInOpensAt = (a: Pick<ActivityDoc, 'startAt'>): number => Date.parse(a.startAt) - CHECKIN_OPENS_MINUTES * 60_000;
const checkOutClosesAt = (a: Timed): number => Date.parse(a.endAt) + CHECKOUT_CLOSES_MINUTES * 60_000;

export function assertNotCancelled(a: Pick<ActivityDoc, 'status'>): void {
  if (a.status === 'cancelled') throw new AppError('WRONG_STATE', '活动已取消');
}

/** The leader's rotating code is shown from an hour before the start until three hours after the end. */
export function assertCodeWindow(a: Timed, now: Date): void {
  assertNotCancelled(a);
  const opens = checkInOpensAt(a);
  if (now.getTime() < opens || now.getTime() > checkOutClosesAt(a)) {
    throw new AppError('WRONG_STATE', `签到码在活动开始前 1 小时至结束后 3 小时内可用（${shortDateTime(new Date(opens))} 起）`);
  }
}

/** Check-in (by the volunteer, `self`, or by the leader on the roster) runs from an hour before the start until the end. */
export function assertCheckInWindow(a: Timed, now: Date, self: boolean): void {
  assertNotCancelled(a);
  const opens = checkInOpensAt(a);
  if (now.getTime() < opens) throw new AppError('WRONG_STATE', `还没到签到时间（${shortDateTime(new Date(opens))} 开始签到）`);
  if (now.getTime() >= Date.parse(a.endAt)) {
    throw new AppError('WRONG_STATE', self ? '活动已结束，不能再签到；如果您参加了，请联系队长补登' : '活动已结束，不能再签到；请用“已到”补登');
  }
}

/** A volunteer checks themself out until three hours after the end; later the leader corrects the roster. */
export function assertSelfCheckOutWindow(a: Timed, now: Date): void {
  if (now.getTime() > checkOutClosesAt(a)) {
    throw new AppError('WRONG_STATE', '已超过签退时间（活动结束后 3 小时内），请联系队长补登');
  }
}

/** Nobody checks out before the start. */
export function assertCheckOutStarted(a: Timed, now: Date): void {
  if (now.getTime() < Date.parse(a.startAt)) throw new AppError('WRONG_STATE', '活动还没开始，暂不能签退');
}

/** The leader marks attendance on the roster until seven days after the end. */
export function assertRosterWindow(a: Timed, now: Date): void {
  assertNotCancelled(a);
  if (now.getTime() > Date.parse(a.endAt) + ROSTER_CLOSES_MINUTES * 60_000) {
    throw new AppError('WRONG_STATE', '活动结束已超过 7 天，请通过“服务记录”补登');
  }
}
