/**
 * The places tag of the detail page. The rule of who is invited to the waitlist (名额已满，可以候补)
 * is the list card's (components/ActivityCard: mayJoinWaitlist); here the page also knows whether the
 * caller runs the activity and whether the sign-up rules refuse them, and the card's rule uses both.
 */
import type { ActivityDetail } from '@core/api';
import { mayJoinWaitlist as cardRule } from '@/components/ActivityCard/places';
import type { TagKind } from '@/components/Tag';
import { messages as m } from './messages';

export function mayJoinWaitlist(a: ActivityDetail): boolean {
  return cardRule(a);
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
