/** Activity views and the read-only use cases: lists, detail, my sign-ups. */
import type { ActivitiesResults, ActivityDetail, ActivityView, MySignupView, ParsedInput, SeriesDate } from '../../api';
import {
  isActive,
  phaseOf,
  startsWithinADay,
  signupId,
  signupRefusal,
  type ActivityDoc,
  type StoredActivityDoc,
  type SeriesDoc,
  type SignupDoc,
} from '../../domain/activities';
import { checkInOpensAt } from '../../domain/check-in-window';
import type { ServiceRecordDoc } from '../../domain/records';
import { categoryOf, type TimebankPolicy } from '../../domain/policy';
import { localDate, localParts, localToUtc, timeText, addDays } from '../../domain/schedule';
import { decodeCursor, type FieldFilter, type Store } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { TeamDoc } from '../../domain/street';
import { loadPolicy } from '../policy';
import { cardThumbnails } from '../photos';
import { manages } from '../../domain/scope';
import { type Reader, loadActivity, isTeamMember, readActivities, withQueues } from './shared';

/** Builds activity views, reading each team and the policy once. Works on the store or inside a transaction. */
export class ActivityViews {
  private readonly teams = new Map<string, Promise<TeamDoc | null>>();
  private policy: Promise<TimebankPolicy> | null = null;

  constructor(
    private readonly reader: Reader,
    private readonly now: Date,
  ) {}

  team(teamId: string): Promise<TeamDoc | null> {
    let p = this.teams.get(teamId);
    if (!p) {
      p = this.reader.get<TeamDoc>('teams', teamId);
      this.teams.set(teamId, p);
    }
    return p;
  }

  categories(): Promise<TimebankPolicy> {
    this.policy ??= loadPolicy(this.reader);
    return this.policy;
  }

  /** Views of several activities, read one after another (operations inside a CloudBase transaction are not run in parallel). */
  async views(docs: ActivityDoc[]): Promise<ActivityView[]> {
    const out: ActivityView[] = [];
    for (const d of docs) out.push(await this.view(d, null));
    return out;
  }

  async view(a: ActivityDoc, my: SignupDoc | null): Promise<ActivityView> {
    const team = await this.team(a.teamId);
    const policy = await this.categories();
    const start = localParts(a.startAt);
    return {
      id: a._id,
      teamId: a.teamId,
      teamName: team?.name ?? '已撤销的队伍',
      title: a.title,
      description: a.description,
      category: a.category,
      categoryName: categoryOf(policy, a.category)?.name ?? a.category,
      place: { ...a.place },
      geofenceRadiusM: a.geofenceRadiusM,
      date: a.date,
      startAt: a.startAt,
      endAt: a.endAt,
      timeText: timeText(a.startAt, a.endAt),
      startTime: start.time,
      endTime: localParts(a.endAt).time,
      capacity: a.capacity,
      signedCount: a.signedCount,
      waitlistCount: a.waitlistCount,
      placesLeft: Math.max(0, a.capacity - a.signedCount),
      signupDeadline: a.signupDeadline,
      cancelDeadline: a.cancelDeadline,
      membersOnly: a.membersOnly,
      minAge: a.minAge,
      status: a.status,
      phase: phaseOf(a, this.now),
      cancelReason: a.cancelReason,
      seriesId: a.seriesId,
      seriesIndex: a.seriesIndex,
      my: my ? mySignupView(a, my) : null,
    };
  }
}

function mySignupView(a: ActivityDoc, s: SignupDoc): MySignupView {
  const position = s.state === 'waitlisted' ? a.waitlist.indexOf(s.userId) + 1 : 0;
  return {
    state: s.state,
    waitlistPosition: position > 0 ? position : null,
    attendance: s.attendance,
    checkInAt: s.checkInAt,
    checkOutAt: s.checkOutAt,
    servedMinutes: s.servedMinutes,
    recordId: s.recordId,
    cannotComeAt: s.cannotComeAt ?? null,
    released: s.state === 'cancelled' && s.releaseReason ? { by: s.releasedByName ?? '', reason: s.releaseReason } : null,
  };
}

/** The caller's sign-ups for these activities, by id (no query). */
async function mySignups(store: Store, userId: string | null, ids: string[]): Promise<Map<string, SignupDoc>> {
  const found = new Map<string, SignupDoc>();
  if (!userId) return found;
  const docs = await Promise.all(ids.map((id) => store.get<SignupDoc>('signups', signupId(id, userId))));
  for (const s of docs) if (s) found.set(s.activityId, s);
  return found;
}

/**
 * Why the caller cannot sign up for `a` now, or null: the detail page's reason and the list cards'
 * (a card invites to a full activity's waitlist only someone who could join it). Time conflicts are
 * left to the sign-up itself. `members` caches the caller's membership per team over one list.
 */
async function signupBlockedFor(
  ctx: ServiceContext,
  a: ActivityDoc,
  view: ActivityView,
  views: ActivityViews,
  members: Map<string, Promise<boolean>>,
): Promise<string | null> {
  const user = ctx.actor.user;
  if (!user) return '请先完成注册';
  if (!user.roles.includes('volunteer') && !user.roles.includes('leader')) return '只有志愿者可以报名参加活动';
  if (isActive(view.my)) return null;
  let isMember = false;
  if (a.membersOnly) {
    let known = members.get(a.teamId);
    if (!known) members.set(a.teamId, (known = isTeamMember(ctx.store, user, a.teamId)));
    isMember = await known;
  }
  const team = await views.team(a.teamId);
  return signupRefusal(a, { now: ctx.now(), birthYear: user.birthYear, isMember, teamName: team?.name ?? '本队' })?.message ?? null;
}

/** A list's views with what the caller may do on each (signupBlocked, canManage). */
async function withCallerLimits(ctx: ServiceContext, activities: ActivityDoc[], items: ActivityView[], views: ActivityViews): Promise<ActivityView[]> {
  const members = new Map<string, Promise<boolean>>();
  await Promise.all(
    items.map(async (item, i) => {
      item.signupBlocked = await signupBlockedFor(ctx, activities[i]!, item, views, members);
      item.canManage = manages(ctx.actor.user, item.teamId);
    }),
  );
  return items;
}

export async function viewsOf(ctx: ServiceContext, activities: ActivityDoc[], views = new ActivityViews(ctx.store, ctx.now())): Promise<ActivityView[]> {
  const mine = await mySignups(
    ctx.store,
    ctx.actor.user?._id ?? null,
    activities.map((a) => a._id),
  );
  return Promise.all(activities.map((a) => views.view(a, mine.get(a._id) ?? null)));
}

/** A list's views with the picture each card shows (services/photos.ts cardThumbnails). */
async function withCardThumbnails(
  ctx: ServiceContext,
  activities: ReadonlyArray<{ _id: string; teamId: string }>,
  items: ActivityView[],
): Promise<ActivityView[]> {
  const thumbs = await cardThumbnails(ctx, activities);
  for (const item of items) item.thumbUrl = thumbs.get(item.id) ?? null;
  return items;
}

// ---------------------------------------------------------------- reading

export async function list(ctx: ServiceContext, input: ParsedInput<'activities', 'list'>): Promise<ActivitiesResults['list']> {
  const from = input.from ?? localDate(ctx.now());
  const startAt: { gte: string; lt?: string } = { gte: localToUtc(from, '00:00').toISOString() };
  // Seek straight to the cursor: a plain range on the sort field lets the index start there, where
  // the adapter's (startAt, _id) row comparison alone would walk the index from `from`.
  const cursor = input.after ? decodeCursor(input.after) : null;
  if (cursor && typeof cursor.value === 'string' && cursor.value > startAt.gte) startAt.gte = cursor.value;
  if (input.to) startAt.lt = localToUtc(addDays(input.to, 1), '00:00').toISOString();
  const where: Record<string, string | { gte: string; lt?: string }> = { startAt };
  if (input.teamId) where.teamId = input.teamId;
  if (input.category) where.category = input.category;
  if (!input.includeCancelled) where.status = 'scheduled';
  const page = await ctx.store.find<StoredActivityDoc>('activities', {
    where,
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const activities = await withQueues(ctx.store, page.items);
  const views = new ActivityViews(ctx.store, ctx.now());
  const items = await withCardThumbnails(ctx, page.items, await withCallerLimits(ctx, activities, await viewsOf(ctx, activities, views), views));
  // Each series document is read once per page, by id, so a list can show a weekly series once.
  const seriesIds = [...new Set(page.items.map((a) => a.seriesId).filter((id): id is string => !!id))];
  const series = new Map((await Promise.all(seriesIds.map((id) => ctx.store.get<SeriesDoc>('series', id)))).flatMap((d) => (d ? [[d._id, d] as const] : [])));
  for (const item of items) {
    const s = item.seriesId ? series.get(item.seriesId) : undefined;
    if (s) item.series = { weekday: s.weekday, count: s.activityIds.length };
  }
  return { items, next: page.next };
}

/** What the activity list can be filtered by: every team, and the policy's service categories. */
export async function filters(ctx: ServiceContext): Promise<ActivitiesResults['filters']> {
  const [teams, policy] = await Promise.all([
    ctx.store.find<TeamDoc & { order?: number }>('teams', { orderBy: { field: 'order', direction: 'asc' }, limit: 100 }),
    loadPolicy(ctx.store),
  ]);
  return {
    teams: teams.items.map((t) => ({ id: t._id, name: t.name })),
    categories: policy.categories.map((c) => ({ id: c.id, name: c.name, earnsCredits: c.earnsCredits })),
  };
}

/** The series' occurrences that have not ended, read by id from the series document. */
async function seriesDatesOf(ctx: ServiceContext, series: SeriesDoc | null): Promise<SeriesDate[]> {
  if (!series) return [];
  const nowIso = ctx.now().toISOString();
  return (await readActivities(ctx.store, series.activityIds))
    .filter((d) => d.endAt > nowIso)
    .map((d) => ({
      id: d._id,
      date: d.date,
      startTime: localParts(d.startAt).time,
      status: d.status,
      placesLeft: Math.max(0, d.capacity - d.signedCount),
    }));
}

/** The next scheduled activities of a team (for the team list). */
export async function nextOfTeam(ctx: ServiceContext, teamId: string, limit: number, views: ActivityViews): Promise<ActivityView[]> {
  const page = await ctx.store.find<StoredActivityDoc>('activities', {
    where: { teamId, status: 'scheduled', startAt: { gte: ctx.now().toISOString() } },
    orderBy: { field: 'startAt', direction: 'asc' },
    limit,
  });
  const activities = await withQueues(ctx.store, page.items);
  return withCardThumbnails(ctx, page.items, await withCallerLimits(ctx, activities, await viewsOf(ctx, activities, views), views));
}

export async function detail(ctx: ServiceContext, input: ParsedInput<'activities', 'detail'>): Promise<ActivitiesResults['detail']> {
  const a = await loadActivity(ctx.store, input.activityId);
  const now = ctx.now();
  const views = new ActivityViews(ctx.store, now);
  // The caller's limits as the lists give them (signupBlocked, canManage).
  const [view] = await withCallerLimits(ctx, [a], await viewsOf(ctx, [a], views), views);
  const series = a.seriesId ? await ctx.store.get<SeriesDoc>('series', a.seriesId) : null;
  if (view!.my?.recordId) {
    const r = await ctx.store.get<ServiceRecordDoc>('serviceRecords', view!.my.recordId);
    view!.my.record = r ? { state: r.state, minutes: r.minutes, reason: r.reason, secondReview: r.state === 'pending' && !!r.firstApproverId } : null;
  }
  const result: ActivityDetail = {
    ...view!,
    seriesCount: series ? series.activityIds.length : null,
    seriesDates: await seriesDatesOf(ctx, series),
    signupBlocked: view!.signupBlocked ?? null,
    canManage: view!.canManage ?? false,
    startsSoon: startsWithinADay(a, now),
    checkInOpensAt: new Date(checkInOpensAt(a)).toISOString(),
    checkInOpen: now.getTime() >= checkInOpensAt(a),
    cancelDeadlinePassed: now.getTime() >= Date.parse(view!.cancelDeadline),
  };
  return result;
}

export async function mine(ctx: ServiceContext, input: ParsedInput<'activities', 'mine'>): Promise<ActivitiesResults['mine']> {
  const me = requireUser(ctx)._id;
  const nowIso = ctx.now().toISOString();
  const scope = input.scope ?? 'upcoming';
  const query: { where: Record<string, FieldFilter>; direction: 'asc' | 'desc' } =
    scope === 'upcoming'
      ? { where: { userId: me, state: { in: ['signed', 'waitlisted'] }, endAt: { gt: nowIso } }, direction: 'asc' }
      : scope === 'past'
        ? { where: { userId: me, state: 'signed', endAt: { lte: nowIso } }, direction: 'desc' }
        : { where: { userId: me, attendance: 'absent' }, direction: 'desc' };
  const page = await ctx.store.find<SignupDoc>('signups', {
    where: query.where,
    orderBy: { field: 'endAt', direction: query.direction },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const stored = await Promise.all(page.items.map((s) => ctx.store.get<StoredActivityDoc>('activities', s.activityId)));
  const activities = new Map(
    (
      await withQueues(
        ctx.store,
        stored.filter((a): a is StoredActivityDoc => !!a),
      )
    ).map((a) => [a._id, a]),
  );
  const views = new ActivityViews(ctx.store, ctx.now());
  const built = await Promise.all(page.items.map((s) => (activities.has(s.activityId) ? views.view(activities.get(s.activityId)!, s) : null)));
  return {
    items: await withCardThumbnails(
      ctx,
      [...activities.values()],
      built.filter((v): v is ActivityView => v !== null),
    ),
    next: page.next,
  };
}
