/**
 * Sign-up with capacity and a waitlist, and cancelling a sign-up (which promotes from the waitlist).
 * The cancel deadline binds a held place only: a waitlisted person may always leave the waitlist.
 */
import type { ActivitiesResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import {
  cancelRefusal,
  checkConflicts,
  conflictError,
  isActive,
  lateSignupWarning,
  LEADERS_TOLD_OF_CANCEL_HOURS,
  queueDecision,
  signupId,
  signupRefusal,
  type SignupDoc,
} from '../../domain/activities';
import type { UserDoc } from '../../domain/people';
import { timeText } from '../../domain/schedule';
import { liveAgenda, saveAgenda } from '../shared/agenda';
import { requireUser, type ServiceContext } from '../shared/context';
import type { TeamDoc } from '../../domain/street';
import { loadActivity, isTeamMember, leaveQueue, saveQueue, tellTeamLeaders } from './shared';

export async function signup(ctx: ServiceContext, input: ParsedInput<'activities', 'signup'>): Promise<ActivitiesResults['signup']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    const team = await tx.get<TeamDoc>('teams', a.teamId);
    const refusal = signupRefusal(a, {
      now,
      birthYear: user.birthYear,
      isMember: !a.membersOnly || (await isTeamMember(tx, user, a.teamId)),
      teamName: team?.name ?? '本队',
    });
    if (refusal) throw refusal;
    const id = signupId(a._id, user._id);
    const prior = await tx.get<SignupDoc>('signups', id);
    if (isActive(prior)) {
      throw new AppError('CONFLICT', prior!.state === 'signed' ? '您已经报名了这个活动' : '您已经在候补名单中了', { state: prior!.state });
    }
    const live = await liveAgenda(tx, user._id, now, { activityId: a._id });
    const { conflict, warnings } = checkConflicts(a, live.commitments);
    if (conflict) throw conflictError(conflict);
    const decision = queueDecision(a);
    if (decision === 'full') throw new AppError('CAPACITY_FULL', '名额和候补名单都已满，请关注其他活动');
    // After the cancel deadline the place (now, or by promotion) can no longer be given back: say so.
    const late = lateSignupWarning(a, decision, now);
    if (late) warnings.push(late);
    const seq = a.seq + 1;
    const doc: SignupDoc = {
      _id: id,
      activityId: a._id,
      userId: user._id,
      teamId: a.teamId,
      state: decision,
      seq,
      startAt: a.startAt,
      endAt: a.endAt,
      attendance: 'none',
      checkInAt: null,
      checkInBy: null,
      checkOutAt: null,
      checkOutBy: null,
      distanceM: null,
      servedMinutes: null,
      recordId: null,
      markedBy: null,
      signedUpAt: at,
      promotedAt: null,
      cancelledAt: null,
      createdAt: prior?.createdAt ?? at,
      updatedAt: at,
    };
    await tx.set('signups', doc);
    const signed = decision === 'signed' ? [...a.signed, user._id] : a.signed;
    const waitlist = decision === 'waitlisted' ? [...a.waitlist, user._id] : a.waitlist;
    const next = await saveQueue(tx, a, { seq, signed, waitlist }, at);
    await saveAgenda(tx, user._id, { ...live, activityIds: [...live.activityIds, a._id] }, at);
    // A slim answer (it is also what the idempotency record keeps): the page reloads the activity.
    const waitlistPosition = decision === 'waitlisted' ? next.waitlist.indexOf(user._id) + 1 : null;
    return { activityId: a._id, state: doc.state, waitlistPosition, warnings, signedCount: next.signedCount, waitlistCount: next.waitlistCount };
  });
}

export async function cancelSignup(ctx: ServiceContext, input: ParsedInput<'activities', 'cancelSignup'>): Promise<ActivitiesResults['cancelSignup']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    const s = await tx.get<SignupDoc>('signups', signupId(a._id, user._id));
    if (!isActive(s)) throw new AppError('WRONG_STATE', '您没有报名这个活动');
    if (a.status === 'cancelled') throw new AppError('WRONG_STATE', '这个活动已取消，报名已自动作废');
    // The deadline holds a confirmed place only: leaving the waitlist is always possible.
    const refusal = cancelRefusal(a, s!, now);
    if (refusal) throw refusal;
    const { promoted, next } = await leaveQueue(tx, a, s!, {}, at);
    if (s!.state === 'signed' && Date.parse(a.startAt) - now.getTime() <= LEADERS_TOLD_OF_CANCEL_HOURS * 3_600_000) {
      const promotedName = promoted[0] ? ((await tx.get<UserDoc>('users', promoted[0]))?.name ?? null) : null;
      const after = promotedName ? `候补的${promotedName}已经补上。` : `现在报名 ${next.signedCount}/${a.capacity} 人，没有人候补。`;
      await tellTeamLeaders(
        tx,
        a,
        user._id,
        {
          kind: 'signup.left',
          title: `${user.name}取消了报名`,
          body: `${user.name}取消了“${a.title}”（${timeText(a.startAt, a.endAt)}）的报名。${after}`,
        },
        at,
      );
    }
    return { activityId: a._id, state: 'cancelled', promotedUserId: promoted[0] ?? null, signedCount: next.signedCount, waitlistCount: next.waitlistCount };
  });
}
