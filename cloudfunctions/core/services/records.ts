/**
 * Volunteer service records (志愿服务记录) and the credits they earn. Approving a record posts
 * exactly one `earn:<recordId>` transfer in the same transaction as the state change; reversing it
 * posts exactly one `reverse:earn:<recordId>`. Hours, category totals and star levels are summed
 * from approved records every time they are read, never kept in a counter.
 *
 * Trust: a leader records only for members of a team they lead, no further back than
 * the policy allows (admins may); every approval, whatever the record's source, goes through
 * approveInTx, which charges the person's day (`dailyMinutes/<volunteerId>:<date>`, read by id in
 * the same transaction) against the policy's daily maximum; an unusual hand-written record
 * (domain/records.ts) needs a second approver before anything is credited.
 */
import { randomUUID } from 'node:crypto';
import type { CategoryTotal, ParsedInput, RecordView, RecordsResults } from '../api';
import { AppError } from '../errors';
import { formatHours, issuanceAccountFor, personAccountId, transferId } from '../domain/ledger';
import { categoryOf, type TimebankPolicy } from '../domain/policy';
import {
  APPROVAL_SCOPE,
  REPEAT_WINDOW_DAYS,
  assertMayDecide,
  assertNotOwnRecord,
  assertSecondApprover,
  mayApproveNext,
  needsSecondApproval,
  unusualReasonLabel,
  unusualReasons,
} from '../domain/approval';
import {
  APPEAL_STATES,
  APPEAL_WINDOW_DAYS,
  appealAbout,
  appealDeadline,
  appealable,
  assertServiceDate,
  chargeDay,
  correctionIdOf,
  dailyMinutesId,
  daysBefore,
  newServiceRecord,
  type AppealAbout,
  type DailyMinutesDoc,
  type RecordAppeal,
  type ServiceRecordDoc,
} from '../domain/records';

import { assertManages, isAdmin, isMemberOf, manages } from '../domain/scope';
import { activityRecordId, dateWords, membershipId, type ActivityDoc, type MembershipDoc } from '../domain/activities';
import { starProgress } from '../domain/stars';
import type { Store, Tx } from '../store/port';
import { scanAll } from '../store/scan';
import { requireUser, type ServiceContext } from './shared/context';
import { auditByCaller } from './shared/audit';
import type { UserDoc } from '../domain/people';
import type { TeamDoc } from '../domain/street';
import { postTransfer, reverseTransfer, type RefusalWords } from './ledger';
import { voidProofsOf } from './certificates';
import { loadPolicy } from './policy';
import { Names, minutesView } from './shared/ledger-views';
import { notify } from './inbox';
import { leadersOf, openUsers, streetAdminsOf, teamLeadersOf } from './shared/acting';
import { HELP_TEAM_ID, HELP_TEAM_NAME } from '../domain/help';

/** Today's date in Shanghai (UTC+8), as YYYY-MM-DD. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

const RECORDS_SCOPE = APPROVAL_SCOPE;

async function teamNameOf(store: Store, teamId: string): Promise<string> {
  if (teamId === HELP_TEAM_ID) return HELP_TEAM_NAME;
  return (await store.get<TeamDoc>('teams', teamId))?.name ?? '已撤销的队伍';
}

async function recordView(r: ServiceRecordDoc, names: Names, store: Store, now: Date, viewerId?: string): Promise<RecordView> {
  return {
    id: r._id,
    volunteerId: r.volunteerId,
    volunteerName: await names.userName(r.volunteerId),
    teamId: r.teamId,
    teamName: await teamNameOf(store, r.teamId),
    category: r.category,
    categoryName: r.categoryName,
    earnsCredits: r.earnsCredits,
    date: r.date,
    place: r.place,
    content: r.content,
    served: r.served,
    minutes: minutesView(r.minutes),
    state: r.state,
    recorderName: await names.userName(r.recorderId),
    approverName: r.approverId ? await names.userName(r.approverId) : null,
    transferId: r.transferId,
    reason: r.reason,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    secondApproval: needsSecondApproval(r)
      ? {
          reasons: r.unusual!.map((u) => u.label),
          firstApproverName: r.firstApproverId ? await names.userName(r.firstApproverId) : null,
          firstApprovedAt: r.firstApprovedAt ?? null,
        }
      : null,
    awaitingSecondApproval: r.state === 'pending' && needsSecondApproval(r) && !!r.firstApproverId,
    canApprove: mayApproveNext(r, viewerId),
    appeal: r.appeal
      ? {
          state: r.appealState ?? 'open',
          reason: r.appeal.reason,
          raisedAt: r.appeal.raisedAt,
          toldAdmins: r.appeal.toldAdmins ?? 0,
          toldLeaders: r.appeal.toldLeaders ?? 0,
          about: r.appeal.about ?? 'taken',
          claimedMinutes: r.appeal.claimedMinutes === undefined ? null : minutesView(r.appeal.claimedMinutes),
          answer: r.appeal.answer,
          decidedByName: r.appeal.decidedBy ? await names.userName(r.appeal.decidedBy) : null,
          decidedAt: r.appeal.decidedAt,
          correctionId: r.appeal.correctionId,
          grantedMinutes: r.appeal.grantedMinutes === undefined ? null : minutesView(r.appeal.grantedMinutes),
        }
      : null,
    appealUntil: appealDeadline(r),
    canAppeal: !!viewerId && viewerId === r.volunteerId && appealable(r, now) && !r.appeal,
    correctionOf: r.correctionOf ?? null,
  };
}

// ---------------------------------------------------------------- writing

export async function create(ctx: ServiceContext, input: ParsedInput<'records', 'create'>): Promise<RecordsResults['create']> {
  const recorder = requireUser(ctx);
  assertManages(recorder, input.teamId, RECORDS_SCOPE);
  const today = shanghaiDate(ctx.now());
  assertServiceDate(input.date, today, await loadPolicy(ctx.store), isAdmin(recorder));
  // The recorder's recent hand-written records for this person (a query: before the transaction).
  const earlierByRecorder = await recentManualRecords(ctx.store, input.volunteerId, recorder._id, ctx.now());
  return ctx.mutate(async (tx) => {
    if (!(await tx.get('teams', input.teamId))) throw new AppError('NOT_FOUND', '队伍不存在');
    const volunteer = await tx.get<UserDoc>('users', input.volunteerId);
    if (!volunteer) throw new AppError('NOT_FOUND', '找不到这位志愿者');
    const membership = await tx.get<MembershipDoc>('memberships', membershipId(input.teamId, volunteer._id));
    if (!isMemberOf(volunteer, input.teamId, membership)) {
      throw new AppError('FORBIDDEN', `${volunteer.name}不是本队队员，只能为本队队员登记服务记录`, [{ path: 'volunteerId', message: '不是本队队员' }]);
    }
    const policy = await loadPolicy(tx);
    // Re-checked against the policy read in the transaction (an admin may have changed it meanwhile).
    assertServiceDate(input.date, today, policy, isAdmin(recorder));
    const category = categoryOf(policy, input.category);
    if (!category) throw new AppError('VALIDATION', '请选择服务类别', [{ path: 'category', message: '没有这个类别' }]);
    if (input.minutes > policy.maxRecordMinutes) {
      throw new AppError('VALIDATION', `一条记录最多 ${formatHours(policy.maxRecordMinutes)}`, [{ path: 'minutes', message: '时长过长' }]);
    }
    const unusual = unusualReasons({ minutes: input.minutes, date: input.date, today, earlierByRecorder }, policy).map((code) => ({
      code,
      label: unusualReasonLabel(code, policy),
    }));
    const at = ctx.now().toISOString();
    const doc: ServiceRecordDoc = {
      ...newServiceRecord({
        id: `r_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        volunteerId: volunteer._id,
        teamId: input.teamId,
        category,
        date: input.date,
        place: input.place,
        content: input.content,
        served: input.served ?? '',
        minutes: input.minutes,
        recorderId: recorder._id,
        source: 'manual',
        at,
      }),
      ...(unusual.length ? { unusual, firstApproverId: null, firstApprovedAt: null } : {}),
    };
    await tx.create('serviceRecords', doc);
    await tellStreetIfOnlyItMayApprove(tx, doc, at);
    // The membership the record rests on is written too, so a member leaving or closing the account
    // at this moment conflicts with the record instead of being left with it (CloudBase's
    // transactions conflict only on what both write).
    if (membership) await tx.update('memberships', membership._id, { recordedAt: at });
    return recordView(doc, new Names(ctx.store), ctx.store, ctx.now(), recorder._id);
  });
}

/** How many hand-written records `recorderId` wrote for the volunteer in the last REPEAT_WINDOW_DAYS days (rejected ones aside). */
async function recentManualRecords(store: Store, volunteerId: string, recorderId: string, now: Date): Promise<number> {
  const since = new Date(Date.parse(`${daysBefore(shanghaiDate(now), REPEAT_WINDOW_DAYS)}T00:00:00+08:00`)).toISOString();
  let n = 0;
  let after: string | undefined;
  do {
    const page = await store.find<ServiceRecordDoc>('serviceRecords', {
      where: { volunteerId, createdAt: { gte: since } },
      orderBy: { field: 'createdAt', direction: 'asc' },
      limit: 100,
      after,
    });
    n += page.items.filter((r) => r.source === 'manual' && r.recorderId === recorderId && r.state !== 'rejected').length;
    after = page.next ?? undefined;
  } while (after);
  return n;
}

/**
 * Adds a record's minutes to its volunteer's service day (`dailyMinutes/<volunteerId>:<date>`, by id,
 * in `tx`), or refuses with DAILY_LIMIT saying how much is left that day. Every approval, from
 * every source, comes through here, so the maximum holds across activities, help, 老伙伴 and
 * hand-written records; two racing approvals conflict on the one counter document.
 */
export async function chargeDayInTx(
  tx: Tx,
  r: Pick<ServiceRecordDoc, 'volunteerId' | 'date' | 'minutes'>,
  policy: TimebankPolicy,
  at: string,
  write = true,
): Promise<void> {
  const id = dailyMinutesId(r.volunteerId, r.date);
  const day = await tx.get<DailyMinutesDoc>('dailyMinutes', id);
  const name = (await tx.get<UserDoc>('users', r.volunteerId))?.name ?? '志愿者';
  const minutes = chargeDay(day?.minutes ?? 0, r.minutes, policy, { name, date: r.date, today: shanghaiDate(new Date(at)) });
  if (write) await tx.set<DailyMinutesDoc>('dailyMinutes', { _id: id, volunteerId: r.volunteerId, date: r.date, minutes, updatedAt: at });
}

/** Takes a reversed record's minutes off its day again (only if its approval charged them). */
async function refundDayInTx(tx: Tx, r: ServiceRecordDoc, at: string): Promise<void> {
  if (!r.dayCharged) return;
  const id = dailyMinutesId(r.volunteerId, r.date);
  const day = await tx.get<DailyMinutesDoc>('dailyMinutes', id);
  if (day) await tx.update('dailyMinutes', id, { minutes: Math.max(0, day.minutes - r.minutes), updatedAt: at });
}

/**
 * The pending record of minutes served at an activity (check-out, or the leader's "present" on the
 * roster): idempotent on `r_<activityId>_<userId>`; returns its id. Capped at the policy's longest record.
 */
export async function createActivityRecord(
  tx: Tx,
  a: Pick<ActivityDoc, '_id' | 'teamId' | 'category' | 'date' | 'place' | 'title'>,
  userId: string,
  minutes: number,
  recorderId: string,
  at: string,
): Promise<string> {
  const id = activityRecordId(a._id, userId);
  if (await tx.get('serviceRecords', id)) return id;
  const policy = await loadPolicy(tx);
  const category = categoryOf(policy, a.category);
  const doc: ServiceRecordDoc & { activityId: string } = {
    ...newServiceRecord({
      id,
      volunteerId: userId,
      teamId: a.teamId,
      // A category the policy no longer has keeps its id as its name and earns nothing.
      category: category ?? { id: a.category, name: a.category, earnsCredits: false },
      date: a.date,
      place: a.place.name.slice(0, 60),
      content: a.title,
      served: '',
      minutes: Math.min(minutes, policy.maxRecordMinutes),
      recorderId,
      source: 'activity',
      at,
    }),
    activityId: a._id,
  };
  await tx.create('serviceRecords', doc);
  await tellStreetIfOnlyItMayApprove(tx, doc, at);
  return id;
}

async function loadRecord(tx: Tx, id: string, actor: UserDoc): Promise<ServiceRecordDoc> {
  const record = await tx.get<ServiceRecordDoc>('serviceRecords', id);
  if (!record) throw new AppError('NOT_FOUND', '找不到这条服务记录');
  assertMayDecide(actor, record);
  return record;
}

/** How a caller other than records.approve words its approval. */
export interface ApproveOptions {
  /** The volunteer hears of it by the caller's own message (help, 老伙伴 contacts), not record.approved. */
  quiet?: boolean;
  /** Memo of the earn transfer (default: category, content, date). */
  memo?: string;
  /** Words for a refused credit over the volunteer's cap. */
  words?: RefusalWords;
}

/**
 * The one approval of a pending service record, inside `tx`, for every source (records.approve,
 * activity check-outs through it, one-to-one help, 老伙伴 contacts). A record that needs two
 * approvals (`unusual`) gets its first here and waits; the final approval charges the person's day
 * (DAILY_LIMIT when it does not fit), posts its one `earn:<recordId>` (for categories that earn
 * credits) and marks it approved, all in the same transaction. An approved record is returned as it
 * is: approving twice credits once.
 */
export async function approveInTx(tx: Tx, record: ServiceRecordDoc, approverId: string, at: string, options: ApproveOptions = {}): Promise<ServiceRecordDoc> {
  if (record.state === 'approved') return record;
  if (record.state !== 'pending') {
    throw new AppError('CONFLICT', record.state === 'rejected' ? '这条记录已被退回，不能再审核通过' : '这条记录已撤销，不能再审核通过');
  }
  const policy = await loadPolicy(tx);
  if (needsSecondApproval(record)) {
    if (!record.firstApproverId) {
      // The first of two: nothing is credited yet; the day is checked now (not charged) so nobody
      // waits for a second approval that cannot succeed.
      await chargeDayInTx(tx, record, policy, at, false);
      const first = { firstApproverId: approverId, firstApprovedAt: at, updatedAt: at };
      await tx.update('serviceRecords', record._id, first);
      await askForReviewInTx(tx, { ...record, ...first }, at);
      return { ...record, ...first };
    }
    const team = await tx.get<TeamDoc>('teams', record.teamId);
    assertSecondApprover({ recorderId: record.recorderId, firstApproverId: record.firstApproverId }, approverId, team?.leaderIds.length ?? 0);
  }
  const volunteer = record.earnsCredits ? await tx.get<UserDoc>('users', record.volunteerId) : null;
  // Credits paid into a closed account could never be spent or given (the close sent the rest to
  // the pool); the close refuses while records wait, so only a record from before that rule is here.
  if (volunteer?.closedAt) throw new AppError('WRONG_STATE', '这位志愿者已经注销账号，时间币无法存入，请退回这条记录');
  await chargeDayInTx(tx, record, policy, at);
  let earnId: string | null = null;
  if (record.earnsCredits) {
    const name = volunteer?.name ?? '志愿者';
    const earnTransferId = transferId.earn(record._id);
    const posted = await postTransfer(
      tx,
      {
        id: earnTransferId,
        kind: 'earn',
        phase: 'posted',
        debitAccountId: issuanceAccountFor(earnTransferId),
        creditAccountId: personAccountId(record.volunteerId),
        amount: record.minutes,
        actorId: approverId,
        // Kept in the ledger for good, so with its year: 2026年11月29日.
        memo: options.memo ?? `${record.categoryName}：${record.content}（${record.date.slice(0, 4)}年${dateWords(record.date)}）`.slice(0, 120),
        refs: { serviceRecordId: record._id },
        at,
      },
      policy,
      options.words ?? {
        cap: (v) =>
          `${name}的时间币账户上限是 ${formatHours(v.cap)}，还能存入 ${formatHours(v.room)}，本条记录 ${formatHours(record.minutes)} 存不下。请提醒其先把部分时间币捐赠到公益池，再来审核`,
      },
    );
    earnId = posted.transfer._id;
  }
  const patch = { state: 'approved' as const, approverId, transferId: earnId, decidedAt: at, updatedAt: at, dayCharged: true };
  await tx.update('serviceRecords', record._id, patch);
  // The volunteer hears of it with the approval itself (one message per record, however often it runs).
  if (!options.quiet) {
    await notify(
      tx,
      {
        userId: record.volunteerId,
        kind: 'record.approved',
        title: '服务时长已通过',
        body: `您 ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”服务 ${formatHours(record.minutes)} 已审核通过${earnId ? '，时间币已存入您的账户' : ''}。`,
        ref: record._id,
        eventKey: `record:${record._id}:approved`,
      },
      at,
    );
  }
  return { ...record, ...patch };
}

/**
 * Tells the people who can give a record its 复核 that it waits for them, in the transaction of its
 * first approval: the team's other leaders who may (not its recorder, first approver or volunteer);
 * when there is none (a team with one leader, or two who recorded and first-approved it), the street
 * admins. Not always the admins as well: a street has many teams, and a message about every long
 * record a co-leader will review anyway would drown the few that only an admin can finish. The
 * message opens the team's approval queue; its event key makes a retried body write it once.
 */
async function askForReviewInTx(tx: Tx, record: ServiceRecordDoc & { firstApproverId: string }, at: string): Promise<void> {
  const team = await tx.get<TeamDoc>('teams', record.teamId);
  const barred = new Set([record.recorderId, record.firstApproverId, record.volunteerId]);
  const leaders = await openUsers(tx, team?.leaderIds ?? [], (u) => !barred.has(u._id) && manages(u, record.teamId));
  // The admins (open accounts already) are read only when no leader may give it.
  const reviewers = leaders.length ? leaders : (await streetAdminsOf(tx)).filter((u) => !barred.has(u._id));
  if (!reviewers.length) return;
  const names = new Names(tx);
  const volunteer = await names.userName(record.volunteerId);
  const firstApprover = await names.userName(record.firstApproverId);
  const teamName = team?.name ?? '已撤销的队伍';
  for (const u of reviewers) {
    await notify(
      tx,
      {
        userId: u._id,
        kind: 'record.awaitingReview',
        title: '有服务记录等待复核',
        body: `${teamName}：${volunteer} ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”${formatHours(record.minutes)}（${(record.unusual ?? []).map((x) => x.label).join('；')}）已由${firstApprover}初审通过，需要您复核后才记入。`,
        ref: record.teamId,
        eventKey: `record:${record._id}:awaitingReview`,
      },
      at,
    );
  }
}

export async function approve(ctx: ServiceContext, input: ParsedInput<'records', 'approve'>): Promise<RecordsResults['approve']> {
  const approver = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const record = await loadRecord(tx, input.recordId, approver);
    assertNotOwnRecord(record, approver._id);
    // Approved already (by me before, or by another leader a moment ago): approveInTx returns it as it is.
    const approved = await approveInTx(tx, record, approver._id, ctx.now().toISOString());
    return recordView(approved, new Names(ctx.store), ctx.store, ctx.now(), approver._id);
  });
}

export async function reject(ctx: ServiceContext, input: ParsedInput<'records', 'reject'>): Promise<RecordsResults['reject']> {
  const actor = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const record = await loadRecord(tx, input.recordId, actor);
    if (record.state === 'rejected') return recordView(record, new Names(ctx.store), ctx.store, ctx.now(), actor._id);
    if (record.state !== 'pending') throw new AppError('CONFLICT', '只有待审核的记录可以退回；已审核通过的记录请撤销');
    const at = ctx.now().toISOString();
    const patch = { state: 'rejected' as const, approverId: actor._id, reason: input.reason, decidedAt: at, updatedAt: at };
    await tx.update('serviceRecords', record._id, patch);
    await notify(
      tx,
      {
        userId: record.volunteerId,
        kind: 'record.rejected',
        title: '服务时长未通过',
        body: `您 ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”服务 ${formatHours(record.minutes)} 被退回。原因：${input.reason}。如有疑问，请联系队长。`,
        ref: record._id,
        eventKey: `record:${record._id}:rejected`,
      },
      at,
    );
    return recordView({ ...record, ...patch }, new Names(ctx.store), ctx.store, ctx.now(), actor._id);
  });
}

export async function reverse(ctx: ServiceContext, input: ParsedInput<'records', 'reverse'>): Promise<RecordsResults['reverse']> {
  const actor = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const record = await loadRecord(tx, input.recordId, actor);
    if (record.state === 'reversed') return recordView(record, new Names(ctx.store), ctx.store, ctx.now(), actor._id);
    if (record.state !== 'approved') throw new AppError('CONFLICT', '只有已审核通过的记录可以撤销；待审核的记录请退回');
    const at = ctx.now().toISOString();
    const patch = await reverseInTx(tx, ctx, record, actor._id, input.reason, at);
    // Minutes added on a 异议 about this record rest on it: they go with it, in the same transaction.
    const addedId = record.appeal?.about === 'minutes' ? record.appeal.correctionId : null;
    const added = addedId ? await tx.get<ServiceRecordDoc>('serviceRecords', addedId) : null;
    const addedToo = added?.state === 'approved';
    if (addedToo) await reverseInTx(tx, ctx, added, actor._id, `随原记录撤销：${input.reason}`.slice(0, 200), at);
    // The volunteer learns it from us, not from a statement line: what was taken back, why, and what they can do.
    const minutes = record.minutes + (addedToo ? added.minutes : 0);
    const credited = !!record.transferId || (addedToo && !!added.transferId);
    await notify(
      tx,
      {
        userId: record.volunteerId,
        kind: 'record.reversed',
        title: '服务时长已撤销',
        body:
          `您 ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”服务 ${formatHours(minutes)} 已撤销` +
          (credited ? '，发放的时间币已收回' : '') +
          `。原因：${input.reason}。如有疑问，可以先和队长沟通，也可以在“我的时间”里对这条记录提出异议。`,
        ref: record._id,
        eventKey: `record:${record._id}:reversed`,
      },
      at,
    );
    return recordView({ ...record, ...patch }, new Names(ctx.store), ctx.store, ctx.now(), actor._id);
  });
}

/** Reverses an approved record inside `tx`: its earn transfer, its minutes of the day, the proofs that certified it. */
async function reverseInTx(
  tx: Tx,
  ctx: ServiceContext,
  record: ServiceRecordDoc,
  actorId: string,
  reason: string,
  at: string,
): Promise<Pick<ServiceRecordDoc, 'state' | 'reversalId' | 'reason' | 'reversedAt' | 'updatedAt'>> {
  let reversalId: string | null = null;
  if (record.transferId) {
    const posted = await reverseTransfer(
      tx,
      record.transferId,
      { actorId, memo: `撤销服务记录：${reason}`.slice(0, 120), at },
      {
        insufficient: (v) =>
          `撤销需要扣回 ${formatHours(v.needed)}，但志愿者账户只有 ${formatHours(v.available)} 可用（时间币可能已转赠或兑换）。请联系管理员处理`,
      },
    );
    reversalId = posted.transfer._id;
  }
  await refundDayInTx(tx, record, at);
  const patch = { state: 'reversed' as const, reversalId, reason, reversedAt: at, updatedAt: at };
  await tx.update('serviceRecords', record._id, patch);
  // A proof that certified these hours is no longer true: void it in the same transaction.
  await voidProofsOf(tx, record._id, actorId, at);
  await auditByCaller(tx, ctx, record.volunteerId, 'record.reverse', { recordId: record._id, reversalId, reason });
  return patch;
}

// ---------------------------------------------------------------- 异议 (appeals), mediated by the street

/**
 * The volunteer's 异议 about their own rejected or reversed record: kept on the record, and the street
 * admins are told in the same transaction. One per record; the requestId makes a retry harmless.
 */
export async function appeal(ctx: ServiceContext, input: ParsedInput<'records', 'appeal'>): Promise<RecordsResults['appeal']> {
  const me = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const record = await tx.get<ServiceRecordDoc>('serviceRecords', input.recordId);
    // Someone else's record is not found, as if it did not exist.
    if (!record || record.volunteerId !== me._id) throw new AppError('NOT_FOUND', '找不到这条服务记录');
    if (record.appeal) {
      throw new AppError(
        'CONFLICT',
        record.appealState === 'open' ? '这条记录已经提出过异议，请等街道的处理结果' : '这条记录的异议街道已经处理过了，每条记录只能提一次',
      );
    }
    const about = appealAbout(record);
    if (!about) {
      throw new AppError(
        'WRONG_STATE',
        record.source === 'appeal'
          ? '这是异议后记入的记录，不能再提出异议'
          : record.state === 'pending'
            ? '这条记录还在审核，审核有了结果才能提出异议'
            : record.source === 'help'
              ? '帮忙的时长是老人一方确认的；如有不同意见，请联系老人所在居委的社工'
              : '这条记录的时长是您自己登记的，不能对它提出异议',
      );
    }
    if (!appealable(record, ctx.now())) {
      throw new AppError(
        'WRONG_STATE',
        `${about === 'minutes' ? '审核通过' : '退回或撤销'}已超过 ${APPEAL_WINDOW_DAYS} 天，不能再提出异议。如有不同意见，可以联系居委或通过 12345 反映`,
      );
    }
    const claimed = claimedMinutesOf(record, about, input.minutes);
    const at = ctx.now().toISOString();
    const admins = (await streetAdminsOf(tx)).filter((a) => a._id !== me._id);
    const leaders = await teamLeadersOf(tx, record.teamId, me._id);
    const appealDoc: RecordAppeal = {
      reason: input.reason,
      raisedAt: at,
      toldAdmins: admins.length,
      toldLeaders: leaders.length,
      about,
      ...(claimed === null ? {} : { claimedMinutes: claimed }),
      answer: null,
      decidedBy: null,
      decidedAt: null,
      correctionId: null,
    };
    const patch = { appeal: appealDoc, appealState: 'open' as const, updatedAt: at };
    await tx.update('serviceRecords', record._id, patch);
    const what = `${me.name} ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”${formatHours(record.minutes)}`;
    const disputed =
      claimed === null
        ? `${record.state === 'rejected' ? '被退回' : '被撤销'}，原因：${record.reason ?? '未写'}`
        : `已通过；本人认为应记 ${formatHours(claimed)}`;
    for (const admin of admins) {
      await notify(
        tx,
        {
          userId: admin._id,
          kind: 'record.appealed',
          title: '有志愿者对服务时长提出异议',
          body: `${what}（${disputed}）。异议：${input.reason}。请在“服务时长异议”里处理。`,
          ref: record._id,
          eventKey: `record:${record._id}:appealed`,
        },
        at,
      );
    }
    // The first step of a dispute is talking: the team's leaders hear of it too, from the same
    // transaction (a leader who is also an admin has the admins' message already).
    for (const leader of leaders.filter((l) => !admins.some((a) => a._id === l._id))) {
      await notify(
        tx,
        {
          userId: leader._id,
          kind: 'record.appealNoted',
          title: '队员对服务时长提出了异议',
          body:
            `${what}（${disputed}）。异议：${input.reason}。` +
            (admins.length ? '已交给街道管理员调解，街道可能会找您了解情况；您也可以直接和队员沟通。' : '街道还没有设管理员，请您先直接和队员沟通。'),
          ref: record.teamId,
          eventKey: `record:${record._id}:appealed`,
        },
        at,
      );
    }
    await auditByCaller(tx, ctx, record.volunteerId, 'record.appeal', { recordId: record._id, reason: input.reason });
    return recordView({ ...record, ...patch }, new Names(ctx.store), ctx.store, ctx.now(), me._id);
  });
}

/**
 * A new pending record that no leader of its team but its volunteer may approve (a team's only
 * leader at their own activity or recording their own service, or a team without a leader) waits in
 * the street admins' 等街道审核: they are told, in the record's transaction, since nothing else would
 * bring them to that queue. One message per record (its event key), opening the queue.
 */
export async function tellStreetIfOnlyItMayApprove(tx: Tx, record: ServiceRecordDoc, at: string): Promise<void> {
  if (record.state !== 'pending') return;
  // The team is read once: for its leaders, then for its name in the message.
  const team = await tx.get<TeamDoc>('teams', record.teamId);
  if ((await leadersOf(tx, team, record.teamId, record.volunteerId)).length) return;
  // Not the volunteer, nor an admin who wrote the record themselves: they know.
  const admins = (await streetAdminsOf(tx)).filter((a) => a._id !== record.volunteerId && a._id !== record.recorderId);
  if (!admins.length) return;
  const names = new Names(tx);
  const volunteer = await names.userName(record.volunteerId);
  for (const admin of admins) {
    await notify(
      tx,
      {
        userId: admin._id,
        kind: 'record.awaitingStreet',
        title: '有服务记录等街道审核',
        body: `${team?.name ?? '已撤销的队伍'}：${volunteer} ${dateWords(record.date, shanghaiDate(new Date(at)))}的“${record.content}”${formatHours(record.minutes)}。本队没有别的队长能审核，请在“等街道审核”里处理。`,
        ref: record._id,
        eventKey: `record:${record._id}:awaitingStreet`,
      },
      at,
    );
  }
}

/**
 * The minutes a 异议 says the record should hold: required, and more than it holds, when it disputes an
 * approved record's minutes; none when it disputes a record taken away (a grant restores its own).
 */
function claimedMinutesOf(record: ServiceRecordDoc, about: AppealAbout, minutes: number | undefined): number | null {
  if (about === 'taken') {
    if (minutes !== undefined) {
      throw new AppError('VALIDATION', '被退回或被撤销的记录，异议成立时按原来的时长记入，不用填时长', [{ path: 'minutes', message: '不用填' }]);
    }
    return null;
  }
  if (minutes === undefined) throw new AppError('VALIDATION', '请写明您认为应记多少小时', [{ path: 'minutes', message: '必填' }]);
  if (minutes <= record.minutes) {
    const message = `这条记录已记 ${formatHours(record.minutes)}，您认为应记的时长要比它多`;
    throw new AppError('VALIDATION', message, [{ path: 'minutes', message }]);
  }
  return minutes;
}

/**
 * The minutes a grant records: a record taken away is restored with its own; an approved record gets
 * what the street agrees was missing, all the volunteer claimed beyond it unless `minutes` says less.
 */
function grantedMinutesOf(record: ServiceRecordDoc, about: AppealAbout, outcome: 'grant' | 'uphold', minutes: number | undefined): number {
  if (minutes !== undefined && (about === 'taken' || outcome === 'uphold')) {
    const message = outcome === 'uphold' ? '维持原决定不用填时长' : '重新记入按原记录的时长，不用填时长';
    throw new AppError('VALIDATION', message, [{ path: 'minutes', message: '不用填' }]);
  }
  if (about === 'taken') return record.minutes;
  const missing = (record.appeal?.claimedMinutes ?? record.minutes) - record.minutes;
  if (minutes === undefined) return missing;
  if (minutes > missing) {
    const message = `志愿者认为少记了 ${formatHours(missing)}，补记不能比这更多`;
    throw new AppError('VALIDATION', message, [{ path: 'minutes', message }]);
  }
  return minutes;
}

/** The street admin's queue: open 异议, the oldest first (the (appealState, updatedAt) index), with how many in all. */
export async function appeals(ctx: ServiceContext, input: ParsedInput<'records', 'appeals'>): Promise<RecordsResults['appeals']> {
  const viewer = requireUser(ctx);
  const where = { appealState: 'open' };
  const [page, count] = await Promise.all([
    ctx.store.find<ServiceRecordDoc>('serviceRecords', {
      where,
      orderBy: { field: 'updatedAt', direction: 'asc' },
      limit: input.limit ?? 20,
      after: input.after,
    }),
    ctx.store.count('serviceRecords', where),
  ]);
  const names = new Names(ctx.store);
  return { items: await Promise.all(page.items.map((r) => recordView(r, names, ctx.store, ctx.now(), viewer._id))), next: page.next, count };
}

/**
 * The street's answer. Upheld: the record stays as it is, with the answer. Granted: a correction (a
 * new record, source 'appeal', the same service and minutes) is written and approved in the same
 * transaction, through approveInTx like every approval (the day's maximum, the earn transfer); the
 * appealed record is never edited back. The volunteer hears the outcome either way.
 */
export async function decideAppeal(ctx: ServiceContext, input: ParsedInput<'records', 'decideAppeal'>): Promise<RecordsResults['decideAppeal']> {
  const admin = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const record = await tx.get<ServiceRecordDoc>('serviceRecords', input.recordId);
    if (!record?.appeal) throw new AppError('NOT_FOUND', '找不到这条异议');
    if (record.volunteerId === admin._id) throw new AppError('FORBIDDEN', '不能处理自己的异议，请由其他管理员处理');
    if (record.appealState !== 'open') throw new AppError('CONFLICT', '这条异议已经处理过了');
    const at = ctx.now().toISOString();
    const about = record.appeal.about ?? 'taken';
    const granted = grantedMinutesOf(record, about, input.outcome, input.minutes);
    let correction: ServiceRecordDoc | null = null;
    if (input.outcome === 'grant' && about === 'minutes' && record.state !== 'approved') {
      throw new AppError('CONFLICT', '这条记录在异议期间被撤销了，补记没有依据。请维持原决定并说明；志愿者可以对撤销另外反映');
    }
    if (input.outcome === 'grant') {
      // The service it restores, as it was recorded (the snapshot a later policy change does not
      // rewrite); approveInTx reads the policy for the day's maximum itself.
      const category = { id: record.category, name: record.categoryName, earnsCredits: record.earnsCredits };
      const fresh: ServiceRecordDoc = {
        ...newServiceRecord({
          id: correctionIdOf(record._id),
          volunteerId: record.volunteerId,
          teamId: record.teamId,
          category,
          date: record.date,
          place: record.place,
          content: record.content,
          served: record.served,
          minutes: granted,
          recorderId: admin._id,
          source: 'appeal',
          at,
        }),
        correctionOf: record._id,
      };
      await tx.create('serviceRecords', fresh);
      const memo = `${about === 'minutes' ? '异议补记' : '异议更正'}：${record.categoryName}：${record.content}（${record.date.slice(0, 4)}年${dateWords(record.date)}）`;
      correction = await approveInTx(tx, fresh, admin._id, at, { quiet: true, memo: memo.slice(0, 120) });
    }
    const decided: RecordAppeal = {
      ...record.appeal,
      answer: input.answer,
      decidedBy: admin._id,
      decidedAt: at,
      correctionId: correction?._id ?? null,
      ...(correction ? { grantedMinutes: correction.minutes } : {}),
    };
    const patch = { appeal: decided, appealState: input.outcome === 'grant' ? ('granted' as const) : ('upheld' as const), updatedAt: at };
    await tx.update('serviceRecords', record._id, patch);
    const when = dateWords(record.date, shanghaiDate(new Date(at)));
    const grantWords = about === 'minutes' ? '补记' : '重新记入';
    await notify(
      tx,
      {
        userId: record.volunteerId,
        kind: 'record.appealDecided',
        title: input.outcome === 'grant' ? (about === 'minutes' ? '异议已处理：补记服务时长' : '异议已处理：服务时长重新记入') : '异议已处理：维持原决定',
        body:
          input.outcome === 'grant'
            ? `您对 ${when}的“${record.content}”提出的异议，街道已处理：${grantWords} ${formatHours(granted)}${correction?.transferId ? '，时间币已存入您的账户' : ''}。说明：${input.answer}`
            : `您对 ${when}的“${record.content}”提出的异议，街道已处理：维持原决定。说明：${input.answer}。如果仍有不同意见，可以通过正式渠道（如 12345 市民服务热线）反映。`,
        ref: record._id,
        eventKey: `record:${record._id}:appealDecided`,
      },
      at,
    );
    const volunteerName = await new Names(tx).userName(record.volunteerId);
    for (const leader of await teamLeadersOf(tx, record.teamId, record.volunteerId)) {
      if (leader._id === admin._id) continue; // the admin who decided knows
      await notify(
        tx,
        {
          userId: leader._id,
          kind: 'record.appealNoted',
          title: '街道处理了队员的服务时长异议',
          body: `${volunteerName} 对 ${when}的“${record.content}”提出的异议，街道已处理：${
            input.outcome === 'grant' ? `${grantWords} ${formatHours(granted)}` : '维持原决定'
          }。说明：${input.answer}`,
          ref: record.teamId,
          eventKey: `record:${record._id}:appealDecided`,
        },
        at,
      );
    }
    await auditByCaller(tx, ctx, record.volunteerId, 'record.appealDecided', {
      recordId: record._id,
      outcome: input.outcome,
      correctionId: correction?._id ?? null,
    });
    const names = new Names(ctx.store);
    return {
      record: await recordView({ ...record, ...patch }, names, ctx.store, ctx.now(), admin._id),
      correction: correction ? await recordView(correction, names, ctx.store, ctx.now(), admin._id) : null,
    };
  });
}

// ---------------------------------------------------------------- reading

export async function mine(ctx: ServiceContext, input: ParsedInput<'records', 'mine'>): Promise<RecordsResults['mine']> {
  const me = requireUser(ctx)._id;
  const page = await ctx.store.find<ServiceRecordDoc>('serviceRecords', {
    where: input.state ? { volunteerId: me, state: input.state } : { volunteerId: me },
    orderBy: { field: 'date', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  return { items: await Promise.all(page.items.map((r) => recordView(r, names, ctx.store, ctx.now(), me))), next: page.next };
}

export async function team(ctx: ServiceContext, input: ParsedInput<'records', 'team'>): Promise<RecordsResults['team']> {
  const viewer = requireUser(ctx);
  assertManages(viewer, input.teamId, RECORDS_SCOPE);
  const page = await ctx.store.find<ServiceRecordDoc>('serviceRecords', {
    where: {
      teamId: input.teamId,
      ...(input.appealed ? { appealState: { in: [...APPEAL_STATES] } } : {}),
      ...(input.state ? { state: input.state } : {}),
    },
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  return { items: await Promise.all(page.items.map((r) => recordView(r, names, ctx.store, ctx.now(), viewer._id))), next: page.next };
}

export interface ServedTotals {
  totalMinutes: number;
  recordCount: number;
  byCategory: Map<string, { name: string; count: number; minutes: number }>;
  firstDate: string | null;
  lastDate: string | null;
}

/** Sums a volunteer's approved records, page by page (an index range read on volunteerId + state + date). */
export async function servedTotals(store: Store, volunteerId: string): Promise<ServedTotals> {
  const totals: ServedTotals = { totalMinutes: 0, recordCount: 0, byCategory: new Map(), firstDate: null, lastDate: null };
  let after: string | undefined;
  do {
    const page = await store.find<ServiceRecordDoc>('serviceRecords', {
      where: { volunteerId, state: 'approved' },
      orderBy: { field: 'date', direction: 'asc' },
      limit: 100,
      after,
    });
    for (const r of page.items) {
      totals.totalMinutes += r.minutes;
      totals.recordCount += 1;
      const c = totals.byCategory.get(r.category) ?? { name: r.categoryName, count: 0, minutes: 0 };
      c.count += 1;
      c.minutes += r.minutes;
      totals.byCategory.set(r.category, c);
      totals.firstDate ??= r.date;
      totals.lastDate = r.date;
    }
    after = page.next ?? undefined;
  } while (after);
  return totals;
}

/** At most this many pending records are read for the street's queue: a street's few weeks of work. */
const STREET_QUEUE_SCAN = 2000;

/**
 * The street admin's queue: every team's pending records that wait for the street, oldest service
 * date first, with how many there are. A record waits for the street when it has its first approval
 * and waits for a second (复核; a co-leader may give it too), or when no leader of its team but the
 * volunteer may give its first approval: a team's only leader recording their own service (a 老伙伴
 * contact of their own) would otherwise wait unseen. Who may approve is read now, not when the record
 * was written, so a leader who stepped down since leaves the record to the street. The pending
 * records are read on the (state, date) index and filtered beside it; the cursor is the last
 * record's (date, id).
 */
export async function awaitingReview(ctx: ServiceContext, input: ParsedInput<'records', 'awaitingReview'>): Promise<RecordsResults['awaitingReview']> {
  const viewer = requireUser(ctx);
  if (!isAdmin(viewer)) throw new AppError('FORBIDDEN', '只有街道管理员可以查看全街道等街道审核的记录');
  const pending = await scanAll<ServiceRecordDoc>(ctx.store, 'serviceRecords', { state: 'pending' }, 'date', STREET_QUEUE_SCAN);
  const leaderless = new Map<string, Promise<boolean>>();
  const onlyStreet = (r: ServiceRecordDoc) => {
    const key = `${r.teamId}|${r.volunteerId}`;
    if (!leaderless.has(key))
      leaderless.set(
        key,
        teamLeadersOf(ctx.store, r.teamId, r.volunteerId).then((leaders) => leaders.length === 0),
      );
    return leaderless.get(key)!;
  };
  const waiting: ServiceRecordDoc[] = [];
  for (const r of pending) if (r.firstApproverId || (await onlyStreet(r))) waiting.push(r);
  const cursorOf = (r: ServiceRecordDoc) => `${r.date}|${r._id}`;
  const from = input.after ? waiting.findIndex((r) => cursorOf(r) > input.after!) : 0;
  const page = from < 0 ? [] : waiting.slice(from, from + (input.limit ?? 20));
  const more = from >= 0 && from + page.length < waiting.length;
  const names = new Names(ctx.store);
  return {
    items: await Promise.all(page.map((r) => recordView(r, names, ctx.store, ctx.now(), viewer._id))),
    next: more ? cursorOf(page.at(-1)!) : null,
    count: waiting.length,
  };
}

export async function totals(ctx: ServiceContext, input: ParsedInput<'records', 'totals'>): Promise<RecordsResults['totals']> {
  const me = requireUser(ctx);
  const userId = input.userId ?? me._id;
  if (userId !== me._id && !isAdmin(me)) throw new AppError('FORBIDDEN', '只能查看自己的服务时长');
  const subject = userId === me._id ? me : await ctx.store.get<UserDoc>('users', userId);
  if (!subject) throw new AppError('NOT_FOUND', '找不到这个人');
  const policy = await loadPolicy(ctx.store);
  const t = await servedTotals(ctx.store, userId);
  const byCategory: CategoryTotal[] = [...t.byCategory.entries()]
    .map(([category, c]) => ({ category, name: c.name, count: c.count, minutes: minutesView(c.minutes) }))
    .sort((a, b) => b.minutes.minutes - a.minutes.minutes);
  return {
    userId,
    name: subject.name,
    total: minutesView(t.totalMinutes),
    recordCount: t.recordCount,
    byCategory,
    star: starProgress(t.totalMinutes, policy.starThresholdsHours),
    firstDate: t.firstDate,
    lastDate: t.lastDate,
  };
}
