/**
 * Activities: scheduling (one-off and weekly series), sign-up with capacity and a waitlist,
 * check-in and check-out, the roster, and closing attendance after the end.
 *
 * Every mutation is one `ctx.mutate` transaction that addresses documents by id only (the activity,
 * the sign-up `<activityId>:<userId>`, the volunteer's agenda, the series, messages), so the same code
 * holds on CloudBase, where a transaction allows no query. Queries (lists, the roster, the sweep)
 * run outside transactions with an explicit limit and cursor.
 */
import { randomUUID } from 'node:crypto';
import type {
  ActivitiesResults,
  ActivityDetail,
  ActivityView,
  AttendanceResult,
  MySignupView,
  ParsedInput,
  RosterEntry,
} from '../api';
import { AppError } from '../errors';
import {
  DEFAULT_CANCEL_CLOSE_MINUTES,
  MAX_ACTIVITY_MINUTES,
  checkConflicts,
  conflictError,
  deadlines,
  isActive,
  membershipId,
  phaseOf,
  startsWithinADay,
  queueDecision,
  queuePatch,
  signupId,
  signupRefusal,
  type ActivityDoc,
  type AgendaDoc,
  type AttendanceMethod,
  type Commitment,
  type MembershipDoc,
  type SeriesDoc,
  type SignupDoc,
} from '../domain/activities';
import { assertCheckInWindow, assertCheckOutStarted, assertCodeWindow, assertNotCancelled, assertRosterWindow, assertSelfCheckOutWindow } from '../domain/check-in-window';
import { promoteFromWaitlist } from '../domain/waitlist';
import { afterWrongCode, checkToken, CODE_ATTEMPTS, isTypedCode, issueToken, lockedUntil, TOKEN_WINDOW_SECONDS, type CodeAttempts } from '../domain/checkin-token';
import { distanceMeters, withinGeofence } from '../domain/geo';
import { categoryOf, type TimebankPolicy } from '../domain/policy';
import {
  localDate,
  localParts,
  localToUtc,
  minutesBetween,
  plusMinutes,
  servedMinutes,
  shortDateTime,
  timeText,
  addDays,
  weeklyDates,
} from '../domain/schedule';
import { decodeCursor, type FieldFilter, type Store, type Tx } from '../store/port';
import { requireUser, type ServiceContext, type UserDoc } from './context';
import type { TeamDoc } from './directory';
import { notify } from './inbox';
import { loadPolicy } from './policy';
import { createActivityRecord } from './records';
import { assertManages, isMemberOf, manages } from '../domain/scope';

type Reader = Pick<Tx, 'get'>;

const newId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

async function loadActivity(reader: Reader, id: string): Promise<ActivityDoc> {
  const a = await reader.get<ActivityDoc>('activities', id);
  if (!a) throw new AppError('NOT_FOUND', '找不到这个活动', { activityId: id });
  return a;
}

/** A member of the team, or one of its leaders. */
export async function isTeamMember(reader: Reader, user: UserDoc, teamId: string): Promise<boolean> {
  return isMemberOf(user, teamId, await reader.get<MembershipDoc>('memberships', membershipId(teamId, user._id)));
}

// ---------------------------------------------------------------- views

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

export async function viewsOf(ctx: ServiceContext, activities: ActivityDoc[], views = new ActivityViews(ctx.store, ctx.now())): Promise<ActivityView[]> {
  const mine = await mySignups(ctx.store, ctx.actor.user?._id ?? null, activities.map((a) => a._id));
  return Promise.all(activities.map((a) => views.view(a, mine.get(a._id) ?? null)));
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
  if (!input.includeCancelled) where.status = 'scheduled';
  const page = await ctx.store.find<ActivityDoc>('activities', {
    where,
    orderBy: { field: 'startAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  return { items: await viewsOf(ctx, page.items), next: page.next };
}

/** The next scheduled activities of a team (for the team list). */
export async function nextOfTeam(ctx: ServiceContext, teamId: string, limit: number, views: ActivityViews): Promise<ActivityView[]> {
  const page = await ctx.store.find<ActivityDoc>('activities', {
    where: { teamId, status: 'scheduled', startAt: { gte: ctx.now().toISOString() } },
    orderBy: { field: 'startAt', direction: 'asc' },
    limit,
  });
  return viewsOf(ctx, page.items, views);
}

export async function detail(ctx: ServiceContext, input: ParsedInput<'activities', 'detail'>): Promise<ActivitiesResults['detail']> {
  const a = await loadActivity(ctx.store, input.activityId);
  const user = ctx.actor.user;
  const now = ctx.now();
  const views = new ActivityViews(ctx.store, now);
  const [view] = await viewsOf(ctx, [a], views);
  const series = a.seriesId ? await ctx.store.get<SeriesDoc>('series', a.seriesId) : null;
  let signupBlocked: string | null = null;
  if (!user) signupBlocked = '请先完成注册';
  else if (!user.roles.includes('volunteer') && !user.roles.includes('leader')) signupBlocked = '只有志愿者可以报名参加活动';
  else if (isActive(view!.my)) signupBlocked = null;
  else {
    const team = await views.team(a.teamId);
    const refusal = signupRefusal(a, {
      now,
      birthYear: user.birthYear,
      isMember: await isTeamMember(ctx.store, user, a.teamId),
      teamName: team?.name ?? '本队',
    });
    signupBlocked = refusal?.message ?? null;
  }
  const result: ActivityDetail = {
    ...view!,
    seriesCount: series ? series.activityIds.length : null,
    signupBlocked,
    canManage: manages(user, a.teamId),
    startsSoon: startsWithinADay(a, now),
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
  const activities = await Promise.all(page.items.map((s) => ctx.store.get<ActivityDoc>('activities', s.activityId)));
  const views = new ActivityViews(ctx.store, ctx.now());
  const built = await Promise.all(page.items.map((s, i) => (activities[i] ? views.view(activities[i]!, s) : null)));
  return { items: built.filter((v): v is ActivityView => v !== null), next: page.next };
}

// ---------------------------------------------------------------- scheduling

interface Timing {
  date: string;
  startAt: string;
  endAt: string;
}

function timingOf(date: string, startTime: string, endTime: string): Timing {
  const startAt = localToUtc(date, startTime).toISOString();
  const endAt = localToUtc(date, endTime).toISOString();
  if (endAt <= startAt) throw new AppError('VALIDATION', '结束时间必须晚于开始时间', [{ path: 'endTime', message: '早于开始时间' }]);
  if (minutesBetween(startAt, endAt) > MAX_ACTIVITY_MINUTES) {
    throw new AppError('VALIDATION', '一次活动最长 12 小时', [{ path: 'endTime', message: '活动太长' }]);
  }
  return { date, startAt, endAt };
}

async function checkCategory(reader: Reader, category: string): Promise<void> {
  if (!categoryOf(await loadPolicy(reader), category)) {
    throw new AppError('VALIDATION', '请选择服务类别', [{ path: 'category', message: '没有这个类别' }]);
  }
}

export async function create(ctx: ServiceContext, input: ParsedInput<'activities', 'create'>): Promise<ActivitiesResults['create']> {
  const user = requireUser(ctx);
  assertManages(user, input.teamId, '只有本队队长或管理员可以为本队安排活动');
  const now = ctx.now();
  const weeks = input.repeatWeeks ?? 1;
  const timings = weeklyDates(input.date, weeks).map((d) => timingOf(d, input.startTime, input.endTime));
  if (timings[0]!.startAt <= now.toISOString()) {
    throw new AppError('VALIDATION', '活动开始时间已过，请选择以后的时间', [{ path: 'date', message: '已过去' }]);
  }
  const signupClose = input.signupCloseMinutes ?? 0;
  const cancelClose = input.cancelCloseMinutes ?? DEFAULT_CANCEL_CLOSE_MINUTES;
  const seriesId = weeks > 1 ? newId('s') : null;
  const ids = timings.map(() => newId('a'));
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    if (!(await tx.get<TeamDoc>('teams', input.teamId))) throw new AppError('NOT_FOUND', '队伍不存在');
    await checkCategory(tx, input.category);
    const docs: ActivityDoc[] = timings.map((t, i) => ({
      _id: ids[i]!,
      teamId: input.teamId,
      title: input.title,
      description: input.description ?? '',
      category: input.category,
      place: { ...input.place },
      date: t.date,
      startAt: t.startAt,
      endAt: t.endAt,
      capacity: input.capacity,
      signupCloseMinutes: signupClose,
      cancelCloseMinutes: cancelClose,
      ...deadlines(t.startAt, signupClose, cancelClose),
      membersOnly: input.membersOnly ?? false,
      minAge: input.minAge ?? null,
      geofenceRadiusM: input.geofenceRadiusM ?? null,
      status: 'scheduled',
      cancelReason: null,
      seriesId,
      seriesIndex: seriesId ? i + 1 : null,
      seq: 0,
      ...queuePatch([], []),
      attendance: 'open',
      version: 1,
      createdBy: user._id,
      createdAt: at,
      updatedAt: at,
    }));
    for (const doc of docs) await tx.create('activities', doc);
    if (seriesId) {
      const series: SeriesDoc = {
        _id: seriesId,
        teamId: input.teamId,
        activityIds: ids,
        weekday: localParts(timings[0]!.startAt).weekday,
        startTime: input.startTime,
        endTime: input.endTime,
        weeks,
        createdBy: user._id,
        createdAt: at,
        updatedAt: at,
      };
      await tx.create('series', series);
    }
    return { seriesId, activities: await new ActivityViews(tx, now).views(docs) };
  });
}

/** The occurrences an edit or cancellation applies to: this one, or this one and the later ones of its series. */
async function targetsOf(tx: Tx, a: ActivityDoc, scope: 'one' | 'following', now: Date): Promise<ActivityDoc[]> {
  if (scope === 'one' || !a.seriesId) return [a];
  const series = await tx.get<SeriesDoc>('series', a.seriesId);
  if (!series) return [a];
  const docs: Array<ActivityDoc | null> = [];
  for (const id of series.activityIds) docs.push(id === a._id ? a : await tx.get<ActivityDoc>('activities', id));
  return docs.filter(
    (d): d is ActivityDoc => !!d && d.startAt >= a.startAt && d.status === 'scheduled' && Date.parse(d.startAt) > now.getTime(),
  );
}

function assertEditable(a: ActivityDoc, now: Date, verb: string): void {
  if (a.status === 'cancelled') throw new AppError('WRONG_STATE', `活动已取消，不能${verb}`);
  if (phaseOf(a, now) !== 'upcoming') throw new AppError('WRONG_STATE', `活动已经开始或结束，不能${verb}`);
}

/**
 * Moves waitlisted people into free places (domain/waitlist.ts), marks their sign-ups and tells each
 * of them. Updates `signed` and `waitlist` in place; returns who was promoted.
 */
async function promoteInto(tx: Tx, a: ActivityDoc, signed: string[], waitlist: string[], at: string): Promise<string[]> {
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
        body: `您候补的“${a.title}”（${timeText(a.startAt, a.endAt)}，${a.place.name}）有了空位，您已报名成功。如不能参加，请在 ${shortDateTime(a.cancelDeadline)} 前取消报名。`,
        activityId: a._id,
        teamId: a.teamId,
      },
      at,
    );
  }
  return promotion.promoted;
}

export async function update(ctx: ServiceContext, input: ParsedInput<'activities', 'update'>): Promise<ActivitiesResults['update']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  const changes = input.changes;
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(user, a.teamId, '只能修改本队的活动');
    assertEditable(a, now, '修改');
    if (changes.category !== undefined) await checkCategory(tx, changes.category);
    const targets = await targetsOf(tx, a, input.scope ?? 'one', now);
    let notified = 0;
    const updated: ActivityDoc[] = [];
    for (const t of targets) {
      const timing = timingOf(
        changes.date ?? t.date,
        changes.startTime ?? localParts(t.startAt).time,
        changes.endTime ?? localParts(t.endAt).time,
      );
      if (timing.startAt <= at) throw new AppError('VALIDATION', '新的开始时间已过，请选择以后的时间', [{ path: 'changes.startTime', message: '已过去' }]);
      const capacity = changes.capacity ?? t.capacity;
      if (capacity < t.signed.length) {
        throw new AppError('VALIDATION', `${t.date} 的活动已有 ${t.signed.length} 人报名，名额不能少于 ${t.signed.length}`, [
          { path: 'changes.capacity', message: '少于已报名人数' },
        ]);
      }
      const signupClose = changes.signupCloseMinutes ?? t.signupCloseMinutes;
      const cancelClose = changes.cancelCloseMinutes ?? t.cancelCloseMinutes;
      const next: ActivityDoc = {
        ...t,
        title: changes.title ?? t.title,
        description: changes.description ?? t.description,
        category: changes.category ?? t.category,
        place: changes.place ? { ...changes.place } : t.place,
        ...timing,
        capacity,
        signupCloseMinutes: signupClose,
        cancelCloseMinutes: cancelClose,
        ...deadlines(timing.startAt, signupClose, cancelClose),
        membersOnly: changes.membersOnly ?? t.membersOnly,
        minAge: changes.minAge !== undefined ? changes.minAge : t.minAge,
        geofenceRadiusM: changes.geofenceRadiusM !== undefined ? changes.geofenceRadiusM : t.geofenceRadiusM,
        version: t.version + 1,
        updatedAt: at,
      };
      const moved = next.startAt !== t.startAt || next.endAt !== t.endAt;
      const placeMoved =
        next.place.name !== t.place.name || next.place.latitude !== t.place.latitude || next.place.longitude !== t.place.longitude;
      const everyone = [...t.signed, ...t.waitlist];
      const signed = [...t.signed];
      const waitlist = [...t.waitlist];
      await promoteInto(tx, next, signed, waitlist, at);
      Object.assign(next, queuePatch(signed, waitlist));
      await tx.set('activities', next);
      if (moved) {
        for (const userId of everyone) await tx.update('signups', signupId(t._id, userId), { startAt: next.startAt, endAt: next.endAt, updatedAt: at });
      }
      if (moved || placeMoved) {
        const what = moved && placeMoved ? '时间和地点' : moved ? '时间' : '地点';
        for (const userId of everyone) {
          await notify(
            tx,
            {
              userId,
              kind: 'activity.moved',
              title: `活动${what}调整`,
              body: `您报名的“${next.title}”${what}有调整：${timeText(next.startAt, next.endAt)}，地点：${next.place.name}。如不能参加，请在 ${shortDateTime(next.cancelDeadline)} 前取消报名。`,
              activityId: t._id,
              teamId: t.teamId,
            },
            at,
          );
          notified += 1;
        }
      }
      updated.push(next);
    }
    if (a.seriesId && (input.scope ?? 'one') === 'following' && (changes.startTime || changes.endTime)) {
      const series = await tx.get<SeriesDoc>('series', a.seriesId);
      if (series) {
        await tx.update('series', series._id, {
          startTime: changes.startTime ?? series.startTime,
          endTime: changes.endTime ?? series.endTime,
          updatedAt: at,
        });
      }
    }
    return { activities: await new ActivityViews(tx, now).views(updated), notified };
  });
}

export async function cancel(ctx: ServiceContext, input: ParsedInput<'activities', 'cancel'>): Promise<ActivitiesResults['cancel']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(user, a.teamId, '只能取消本队的活动');
    assertEditable(a, now, '取消');
    const targets = await targetsOf(tx, a, input.scope ?? 'one', now);
    let notified = 0;
    const cancelled: ActivityDoc[] = [];
    for (const t of targets) {
      const next: ActivityDoc = { ...t, status: 'cancelled', cancelReason: input.reason, version: t.version + 1, updatedAt: at };
      await tx.set('activities', next);
      for (const userId of [...t.signed, ...t.waitlist]) {
        await notify(
          tx,
          {
            userId,
            kind: 'activity.cancelled',
            title: '活动取消',
            body: `您报名的“${t.title}”（${timeText(t.startAt, t.endAt)}）已取消。原因：${input.reason}。给您带来不便，敬请谅解。`,
            activityId: t._id,
            teamId: t.teamId,
          },
          at,
        );
        notified += 1;
      }
      cancelled.push(next);
    }
    return { activities: await new ActivityViews(tx, now).views(cancelled), notified };
  });
}

// ---------------------------------------------------------------- sign-up

/** The volunteer's live commitments other than `exceptId`, re-read by id; ended, cancelled or dropped ones fall out. */
async function liveCommitments(tx: Tx, userId: string, agenda: AgendaDoc | null, exceptId: string, now: Date): Promise<{ ids: string[]; commitments: Commitment[] }> {
  const ids: string[] = [];
  const commitments: Commitment[] = [];
  for (const id of agenda?.activityIds ?? []) {
    if (id === exceptId) continue;
    const other = await tx.get<ActivityDoc>('activities', id);
    const s = other ? await tx.get<SignupDoc>('signups', signupId(id, userId)) : null;
    if (!other || other.status !== 'scheduled' || Date.parse(other.endAt) <= now.getTime() || !isActive(s)) continue;
    ids.push(id);
    commitments.push({ activityId: id, title: other.title, startAt: other.startAt, endAt: other.endAt });
  }
  return { ids, commitments };
}

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
    const agenda = await tx.get<AgendaDoc>('agendas', user._id);
    const live = await liveCommitments(tx, user._id, agenda, a._id, now);
    const { conflict, warnings } = checkConflicts(a, live.commitments);
    if (conflict) throw conflictError(conflict);
    const decision = queueDecision(a);
    if (decision === 'full') throw new AppError('CAPACITY_FULL', '名额和候补名单都已满，请关注其他活动');
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
    const next: ActivityDoc = { ...a, seq, ...queuePatch(signed, waitlist), updatedAt: at };
    await tx.update('activities', a._id, { seq, ...queuePatch(signed, waitlist), updatedAt: at });
    await tx.set<AgendaDoc>('agendas', { _id: user._id, activityIds: [...live.ids, a._id], updatedAt: at });
    const view = await new ActivityViews(tx, now).view(next, doc);
    return { activityId: a._id, state: doc.state, waitlistPosition: view.my?.waitlistPosition ?? null, warnings, activity: view };
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
    if (now.getTime() >= Date.parse(a.cancelDeadline)) {
      throw new AppError('DEADLINE_PASSED', `已过取消截止时间（${shortDateTime(a.cancelDeadline)}），如有特殊情况请联系队长`, { deadline: a.cancelDeadline });
    }
    const signed = a.signed.filter((id) => id !== user._id);
    const waitlist = a.waitlist.filter((id) => id !== user._id);
    const promoted = s!.state === 'signed' ? await promoteInto(tx, a, signed, waitlist, at) : [];
    await tx.update('signups', s!._id, { state: 'cancelled', cancelledAt: at, updatedAt: at });
    const next: ActivityDoc = { ...a, ...queuePatch(signed, waitlist), updatedAt: at };
    await tx.update('activities', a._id, { ...queuePatch(signed, waitlist), updatedAt: at });
    const agenda = await tx.get<AgendaDoc>('agendas', user._id);
    if (agenda) await tx.set<AgendaDoc>('agendas', { ...agenda, activityIds: agenda.activityIds.filter((id) => id !== a._id), updatedAt: at });
    const view = await new ActivityViews(tx, now).view(next, { ...s!, state: 'cancelled', cancelledAt: at });
    return { activityId: a._id, state: 'cancelled', promotedUserId: promoted[0] ?? null, activity: view };
  });
}

// ---------------------------------------------------------------- check-in and check-out

export async function checkinCode(ctx: ServiceContext, input: ParsedInput<'activities', 'checkinCode'>): Promise<ActivitiesResults['checkinCode']> {
  const user = requireUser(ctx);
  const a = await loadActivity(ctx.store, input.activityId);
  assertManages(user, a.teamId, '只有本队队长可以出示签到码');
  const now = ctx.now();
  assertCodeWindow(a, now);
  const issued = issueToken((p) => ctx.secrets.sign(p), a._id, now);
  return {
    activityId: a._id,
    token: issued.token,
    code: issued.code,
    rotatesAt: issued.rotatesAt,
    validUntil: issued.validUntil,
    windowSeconds: TOKEN_WINDOW_SECONDS,
  };
}

type AttemptsDoc = CodeAttempts & { _id: string; updatedAt: string };

/**
 * Checks the scanned token or typed code. Wrong typed codes are counted per person and activity
 * (outside the call's transaction, which a refused call never commits) and lock typed codes for a
 * while after too many (domain/checkin-token.ts: CODE_ATTEMPTS).
 */
async function verifyToken(ctx: ServiceContext, userId: string, token: string, activityId: string, now: Date): Promise<AttendanceMethod> {
  const typed = isTypedCode(token);
  const attemptsId = `checkin:${activityId}:${userId}`;
  if (typed) {
    const until = lockedUntil(await ctx.store.get<AttemptsDoc>('attempts', attemptsId), now);
    if (until) throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAt: until.toISOString() });
  }
  const check = checkToken((p) => ctx.secrets.sign(p), token, activityId, now);
  if (check.ok) return check.via;
  if (check.reason === 'expired') throw new AppError('TOKEN_EXPIRED', undefined, { reason: 'expired' });
  if (check.reason === 'foreign') {
    throw new AppError('TOKEN_INVALID', '这个二维码属于另一个活动，请扫描本活动的签到码', { reason: 'foreign' });
  }
  if (!typed) throw new AppError('TOKEN_INVALID', undefined, { reason: 'invalid' });
  const attempts = await ctx.store.transaction(async (tx) => {
    const next = afterWrongCode(await tx.get<AttemptsDoc>('attempts', attemptsId), now);
    await tx.set<AttemptsDoc>('attempts', { _id: attemptsId, ...next, updatedAt: now.toISOString() });
    return next;
  });
  const until = lockedUntil(attempts, now);
  if (until) throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAt: until.toISOString() });
  throw new AppError('TOKEN_INVALID', '签到码不正确或已过期，请核对队长手机上的 6 位数字', { reason: 'invalid', left: CODE_ATTEMPTS.max - attempts.failures.length });
}

function attendanceResult(s: SignupDoc, already = false): AttendanceResult {
  return {
    activityId: s.activityId,
    userId: s.userId,
    attendance: s.attendance,
    checkInAt: s.checkInAt,
    checkOutAt: s.checkOutAt,
    distanceM: s.distanceM,
    servedMinutes: s.servedMinutes,
    recordId: s.recordId,
    already,
  };
}

/** The signed-up participant's sign-up; waitlisted or absent people are refused with the reason. */
async function participant(tx: Tx, a: ActivityDoc, userId: string, self: boolean): Promise<SignupDoc> {
  const s = await tx.get<SignupDoc>('signups', signupId(a._id, userId));
  if (!s || s.state === 'cancelled') throw new AppError('WRONG_STATE', self ? '您没有报名这个活动' : '这个人没有报名这个活动');
  if (s.state === 'waitlisted') throw new AppError('WRONG_STATE', self ? '您在候补名单中，还没有获得名额，不能签到' : '这个人还在候补名单中，没有获得名额');
  return s;
}

async function checkOutNow(
  tx: Tx,
  a: ActivityDoc,
  s: SignupDoc,
  now: Date,
  by: AttendanceMethod,
  recorderId: string,
  markedBy: string | null,
): Promise<SignupDoc> {
  const at = now.toISOString();
  assertCheckOutStarted(a, now);
  const minutes = servedMinutes({ checkInAt: s.checkInAt!, checkOutAt: at, startAt: a.startAt, endAt: a.endAt });
  if (minutes < 1) throw new AppError('WRONG_STATE', '服务时长不足 1 分钟，暂不能签退');
  const recordId = await createActivityRecord(tx, a, s.userId, minutes, recorderId, at);
  const next: SignupDoc = { ...s, attendance: 'out', checkOutAt: at, checkOutBy: by, servedMinutes: minutes, recordId, markedBy: markedBy ?? s.markedBy, updatedAt: at };
  await tx.set('signups', next);
  return next;
}

export async function checkIn(ctx: ServiceContext, input: ParsedInput<'activities', 'checkIn'>): Promise<ActivitiesResults['checkIn']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const via = await verifyToken(ctx, user._id, input.token, input.activityId, now);
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertCheckInWindow(a, now, true);
    const s = await participant(tx, a, user._id, true);
    if (s.attendance === 'in') return attendanceResult(s, true);
    if (s.attendance === 'out') throw new AppError('WRONG_STATE', '您已经签退了');
    let distanceM: number | null = null;
    if (a.geofenceRadiusM !== null) {
      if (!input.location) {
        throw new AppError('VALIDATION', '本活动需要定位签到，请允许获取位置后再试', [{ path: 'location', message: '需要位置' }]);
      }
      distanceM = distanceMeters(input.location, a.place);
      if (!withinGeofence(distanceM, a.geofenceRadiusM, input.location.accuracy)) {
        throw new AppError('OUT_OF_AREA', `您距离活动地点约 ${distanceM} 米，请到达现场（${a.geofenceRadiusM} 米内）后再签到`, {
          distanceM,
          radiusM: a.geofenceRadiusM,
        });
      }
    }
    const next: SignupDoc = { ...s, attendance: 'in', checkInAt: at, checkInBy: via, distanceM, updatedAt: at };
    await tx.set('signups', next);
    return attendanceResult(next);
  });
}

export async function checkOut(ctx: ServiceContext, input: ParsedInput<'activities', 'checkOut'>): Promise<ActivitiesResults['checkOut']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const via = await verifyToken(ctx, user._id, input.token, input.activityId, now);
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertNotCancelled(a);
    const s = await participant(tx, a, user._id, true);
    if (s.attendance === 'out') return attendanceResult(s, true);
    if (s.attendance !== 'in') throw new AppError('WRONG_STATE', '您还没有签到，不能签退');
    assertSelfCheckOutWindow(a, now);
    return attendanceResult(await checkOutNow(tx, a, s, now, via, a.createdBy, null));
  });
}

export async function markAttendance(ctx: ServiceContext, input: ParsedInput<'activities', 'markAttendance'>): Promise<ActivitiesResults['markAttendance']> {
  const leader = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(leader, a.teamId, '只有本队队长可以登记本队活动的考勤');
    assertRosterWindow(a, now);
    const s = await participant(tx, a, input.userId, false);
    const started = now.getTime() >= Date.parse(a.startAt);
    switch (input.mark) {
      case 'checkIn': {
        assertCheckInWindow(a, now, false);
        if (s.attendance === 'in') return attendanceResult(s, true);
        if (s.attendance === 'out') throw new AppError('WRONG_STATE', '这个人已经签退了');
        const next: SignupDoc = { ...s, attendance: 'in', checkInAt: at, checkInBy: 'roster', markedBy: leader._id, updatedAt: at };
        await tx.set('signups', next);
        return attendanceResult(next);
      }
      case 'checkOut': {
        if (s.attendance === 'out') return attendanceResult(s, true);
        if (s.attendance !== 'in') throw new AppError('WRONG_STATE', '这个人还没有签到，不能签退；如已参加请用“已到”补登');
        return attendanceResult(await checkOutNow(tx, a, s, now, 'roster', leader._id, leader._id));
      }
      case 'present': {
        if (!started) throw new AppError('WRONG_STATE', '活动还没开始，不能补登“已到”');
        if (s.attendance === 'out') return attendanceResult(s, true);
        const scheduled = minutesBetween(a.startAt, a.endAt);
        const minutes = Math.min(input.minutes ?? scheduled, scheduled);
        const checkInAt = s.checkInAt ?? a.startAt;
        const from = Math.max(Date.parse(checkInAt), Date.parse(a.startAt));
        const checkOutAt = plusMinutes(new Date(from), minutes);
        const recordId = await createActivityRecord(tx, a, s.userId, minutes, leader._id, at);
        const next: SignupDoc = {
          ...s,
          attendance: 'out',
          checkInAt,
          checkInBy: s.checkInBy ?? 'roster',
          checkOutAt,
          checkOutBy: 'roster',
          servedMinutes: minutes,
          recordId,
          markedBy: leader._id,
          updatedAt: at,
        };
        await tx.set('signups', next);
        return attendanceResult(next);
      }
      case 'absent': {
        if (!started) throw new AppError('WRONG_STATE', '活动还没开始，不能标记缺席');
        if (s.attendance === 'out') throw new AppError('WRONG_STATE', '这个人已签退并生成了服务记录，不能标记缺席');
        if (s.attendance === 'absent') return attendanceResult(s, true);
        const next: SignupDoc = { ...s, attendance: 'absent', checkInAt: null, checkInBy: null, markedBy: leader._id, updatedAt: at };
        await tx.set('signups', next);
        return attendanceResult(next);
      }
    }
  });
}

// ---------------------------------------------------------------- roster

async function usersById(store: Store, ids: string[]): Promise<Map<string, UserDoc>> {
  const found = new Map<string, UserDoc>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    const page = await store.find<UserDoc>('users', { where: { _id: { in: chunk } }, limit: 100 });
    for (const u of page.items) found.set(u._id, u);
  }
  return found;
}

async function signupsOf(store: Store, activityId: string, state: 'signed' | 'waitlisted'): Promise<SignupDoc[]> {
  const all: SignupDoc[] = [];
  let after: string | undefined;
  do {
    const page = await store.find<SignupDoc>('signups', {
      where: { activityId, state },
      orderBy: { field: 'seq', direction: 'asc' },
      limit: 100,
      after,
    });
    all.push(...page.items);
    after = page.next ?? undefined;
  } while (after);
  return all;
}

export async function roster(ctx: ServiceContext, input: ParsedInput<'activities', 'roster'>): Promise<ActivitiesResults['roster']> {
  const user = requireUser(ctx);
  const a = await loadActivity(ctx.store, input.activityId);
  assertManages(user, a.teamId, '只有本队队长或管理员可以查看名单');
  const [signed, waitlisted] = await Promise.all([signupsOf(ctx.store, a._id, 'signed'), signupsOf(ctx.store, a._id, 'waitlisted')]);
  const users = await usersById(ctx.store, [...signed, ...waitlisted].map((s) => s.userId));
  const position = new Map(a.waitlist.map((id, i) => [id, i + 1]));
  const entry = (s: SignupDoc): RosterEntry => {
    const u = users.get(s.userId);
    return {
      userId: s.userId,
      name: u?.name ?? '已注销用户',
      phoneMasked: u?.phoneMasked ?? '',
      state: s.state,
      seq: s.seq,
      waitlistPosition: s.state === 'waitlisted' ? (position.get(s.userId) ?? null) : null,
      attendance: s.attendance,
      checkInAt: s.checkInAt,
      checkInBy: s.checkInBy,
      checkOutAt: s.checkOutAt,
      checkOutBy: s.checkOutBy,
      distanceM: s.distanceM,
      servedMinutes: s.servedMinutes,
      recordId: s.recordId,
    };
  };
  const waitlist = waitlisted.map(entry).sort((x, y) => (x.waitlistPosition ?? Infinity) - (y.waitlistPosition ?? Infinity));
  const [view] = await viewsOf(ctx, [a]);
  return {
    activity: view!,
    signed: signed.map(entry),
    waitlist,
    counts: {
      signed: signed.length,
      waitlisted: waitlisted.length,
      checkedIn: signed.filter((s) => s.attendance === 'in').length,
      checkedOut: signed.filter((s) => s.attendance === 'out').length,
      absent: signed.filter((s) => s.attendance === 'absent').length,
    },
  };
}

// ---------------------------------------------------------------- after the end

/**
 * Closes attendance of one ended activity inside `tx`: signed people who never checked in become
 * absent. People still checked in stay so (the leader checks them out from the roster).
 */
export async function closeActivityAttendance(tx: Tx, activityId: string, now: Date): Promise<{ absent: number; stillCheckedIn: number }> {
  const a = await loadActivity(tx, activityId);
  const at = now.toISOString();
  let absent = 0;
  let stillCheckedIn = 0;
  if (a.status === 'scheduled') {
    for (const userId of a.signed) {
      const s = await tx.get<SignupDoc>('signups', signupId(a._id, userId));
      if (!s || s.state !== 'signed') continue;
      if (s.attendance === 'none') {
        await tx.update('signups', s._id, { attendance: 'absent', updatedAt: at });
        absent += 1;
      } else if (s.attendance === 'absent') {
        absent += 1;
      } else if (s.attendance === 'in') {
        stillCheckedIn += 1;
      }
    }
  }
  if (a.attendance !== 'closed') await tx.update('activities', a._id, { attendance: 'closed', updatedAt: at });
  return { absent, stillCheckedIn };
}

/**
 * The scheduler's job: closes attendance of every activity that has ended, oldest first, one
 * transaction per activity, at most `limit` activities per run. Safe to run again at any time.
 * Exported for a timer-triggered function; `activities.sweep` runs it on demand.
 */
export async function markAbsentees(store: Store, now: Date, limit = 50): Promise<{ activities: number; absent: number }> {
  const page = await store.find<ActivityDoc>('activities', {
    where: { attendance: 'open', endAt: { lte: now.toISOString() } },
    orderBy: { field: 'endAt', direction: 'asc' },
    limit: Math.min(Math.max(1, limit), 100),
  });
  let absent = 0;
  for (const a of page.items) {
    const result = await store.transaction((tx) => closeActivityAttendance(tx, a._id, now));
    absent += result.absent;
  }
  return { activities: page.items.length, absent };
}

export async function closeAttendance(ctx: ServiceContext, input: ParsedInput<'activities', 'closeAttendance'>): Promise<ActivitiesResults['closeAttendance']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(user, a.teamId, '只有本队队长或管理员可以结束考勤');
    if (a.status === 'scheduled' && now.getTime() < Date.parse(a.endAt)) throw new AppError('WRONG_STATE', '活动结束后才能结束考勤');
    return { activityId: a._id, ...(await closeActivityAttendance(tx, a._id, now)) };
  });
}

export async function sweep(ctx: ServiceContext): Promise<ActivitiesResults['sweep']> {
  const admin = requireUser(ctx);
  const now = ctx.now();
  const result = await markAbsentees(ctx.store, now);
  return ctx.mutate(async (tx) => {
    await tx.create('audit', { _id: `a_${randomUUID()}`, at: now.toISOString(), actorId: admin._id, subjectId: 'activities', kind: 'activities.sweep', detail: result });
    return result;
  });
}
