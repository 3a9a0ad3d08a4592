/** What the activity use cases share: loading an activity, team membership, promotion from the waitlist, leaving the queue. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors';
import {
  carriesQueue,
  joinActivity,
  membershipId,
  queuePatch,
  signupId,
  splitActivity,
  type ActivityDoc,
  type ActivityQueueDoc,
  type AgendaDoc,
  type MembershipDoc,
  type SignupDoc,
  type StoredActivityDoc,
} from '../../domain/activities';
import { promoteFromWaitlist } from '../../domain/waitlist';
import { shortDateTime, timeText } from '../../domain/schedule';
import { MAX_PAGE, type Store, type Tx } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import { notify } from '../inbox';
import { teamLeadersOf } from '../shared/acting';
import { isMemberOf } from '../../domain/scope';

export type Reader = Pick<Tx, 'get'>;

export const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

/** Activities read while their queue was still inside the activity document: the first queue write moves it out. */
const queueInActivity = new WeakSet<ActivityDoc>();

/** An activity with its queue (two reads by id, so it also works inside a transaction), or null. */
export async function readActivity(reader: Reader, id: string): Promise<ActivityDoc | null> {
  const stored = await reader.get<StoredActivityDoc>('activities', id);
  if (!stored) return null;
  const queue = await reader.get<ActivityQueueDoc>('activityQueues', id);
  const a = joinActivity(stored, queue);
  if (!queue && carriesQueue(stored)) queueInActivity.add(a);
  return a;
}

export async function loadActivity(reader: Reader, id: string): Promise<ActivityDoc> {
  const a = await readActivity(reader, id);
  if (!a) throw new AppError('NOT_FOUND', '找不到这个活动', { activityId: id });
  return a;
}

/** Activities by id with their queues, in the order of `ids` (missing ones left out): one query per hundred of each. */
export async function readActivities(store: Pick<Store, 'find'>, ids: readonly string[]): Promise<ActivityDoc[]> {
  const byId = new Map<string, StoredActivityDoc>();
  for (let i = 0; i < ids.length; i += MAX_PAGE) {
    const page = await store.find<StoredActivityDoc>('activities', { where: { _id: { in: ids.slice(i, i + MAX_PAGE) } }, limit: MAX_PAGE });
    for (const a of page.items) byId.set(a._id, a);
  }
  return withQueues(
    store,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/** Activities found by a query, joined with their queues (one query per hundred). */
export async function withQueues(store: Pick<Store, 'find'>, stored: StoredActivityDoc[]): Promise<ActivityDoc[]> {
  const queues = new Map<string, ActivityQueueDoc>();
  for (let i = 0; i < stored.length; i += MAX_PAGE) {
    const ids = stored.slice(i, i + MAX_PAGE).map((a) => a._id);
    const page = await store.find<ActivityQueueDoc>('activityQueues', { where: { _id: { in: ids } }, limit: MAX_PAGE });
    for (const q of page.items) queues.set(q._id, q);
  }
  return stored.map((a) => joinActivity(a, queues.get(a._id) ?? null));
}

/**
 * Writes the activity's queue after a sign-up, a cancellation or a promotion; the activity
 * document itself is not touched (unless it still carried the queue, which then moves out once).
 */
export async function saveQueue(tx: Tx, a: ActivityDoc, queue: { signed: string[]; waitlist: string[]; seq?: number }, at: string): Promise<ActivityDoc> {
  const next: ActivityDoc = { ...a, seq: queue.seq ?? a.seq, ...queuePatch(queue.signed, queue.waitlist), updatedAt: at };
  await tx.set<ActivityQueueDoc>('activityQueues', splitActivity(next).queue);
  if (queueInActivity.has(a)) await tx.set<StoredActivityDoc>('activities', splitActivity(a).activity);
  return next;
}

/** A new activity: the activity document and its (empty) queue. */
export async function createActivity(tx: Tx, a: ActivityDoc): Promise<void> {
  const { activity, queue } = splitActivity(a);
  await tx.create<StoredActivityDoc>('activities', activity);
  await tx.create<ActivityQueueDoc>('activityQueues', queue);
}

/** A whole activity rewritten (a leader's edit), queue included. */
export async function saveActivity(tx: Tx, a: ActivityDoc): Promise<void> {
  const { activity, queue } = splitActivity(a);
  await tx.set<StoredActivityDoc>('activities', activity);
  await tx.set<ActivityQueueDoc>('activityQueues', queue);
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
        body: `您候补的“${a.title}”（${timeText(a.startAt, a.endAt)}，${a.place.name}）有了空位，您已报名成功。${
          at < a.cancelDeadline
            ? `如不能参加，请在 ${shortDateTime(a.cancelDeadline)} 前取消报名。`
            : `取消报名已于 ${shortDateTime(a.cancelDeadline)} 截止，如不能参加，请联系队长。`
        }`,
        activityId: a._id,
        teamId: a.teamId,
      },
      at,
    );
  }
  return promotion.promoted;
}

/** What a leader's release adds to the cancelled sign-up (activities.releaseSignup); a volunteer's own cancel adds nothing. */
export type ReleaseMarks = Pick<SignupDoc, 'releasedBy' | 'releasedByName' | 'releaseReason'>;

/**
 * Takes the person of an active sign-up off the activity's queue: out of `signed` and `waitlist`,
 * the waitlist promoted into her place if she held one (each promoted person is told), her sign-up
 * marked cancelled (with `marks`, if a leader released her), the queue saved and the activity
 * dropped from her agenda. Whom else to tell is the caller's. Returns who was promoted and the
 * activity as saved.
 */
export async function leaveQueue(tx: Tx, a: ActivityDoc, s: SignupDoc, marks: ReleaseMarks, at: string): Promise<{ promoted: string[]; next: ActivityDoc }> {
  const signed = a.signed.filter((id) => id !== s.userId);
  const waitlist = a.waitlist.filter((id) => id !== s.userId);
  const promoted = s.state === 'signed' ? await promoteInto(tx, a, signed, waitlist, at) : [];
  await tx.update('signups', s._id, { state: 'cancelled', cancelledAt: at, ...marks, updatedAt: at });
  const next = await saveQueue(tx, a, { signed, waitlist }, at);
  const agenda = await tx.get<AgendaDoc>('agendas', s.userId);
  if (agenda) await tx.set<AgendaDoc>('agendas', { ...agenda, activityIds: agenda.activityIds.filter((id) => id !== a._id), updatedAt: at });
  return { promoted, next };
}

/**
 * Tells the leaders of the activity's team (in their inbox only) about one of its volunteers,
 * `volunteerId`, who is not told even if a leader; answers the leaders told.
 */
export async function tellTeamLeaders(
  tx: Tx,
  a: ActivityDoc,
  volunteerId: string,
  message: { kind: 'signup.left' | 'signup.cannotCome'; title: string; body: string },
  at: string,
): Promise<UserDoc[]> {
  const leaders = await teamLeadersOf(tx, a.teamId, volunteerId);
  for (const l of leaders) await notify(tx, { userId: l._id, ...message, activityId: a._id, teamId: a.teamId }, at);
  return leaders;
}
