/**
 * Check-in and check-out (scanned token or typed code), the leader's attendance marks on the roster,
 * and closing attendance after the end (the scheduler's sweep).
 *
 * One person, one place at a time: checking in to an activity (by token, on the roster or by the
 * volunteer card) checks them out, at that moment, of any other activity they are still checked in to
 * that has not ended, and served time is never credited twice: a new record counts only the minutes
 * of its span no other activity's record of the same person already covers (docs/activities.md).
 */
import type { ActivitiesResults, AttendanceResult, ParsedInput } from '../../api';
import { AppError } from '../../errors';
import { signupId, type ActivityDoc, type AgendaDoc, type StoredActivityDoc, type AttendanceMethod, type SignupDoc } from '../../domain/activities';
import {
  assertCheckInWindow,
  assertCheckOutStarted,
  assertCodeWindow,
  assertNotCancelled,
  assertRosterWindow,
  assertSelfCheckOutWindow,
} from '../../domain/check-in-window';
import {
  afterWrongCode,
  checkToken,
  CODE_ATTEMPTS,
  isTypedCode,
  issueToken,
  lockedUntil,
  TOKEN_WINDOW_SECONDS,
  type AttemptsDoc,
} from '../../domain/checkin-token';
import { distanceMeters, withinGeofence } from '../../domain/geo';
import { minutesBetween, plusMinutes, servedSpan, spanMinutes, uncoveredMinutes, type Interval } from '../../domain/schedule';
import type { Store, Tx } from '../../store/port';
import { requireUser, type ServiceContext } from '../shared/context';
import { audit } from '../shared/audit';
import { createActivityRecord } from '../records';
import type { ServiceRecordDoc } from '../../domain/records';
import { assertManages } from '../../domain/scope';
import { loadActivity, readActivity } from './shared';
import type { UserDoc } from '../../domain/people';

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
  const left = CODE_ATTEMPTS.max - attempts.failures.length;
  // Said before the lock, not only after it: a person typing from a blurry screen slows down.
  throw new AppError(
    'TOKEN_INVALID',
    `签到码不正确或已过期，请核对队长手机上的 6 位数字（还可以再试 ${left} 次，再错要等 ${CODE_ATTEMPTS.lockMinutes} 分钟）`,
    {
      reason: 'invalid',
      left,
    },
  );
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

// ---------------------------------------------------------------- one place at a time

const DAY_MS = 24 * 3600_000;

/**
 * Before the transaction (no query inside one): the person's sign-ups with served time whose activity
 * ended around `a` (any activity overlapping `a`, at most 12 h long, ends within a day of it). Their
 * live sign-ups come from the agenda, read inside the transaction (otherSignups).
 */
async function creditedAround(store: Store, userId: string, a: Pick<ActivityDoc, 'startAt' | 'endAt'>): Promise<string[]> {
  const page = await store.find<SignupDoc>('signups', {
    where: {
      userId,
      attendance: 'out',
      endAt: { gt: new Date(Date.parse(a.startAt) - DAY_MS).toISOString(), lt: new Date(Date.parse(a.endAt) + DAY_MS).toISOString() },
    },
    orderBy: { field: 'endAt', direction: 'asc' },
    limit: 100,
  });
  return page.items.map((s) => s.activityId);
}

/**
 * The person's held sign-ups for other activities, read by id in `tx`: those of their agenda (every
 * activity they signed up to that had not ended when it was last written) and `more`. The agenda is
 * rewritten too, so two attendance changes of one person at once conflict (SQLite serialises them,
 * CloudBase retries one) and the second sees what the first did.
 */
async function otherSignups(tx: Tx, userId: string, a: ActivityDoc, more: readonly string[], at: string): Promise<SignupDoc[]> {
  const agenda = await tx.get<AgendaDoc>('agendas', userId);
  await tx.set<AgendaDoc>('agendas', agenda ? { ...agenda, updatedAt: at } : { _id: userId, activityIds: [], helpRequestIds: [], updatedAt: at });
  const ids = [...new Set([...(agenda?.activityIds ?? []), ...more])].filter((id) => id !== a._id);
  const out: SignupDoc[] = [];
  for (const id of ids) {
    const s = await tx.get<SignupDoc>('signups', signupId(id, userId));
    if (s && s.state === 'signed') out.push(s);
  }
  return out;
}

/** The clock time already credited to the person for other activities (their records' spans). */
async function creditedSpans(tx: Tx, others: readonly SignupDoc[]): Promise<Array<Interval & { activityId: string }>> {
  const spans: Array<Interval & { activityId: string }> = [];
  for (const o of others) {
    if (o.attendance !== 'out' || !o.checkInAt || !o.checkOutAt || !o.recordId) continue;
    // A record the leader rejected or reversed credits nothing: its time may be credited elsewhere.
    const record = await tx.get<ServiceRecordDoc>('serviceRecords', o.recordId);
    if (!record || record.state === 'rejected' || record.state === 'reversed') continue;
    const span = servedSpan({ checkInAt: o.checkInAt, checkOutAt: o.checkOutAt, startAt: o.startAt, endAt: o.endAt });
    if (span) spans.push({ ...span, activityId: o.activityId });
  }
  return spans;
}

/** Minutes of `span` not yet credited elsewhere; refused when none are left, naming the activity that has them. */
async function creditable(tx: Tx, span: Interval, others: readonly SignupDoc[]): Promise<number> {
  const taken = await creditedSpans(tx, others);
  const minutes = uncoveredMinutes(span, taken);
  if (minutes >= 1) return minutes;
  const by = taken.find((t) => Date.parse(t.startAt) < Date.parse(span.endAt) && Date.parse(t.endAt) > Date.parse(span.startAt));
  const other = by ? await tx.get<StoredActivityDoc>('activities', by.activityId) : null;
  throw new AppError('WRONG_STATE', `这段时间已计入“${other?.title ?? '另一个活动'}”的服务时长，同一段时间不能重复计入；如有出入，请联系队长`, {
    activityId: by?.activityId ?? null,
  });
}

/**
 * Someone checking in to `a` has left wherever else they were still checked in: each other activity
 * not yet ended is checked out at this moment (a pending record of the time served there, by the
 * same act `by`), or, when no time there counts yet (not started), its check-in is dropped.
 * Activities already ended are left for their leader: their time cannot meet `a`'s from now on.
 */
async function leaveOtherPlaces(tx: Tx, others: SignupDoc[], now: Date, by: AttendanceMethod, markedBy: string | null): Promise<void> {
  const at = now.toISOString();
  for (const o of others) {
    if (o.attendance !== 'in' || !o.checkInAt) continue;
    const other = await loadActivity(tx, o.activityId);
    if (other.status !== 'scheduled' || now.getTime() >= Date.parse(other.endAt)) continue;
    const span = servedSpan({ checkInAt: o.checkInAt, checkOutAt: at, startAt: other.startAt, endAt: other.endAt });
    const rest = others.filter((x) => x !== o);
    const minutes = span ? uncoveredMinutes(span, await creditedSpans(tx, rest)) : 0;
    let next: SignupDoc;
    if (minutes < 1) {
      next = { ...o, attendance: 'none', checkInAt: null, checkInBy: null, distanceM: null, markedBy: markedBy ?? o.markedBy, updatedAt: at };
    } else {
      const recordId = await createActivityRecord(tx, other, o.userId, minutes, other.createdBy, at);
      next = { ...o, attendance: 'out', checkOutAt: at, checkOutBy: by, servedMinutes: minutes, recordId, markedBy: markedBy ?? o.markedBy, updatedAt: at };
    }
    await tx.set('signups', next);
    others.splice(others.indexOf(o), 1, next);
  }
}

async function checkOutNow(
  tx: Tx,
  a: ActivityDoc,
  s: SignupDoc,
  now: Date,
  by: AttendanceMethod,
  recorderId: string,
  markedBy: string | null,
  more: readonly string[],
): Promise<SignupDoc> {
  const at = now.toISOString();
  assertCheckOutStarted(a, now);
  const span = servedSpan({ checkInAt: s.checkInAt!, checkOutAt: at, startAt: a.startAt, endAt: a.endAt });
  if (!span || spanMinutes(span) < 1) {
    throw new AppError('WRONG_STATE', '服务时长不足 1 分钟，暂不能签退');
  }
  const minutes = await creditable(tx, span, await otherSignups(tx, s.userId, a, more, at));
  const recordId = await createActivityRecord(tx, a, s.userId, minutes, recorderId, at);
  const next: SignupDoc = {
    ...s,
    attendance: 'out',
    checkOutAt: at,
    checkOutBy: by,
    servedMinutes: minutes,
    recordId,
    markedBy: markedBy ?? s.markedBy,
    updatedAt: at,
  };
  await tx.set('signups', next);
  return next;
}

export async function checkIn(ctx: ServiceContext, input: ParsedInput<'activities', 'checkIn'>): Promise<ActivitiesResults['checkIn']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const via = await verifyToken(ctx, user._id, input.token, input.activityId, now);
  const at = now.toISOString();
  const around = await creditedAround(ctx.store, user._id, await loadActivity(ctx.store, input.activityId));
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
    await leaveOtherPlaces(tx, await otherSignups(tx, user._id, a, around, at), now, via, null);
    const next: SignupDoc = { ...s, attendance: 'in', checkInAt: at, checkInBy: via, distanceM, updatedAt: at };
    await tx.set('signups', next);
    return attendanceResult(next);
  });
}

export async function checkOut(ctx: ServiceContext, input: ParsedInput<'activities', 'checkOut'>): Promise<ActivitiesResults['checkOut']> {
  const user = requireUser(ctx);
  const now = ctx.now();
  const via = await verifyToken(ctx, user._id, input.token, input.activityId, now);
  const around = await creditedAround(ctx.store, user._id, await loadActivity(ctx.store, input.activityId));
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertNotCancelled(a);
    const s = await participant(tx, a, user._id, true);
    if (s.attendance === 'out') return attendanceResult(s, true);
    if (s.attendance !== 'in') throw new AppError('WRONG_STATE', '您还没有签到，不能签退');
    assertSelfCheckOutWindow(a, now);
    return attendanceResult(await checkOutNow(tx, a, s, now, via, a.createdBy, null, around));
  });
}

/**
 * A leader checks a signed-up participant in (from the roster, or by scanning their volunteer
 * card): inside the check-in window; again is a no-op, after check-out a refusal.
 */
async function checkInFor(
  tx: Tx,
  a: ActivityDoc,
  s: SignupDoc,
  leaderId: string,
  now: Date,
  by: 'roster' | 'card',
  more: readonly string[] = [],
): Promise<AttendanceResult> {
  assertCheckInWindow(a, now, false);
  if (s.attendance === 'in') return attendanceResult(s, true);
  if (s.attendance === 'out') throw new AppError('WRONG_STATE', '这个人已经签退了');
  const at = now.toISOString();
  await leaveOtherPlaces(tx, await otherSignups(tx, s.userId, a, more, at), now, by, leaderId);
  const next: SignupDoc = { ...s, attendance: 'in', checkInAt: at, checkInBy: by, markedBy: leaderId, updatedAt: at };
  await tx.set('signups', next);
  return attendanceResult(next);
}

/**
 * The leader's check-in of `userId` by their scanned volunteer card, in `tx`: the same rules as
 * checking them in from the roster (the leader manages the activity's team, the roster is open,
 * the person holds a place, the check-in window).
 */
export async function checkInByCard(tx: Tx, activityId: string, userId: string, leader: UserDoc, now: Date): Promise<AttendanceResult> {
  const a = await loadActivity(tx, activityId);
  assertManages(leader, a.teamId, '只有本队队长可以为本队活动签到');
  assertRosterWindow(a, now);
  const s = await participant(tx, a, userId, false);
  return checkInFor(tx, a, s, leader._id, now, 'card');
}

export async function markAttendance(ctx: ServiceContext, input: ParsedInput<'activities', 'markAttendance'>): Promise<ActivitiesResults['markAttendance']> {
  const leader = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  const found = await readActivity(ctx.store, input.activityId);
  const around = found ? await creditedAround(ctx.store, input.userId, found) : [];
  return ctx.mutate(async (tx) => {
    const a = await loadActivity(tx, input.activityId);
    assertManages(leader, a.teamId, '只有本队队长可以登记本队活动的考勤');
    assertRosterWindow(a, now);
    const s = await participant(tx, a, input.userId, false);
    const started = now.getTime() >= Date.parse(a.startAt);
    switch (input.mark) {
      case 'checkIn':
        return checkInFor(tx, a, s, leader._id, now, 'roster', around);
      case 'checkOut': {
        if (s.attendance === 'out') return attendanceResult(s, true);
        if (s.attendance !== 'in') throw new AppError('WRONG_STATE', '这个人还没有签到，不能签退；如已参加请用“已到”补登');
        return attendanceResult(await checkOutNow(tx, a, s, now, 'roster', leader._id, leader._id, around));
      }
      case 'present': {
        if (!started) throw new AppError('WRONG_STATE', '活动还没开始，不能补登“已到”');
        if (s.attendance === 'out') return attendanceResult(s, true);
        const scheduled = minutesBetween(a.startAt, a.endAt);
        const asked = Math.min(input.minutes ?? scheduled, scheduled);
        const checkInAt = s.checkInAt ?? a.startAt;
        const from = Math.max(Date.parse(checkInAt), Date.parse(a.startAt));
        const checkOutAt = plusMinutes(new Date(from), asked);
        // Time already credited to this person for another activity is not credited again.
        const span = { startAt: new Date(from).toISOString(), endAt: checkOutAt };
        const minutes = await creditable(tx, span, await otherSignups(tx, s.userId, a, around, at));
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
  const page = await store.find<StoredActivityDoc>('activities', {
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
    await audit(tx, admin._id, 'activities', 'activities.sweep', result, now.toISOString());
    return result;
  });
}
