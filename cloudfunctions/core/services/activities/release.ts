/**
 * After the cancel deadline a volunteer can no longer give a place back by herself (the rule keeps
 * late drop-outs from emptying an activity unseen). Two actions keep that from becoming a dead end:
 * the volunteer tells the team's leaders she cannot come (`askRelease`, a message to each, nothing
 * changes yet), and a leader (or an admin) takes her off the list (`releaseSignup`), which gives the
 * place to the first on the waitlist and tells both. Both run until the activity starts; after that
 * it is attendance (缺席), not a sign-up.
 */
import type { ActivitiesResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import { isActive, signupId, type SignupDoc } from '../../domain/activities';
import { shortDateTime, timeText } from '../../domain/schedule';
import { assertManages } from '../../domain/scope';
import type { UserDoc } from '../../domain/people';
import { notify } from '../inbox';
import { requireUser, type ServiceContext } from '../shared/context';
import { leaveQueue, loadActivity, tellTeamLeaders } from './shared';

function assertBeforeStart(a: { status: string; startAt: string }, now: Date): void {
  if (a.status === 'cancelled') throw new AppError('WRONG_STATE', '这个活动已取消，报名已自动作废');
  if (now.getTime() >= Date.parse(a.startAt)) throw new AppError('WRONG_STATE', '活动已经开始：来不了的人请在名单上记为缺席');
}

export async function releaseSignup(ctx: ServiceContext, input: ParsedInput<'activities', 'releaseSignup'>): Promise<ActivitiesResults['releaseSignup']> {
  const leader = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(leader, a.teamId, '只有本队队长或管理员可以取消别人的报名');
    assertBeforeStart(a, now);
    const s = await tx.get<SignupDoc>('signups', signupId(a._id, input.userId));
    if (!isActive(s)) throw new AppError('WRONG_STATE', '这个人没有报名这个活动，或报名已经取消');
    // Checked in (the window opens an hour before the start): she came, so it is attendance now.
    if (s!.attendance !== 'none') throw new AppError('WRONG_STATE', '这个人已经签到了，不能再取消报名');
    const { promoted, next } = await leaveQueue(tx, a, s!, { releasedBy: leader._id, releasedByName: leader.name, releaseReason: input.reason }, at);
    await notify(
      tx,
      {
        userId: input.userId,
        kind: 'signup.released',
        title: '队长取消了您的报名',
        body: `${leader.name}取消了您在“${a.title}”（${timeText(a.startAt, a.endAt)}）的${s!.state === 'signed' ? '报名' : '候补'}：${input.reason}`,
        activityId: a._id,
        teamId: a.teamId,
      },
      at,
    );
    const promotedUser = promoted[0] ? await tx.get<UserDoc>('users', promoted[0]) : null;
    return {
      activityId: a._id,
      userId: input.userId,
      was: s!.state === 'signed' ? 'signed' : 'waitlisted',
      promotedUserId: promoted[0] ?? null,
      promotedName: promotedUser?.name ?? null,
      signedCount: next.signedCount,
      waitlistCount: next.waitlistCount,
    };
  });
}

export async function askRelease(ctx: ServiceContext, input: ParsedInput<'activities', 'askRelease'>): Promise<ActivitiesResults['askRelease']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertBeforeStart(a, now);
    const s = await tx.get<SignupDoc>('signups', signupId(a._id, me._id));
    if (!isActive(s) || s!.state !== 'signed') throw new AppError('WRONG_STATE', '您没有这个活动的名额，不需要请队长取消');
    if (s!.attendance !== 'none') throw new AppError('WRONG_STATE', '您已经签到了；如果要提前走，请签退');
    if (now.getTime() < Date.parse(a.cancelDeadline)) {
      throw new AppError('WRONG_STATE', `还没到取消截止时间（${shortDateTime(a.cancelDeadline)}），您可以自己取消报名`);
    }
    await tx.update('signups', s!._id, { cannotComeAt: at, cannotComeReason: input.reason, updatedAt: at });
    const leaders = await tellTeamLeaders(
      tx,
      a,
      me._id,
      {
        kind: 'signup.cannotCome',
        title: `${me.name}来不了`,
        body: `${me.name}报名了“${a.title}”（${timeText(a.startAt, a.endAt)}），说来不了：${input.reason}。已过取消截止，只有您能在名单上取消，让候补补上。`,
      },
      at,
    );
    return { activityId: a._id, told: leaders.length, leaderNames: leaders.map((l) => l.name) };
  });
}
