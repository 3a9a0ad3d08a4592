/** Reading requests: categories, lists for each side, one request, the contact once disclosed, the queue. */
import type { HelpRequestView, HelpResults, ParsedInput } from '../../api';
import { checkConflicts, conflictError } from '../../domain/activities';
import { AppError } from '../../errors';
import { assertMayOpenContact, discloseFamily } from '../../domain/contact-disclosure';
import { homeVisitRefusal } from '../../domain/eligibility';
import { CONFIRM_WINDOW_HOURS, MIN_HELP_MINUTES, hasEnded, isActive, type HelpRequestDoc } from '../../domain/help';
import { proxiedSeniors, proxyDocId, servedCommittees, type ProxyDoc, type SeniorDoc } from '../../domain/seniors';
import { requireUser, type ServiceContext } from '../shared/context';
import type { UserDoc } from '../../domain/people';
import { loadPolicy } from '../policy';
import { actingFor, loadSenior, seniorAddress, seniorPhone } from '../shared/acting';
import { auditRead } from '../shared/audit';
import { isAdmin, isStaffFor } from '../../domain/scope';
import { liveAgenda } from '../shared/agenda';
import { loadRequest } from './shared';
import { perspectiveOf, viewAfter, viewsOf } from './views';

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
  const view = await viewAfter(ctx, r, senior);
  if (p === 'assignedVolunteer') return withOverlapOfAccepted(ctx, viewer._id, r, view);
  const [marked] = await markClashes(ctx, viewer._id, [r], [view]);
  return marked!;
}

/**
 * The overlap an accept was allowed with, said again on the volunteer's own accepted request (after
 * a reload as on the accept's answer); every overlap counts here, since the visit is booked already.
 */
async function withOverlapOfAccepted(ctx: ServiceContext, userId: string, r: HelpRequestDoc, view: HelpRequestView): Promise<HelpRequestView> {
  const now = ctx.now();
  if (r.state !== 'assigned' || hasEnded(r, now)) return view;
  const agenda = await liveAgenda(ctx.store, userId, now, { helpRequestId: r._id });
  const { warnings } = checkConflicts(r, agenda.commitments, Number.POSITIVE_INFINITY);
  return warnings.length ? { ...view, overlap: warnings.join('；') } : view;
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
  const views = await markClashes(ctx, me._id, items, await viewsOf(ctx, items, { near: input.near }));
  return { items: views, next: page.next, acceptRefusal: homeVisitRefusal(me, now)?.message ?? null };
}

/**
 * Says on each open request the volunteer could otherwise accept whether it clashes with what they
 * are booked for (help.accept would refuse it: TIME_CONFLICT), so no page offers what will be refused.
 */
async function markClashes(ctx: ServiceContext, userId: string, docs: readonly HelpRequestDoc[], views: HelpRequestView[]): Promise<HelpRequestView[]> {
  if (!views.some((v) => v.can.accept)) return views;
  const agenda = await liveAgenda(ctx.store, userId, ctx.now());
  return views.map((v, i) => {
    if (!v.can.accept) return v;
    const { conflict, warnings } = checkConflicts(docs[i]!, agenda.commitments);
    if (conflict) return { ...v, clash: conflictError(conflict, true).message, can: { ...v.can, accept: false } };
    return warnings.length ? { ...v, overlap: warnings.join('；') } : v;
  });
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
