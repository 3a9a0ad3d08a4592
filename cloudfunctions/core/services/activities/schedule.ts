/**
 * Scheduling: creating one-off activities and weekly series, editing them (this occurrence or the
 * following ones) and cancelling them. Each mutation is one transaction that addresses documents by id.
 */
import type { ActivitiesResults, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import {
  DEFAULT_CANCEL_CLOSE_MINUTES,
  MAX_ACTIVITY_MINUTES,
  dateWords,
  deadlines,
  phaseOf,
  queuePatch,
  signupId,
  type ActivityDoc,
  type SeriesDoc,
} from '../../domain/activities';
import { categoryOf } from '../../domain/policy';
import { localDate, localParts, localToUtc, minutesBetween, shortDateTime, timeText, weeklyDates } from '../../domain/schedule';
import type { Tx } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import type { TeamDoc } from '../../domain/street';
import { notify } from '../inbox';
import { loadPolicy } from '../policy';
import { assertManages } from '../../domain/scope';
import { type Reader, newId, loadActivity, promoteInto, createActivity, readActivity, saveActivity } from './shared';
import { ActivityViews } from './views';

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
    // Today's date with a past time is the time's fault, not the date's.
    const path = input.date < localParts(now).date ? 'date' : 'startTime';
    throw new AppError('VALIDATION', '活动开始时间已过，请选择以后的时间', [{ path, message: '已过去' }]);
  }
  const signupClose = input.signupCloseMinutes ?? 0;
  const cancelClose = input.cancelCloseMinutes ?? DEFAULT_CANCEL_CLOSE_MINUTES;
  // A deadline already past at creation: nobody could sign up, or no one signed up could cancel
  // (and the waitlist would never move up by itself).
  const first = deadlines(timings[0]!.startAt, signupClose, cancelClose);
  if (first.signupDeadline <= now.toISOString()) {
    throw new AppError('VALIDATION', `报名截止（${shortDateTime(first.signupDeadline)}）已经过了，谁也报不了名；请选晚一些的截止，或把活动排晚一些`, [
      { path: 'signupCloseMinutes', message: '已过去' },
    ]);
  }
  if (first.cancelDeadline <= now.toISOString()) {
    throw new AppError(
      'VALIDATION',
      `取消截止（${shortDateTime(first.cancelDeadline)}）已经过了：报名的人不能再取消，候补的人也补不上；请选晚一些的截止，或把活动排晚一些`,
      [{ path: 'cancelCloseMinutes', message: '已过去' }],
    );
  }
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
    for (const doc of docs) await createActivity(tx, doc);
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
  for (const id of series.activityIds) docs.push(id === a._id ? a : await readActivity(tx, id));
  return docs.filter((d): d is ActivityDoc => !!d && d.startAt >= a.startAt && d.status === 'scheduled' && Date.parse(d.startAt) > now.getTime());
}

function assertEditable(a: ActivityDoc, now: Date, verb: string): void {
  if (a.status === 'cancelled') throw new AppError('WRONG_STATE', `活动已取消，不能${verb}`);
  if (phaseOf(a, now) !== 'upcoming') throw new AppError('WRONG_STATE', `活动已经开始或结束，不能${verb}`);
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
      const timing = timingOf(changes.date ?? t.date, changes.startTime ?? localParts(t.startAt).time, changes.endTime ?? localParts(t.endAt).time);
      if (timing.startAt <= at) throw new AppError('VALIDATION', '新的开始时间已过，请选择以后的时间', [{ path: 'changes.startTime', message: '已过去' }]);
      const capacity = changes.capacity ?? t.capacity;
      if (capacity < t.signed.length) {
        throw new AppError('VALIDATION', `${dateWords(t.date, localDate(now))}的活动已有 ${t.signed.length} 人报名，名额不能少于 ${t.signed.length}`, [
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
      const placeMoved = next.place.name !== t.place.name || next.place.latitude !== t.place.latitude || next.place.longitude !== t.place.longitude;
      const everyone = [...t.signed, ...t.waitlist];
      const signed = [...t.signed];
      const waitlist = [...t.waitlist];
      await promoteInto(tx, next, signed, waitlist, at);
      Object.assign(next, queuePatch(signed, waitlist));
      await saveActivity(tx, next);
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
              // Old and new side by side: "改为" alone leaves her to remember which was which.
              body: `您报名的“${next.title}”${what}有调整：${
                moved ? `时间由 ${timeText(t.startAt, t.endAt)} 改为 ${timeText(next.startAt, next.endAt)}` : timeText(next.startAt, next.endAt)
              }；${placeMoved ? `地点由${t.place.name}改为${next.place.name}` : `地点：${next.place.name}`}。如不能参加，请在 ${shortDateTime(next.cancelDeadline)} 前取消报名。`,
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
      await saveActivity(tx, next);
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
