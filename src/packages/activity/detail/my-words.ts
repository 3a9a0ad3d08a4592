/**
 * 我的报名 in words that match the state: never "报名成功，请按时参加" beside 缺席 or 已签退, or on an
 * activity that is over or cancelled; a waiting person leaves the waitlist (退出候补), never "cancels a sign-up".
 */
import type { ActivityDetail, MySignupView } from '@core/api';
import { messages as m } from './messages';

/** The line under 我的报名 for the caller's live sign-up (signed or waitlisted). */
export function myWords(a: Pick<ActivityDetail, 'phase' | 'status'>, my: Pick<MySignupView, 'state' | 'attendance' | 'waitlistPosition'>): string {
  if (a.status === 'cancelled' && my.attendance === 'none') return m.mine.cancelledActivity;
  if (my.state === 'waitlisted') return a.phase === 'upcoming' ? m.waitlistedText(my.waitlistPosition) : m.mine.waitlistOver;
  if (my.attendance === 'out') return m.mine.out;
  if (my.attendance === 'absent') return m.mine.absent;
  if (my.attendance === 'in') return a.phase === 'ended' ? m.mine.inAfterEnd : m.mine.in;
  if (a.phase === 'ended') return m.mine.overNoAttendance;
  if (a.phase === 'ongoing') return m.mine.ongoing;
  return m.signedText;
}

/**
 * What leaving costs, and whether the page offers it: a waiting person may always leave the waitlist
 * (before the start); a held place only before the cancel deadline, and not once checked in.
 */
export function leaveOffer(
  a: Pick<ActivityDetail, 'phase' | 'status' | 'cancelDeadlinePassed'>,
  my: Pick<MySignupView, 'state' | 'attendance'>,
): 'leaveWaitlist' | 'cancel' | 'closed' | null {
  if (a.status === 'cancelled' || a.phase !== 'upcoming' || my.attendance !== 'none') return null;
  if (my.state === 'waitlisted') return 'leaveWaitlist';
  return a.cancelDeadlinePassed ? 'closed' : 'cancel';
}
