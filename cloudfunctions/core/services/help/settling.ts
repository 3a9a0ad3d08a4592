/** Settling: the senior side confirms or disputes, staff settle; credits move or the hold is voided. */
import type { HelpResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import { POOL_ACCOUNT, formatHours, personAccountId } from '../../domain/ledger';
import { STATE_LABELS, mayDispute, maySettle, type HelpRequestDoc } from '../../domain/help';
import { localDate, timeText } from '../../domain/schedule';
import { type ActorKind, type SeniorDoc } from '../../domain/seniors';
import type { Tx } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { committeeName } from '../shared/directory';
import { loadPolicy } from '../policy';
import { maskName } from '../shared/ledger-views';
import { releaseRedemption, settleRedemption } from '../redemption';
import { actingFor, actorLabel, loadSenior, logAct, readsPlain, socialWorkersOf, tell, touchDesk } from '../shared/acting';
import { audit } from '../shared/audit';
import { isStaffFor } from '../../domain/scope';
import { assertEligible, isStaffVia, loadRequest, poolWords, rememberTodos, save, staffVia, step, tellSide, what } from './shared';
import { inWords, terms } from '../../domain/words';
import { viewAfter } from './views';

export interface Settler {
  actor: UserDoc;
  via: ActorKind;
  senior: SeniorDoc;
  seniorUser: UserDoc;
}

/** Closes a request without paying: the held credits are released, the volunteer (if any) and the senior's side told. */
export async function settleVoid(tx: Tx, r: HelpRequestDoc, s: Settler, reason: string | null, at: string): Promise<HelpRequestDoc> {
  const who = actorLabel(s.actor.name, s.via);
  const voided = await releaseRedemption(tx, r._id, { actorId: s.actor._id, memo: `社工处理，不支付：${reason ?? ''}`.slice(0, 120), at });
  const next = await save(
    tx,
    r,
    {
      state: 'voided',
      queued: false,
      settlement: { how: 'void', minutes: 0, by: s.actor._id, via: s.via, reason, at, transferIds: [voided.transfer._id], recordId: null },
    },
    step(at, 'settle', s.actor._id, s.via, `${who}处理：不支付时间币，预留的 ${formatHours(r.heldMinutes)}已退回。原因：${reason ?? ''}`),
  );
  await logAct(tx, { seniorId: r.seniorId, actorId: s.actor._id, via: s.via, kind: 'help.settle', text: next.steps.at(-1)!.text, refId: r._id, at });
  if (r.volunteerId)
    await tell(
      tx,
      r.seniorId,
      [r.volunteerId],
      'help.settled',
      '社工已处理异议',
      `${what(r, s.seniorUser.name)}：社工决定不支付时间币。原因：${reason ?? ''}`,
      at,
    );
  await tellSide(
    tx,
    r,
    s.senior,
    'help.settled',
    (t) => ({ title: '社工已处理', body: `${what(r, s.seniorUser.name)}：不支付时间币，${t.hold}的 ${formatHours(r.heldMinutes)}已${t.release}` }),
    at,
  );
  return next;
}

/** Moves the credits of a request served for `minutes` (or releases them for 'void') and closes it. */
export async function settleCredits(
  tx: Tx,
  ctx: ServiceContext,
  r: HelpRequestDoc,
  s: Settler,
  how: 'confirm' | 'all' | 'part' | 'void',
  minutes: number,
  reason: string | null,
  extraFrom: 'credits' | 'pool' | undefined,
): Promise<HelpRequestDoc> {
  const now = ctx.now();
  const at = now.toISOString();
  const who = actorLabel(s.actor.name, s.via);
  const volunteerName = r.volunteerId ? ((await tx.get<UserDoc>('users', r.volunteerId))?.name ?? '志愿者') : '志愿者';
  if (how === 'void' || !r.volunteerId) return settleVoid(tx, r, s, reason, at);
  const policy = await loadPolicy(tx);
  const extra = minutes - r.heldMinutes;
  const topUp = extraFrom ?? (r.funding === 'pool' ? 'pool' : 'credits');
  if (extra > 0 && topUp === 'pool') {
    if (!isStaffVia(s.via)) {
      // Only the senior side gets here (staff may): in its words.
      throw new AppError('FORBIDDEN', `实际服务比先留出的多 ${formatHours(extra)}；用街道公共时间支付需要社工同意。请联系社工，或选择用老人的时间币补足`);
    }
    assertEligible(s, policy, now);
  }
  const memo = `兑换：${r.categoryName} ${timeText(r.startAt, r.endAt)}`.slice(0, 120);
  const committee = await committeeName(ctx.store, r.committeeId);
  const note = r.report?.note ? `；${r.report.note}` : '';
  const settled = await settleRedemption(tx, {
    helpId: r._id,
    minutes,
    topUpAccountId: topUp === 'pool' ? POOL_ACCOUNT : personAccountId(r.seniorId),
    topUpWords:
      topUp === 'pool'
        ? poolWords
        : {
            // Said to whoever confirms: the senior side in its words (先留出, 街道公共时间), staff in the ledger's.
            insufficient: (v) => {
              const t = terms(readsPlain(s.via) ? 'plain' : 'staff');
              return `实际服务比${t.hold}的多 ${formatHours(extra)}，但${s.seniorUser.name}只有 ${formatHours(v.available)} 可用。可以请社工从${t.pool}补足，或对时长提出异议`;
            },
          },
    volunteerId: r.volunteerId,
    record: {
      category: r.category,
      categoryName: r.categoryName,
      date: localDate(new Date(r.startAt)),
      place: `${committee}（上门服务）`,
      content: `一对一求助：${r.categoryName}${note}`.slice(0, 200),
      served: maskName(s.seniorUser.name),
      recorderId: s.actor._id,
      reason,
      at,
    },
    meta: { actorId: s.actor._id, memo, at },
  });
  const what2 =
    how === 'confirm'
      ? `${who}确认服务完成，${formatHours(minutes)} 时间币给${volunteerName}`
      : `${who}处理：${how === 'all' ? '全部支付' : '部分支付'} ${formatHours(minutes)} 给${volunteerName}。原因：${reason ?? ''}`;
  const change =
    minutes < r.heldMinutes
      ? `，退回 ${formatHours(r.heldMinutes - minutes)}`
      : extra > 0
        ? `，另由${topUp === 'pool' ? '公益池' : '老人的时间币'}补足 ${formatHours(extra)}`
        : '';
  const next = await save(
    tx,
    r,
    {
      state: 'completed',
      queued: false,
      settlement: { how, minutes, by: s.actor._id, via: s.via, reason, at, transferIds: settled.transferIds, recordId: settled.recordId },
    },
    step(at, how === 'confirm' ? 'confirm' : 'settle', s.actor._id, s.via, `${what2}${change}`),
  );
  await logAct(tx, {
    seniorId: r.seniorId,
    actorId: s.actor._id,
    via: s.via,
    kind: how === 'confirm' ? 'help.confirm' : 'help.settle',
    text: next.steps.at(-1)!.text,
    refId: r._id,
    at,
  });
  await tell(
    tx,
    r.seniorId,
    [r.volunteerId],
    how === 'confirm' ? 'help.confirmed' : 'help.settled',
    '时间币已到账',
    `${what(r, s.seniorUser.name)}已确认，${formatHours(minutes)} 时间币已存入您的账户。谢谢您！`,
    at,
  );
  if (how !== 'confirm')
    // The step is stored in the staff's words (退回, 公益池); the senior side reads it in hers.
    await tellSide(
      tx,
      r,
      s.senior,
      'help.settled',
      (_, wording) => ({ title: '社工已处理', body: `${what(r, s.seniorUser.name)}：${inWords(next.steps.at(-1)!.text, wording)}` }),
      at,
    );
  return next;
}

export async function confirm(ctx: ServiceContext, input: ParsedInput<'help', 'confirm'>): Promise<HelpResults['confirm']> {
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const acting = await actingFor(ctx, tx, r.seniorId);
    if (acting.actor._id === r.volunteerId) throw new AppError('FORBIDDEN', '不能确认自己提供的服务，请由老人、家属代理人或社工确认');
    if (r.state === 'completed') return viewAfter(ctx, r, acting.senior);
    if (r.state !== 'reported') {
      const why =
        r.state === 'disputed' ? '已提出异议，等待社工处理' : r.state === 'assigned' || r.state === 'open' ? '志愿者还没有报告完成' : STATE_LABELS[r.state];
      throw new AppError('WRONG_STATE', `这条求助${why}，不能确认`, { state: r.state });
    }
    const next = await settleCredits(tx, ctx, r, acting, 'confirm', r.report!.minutes, null, input.extraFrom);
    if (isStaffVia(acting.via)) await touchDesk(tx, acting.actor, ctx.now().toISOString());
    return viewAfter(ctx, next, acting.senior);
  });
}

export async function dispute(ctx: ServiceContext, input: ParsedInput<'help', 'dispute'>): Promise<HelpResults['dispute']> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const { actor, senior, seniorUser, via } = await actingFor(ctx, tx, r.seniorId);
    if (actor._id === r.volunteerId) throw new AppError('FORBIDDEN', '不能对自己提供的服务提出异议');
    if (r.state === 'disputed') return viewAfter(ctx, r, senior);
    if (!mayDispute(r, now)) throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不能提出异议`, { state: r.state });
    const next = await save(
      tx,
      r,
      { state: 'disputed', dispute: { by: actor._id, via, reason: input.reason, at }, queued: false },
      step(at, 'dispute', actor._id, via, `${actorLabel(actor.name, via)}提出异议：${input.reason}`),
    );
    await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'help.dispute', text: next.steps.at(-1)!.text, refId: r._id, at });
    const staff = await socialWorkersOf(tx, r.committeeId);
    const todo = await tell(
      tx,
      r.seniorId,
      staff.map((s) => s._id),
      'help.disputed',
      '服务有异议',
      `${what(r, seniorUser.name)}有异议：${input.reason}。时间币仍预留着，请处理`,
      at,
    );
    await rememberTodos(tx, next, todo);
    if (r.volunteerId)
      await tell(tx, r.seniorId, [r.volunteerId], 'help.disputed', '服务有异议', `${what(r, seniorUser.name)}有异议，社工会联系您了解情况`, at);
    return viewAfter(ctx, next, senior);
  });
}

export async function settle(ctx: ServiceContext, input: ParsedInput<'help', 'settle'>): Promise<HelpResults['settle']> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    if (!isStaffFor(actor, r.committeeId)) throw new AppError('FORBIDDEN', '只有本居委社工可以处理');
    if (actor._id === r.volunteerId) throw new AppError('FORBIDDEN', '不能处理自己提供的服务，请由其他社工处理');
    const { senior, user: seniorUser } = await loadSenior(tx, r.seniorId);
    if (r.state === 'completed' || r.state === 'voided') return viewAfter(ctx, r, senior);
    if (!maySettle(r, now)) throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不需要社工处理`, { state: r.state });
    const full = r.report?.minutes ?? r.heldMinutes;
    let minutes = full;
    if (input.how === 'part') {
      minutes = input.minutes!;
      if (minutes >= full) throw new AppError('VALIDATION', `部分支付应少于 ${formatHours(full)}；全部支付请选“全部”`, [{ path: 'minutes', message: '太多' }]);
    }
    const via = staffVia(actor);
    const next = await settleCredits(
      tx,
      ctx,
      r,
      { actor, via, senior, seniorUser },
      input.how,
      input.how === 'void' ? 0 : minutes,
      input.reason,
      input.extraFrom,
    );
    await audit(tx, actor._id, r.seniorId, 'help.settle', { helpRequestId: r._id, how: input.how, minutes, reason: input.reason }, now.toISOString());
    await touchDesk(tx, actor, now.toISOString());
    return viewAfter(ctx, next, senior);
  });
}
