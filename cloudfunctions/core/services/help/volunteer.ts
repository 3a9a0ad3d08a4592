/** The volunteer: accept, on the way, hand back, report done. */
import type { HelpResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import { formatHours } from '../../domain/ledger';
import { homeVisitRefusal } from '../../domain/eligibility';
import {
  CONFIRM_WINDOW_HOURS,
  ON_THE_WAY_HOURS_BEFORE,
  STATE_LABELS,
  hasEnded,
  hasStarted,
  mayHandBack,
  minutesSinceStart,
  onTheWayFrom,
  saidOnTheWay,
} from '../../domain/help';
import { shortDateTime } from '../../domain/schedule';
import type { SeniorDoc } from '../../domain/seniors';
import { checkConflicts, conflictError } from '../../domain/activities';
import { liveAgenda, saveAgenda } from '../shared/agenda';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { loadPolicy } from '../policy';
import { logAct, tell } from '../shared/acting';
import { loadRequest, rememberTodos, save, sideOf, step, tellSide, what } from './shared';
import { viewAfter } from './views';

export async function accept(ctx: ServiceContext, input: ParsedInput<'help', 'accept'>): Promise<HelpResults['accept']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const senior = await tx.get<SeniorDoc>('seniors', r.seniorId);
    if (r.volunteerId === me._id && r.state !== 'open') return viewAfter(ctx, r, senior);
    if (r.volunteerId && ['assigned', 'reported', 'disputed', 'completed'].includes(r.state)) throw new AppError('ALREADY_TAKEN');
    if (r.state !== 'open') throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不能接单`, { state: r.state });
    if (hasEnded(r, now)) throw new AppError('WRONG_STATE', '这条求助的时间已经过了');
    if (me._id === r.seniorId || senior?.proxyIds.includes(me._id)) throw new AppError('FORBIDDEN', '不能接自己或自己代理的老人的求助');
    const refusal = homeVisitRefusal(me, now);
    if (refusal) throw refusal;
    // Not at the same hours as an activity they signed up to or another visit they accepted.
    const agenda = await liveAgenda(tx, me._id, now, { helpRequestId: r._id });
    const { conflict, warnings } = checkConflicts(r, agenda.commitments);
    if (conflict) throw conflictError(conflict, true);
    await saveAgenda(tx, me._id, { ...agenda, helpRequestIds: [...agenda.helpRequestIds, r._id] }, at);
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(
      tx,
      r,
      { state: 'assigned', volunteerId: me._id, acceptedAt: at },
      step(at, 'accept', me._id, 'volunteer', `${me.name}（志愿者）接单`),
    );
    await logAct(tx, {
      seniorId: r.seniorId,
      actorId: me._id,
      via: 'volunteer',
      kind: 'help.accept',
      text: `${me.name}（志愿者）接下了${r.categoryName}的求助`,
      refId: r._id,
      at,
    });
    if (senior) {
      await tell(
        tx,
        r.seniorId,
        sideOf(r, senior),
        'help.accepted',
        '有志愿者答应来帮忙',
        `${me.name}答应了${what(r, seniorUser?.name ?? '老人')}，会按时上门`,
        at,
      );
    }
    const view = await viewAfter(ctx, next, senior);
    // A shorter overlap does not refuse the visit; the answer says it, as a sign-up's warnings do.
    return warnings.length ? { ...view, overlap: warnings.join('；') } : view;
  });
}

/** 我出发了: the senior side learns the volunteer is on the way (once per request). */
export async function onTheWay(ctx: ServiceContext, input: ParsedInput<'help', 'onTheWay'>): Promise<HelpResults['onTheWay']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const senior = await tx.get<SeniorDoc>('seniors', r.seniorId);
    if (r.volunteerId !== me._id) throw new AppError('FORBIDDEN', '只有接单的志愿者可以告诉老人已出发');
    if (saidOnTheWay(r)) return viewAfter(ctx, r, senior);
    if (r.state !== 'assigned') throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不用再出发了`, { state: r.state });
    if (hasEnded(r, now)) throw new AppError('WRONG_STATE', '服务时间已经过了，不用再点“我出发了”');
    // A day early the senior would be told "已出发，正在上门" and wait at the door for nothing.
    const from = onTheWayFrom(r);
    if (now < from) {
      throw new AppError('WRONG_STATE', `还没到出发的时候：${shortDateTime(from)} 起（上门前 ${ON_THE_WAY_HOURS_BEFORE} 小时）才能点“我出发了”`, {
        from: from.toISOString(),
      });
    }
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(tx, r, {}, step(at, 'onTheWay', me._id, 'volunteer', `${me.name}（志愿者）已出发上门`));
    await logAct(tx, { seniorId: r.seniorId, actorId: me._id, via: 'volunteer', kind: 'help.onTheWay', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (senior)
      await tell(
        tx,
        r.seniorId,
        sideOf(r, senior),
        'help.onTheWay',
        '志愿者在路上',
        `${me.name}已出发，正在上门（${what(r, seniorUser?.name ?? '老人')}）`,
        at,
      );
    return viewAfter(ctx, next, senior);
  });
}

export async function handBack(ctx: ServiceContext, input: ParsedInput<'help', 'handBack'>): Promise<HelpResults['handBack']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const senior = await tx.get<SeniorDoc>('seniors', r.seniorId);
    if (r.state === 'open' && r.handedBack.at(-1) === me._id) return viewAfter(ctx, r, senior);
    if (r.volunteerId !== me._id) throw new AppError('FORBIDDEN', '只有接单的志愿者可以退回');
    if (!mayHandBack(r, now))
      throw new AppError(
        'WRONG_STATE',
        r.state === 'assigned' ? '服务已经开始，不能退回；不能完成的请联系老人或社工' : `这条求助${STATE_LABELS[r.state]}，不能退回`,
      );
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(
      tx,
      r,
      { state: 'open', volunteerId: null, acceptedAt: null, handedBack: [...r.handedBack, me._id] },
      step(at, 'handBack', me._id, 'volunteer', `${me.name}（志愿者）退回了接单${input.reason ? `：${input.reason}` : ''}，重新开放`),
    );
    await logAct(tx, { seniorId: r.seniorId, actorId: me._id, via: 'volunteer', kind: 'help.handBack', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (senior)
      await tellSide(
        tx,
        r,
        senior,
        'help.handedBack',
        (t, wording) => ({
          title: wording === 'plain' ? '志愿者来不了了' : '志愿者退回了接单',
          body: `${what(r, seniorUser?.name ?? '老人')}重新等待其他志愿者${t.take}`,
        }),
        at,
      );
    return viewAfter(ctx, next, senior);
  });
}

export async function reportDone(ctx: ServiceContext, input: ParsedInput<'help', 'reportDone'>): Promise<HelpResults['reportDone']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const senior = await tx.get<SeniorDoc>('seniors', r.seniorId);
    if (r.volunteerId !== me._id) throw new AppError('FORBIDDEN', '只有接单的志愿者可以报告完成');
    if (r.state === 'reported' && r.report?.minutes === input.minutes) return viewAfter(ctx, r, senior);
    if (r.state !== 'assigned') throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不能再报告`, { state: r.state });
    if (!hasStarted(r, now)) throw new AppError('WRONG_STATE', '服务开始后才能报告完成');
    const policy = await loadPolicy(tx);
    if (input.minutes > policy.maxRecordMinutes) {
      throw new AppError('VALIDATION', `一次服务最多 ${formatHours(policy.maxRecordMinutes)}`, [{ path: 'minutes', message: '时长过长' }]);
    }
    // Minutes that have not passed yet were not served; the senior would pay for them.
    const passed = minutesSinceStart(r, now);
    if (input.minutes > passed) {
      throw new AppError('VALIDATION', `服务开始到现在只有 ${formatHours(passed)}，报告的时长不能比这更长；请按实际服务的时间填写`, [
        { path: 'minutes', message: '超过开始到现在的时间' },
      ]);
    }
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(
      tx,
      r,
      { state: 'reported', report: { minutes: input.minutes, note: input.note ?? '', at }, reportedAt: at, queued: false },
      step(at, 'report', me._id, 'volunteer', `${me.name}（志愿者）报告完成，实际服务 ${formatHours(input.minutes)}`),
    );
    await logAct(tx, { seniorId: r.seniorId, actorId: me._id, via: 'volunteer', kind: 'help.report', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (senior) {
      const todo = await tell(
        tx,
        r.seniorId,
        sideOf(r, senior),
        'help.reported',
        '请确认服务',
        `${me.name}报告${what(r, seniorUser?.name ?? '老人')}已完成，实际 ${formatHours(input.minutes)}。请在 ${CONFIRM_WINDOW_HOURS} 小时内确认，有问题可以提出异议`,
        at,
      );
      await rememberTodos(tx, next, todo);
    }
    return viewAfter(ctx, next, senior);
  });
}
