/** What the activity use cases share: loading an activity, team membership, promotion from the waitlist. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import { membershipId, signupId, type ActivityDoc, type MembershipDoc, type SignupDoc } from '../../domain/activities';
import { promoteFromWaitlist } from '../../domain/waitlist';
import { shortDateTime, timeText } from '../../domain/schedule';
import type { Tx } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import { notify } from '../inbox';
import { isMemberOf } from '../../domain/scope';

export type Reader = Pick<Tx, 'get'>;

export const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

export async function loadActivity(reader: Reader, id: string): Promise<ActivityDoc> {
  const a = await reader.get<ActivityDoc>('activities', id);
  if (!a) throw new AppError('NOT_FOUND', '找不到这个活动', { activityId: id });
  return a;
}

/** A member of the team, or one of its leaders. */
export async function isTeamMember(reader: Reader, user: UserDoc, teamId: string): Promise<boolean> {
  return isMemberOf(user, teamId, await reader.get<MembershipDoc>('memberships', membershipId(teamId, user._id)));
}

/**
 * Moves waitlisted people into free places (domain/waitlist.ts), marks their sign-ups and tells each
 * of them. Updates `signed` and `waitlist` in place; returns who was promoted.
 */
export async function promoteInto(tx: Tx, a: ActivityDoc, signed: string[], waitlist: string[], at: string): Promise<string[]> {
  const promotion = await promoteFromWaitlist(a.capacity, { signed, waitlist }, async (userId) => {
    const s = await tx.get<SignupDoc>('signups', signupId(a._id, userId));
    return !!s && s.state === 'waitlisted';
  });
  signed.splice(0, signed.length, ...promotion.signed);
  waitlist.splice(0, waitlist.length, ...promotion.waitlist);
  for (const userId of promotion.promoted) {
    await tx.update('signups', signupId(a._id, userId), { state: 'signed', promotedAt: at, updatedAt: at });
    await notify(
      tx,
      {
        userId,
        kind: 'signup.promoted',
        title: '候补成功，您已获得名额',
        body: `您候补的“${a.title}”（${timeText(a.startAt, a.endAt)}，${a.place.name}）有了空位，您已报名成功。如不能参加，请在 ${shortDateTime(a.cancelDeadline)} 前取消报名。`,
        activityId: a._id,
        teamId: a.teamId,
      },
      at,
    );
  }
  return promotion.promoted;
}
