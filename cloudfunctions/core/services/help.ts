/**
 * Help requests (求助与兑换). Each act is one `ctx.mutate` transaction that re-reads the request by
 * id, checks its state, moves credits through services/redemption.ts (holds, posts, voids on the
 * ledger), appends a step, writes the senior's history line and the inbox notices. Queries (lists,
 * queues, the sweep) run outside transactions with explicit limits and are re-checked inside.
 *
 * Privacy: no view built here carries an address or a phone number. The assigned volunteer opens
 * them with `contact`, which logs the access in `audit` before returning them; it is a read, so the
 * values are never kept in an idempotency record.
 */
import { randomUUID } from 'node:crypto';
import type { HelpCan, HelpRequestView, HelpResults, ParsedInput } from '../api';
import { AppError } from '../errors';
import { assertMayOpenContact, discloseFamily, mayOpenContact } from '../domain/contact-disclosure';
import { POOL_ACCOUNT, formatHours, personAccountId } from '../domain/ledger';
import { categoryOf, type TimebankPolicy } from '../domain/policy';
import { homeVisitRefusal, redemptionEligibility } from '../domain/eligibility';
import {
  CONFIRM_WINDOW_HOURS,
  MAX_DAYS_AHEAD,
  MIN_HELP_MINUTES,
  START_GRACE_MINUTES,
  STATE_LABELS,
  confirmationOverdue,
  hasEnded,
  hasStarted,
  isActive,
  mayCancel,
  mayDispute,
  mayHandBack,
  mayReport,
  maySettle,
  overdueCutoff,
  walkingDistance,
  type HelpAction,
  type HelpRequestDoc,
  type HelpState,
  type HelpStep,
} from '../domain/help';
import type { LatLng } from '../domain/geo';
import { localDate, localToUtc, shortDateTime, timeText } from '../domain/schedule';
import {
  VIA_LABELS,
  containsPhoneNumber,
  proxiedSeniors,
  proxyDocId,
  servedCommittees,
  type ActorKind,
  type ProxyDoc,
  type SeniorDoc,
  type Via,
} from '../domain/seniors';
import type { FieldFilter, Store, Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { committeeName } from './shared/directory';
import type { RefusalWords } from './ledger';
import { loadPolicy } from './policy';
import { Names, maskName, minutesView } from './shared/ledger-views';
import { holdIdOf, holdRedemption, releaseRedemption, settleRedemption } from './redemption';
import {
  actingFor,
  actorLabel,
  audit,
  auditRead,
  loadSenior,
  logAct,
  refreshDesks,
  seniorAddress,
  seniorPhone,
  seniorSide,
  socialWorkersOf,
  tell,
  touchDesk,
  type Acting,
  type Reader,
} from './shared/acting';
import { isAdmin, isStaffFor } from '../domain/scope';

const newHelpId = () => `h_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

async function loadRequest(reader: Reader, id: string): Promise<HelpRequestDoc> {
  const r = await reader.get<HelpRequestDoc>('helpRequests', id);
  if (!r) throw new AppError('NOT_FOUND', '找不到这条求助', { requestId: id });
  return r;
}

const step = (at: string, action: HelpAction, actorId: string, via: ActorKind, text: string): HelpStep => ({ at, action, actorId, via, text });

/** Inbox text: "沈阿婆 11月28日 09:00 的精神慰藉". */
const what = (r: HelpRequestDoc, seniorName: string) => `${seniorName} ${shortDateTime(r.startAt)} 的${r.categoryName}`;

// ---------------------------------------------------------------- views

type Perspective = 'seniorSide' | 'staff' | 'assignedVolunteer' | 'volunteer';

function perspectiveOf(user: UserDoc, r: HelpRequestDoc, senior: SeniorDoc | null): Perspective | null {
  if (r.volunteerId === user._id) return 'assignedVolunteer';
  if (user._id === r.seniorId) return 'seniorSide';
  if (senior?.proxyIds.includes(user._id) && proxiedSeniors(user.grants).includes(r.seniorId)) return 'seniorSide';
  if (isStaffFor(user, r.committeeId)) return 'staff';
  if (user.roles.includes('volunteer') || user.roles.includes('leader')) return 'volunteer';
  return null;
}

function canOf(p: Perspective, r: HelpRequestDoc, now: Date, user: UserDoc, senior: SeniorDoc | null): HelpCan {
  const can: HelpCan = {
    accept: false,
    onTheWay: false,
    handBack: false,
    reportDone: false,
    openContact: false,
    confirm: false,
    dispute: false,
    cancel: false,
    decideGrant: false,
    settle: false,
  };
  if (p === 'volunteer') {
    can.accept = r.state === 'open' && !hasEnded(r, now) && user._id !== r.seniorId && !senior?.proxyIds.includes(user._id) && !homeVisitRefusal(user, now);
  } else if (p === 'assignedVolunteer') {
    can.onTheWay = r.state === 'assigned' && !hasEnded(r, now) && !r.steps.some((x) => x.action === 'onTheWay');
    can.handBack = mayHandBack(r, now);
    can.reportDone = mayReport(r, now);
    can.openContact = mayOpenContact(r, user._id);
  } else {
    can.confirm = r.state === 'reported';
    can.dispute = mayDispute(r, now);
    can.cancel = mayCancel(r, now);
    if (p === 'staff') {
      can.decideGrant = r.state === 'awaiting_grant';
      can.settle = maySettle(r, now);
    }
  }
  return can;
}

async function stateText(r: HelpRequestDoc, names: Names, now: Date): Promise<string> {
  const volunteer = r.volunteerId ? await names.userName(r.volunteerId) : '志愿者';
  switch (r.state) {
    case 'open':
      return r.handedBack.length ? '等待志愿者接单（之前接单的志愿者已退回）' : '等待志愿者接单';
    case 'assigned':
      if (hasStarted(r, now)) return `${volunteer}正在服务（${timeText(r.startAt, r.endAt)}）`;
      return r.steps.some((x) => x.action === 'onTheWay') ? `${volunteer}已出发，正在上门` : `${volunteer}已接单，${shortDateTime(r.startAt)} 上门`;
    case 'reported': {
      const base = `${volunteer}报告服务了 ${formatHours(r.report?.minutes ?? 0)}，请确认`;
      return r.queued ? `${base}；超过 ${CONFIRM_WINDOW_HOURS} 小时未确认，已转社工处理` : base;
    }
    case 'disputed':
      return `有异议（${r.dispute?.reason ?? ''}），等待社工处理`;
    case 'completed':
      return `已完成：${formatHours(r.settlement?.minutes ?? 0)} 时间币已给${volunteer}`;
    case 'cancelled':
      return `已取消（${r.cancel ? await names.userName(r.cancel.by) : ''}）`;
    case 'declined':
      return `公益池资助未获批准：${r.grant?.reason ?? ''}`;
    case 'voided':
      return `社工处理：不支付时间币（${r.settlement?.reason ?? ''}）`;
    default:
      return STATE_LABELS[r.state];
  }
}

export interface ViewOptions {
  names: Names;
  now: Date;
  viewer: UserDoc;
  senior: SeniorDoc | null;
  near?: LatLng;
  withSteps?: boolean;
}

export async function helpView(store: Store, r: HelpRequestDoc, o: ViewOptions): Promise<HelpRequestView> {
  const p = perspectiveOf(o.viewer, r, o.senior) ?? 'volunteer';
  const outsider = p === 'volunteer';
  const seniorName = await o.names.userName(r.seniorId);
  const creatorName = await o.names.userName(r.createdBy);
  const volunteer = r.volunteerId ? await o.names.user(r.volunteerId) : null;
  const view: HelpRequestView = {
    id: r._id,
    seniorId: r.seniorId,
    seniorName: outsider ? maskName(seniorName) : seniorName,
    committeeId: r.committeeId,
    committeeName: await committeeName(store, r.committeeId),
    category: r.category,
    categoryName: r.categoryName,
    startAt: r.startAt,
    endAt: r.endAt,
    timeText: timeText(r.startAt, r.endAt),
    minutes: minutesView(r.minutes),
    note: r.note,
    funding: r.funding,
    state: r.state,
    stateText: await stateText(r, o.names, o.now),
    held: minutesView(r.heldMinutes),
    volunteer: volunteer && !outsider ? { id: volunteer._id, name: volunteer.name, phoneMasked: volunteer.phoneMasked } : null,
    report: r.report ? { minutes: minutesView(r.report.minutes), note: r.report.note, at: r.report.at } : null,
    dispute: r.dispute && !outsider ? { reason: r.dispute.reason, byName: await o.names.userName(r.dispute.by), at: r.dispute.at } : null,
    settlement: r.settlement
      ? {
          how: r.settlement.how,
          minutes: minutesView(r.settlement.minutes),
          byName: await o.names.userName(r.settlement.by),
          viaText: VIA_LABELS[r.settlement.via],
          reason: r.settlement.reason,
          at: r.settlement.at,
        }
      : null,
    grant: r.grant && !outsider ? { approved: r.grant.approved, byName: await o.names.userName(r.grant.by), reason: r.grant.reason, at: r.grant.at } : null,
    queued: r.queued,
    queueReason: r.queueReason,
    distance: o.near && r.location ? walkingDistance(o.near, r.location) : null,
    handedBackCount: r.handedBack.length,
    createdByName: outsider ? maskName(creatorName) : creatorName,
    createdViaText: VIA_LABELS[r.createdVia],
    createdAt: r.createdAt,
    can: canOf(p, r, o.now, o.viewer, o.senior),
  };
  if (o.withSteps && !outsider) {
    view.steps = await Promise.all(
      r.steps.map(async (s) => ({
        at: s.at,
        action: s.action,
        actorName: await o.names.userName(s.actorId),
        via: s.via,
        viaText: VIA_LABELS[s.via],
        text: s.text,
      })),
    );
  }
  return view;
}

/** Views of many requests, reading each senior profile once. */
async function viewsOf(ctx: ServiceContext, requests: HelpRequestDoc[], extra: Partial<ViewOptions> = {}): Promise<HelpRequestView[]> {
  const viewer = requireUser(ctx);
  const names = new Names(ctx.store);
  const now = ctx.now();
  const seniors = new Map<string, Promise<SeniorDoc | null>>();
  const seniorOf = (id: string) => {
    if (!seniors.has(id)) seniors.set(id, ctx.store.get<SeniorDoc>('seniors', id));
    return seniors.get(id)!;
  };
  const views: HelpRequestView[] = [];
  for (const r of requests) views.push(await helpView(ctx.store, r, { names, now, viewer, senior: await seniorOf(r.seniorId), ...extra }));
  return views;
}

/** The senior's requests still going, newest first: the senior's home. */
export async function activeRequestViews(ctx: ServiceContext, seniorId: string, limit: number): Promise<HelpRequestView[]> {
  const page = await ctx.store.find<HelpRequestDoc>('helpRequests', { where: { seniorId }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 50 });
  return viewsOf(ctx, page.items.filter((r) => isActive(r.state)).slice(0, limit));
}

async function viewAfter(ctx: ServiceContext, r: HelpRequestDoc, senior?: SeniorDoc | null): Promise<HelpRequestView> {
  return helpView(ctx.store, r, {
    names: new Names(ctx.store),
    now: ctx.now(),
    viewer: requireUser(ctx),
    senior: senior === undefined ? await ctx.store.get<SeniorDoc>('seniors', r.seniorId) : senior,
    withSteps: true,
  });
}

// ---------------------------------------------------------------- writing helpers

async function save(tx: Tx, r: HelpRequestDoc, patch: Partial<HelpRequestDoc>, added: HelpStep): Promise<HelpRequestDoc> {
  const next = { ...r, ...patch, steps: [...r.steps, added], updatedAt: added.at };
  await tx.update('helpRequests', r._id, { ...patch, steps: next.steps, updatedAt: added.at });
  return next;
}

const creditWords = (seniorName: string): RefusalWords => ({
  insufficient: (v) => `${seniorName}的可用时间币是 ${formatHours(v.available)}，本次需要 ${formatHours(v.needed)}。可以少约一些时间，或请社工申请公益池资助`,
});
const poolWords: RefusalWords = {
  insufficient: (v) => `公益池余额不足：可用 ${formatHours(v.available)}，需要 ${formatHours(v.needed)}`,
};

function assertEligible(acting: Pick<Acting, 'seniorUser' | 'senior'>, policy: TimebankPolicy, now: Date): void {
  const e = redemptionEligibility(acting.seniorUser, acting.senior.specialDifficulty, policy, now);
  if (!e.eligible) throw new AppError('NOT_ELIGIBLE', e.reason!, { age: e.age, requiredAge: e.requiredAge });
}

const isStaffVia = (via: ActorKind) => via === 'socialWorker' || via === 'admin';
const staffVia = (u: UserDoc): Via => (isAdmin(u) && servedCommittees(u.grants).length === 0 ? 'admin' : 'socialWorker');

/** The people told about a request's progress on the senior side (and the social worker who made it for them). */
function sideOf(r: HelpRequestDoc, senior: SeniorDoc): string[] {
  const ids = seniorSide(senior);
  if (isStaffVia(r.createdVia)) ids.push(r.createdBy);
  return ids;
}

// ---------------------------------------------------------------- reading

export async function categories(ctx: ServiceContext): Promise<HelpResults['categories']> {
  const policy = await loadPolicy(ctx.store);
  return {
    categories: policy.categories.filter((c) => c.earnsCredits),
    minMinutes: MIN_HELP_MINUTES,
    maxMinutes: policy.maxRecordMinutes,
    confirmWindowHours: CONFIRM_WINDOW_HOURS,
  };
}

export async function requests(ctx: ServiceContext, input: ParsedInput<'help', 'requests'>): Promise<HelpResults['requests']> {
  const { senior } = await actingFor(ctx, ctx.store, input.seniorId);
  const page = await ctx.store.find<HelpRequestDoc>('helpRequests', {
    where: { seniorId: senior._id },
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const items = input.active === undefined ? page.items : page.items.filter((r) => isActive(r.state) === input.active);
  return { items: await viewsOf(ctx, items), next: page.next };
}

export async function detail(ctx: ServiceContext, input: ParsedInput<'help', 'detail'>): Promise<HelpResults['detail']> {
  const viewer = requireUser(ctx);
  const r = await loadRequest(ctx.store, input.requestId);
  const senior = await ctx.store.get<SeniorDoc>('seniors', r.seniorId);
  const p = perspectiveOf(viewer, r, senior);
  if (!p || (p === 'volunteer' && r.state !== 'open')) throw new AppError('FORBIDDEN', '这条求助已经有人接下，或者与您无关');
  return viewAfter(ctx, r, senior);
}

export async function open(ctx: ServiceContext, input: ParsedInput<'help', 'open'>): Promise<HelpResults['open']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const page = await ctx.store.find<HelpRequestDoc>('helpRequests', {
    where: input.committeeId ? { committeeId: input.committeeId, state: 'open' } : { state: 'open' },
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const mine = new Set([me._id, ...proxiedSeniors(me.grants)]);
  const items = page.items.filter((r) => !hasEnded(r, now) && !mine.has(r.seniorId));
  return { items: await viewsOf(ctx, items, { near: input.near }), next: page.next, acceptRefusal: homeVisitRefusal(me, now)?.message ?? null };
}

export async function assigned(ctx: ServiceContext, input: ParsedInput<'help', 'assigned'>): Promise<HelpResults['assigned']> {
  const me = requireUser(ctx);
  const done = input.done ?? false;
  const page = await ctx.store.find<HelpRequestDoc>('helpRequests', {
    where: { volunteerId: me._id },
    orderBy: { field: 'startAt', direction: done ? 'desc' : 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  return {
    items: await viewsOf(
      ctx,
      page.items.filter((r) => isActive(r.state) !== done),
    ),
    next: page.next,
  };
}

/** The assigned volunteer's look at the address and phone; logged before anything is returned. */
export async function contact(ctx: ServiceContext, input: ParsedInput<'help', 'contact'>): Promise<HelpResults['contact']> {
  const me = requireUser(ctx);
  const r = await loadRequest(ctx.store, input.requestId);
  assertMayOpenContact(r, me._id);
  const { senior, user } = await loadSenior(ctx.store, r.seniorId);
  const others: HelpResults['contact']['others'] = [];
  if (r.createdVia === 'proxy') {
    const family = await ctx.store.get<UserDoc>('users', r.createdBy);
    const link = await ctx.store.get<ProxyDoc>('proxies', proxyDocId(r.seniorId, r.createdBy));
    if (family?.phoneEnc && link && discloseFamily(r, link)) {
      others.push({ label: `家属（${link.relation}）`, name: family.name, phone: ctx.secrets.decrypt(family.phoneEnc) });
    }
  }
  await auditRead(ctx.store, me._id, senior._id, 'senior.contact.open', { helpRequestId: r._id, fields: ['address', 'phone'] }, ctx.now().toISOString());
  return { requestId: r._id, seniorName: user.name, address: seniorAddress(ctx, senior), phone: seniorPhone(ctx, user), others };
}

export async function queue(ctx: ServiceContext, input: ParsedInput<'help', 'queue'>): Promise<HelpResults['queue']> {
  const actor = requireUser(ctx);
  let committees: string[] | null;
  if (input.committeeId) {
    if (!isStaffFor(actor, input.committeeId)) throw new AppError('FORBIDDEN', '只能查看本居委的待办');
    committees = [input.committeeId];
  } else {
    committees = servedCommittees(actor.grants);
    if (committees.length === 0) {
      if (!isAdmin(actor)) return { grants: [], disputes: [], overdue: [] };
      committees = null;
    }
  }
  const scope = committees ? { committeeId: committees.length === 1 ? committees[0]! : { in: committees } } : {};
  const find = (where: Record<string, unknown>) =>
    ctx.store.find<HelpRequestDoc>('helpRequests', { where: { ...scope, ...where } as never, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 50 });
  const [grants, disputes, overdue] = await Promise.all([find({ state: 'awaiting_grant' }), find({ state: 'disputed' }), find({ queued: true })]);
  return {
    grants: await viewsOf(ctx, grants.items),
    disputes: await viewsOf(ctx, disputes.items),
    overdue: await viewsOf(
      ctx,
      overdue.items.filter((r) => r.state === 'reported' || r.state === 'assigned'),
    ),
  };
}

// ---------------------------------------------------------------- the senior side asks

type CreateInput = ParsedInput<'help', 'create'>;

/** The time asked for, checked against now (not past, not too far ahead, long enough), and a note without phone numbers. */
function checkTimes(input: CreateInput, now: Date): { startAt: Date; endAt: Date; note: string } {
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
function newRequest(
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
        `${who}发起求助：${category.name} ${formatHours(input.minutes)}（${input.funding === 'pool' ? '申请公益池资助' : '用老人的时间币'}）`,
      ),
    ],
  };
}

/**
 * Holds the request's credits: the senior's own; the pool's when a social worker at the desk grants
 * it as they make the request; else (a pool request) the request waits for a grant and the 居委's
 * social workers are told.
 */
async function holdFunding(tx: Tx, doc: HelpRequestDoc, acting: Acting, at: string): Promise<void> {
  const { actor, senior, seniorUser, via } = acting;
  const { _id: id, minutes } = doc;
  const who = actorLabel(actor.name, via);
  const memo = `兑换：${doc.categoryName} ${timeText(doc.startAt, doc.endAt)}`.slice(0, 120);
  if (doc.funding === 'credits') {
    await holdRedemption(tx, id, personAccountId(senior._id), minutes, { actorId: actor._id, memo, at }, creditWords(seniorUser.name));
    Object.assign(doc, { holdId: holdIdOf(id), heldMinutes: minutes });
  } else if (isStaffVia(via)) {
    // The social worker at the desk decides the grant as they make the request.
    await holdRedemption(tx, id, POOL_ACCOUNT, minutes, { actorId: actor._id, memo, at }, poolWords);
    Object.assign(doc, { holdId: holdIdOf(id), heldMinutes: minutes, grant: { approved: true, by: actor._id, at, reason: '社工代办时批准公益池资助' } });
    doc.steps.push(step(at, 'grant', actor._id, via, `${who}批准公益池资助 ${formatHours(minutes)}`));
  } else {
    doc.state = 'awaiting_grant';
    const staff = await socialWorkersOf(tx, senior.committeeId);
    await tell(
      tx,
      staff.map((s) => s._id),
      'help.grantRequested',
      '公益池资助申请',
      `${who}为${what(doc, seniorUser.name)}申请公益池资助 ${formatHours(minutes)}，请审核`,
      at,
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
    if (input.minutes > policy.maxRecordMinutes) {
      throw new AppError('VALIDATION', `一次最多 ${formatHours(policy.maxRecordMinutes)}`, [{ path: 'minutes', message: '时长过长' }]);
    }
    assertEligible(acting, policy, now);
    const doc = newRequest(id, input, acting, category, times, at);
    await holdFunding(tx, doc, acting, at);
    await tx.create('helpRequests', doc);
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
      step(at, 'cancel', actor._id, via, `${who}取消了求助${input.reason ? `：${input.reason}` : ''}${r.holdId ? `，解冻 ${formatHours(r.heldMinutes)}` : ''}`),
    );
    await logAct(tx, { seniorId: senior._id, actorId: actor._id, via, kind: 'help.cancel', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (r.volunteerId) await tell(tx, [r.volunteerId], 'help.cancelled', '求助已取消', `${what(r, seniorUser.name)}已取消，不用上门了。谢谢您！`, at);
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
    const who = actorLabel(actor.name, via);
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
    await tell(
      tx,
      sideOf(r, senior),
      'help.grantDecided',
      input.approve ? '公益池资助已批准' : '公益池资助未获批准',
      input.approve ? `${what(r, seniorUser.name)}已获公益池资助，正在等待志愿者接单` : `${what(r, seniorUser.name)}未获公益池资助：${input.reason}`,
      at,
    );
    await touchDesk(tx, actor, at);
    return viewAfter(ctx, next, senior);
  });
}

// ---------------------------------------------------------------- the volunteer

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
      await tell(tx, sideOf(r, senior), 'help.accepted', '志愿者已接单', `${me.name}接下了${what(r, seniorUser?.name ?? '老人')}，会按时上门`, at);
    }
    return viewAfter(ctx, next, senior);
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
    if (r.steps.some((x) => x.action === 'onTheWay')) return viewAfter(ctx, r, senior);
    if (r.state !== 'assigned' || hasEnded(r, now)) throw new AppError('WRONG_STATE', `这条求助${STATE_LABELS[r.state]}，不用再出发了`);
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(tx, r, {}, step(at, 'onTheWay', me._id, 'volunteer', `${me.name}（志愿者）已出发上门`));
    await logAct(tx, { seniorId: r.seniorId, actorId: me._id, via: 'volunteer', kind: 'help.onTheWay', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (senior) await tell(tx, sideOf(r, senior), 'help.onTheWay', '志愿者在路上', `${me.name}已出发，正在上门（${what(r, seniorUser?.name ?? '老人')}）`, at);
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
    if (senior) await tell(tx, sideOf(r, senior), 'help.handedBack', '志愿者退回了接单', `${what(r, seniorUser?.name ?? '老人')}重新等待其他志愿者接单`, at);
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
    const seniorUser = await tx.get<UserDoc>('users', r.seniorId);
    const next = await save(
      tx,
      r,
      { state: 'reported', report: { minutes: input.minutes, note: input.note ?? '', at }, reportedAt: at, queued: false },
      step(at, 'report', me._id, 'volunteer', `${me.name}（志愿者）报告完成，实际服务 ${formatHours(input.minutes)}`),
    );
    await logAct(tx, { seniorId: r.seniorId, actorId: me._id, via: 'volunteer', kind: 'help.report', text: next.steps.at(-1)!.text, refId: r._id, at });
    if (senior) {
      await tell(
        tx,
        sideOf(r, senior),
        'help.reported',
        '请确认服务',
        `${me.name}报告${what(r, seniorUser?.name ?? '老人')}已完成，实际 ${formatHours(input.minutes)}。请在 ${CONFIRM_WINDOW_HOURS} 小时内确认，有问题可以提出异议`,
        at,
      );
    }
    return viewAfter(ctx, next, senior);
  });
}

// ---------------------------------------------------------------- settling

interface Settler {
  actor: UserDoc;
  via: ActorKind;
  senior: SeniorDoc;
  seniorUser: UserDoc;
}

/** Closes a request without paying: the held credits are released, the volunteer (if any) and the senior's side told. */
async function settleVoid(tx: Tx, r: HelpRequestDoc, s: Settler, reason: string | null, at: string): Promise<HelpRequestDoc> {
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
    step(at, 'settle', s.actor._id, s.via, `${who}处理：不支付时间币，解冻 ${formatHours(r.heldMinutes)}。原因：${reason ?? ''}`),
  );
  await logAct(tx, { seniorId: r.seniorId, actorId: s.actor._id, via: s.via, kind: 'help.settle', text: next.steps.at(-1)!.text, refId: r._id, at });
  if (r.volunteerId)
    await tell(tx, [r.volunteerId], 'help.settled', '社工已处理异议', `${what(r, s.seniorUser.name)}：社工决定不支付时间币。原因：${reason ?? ''}`, at);
  await tell(
    tx,
    sideOf(r, s.senior),
    'help.settled',
    '社工已处理',
    `${what(r, s.seniorUser.name)}：不支付时间币，冻结的 ${formatHours(r.heldMinutes)} 已解冻`,
    at,
  );
  return next;
}

/** Moves the credits of a request served for `minutes` (or releases them for 'void') and closes it. */
async function settleCredits(
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
      throw new AppError('FORBIDDEN', `实际服务比冻结的多 ${formatHours(extra)}；由公益池支付需要社工批准。请联系社工，或选择用老人的时间币补足`);
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
            insufficient: (v) =>
              `实际服务比冻结的多 ${formatHours(extra)}，但${s.seniorUser.name}只有 ${formatHours(v.available)} 可用。可以请社工从公益池补足，或对时长提出异议`,
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
      approverId: s.actor._id,
      reason: reason,
      createdAt: at,
      decidedAt: at,
      updatedAt: at,
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
    [r.volunteerId],
    how === 'confirm' ? 'help.confirmed' : 'help.settled',
    '时间币已到账',
    `${what(r, s.seniorUser.name)}已确认，${formatHours(minutes)} 时间币已存入您的账户。谢谢您！`,
    at,
  );
  if (how !== 'confirm') await tell(tx, sideOf(r, s.senior), 'help.settled', '社工已处理', `${what(r, s.seniorUser.name)}：${next.steps.at(-1)!.text}`, at);
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
    await tell(
      tx,
      staff.map((s) => s._id),
      'help.disputed',
      '服务有异议',
      `${what(r, seniorUser.name)}有异议：${input.reason}。时间币已冻结，请处理`,
      at,
    );
    if (r.volunteerId) await tell(tx, [r.volunteerId], 'help.disputed', '服务有异议', `${what(r, seniorUser.name)}有异议，社工会联系您了解情况`, at);
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

// ---------------------------------------------------------------- the scheduler

/**
 * The scheduler's job, safe to run at any time: requests reported 72 h ago and still unconfirmed
 * (or never reported 72 h after their window) go to the 居委 social workers' queue with a notice;
 * open requests whose window has passed expire and their holds are released; the desks are
 * rebuilt from the grants. One transaction per request, each re-checked; at most 100 of each kind
 * per call: `help.sweep` runs it on demand. The scheduler (services/scheduler.ts) runs the same
 * queries and steps as a resumable pass under its time budget, so it never stops at 100.
 */
export async function sweepHelp(store: Store, now: Date): Promise<{ queued: number; expired: number; desks: number }> {
  const at = now.toISOString();
  const desks = await refreshDesks(store, at);
  let queued = 0;
  let expired = 0;
  const overdueReports = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery('unconfirmed', now), limit: 100 });
  const unreported = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery('unreported', now), limit: 100 });
  for (const found of [...overdueReports.items, ...unreported.items]) if (await queueOverdueRequest(store, found._id, now)) queued += 1;
  for (const state of ['open', 'awaiting_grant'] as const) {
    const stale = await store.find<HelpRequestDoc>('helpRequests', { ...helpSweepQuery(state, now), limit: 100 });
    for (const found of stale.items) if (await expireStaleRequest(store, found._id, state, now)) expired += 1;
  }
  return { queued, expired, desks };
}

/** The four queries of the sweep: reports not confirmed, services not reported, and stale open or awaiting-grant requests. */
export type HelpSweepPhase = 'unconfirmed' | 'unreported' | 'open' | 'awaiting_grant';

export function helpSweepQuery(phase: HelpSweepPhase, now: Date): { where: Record<string, FieldFilter>; orderBy: { field: string; direction: 'asc' } } {
  const cutoff = overdueCutoff(now);
  if (phase === 'unconfirmed')
    return { where: { state: 'reported', queued: false, reportedAt: { lte: cutoff } }, orderBy: { field: 'reportedAt', direction: 'asc' } };
  if (phase === 'unreported') return { where: { state: 'assigned', queued: false, endAt: { lte: cutoff } }, orderBy: { field: 'endAt', direction: 'asc' } };
  return { where: { state: phase, endAt: { lte: now.toISOString() } }, orderBy: { field: 'endAt', direction: 'asc' } };
}

/** Hands one overdue request to the social workers' queue; re-checked inside; false when there was nothing to do. */
export async function queueOverdueRequest(store: Store, requestId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const cutoff = overdueCutoff(now);
  return store.transaction(async (tx) => {
    const r = await loadRequest(tx, requestId);
    const reason = r.state === 'reported' && confirmationOverdue(r, now) ? 'unconfirmed' : r.state === 'assigned' && r.endAt <= cutoff ? 'unreported' : null;
    if (r.queued || !reason) return false;
    const { senior, user } = await loadSenior(tx, r.seniorId);
    const text =
      reason === 'unconfirmed'
        ? `志愿者报告完成 ${CONFIRM_WINDOW_HOURS} 小时后仍未确认，转社工处理`
        : `服务时间结束 ${CONFIRM_WINDOW_HOURS} 小时后志愿者仍未报告，转社工处理`;
    const next = await save(tx, r, { queued: true, queuedAt: at, queueReason: reason }, step(at, 'queue', 'system', 'system', text));
    await logAct(tx, { seniorId: r.seniorId, actorId: 'system', via: 'system', kind: 'help.queue', text, refId: r._id, at });
    const staff = await socialWorkersOf(tx, r.committeeId);
    await tell(
      tx,
      staff.map((s) => s._id),
      'help.overdue',
      '待处理：服务未确认',
      `${what(next, user.name)}：${text}`,
      at,
    );
    if (reason === 'unconfirmed')
      await tell(
        tx,
        sideOf(r, senior),
        'help.overdue',
        '服务已转社工处理',
        `${what(next, user.name)}超过 ${CONFIRM_WINDOW_HOURS} 小时未确认，居委社工会联系您`,
        at,
      );
    return true;
  });
}

/** Expires one request whose window has passed with nobody on it (releasing its hold); re-checked inside. */
export async function expireStaleRequest(store: Store, requestId: string, state: 'open' | 'awaiting_grant', now: Date): Promise<boolean> {
  const at = now.toISOString();
  return store.transaction(async (tx) => {
    const r = await loadRequest(tx, requestId);
    if (r.state !== state || !hasEnded(r, now)) return false;
    const { senior, user } = await loadSenior(tx, r.seniorId);
    if (r.holdId) await releaseRedemption(tx, r._id, { actorId: 'system', memo: `求助过期，无人接单：${r.categoryName}`, at });
    const text = r.holdId ? `时间已过，无人接单，解冻 ${formatHours(r.heldMinutes)}` : '时间已过，公益池资助未审核，求助结束';
    await save(tx, r, { state: 'expired' }, step(at, 'expire', 'system', 'system', text));
    await logAct(tx, { seniorId: r.seniorId, actorId: 'system', via: 'system', kind: 'help.expire', text, refId: r._id, at });
    await tell(tx, sideOf(r, senior), 'help.expired', '求助已过期', `${what(r, user.name)}：${text}。需要的话请重新发起`, at);
    return true;
  });
}

export async function sweep(ctx: ServiceContext): Promise<HelpResults['sweep']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const result = await sweepHelp(ctx.store, now);
  return ctx.mutate(async (tx) => {
    await audit(tx, admin._id, 'helpRequests', 'help.sweep', result, now.toISOString());
    return result;
  });
}

export type { HelpState };
