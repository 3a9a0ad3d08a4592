/**
 * The places tag of an activity, on the list card and the detail page. Plain TypeScript (no Taro),
 * so the rule is tested as it is.
 */
import type { ActivityView } from '@core/api';
import { MAX_WAITLIST } from '@core/domain/activity-limits';
import type { TagKind } from '@/components/Tag';
import { commonMessages } from '@/messages/common';
import { messages as own } from './messages';

const m = commonMessages.activity;

/**
 * Whether the caller could still join the waitlist of a full activity: not already signed up or
 * waitlisted (checked in or not), only while the waitlist has room and the activity has not begun,
 * not the team's leader or an admin (they run it) and nobody the sign-up rules refuse (deadline, age,
 * members-only: the list and the detail both say so). Only such a person is invited with 名额已满，可以候补.
 */
export function mayJoinWaitlist(a: ActivityView): boolean {
  const inQueue = !!a.my && a.my.state !== 'cancelled';
  return a.phase === 'upcoming' && a.placesLeft <= 0 && !inQueue && !a.canManage && !a.signupBlocked && a.waitlistCount < MAX_WAITLIST;
}

/** Places or phase, in words; a full activity invites to its waitlist only someone who could join it. */
export function placesText(a: ActivityView): { kind: TagKind; text: string } {
  if (a.status === 'cancelled' || a.phase === 'cancelled') return { kind: 'error', text: m.cancelled };
  if (a.phase === 'ended') return { kind: 'neutral', text: m.ended };
  if (a.phase === 'ongoing') return { kind: 'info', text: m.ongoing };
  if (a.placesLeft > 0) return { kind: 'info', text: m.placesLeft(a.placesLeft) };
  return mayJoinWaitlist(a) ? { kind: 'warning', text: m.full } : { kind: 'neutral', text: own.full };
}
