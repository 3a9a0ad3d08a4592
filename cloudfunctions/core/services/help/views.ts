/** A help request as each side sees it: the senior side, staff, the assigned volunteer, others. */
import type { HelpCan, HelpRequestView } from '../../api';
import { mayOpenContact } from '../../domain/contact-disclosure';
import { formatHours } from '../../domain/ledger';
import { homeVisitRefusal } from '../../domain/eligibility';
import {
  CONFIRM_WINDOW_HOURS,
  hasEnded,
  hasStarted,
  isActive,
  mayCancel,
  mayDispute,
  mayGoOnTheWay,
  mayHandBack,
  mayReport,
  maySettle,
  minutesSinceStart,
  onTheWayFrom,
  saidOnTheWay,
  stateLabel,
  walkingDistance,
  type HelpRequestDoc,
} from '../../domain/help';
import type { LatLng } from '../../domain/geo';
import { shortDateTime, timeText } from '../../domain/schedule';
import { VIA_LABELS, proxiedSeniors, type SeniorDoc } from '../../domain/seniors';
import type { Store } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { committeeName } from '../shared/directory';
import { Names, maskName, minutesView } from '../shared/ledger-views';
import { isStaffFor } from '../../domain/scope';
import { inWords, terms, type Wording } from '../../domain/words';

export type Perspective = 'seniorSide' | 'staff' | 'assignedVolunteer' | 'volunteer';

export function perspectiveOf(user: UserDoc, r: HelpRequestDoc, senior: SeniorDoc | null): Perspective | null {
  if (r.volunteerId === user._id) return 'assignedVolunteer';
  if (user._id === r.seniorId) return 'seniorSide';
  if (senior?.proxyIds.includes(user._id) && proxiedSeniors(user.grants).includes(r.seniorId)) return 'seniorSide';
  if (isStaffFor(user, r.committeeId)) return 'staff';
  if (user.roles.includes('volunteer') || user.roles.includes('leader')) return 'volunteer';
  return null;
}

export function canOf(p: Perspective, r: HelpRequestDoc, now: Date, user: UserDoc, senior: SeniorDoc | null): HelpCan {
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
    can.onTheWay = mayGoOnTheWay(r, now);
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

/** The senior side reads plain words (答应来帮忙, 街道公共时间); volunteers and staff the time bank's (接单, 公益池). */
export const wordingOf = (p: Perspective): Wording => (p === 'seniorSide' ? 'plain' : 'staff');

/** The sentence of progress, in the reader's words (`wording`, decided by `helpView` from the perspective). */
export async function stateText(r: HelpRequestDoc, names: Names, now: Date, wording: Wording = 'staff'): Promise<string> {
  const t = terms(wording);
  const plain = wording === 'plain';
  const volunteer = r.volunteerId ? await names.userName(r.volunteerId) : '志愿者';
  switch (r.state) {
    case 'open':
      if (!r.handedBack.length) return `等待志愿者${t.take}`;
      return plain ? '等待志愿者答应来帮忙（之前答应的志愿者来不了了）' : '等待志愿者接单（之前接单的志愿者已退回）';
    case 'assigned':
      // Only what is known: the time has come, and whether the volunteer said they set out (正在服务
      // was shown to a senior whose volunteer had never pressed 我出发了).
      if (hasStarted(r, now)) {
        return saidOnTheWay(r)
          ? `${volunteer}已出发，约定时间 ${timeText(r.startAt, r.endAt)}`
          : `约定时间已到（${timeText(r.startAt, r.endAt)}），${volunteer}还没有说已出发`;
      }
      return saidOnTheWay(r) ? `${volunteer}已出发，正在上门` : `${volunteer}${t.took}，${shortDateTime(r.startAt)} 上门`;
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
      return plain ? `社工没有同意用街道公共时间：${r.grant?.reason ?? ''}` : `公益池资助未获批准：${r.grant?.reason ?? ''}`;
    case 'voided':
      return `社工处理：不支付时间币（${r.settlement?.reason ?? ''}）`;
    default:
      return stateLabel(r.state, wording);
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
    stateText: await stateText(r, o.names, o.now, wordingOf(p)),
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
  // The assigned volunteer's page says when 我出发了 will be offered, instead of showing nothing.
  if (p === 'assignedVolunteer' && r.state === 'assigned' && !saidOnTheWay(r) && o.now < onTheWayFrom(r)) {
    view.onTheWayFrom = onTheWayFrom(r).toISOString();
  }
  if (p === 'assignedVolunteer' && mayReport(r, o.now)) view.minutesSinceStart = minutesSinceStart(r, o.now);
  if (o.withSteps && !outsider) {
    view.steps = await Promise.all(
      r.steps.map(async (s) => ({
        at: s.at,
        action: s.action,
        actorName: await o.names.userName(s.actorId),
        via: s.via,
        viaText: VIA_LABELS[s.via],
        // Steps are stored once in the staff's words (…接单, 预留的 1小时已退回): read in the reader's.
        text: inWords(s.text, wordingOf(p)),
      })),
    );
  }
  return view;
}

/** Views of many requests, reading each senior profile once. */
export async function viewsOf(ctx: ServiceContext, requests: HelpRequestDoc[], extra: Partial<ViewOptions> = {}): Promise<HelpRequestView[]> {
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

export async function viewAfter(ctx: ServiceContext, r: HelpRequestDoc, senior?: SeniorDoc | null): Promise<HelpRequestView> {
  return helpView(ctx.store, r, {
    names: new Names(ctx.store),
    now: ctx.now(),
    viewer: requireUser(ctx),
    senior: senior === undefined ? await ctx.store.get<SeniorDoc>('seniors', r.seniorId) : senior,
    withSteps: true,
  });
}
