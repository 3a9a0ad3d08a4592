/**
 * The places tag of the detail page. The list card's words (placesText) say 名额已满，可以候补 to
 * everyone; here the page knows who is asking, so the invitation to the waitlist goes only to someone
 * who could still join it: not already signed up or waitlisted (checked in or not), not the team's
 * leader or an admin (they run it), nobody the sign-up rules refuse, and only while the waitlist has room.
 */
import type { ActivityDetail } from '@core/api';
import { MAX_WAITLIST } from '@core/domain/activity-limits';
import type { TagKind } from '@/components/Tag';
import { messages as m } from './messages';

export function mayJoinWaitlist(a: ActivityDetail): boolean {
  const inQueue = !!a.my && a.my.state !== 'cancelled';
  return a.phase === 'upcoming' && a.placesLeft <= 0 && !inQueue && !a.canManage && a.signupBlocked === null && a.waitlistCount < MAX_WAITLIST;
}

/**
 * The tag for a full activity whose waitlist the caller cannot join (名额已满, without the invitation);
 * null when the list card's words (placesText) hold: cancelled, ended, under way, places left, or a
 * full activity the caller could still wait for.
 */
export function fullWithoutWaitlist(a: ActivityDetail): { kind: TagKind; text: string } | null {
  if (a.status === 'cancelled' || a.phase !== 'upcoming' || a.placesLeft > 0) return null;
  return mayJoinWaitlist(a) ? null : { kind: 'neutral', text: m.full };
}
