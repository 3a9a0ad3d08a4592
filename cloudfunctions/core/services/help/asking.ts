/** The senior side asks: create (checked, built, funded), cancel, and the grant the 居委 decides. */
import type { HelpResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import { POOL_ACCOUNT, formatHours, personAccountId } from '../../domain/ledger';
import { categoryOf } from '../../domain/policy';
import {
  DUPLICATE_WHILE,
  MAX_DAYS_AHEAD,
  MIN_HELP_MINUTES,
  START_GRACE_MINUTES,
  STATE_LABELS,
  hasEnded,
  keptAsks,
  mayCancel,
  sameAsks,
  stateLabel,
  type HelpRequestDoc,
  type RecentAsk,
} from '../../domain/help';
import { localToUtc, timeText } from '../../domain/schedule';
import { containsPhoneNumber } from '../../domain/seniors';
import type { Tx } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import { loadPolicy } from '../policy';
import { holdIdOf, holdRedemption, releaseRedemption } from '../redemption';
import { actingFor, actorLabel, loadSenior, logAct, readsPlain, socialWorkersOf, tell, touchDesk, type Acting } from '../shared/acting';
import { isStaffFor } from '../../domain/scope';
import { assertEligible, creditWords, isStaffVia, loadRequest, newHelpId, poolWords, save, sideOf, staffVia, step, tellSide, what } from './shared';
import { viewAfter } from './views';

export type CreateInput = ParsedInput<'help', 'create'>;

/** The time asked for, checked against now (not past, not too far ahead, long enough), and a note without phone numbers. */
export function checkTimes(input: CreateInput, now: Date): { startAt: Date; endAt: Date; note: string } {
  const startAt = localToUtc(input.date, input.startTime);
  const endAt = localToUtc(input.date, input.endTime);
  if (startAt.getTime() < now.getTime() - START_GRACE_MINUTES * 60_000) {
    throw new AppError('VALIDATION', '开始时间已经过了，请重新选择', [{ path: 'startTime', message: '已过去' }]);
  }
  if (startAt.getTime() > now.getTime() + MAX_DAYS_AHEAD * 86_400_000) {
    throw new AppError('VALIDATION', `最多提前 ${MAX_DAYS_AHEAD} 天求助`, [{ path: 'date', message: '太远' }]);
  }
  if (input.minutes < MIN_HELP_MINUTES) {
    throw new AppError('VALIDATION', `预计时长至少 ${MIN_HELP_MINUTES} 分钟`, [{ path: 'minutes', message: '太短' }]);
  }
  if (input.minutes > (endAt.getTime() - startAt.getTime()) / 60_000) {
    throw new AppError('VALIDATION', '预计时长不能超过所选的时间段', [{ path: 'minutes', message: '超过时间段' }]);
  }
  const note = input.note ?? '';
  if (containsPhoneNumber(note)) {
    throw new AppError('VALIDATION', '备注里请不要写电话号码或门牌；接单的志愿者会在接单后看到地址和电话', [{ path: 'note', message: '含电话号码' }]);
  }
  return { startAt, endAt, note };
}

/** A new open request, before its credits are held; its first step says who asked for what. */
export function newRequest(
  id: string,
  input: CreateInput,
  acting: Acting,
  category: { id: string; name: string },
  times: { startAt: Date; endAt: Date; note: string },
  at: string,
): HelpRequestDoc {
  const { actor, senior, via } = acting;
  const { startAt, endAt, note } = times;
  const who = actorLabel(actor.name, via);
  return {
    _id: id,
    seniorId: senior._id,
    committeeId: senior.committeeId,
    category: category.id,
    categoryName: category.name,
    startAt: startAt.toISOString(),
    endAt: endAt.toISOString(),
    minutes: input.minutes,
    note,
    funding: input.funding,
    state: 'open',
    location: senior.location,
    holdId: null,
    heldMinutes: 0,
    grant: null,
    volunteerId: null,
    acceptedAt: null,
    handedBack: [],
    report: null,
    reportedAt: null,
    dispute: null,
    settlement: null,
    cancel: null,
    queued: false,
    queuedAt: null,
    queueReason: null,
    createdBy: actor._id,
    createdVia: via,
    createdAt: at,
    updatedAt: at,
    steps: [
      step(
        at,
        'create',
        actor._id,
        via,
        `${who}发起求助：${category.name} ${formatHours(input.minutes)}（${input.funding === 'pool' ? '申请公益池资助' : via === 'self' ? '用自己的时间币' : '用老人的时间币'}）`,
      ),
    ],
  };
}

/**
 * Holds the request's credits: the senior's own; the pool's when a social worker at the desk grants
 * it as they make the request; else (a pool request) the request waits for a grant and the 居委's
 * social workers are told.
 */
export async function holdFunding(tx: Tx, doc: HelpRequestDoc, acting: Acting, at: string): Promise<void> {
  const { actor, senior, seniorUser, via } = acting;
  const { _id: id, minutes } = doc;
  const who = actorLabel(actor.name, via);
  const memo = `兑换：${doc.categoryName} ${timeText(doc.startAt, doc.endAt)}`.slice(0, 120);
  if (doc.funding === 'credits') {
    await holdRedemption(
      tx,
      id,
      personAccountId(senior._id),
      minutes,
      { actorId: actor._id, memo, at },
      creditWords(seniorUser.name, readsPlain(via) ? 'plain' : 'staff'),
    );
    Object.assign(doc, { holdId: holdIdOf(id), heldMinutes: minutes });
  } else if (isStaffVia(via)) {
    // The social worker at the desk decides the grant as they make the request.
    await holdRedemption(tx, id, POOL_ACCOUNT, minutes, { actorId: actor._id, memo, at }, poolWords);
    Object.assign(doc, { holdId: holdIdOf(id), heldMinutes: minutes, grant: { approved: true, by: actor._id, at, reason: '社工代办时批准公益池资助' } });
    doc.steps.push(step(at, 'grant', actor._id, via, `${who}批准公益池资助 ${formatHours(minutes)}`));
  } else {
    doc.state = 'awaiting_grant';
    const staff = await socialWorkersOf(tx, senior.committeeId);
    // Read once the grant is decided (save marks a request's to-dos read as its state moves on).
    doc.todoMessageIds = await tell(
      tx,
      senior._id,
      staff.map((s) => s._id),
      'help.grantRequested',
      '公益池资助申请',
      `${who}为${what(doc, seniorUser.name)}申请公益池资助 ${formatHours(minutes)}，请审核`,
      at,
    );
  }
}

/**
 * The same request asked again (by her and her daughter, or once more after an answer that never
 * arrived) is refused with the one she has: it would hold her credits twice and send two volunteers.
 * Same category and an overlapping time, while nobody has served it yet; `notDuplicate` says she
 * wants a second one all the same.
 */
async function refuseSameAsk(tx: Tx, acting: Acting, wanted: Omit<RecentAsk, 'id'>): Promise<void> {
  for (const ask of sameAsks(acting.senior.recentAsks ?? [], wanted)) {
    const prior = await tx.get<HelpRequestDoc>('helpRequests', ask.id);
    if (!prior || !DUPLICATE_WHILE.includes(prior.state)) continue;
    const whose = acting.via === 'self' ? '您' : acting.seniorUser.name;
    const state = stateLabel(prior.state, readsPlain(acting.via) ? 'plain' : 'staff');
    throw new AppError(
      'DUPLICATE_HELP',
      `${whose}在这个时间已经有一个“${prior.categoryName}”的求助（${timeText(prior.startAt, prior.endAt)}，${state}），不用再发一次。要换时间，请先取消原来那个；确实要再请一位志愿者，可以再发一个。`,
      { requestId: prior._id },
    );
  }
}

export async function create(ctx: ServiceContext, input: CreateInput): Promise<HelpResults['create']> {
  const now = ctx.now();
  const at = now.toISOString();
  const times = checkTimes(input, now);
  const id = newHelpId();
  return ctx.mutate(async (tx) => {
    const acting = await actingFor(ctx, tx, input.seniorId);
    const { actor, senior, via } = acting;
    const policy = await loadPolicy(tx);
    const category = categoryOf(policy, input.category);
    if (!category || !category.earnsCredits) throw new AppError('VALIDATION', '请选择可以兑换的服务类别', [{ path: 'category', message: '没有这个类别' }]);
    // Before the rules of paying: "you already have this one" is the answer, not "not enough credits".
    const asked = { category: category.id, startAt: times.startAt.toISOString(), endAt: times.endAt.toISOString() };
    if (!input.notDuplicate) await refuseSameAsk(tx, acting, asked);
    if (input.minutes > policy.maxRecordMinutes) {
      throw new AppError('VALIDATION', `一次最多 ${formatHours(policy.maxRecordMinutes)}`, [{ path: 'minutes', message: '时长过长' }]);
    }
    assertEligible(acting, policy, now);
    const doc = newRequest(id, input, acting, category, times, at);
    await holdFunding(tx, doc, acting, at);
    await tx.create('helpRequests', doc);
    // Written so that closing her record (which writes this document) and a request made at that
    // moment conflict on CloudBase, whose transactions conflict only on what both write.
    await tx.update('seniors', senior._id, { lastHelpAskedAt: at, recentAsks: keptAsks(senior.recentAsks ?? [], { id, ...asked }, now) });
    await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'help.create', text: doc.steps[0]!.text, refId: id, at });
    if (isStaffVia(via)) await touchDesk(tx, actor, at);
    return viewAfter(ctx, doc, senior);
  });
}

export async function cancel(ctx: ServiceContext, input: ParsedInput<'help', 'cancel'>): Promise<HelpResults['cancel']> {
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    const { actor, senior, seniorUser, via } = await actingFor(ctx, tx, r.seniorId);
    if (r.state === 'cancelled') return viewAfter(ctx, r, senior);
    if (!mayCancel(r, now)) {
      throw new AppError('WRONG_STATE', r.state === 'assigned' ? '服务已经开始，不能取消；如有问题请提出异议' : `这条求助${STATE_LABELS[r.state]}，不能取消`, {
        state: r.state,
      });
    }
    const who = actorLabel(actor.name, via);
    if (r.holdId) await releaseRedemption(tx, r._id, { actorId: actor._id, memo: `取消求助：${r.categoryName}`, at });
    const next = await save(
      tx,
      r,
      { state: 'cancelled', cancel: { by: actor._id, via, reason: input.reason ?? null, at } },
      step(
        at,
        'cancel',
        actor._id,
        via,
        `${who}取消了求助${input.reason ? `：${input.reason}` : ''}${r.holdId ? `，预留的 ${formatHours(r.heldMinutes)}已退回` : ''}`,
      ),
    );
    await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'help.cancel', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (r.volunteerId)
      await tell(tx, r.seniorId, [r.volunteerId], 'help.cancelled', '求助已取消', `${what(r, seniorUser.name)}已取消，不用上门了。谢谢您！`, at);
    // Cancelled for her by someone else: she (and whoever else acts for her) must not wait for a visit.
    const others = sideOf(r, senior).filter((id) => id !== actor._id);
    if (others.length) {
      await tellSide(
        tx,
        r,
        senior,
        'help.withdrawn',
        (t) => ({
          title: '求助已取消',
          body: `${who}取消了${what(r, seniorUser.name)}${r.holdId ? `，${t.hold}的 ${formatHours(r.heldMinutes)}已${t.release}` : ''}，不会有人上门了。`,
        }),
        at,
        others,
      );
    }
    return viewAfter(ctx, next, senior);
  });
}

export async function decideGrant(ctx: ServiceContext, input: ParsedInput<'help', 'decideGrant'>): Promise<HelpResults['decideGrant']> {
  const actor = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const r = await loadRequest(tx, input.requestId);
    if (!isStaffFor(actor, r.committeeId)) throw new AppError('FORBIDDEN', '只有本居委社工可以审核公益池资助');
    const { senior, user: seniorUser } = await loadSenior(tx, r.seniorId);
    if (r.grant && r.grant.approved === input.approve && r.state !== 'awaiting_grant') return viewAfter(ctx, r, senior);
    if (r.state !== 'awaiting_grant') throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不需要审核`, { state: r.state });
    const via = staffVia(actor);
    // Deciding a grant is the social worker's own decision, not something done for the senior (社工代办).
    const who = `${actor.name}（${via === 'admin' ? '街道管理员' : '居委社工'}）`;
    let next: HelpRequestDoc;
    if (input.approve) {
      if (hasEnded(r, now)) throw new AppError('WRONG_STATE', '求助的时间已经过了，请让老人重新发起');
      assertEligible({ senior, seniorUser }, await loadPolicy(tx), now);
      await holdRedemption(
        tx,
        r._id,
        POOL_ACCOUNT,
        r.minutes,
        { actorId: actor._id, memo: `公益池资助兑换：${r.categoryName} ${timeText(r.startAt, r.endAt)}`.slice(0, 120), at },
        poolWords,
      );
      next = await save(
        tx,
        r,
        { state: 'open', holdId: holdIdOf(r._id), heldMinutes: r.minutes, grant: { approved: true, by: actor._id, at, reason: input.reason } },
        step(at, 'grant', actor._id, via, `${who}批准公益池资助 ${formatHours(r.minutes)}：${input.reason}`),
      );
    } else {
      next = await save(
        tx,
        r,
        { state: 'declined', grant: { approved: false, by: actor._id, at, reason: input.reason } },
        step(at, 'refuse', actor._id, via, `${who}未批准公益池资助：${input.reason}`),
      );
    }
    await logAct(tx, {
      seniorId: senior._id,
      actorId: actor._id,
      via,
      kind: input.approve ? 'help.grant' : 'help.refuse',
      text: next.steps.at(-1)!.text,
      refId: r._id,
      at,
    });
    // The senior side reads 社工同意用街道公共时间 where the social worker who asked reads 公益池资助已批准.
    await tellSide(
      tx,
      r,
      senior,
      'help.grantDecided',
      (t, wording) => ({
        title:
          wording === 'plain'
            ? input.approve
              ? '社工同意用街道公共时间'
              : '社工没有同意用街道公共时间'
            : input.approve
              ? '公益池资助已批准'
              : '公益池资助未获批准',
        body: input.approve
          ? `${what(r, seniorUser.name)}已获${t.pool}资助，正在等待志愿者${t.take}`
          : `${what(r, seniorUser.name)}未获${t.pool}资助：${input.reason}`,
      }),
      at,
    );
    await touchDesk(tx, actor, at);
    return viewAfter(ctx, next, senior);
  });
}
