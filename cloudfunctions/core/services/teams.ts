/**
 * Teams: browsing, joining (open, or with the leader's approval), leaving, the members list with
 * masked phones, the leader's call button (the one place a full phone number leaves the store,
 * audited each time), and the xlsx export of a team's service records.
 */
import { randomUUID } from 'node:crypto';
import type { JoinPolicy, MemberView, MembershipView, ParsedInput, TeamCard, TeamsResults } from '../api';
import { AppError } from '../errors';
import { isActive, membershipId, type MembershipDoc, type SignupDoc } from '../domain/activities';
import type { Store, Tx } from '../store/port';
import { ActivityViews, nextOfTeam } from './activities';
import { isAdmin, leaderGrantOf, leads, manages } from '../domain/scope';
import { requireFiles, requireUser, type ServiceContext } from './shared/context';
import { audit, auditRead } from './shared/audit';
import type { UserDoc } from '../domain/people';
import type { TeamDoc } from '../domain/street';
import { notify } from './inbox';
import { buildRecordsWorkbook, type ExportRow } from './records-export';
import type { ServiceRecordDoc } from '../domain/records';
import type { PartnerDoc } from '../domain/partners';
import { loadProgramme } from './partners/programme';

/** Team documents as this service writes them; older documents lack the optional fields. */
export interface TeamRecord extends TeamDoc {
  joinPolicy?: JoinPolicy;
  /** Members through a membership (leaders are members by their grant and not counted here). */
  memberCount?: number;
  updatedAt?: string;
}

const NEXT_ACTIVITIES = 3;
const MAX_EXPORT_ROWS = 5000;
/** The export's download link lives long enough to tap it, not to forward it. */
const EXPORT_LINK_SECONDS = 15 * 60;

async function loadTeam(reader: Pick<Tx, 'get'>, teamId: string): Promise<TeamRecord> {
  const team = await reader.get<TeamRecord>('teams', teamId);
  if (!team) throw new AppError('NOT_FOUND', '队伍不存在', { teamId });
  return team;
}

async function leaderNames(store: Store, team: TeamDoc): Promise<Array<{ id: string; name: string }>> {
  const leaders = await Promise.all(team.leaderIds.map((id) => store.get<UserDoc>('users', id)));
  return leaders.filter((u): u is UserDoc => !!u).map((u) => ({ id: u._id, name: u.name }));
}

/**
 * How many leaders and how many other members a team has, as teams.members lists them: the stored
 * count is of memberships, and a member later made leader keeps theirs (counted once, as a leader).
 */
async function headcount(
  store: Pick<Store, 'get'>,
  team: TeamRecord,
  leaders: ReadonlyArray<{ id: string }>,
): Promise<{ leaderCount: number; memberCount: number }> {
  const held = await Promise.all(leaders.map((l) => store.get<MembershipDoc>('memberships', membershipId(team._id, l.id))));
  const leadersAsMembers = held.filter((m) => m?.state === 'member').length;
  return { leaderCount: leaders.length, memberCount: Math.max(0, (team.memberCount ?? 0) - leadersAsMembers) };
}

async function teamView(ctx: ServiceContext, team: TeamRecord, views: ActivityViews, withActivities = true): Promise<TeamCard> {
  const user = ctx.actor.user;
  const membership = user ? await ctx.store.get<MembershipDoc>('memberships', membershipId(team._id, user._id)) : null;
  const leaders = await leaderNames(ctx.store, team);
  return {
    id: team._id,
    name: team.name,
    description: team.description,
    leaderNames: leaders.map((l) => l.name),
    joinPolicy: team.joinPolicy ?? 'open',
    ...(await headcount(ctx.store, team, leaders)),
    myMembership: leads(user, team._id) ? 'member' : (membership?.state ?? null),
    iLead: leads(user, team._id),
    nextActivities: withActivities ? await nextOfTeam(ctx, team._id, NEXT_ACTIVITIES, views) : [],
  };
}

function membershipView(m: MembershipDoc, team: TeamDoc): MembershipView {
  return { teamId: team._id, teamName: team.name, state: m.state, joinedAt: m.joinedAt, createdAt: m.createdAt };
}

export async function list(ctx: ServiceContext): Promise<TeamsResults['list']> {
  const page = await ctx.store.find<TeamRecord>('teams', { orderBy: { field: 'order', direction: 'asc' }, limit: 100 });
  const views = new ActivityViews(ctx.store, ctx.now());
  return { items: await Promise.all(page.items.map((t) => teamView(ctx, t, views))) };
}

export async function detail(ctx: ServiceContext, input: ParsedInput<'teams', 'detail'>): Promise<TeamsResults['detail']> {
  const team = await loadTeam(ctx.store, input.teamId);
  const view = await teamView(ctx, team, new ActivityViews(ctx.store, ctx.now()));
  return { ...view, leaders: await leaderNames(ctx.store, team) };
}

export async function mine(ctx: ServiceContext): Promise<TeamsResults['mine']> {
  const me = requireUser(ctx);
  const page = await ctx.store.find<MembershipDoc>('memberships', {
    where: { userId: me._id, state: { in: ['member', 'pending'] } },
    orderBy: { field: 'createdAt', direction: 'asc' },
    limit: 100,
  });
  const items: MembershipView[] = [];
  const seen = new Set<string>();
  for (const grant of me.grants) {
    if (grant.role !== 'leader' || !grant.teamId || seen.has(grant.teamId)) continue;
    const team = await ctx.store.get<TeamDoc>('teams', grant.teamId);
    if (!team) continue;
    seen.add(team._id);
    items.push({ teamId: team._id, teamName: team.name, state: 'member', joinedAt: grant.grantedAt, createdAt: grant.grantedAt });
  }
  for (const m of page.items) {
    if (seen.has(m.teamId)) continue;
    const team = await ctx.store.get<TeamDoc>('teams', m.teamId);
    if (team) items.push(membershipView(m, team));
  }
  return { items };
}

export async function join(ctx: ServiceContext, input: ParsedInput<'teams', 'join'>): Promise<TeamsResults['join']> {
  const user = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    if (leads(user, team._id)) throw new AppError('CONFLICT', '您是这个队伍的队长，已经是队员了');
    const id = membershipId(team._id, user._id);
    const prior = await tx.get<MembershipDoc>('memberships', id);
    if (prior?.state === 'member') throw new AppError('CONFLICT', '您已经是这个队伍的队员了');
    if (prior?.state === 'pending') throw new AppError('CONFLICT', '您已提交申请，请等待队长审核');
    const open = (team.joinPolicy ?? 'open') === 'open';
    const doc: MembershipDoc = {
      _id: id,
      teamId: team._id,
      userId: user._id,
      state: open ? 'member' : 'pending',
      note: input.note ?? '',
      reason: null,
      decidedBy: null,
      createdAt: at,
      joinedAt: open ? at : null,
      updatedAt: at,
    };
    await tx.set('memberships', doc);
    if (open) {
      await tx.update('teams', team._id, { memberCount: (team.memberCount ?? 0) + 1 });
    } else {
      for (const leaderId of team.leaderIds) {
        await notify(
          tx,
          {
            userId: leaderId,
            kind: 'team.joinRequest',
            title: '新的入队申请',
            body: `${user.name} 申请加入“${team.name}”${doc.note ? `，留言：${doc.note}` : ''}。请在队员管理中审核。`,
            teamId: team._id,
          },
          at,
        );
      }
    }
    return membershipView(doc, team);
  });
}

export async function leave(ctx: ServiceContext, input: ParsedInput<'teams', 'leave'>): Promise<TeamsResults['leave']> {
  const user = requireUser(ctx);
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    if (leads(user, team._id)) throw new AppError('WRONG_STATE', '队长不能退出队伍；如需卸任，请联系街道管理员');
    const m = await tx.get<MembershipDoc>('memberships', membershipId(team._id, user._id));
    if (!m || (m.state !== 'member' && m.state !== 'pending')) throw new AppError('WRONG_STATE', '您还不是这个队伍的队员');
    // Leaving the 老伙伴 team leaves the programme too, once nobody is left without a partner; the
    // profile is written, so a pairing confirmed at this moment (which writes it) conflicts.
    if ((await loadProgramme(tx)).teamId === team._id) {
      const partner = await tx.get<PartnerDoc>('partners', user._id);
      if (partner?.state === 'active') {
        if (partner.seniorIds.length) {
          throw new AppError('WRONG_STATE', `您还结对照看着 ${partner.seniorIds.length} 位老人，请先请居委社工为他们安排新的老伙伴，再退出队伍`);
        }
        await tx.set<PartnerDoc>('partners', { ...partner, state: 'left', updatedAt: at });
      }
    }
    const next: MembershipDoc = { ...m, state: 'left', updatedAt: at };
    await tx.set('memberships', next);
    if (m.state === 'member') await tx.update('teams', team._id, { memberCount: Math.max(0, (team.memberCount ?? 1) - 1) });
    return membershipView(next, team);
  });
}

function memberView(m: MembershipDoc, u: UserDoc | null, team: TeamDoc): MemberView {
  return {
    userId: m.userId,
    name: u?.name ?? '已注销用户',
    phoneMasked: u?.phoneMasked ?? '',
    state: m.state,
    isLeader: team.leaderIds.includes(m.userId),
    note: m.note,
    joinedAt: m.joinedAt,
    appliedAt: m.createdAt,
  };
}

export async function decide(ctx: ServiceContext, input: ParsedInput<'teams', 'decide'>): Promise<TeamsResults['decide']> {
  const leader = requireUser(ctx);
  if (!manages(leader, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长或管理员可以审核入队申请');
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    const m = await tx.get<MembershipDoc>('memberships', membershipId(team._id, input.userId));
    if (!m) throw new AppError('NOT_FOUND', '没有这份入队申请');
    if (m.state !== 'pending') throw new AppError('WRONG_STATE', '这份申请已经处理过了');
    const applicant = await tx.get<UserDoc>('users', m.userId);
    const next: MembershipDoc = input.approve
      ? { ...m, state: 'member', joinedAt: at, decidedBy: leader._id, reason: null, updatedAt: at }
      : { ...m, state: 'rejected', decidedBy: leader._id, reason: input.reason ?? null, updatedAt: at };
    await tx.set('memberships', next);
    if (input.approve) await tx.update('teams', team._id, { memberCount: (team.memberCount ?? 0) + 1 });
    await notify(
      tx,
      input.approve
        ? { userId: m.userId, kind: 'team.approved', title: '入队申请已通过', body: `欢迎加入“${team.name}”！可以报名本队的活动了。`, teamId: team._id }
        : {
            userId: m.userId,
            kind: 'team.rejected',
            title: '入队申请未通过',
            body: `您加入“${team.name}”的申请未通过${input.reason ? `：${input.reason}` : ''}。如有疑问请联系队长。`,
            teamId: team._id,
          },
      at,
    );
    return memberView(next, applicant, team);
  });
}

export async function members(ctx: ServiceContext, input: ParsedInput<'teams', 'members'>): Promise<TeamsResults['members']> {
  const user = requireUser(ctx);
  if (!manages(user, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长或管理员可以查看队员名单');
  const team = await loadTeam(ctx.store, input.teamId);
  const state = input.state ?? 'member';
  const page = await ctx.store.find<MembershipDoc>('memberships', {
    where: { teamId: team._id, state },
    orderBy: { field: 'createdAt', direction: 'asc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const items: MemberView[] = [];
  // Leaders head the first page; they are members by their grant, with or without a membership.
  if (state === 'member' && !input.after) {
    for (const leaderId of team.leaderIds) {
      const u = await ctx.store.get<UserDoc>('users', leaderId);
      if (!u) continue;
      const grant = leaderGrantOf(u, team._id);
      items.push({
        userId: u._id,
        name: u.name,
        phoneMasked: u.phoneMasked,
        state: 'member',
        isLeader: true,
        note: '',
        joinedAt: grant?.grantedAt ?? null,
        appliedAt: grant?.grantedAt ?? u.createdAt,
      });
    }
  }
  for (const m of page.items) {
    if (state === 'member' && team.leaderIds.includes(m.userId)) continue;
    items.push(memberView(m, await ctx.store.get<UserDoc>('users', m.userId), team));
  }
  return { items, next: page.next };
}

/**
 * The leader's call button: the full number of a member (or applicant, co-leader, or someone signed
 * up for one of the team's activities), for this team's leaders only. Every look-up is audited before
 * the number is returned. Not a mutation: a stored replay would keep the number in `requests`.
 */
export async function memberPhone(ctx: ServiceContext, input: ParsedInput<'teams', 'memberPhone'>): Promise<TeamsResults['memberPhone']> {
  const leader = requireUser(ctx);
  if (!leads(leader, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长可以查看队员的完整电话');
  const team = await loadTeam(ctx.store, input.teamId);
  const target = await ctx.store.get<UserDoc>('users', input.userId);
  if (!target) throw new AppError('NOT_FOUND', '找不到这个人');
  const m = await ctx.store.get<MembershipDoc>('memberships', membershipId(team._id, target._id));
  let related = team.leaderIds.includes(target._id) || m?.state === 'member' || m?.state === 'pending';
  if (!related) {
    // Someone signed up for an upcoming or recent activity of this team (open activities take non-members).
    const page = await ctx.store.find<SignupDoc>('signups', {
      where: { userId: target._id, state: { in: ['signed', 'waitlisted'] }, endAt: { gte: new Date(ctx.now().getTime() - 7 * 86_400_000).toISOString() } },
      orderBy: { field: 'endAt', direction: 'asc' },
      limit: 100,
    });
    related = page.items.some((s) => s.teamId === team._id && isActive(s));
  }
  if (!related) throw new AppError('NOT_FOUND', '这个人不是本队队员，也没有报名本队的活动');
  const phone = ctx.secrets.decrypt(target.phoneEnc);
  await auditRead(ctx.store, leader._id, target._id, 'phone.view', { teamId: team._id, purpose: 'call' }, ctx.now().toISOString());
  return { userId: target._id, name: target.name, phone };
}

export async function create(ctx: ServiceContext, input: ParsedInput<'teams', 'create'>): Promise<TeamsResults['create']> {
  const admin = requireUser(ctx);
  const at = ctx.now().toISOString();
  const order = (await ctx.store.count('teams')) + 1;
  const id = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const team = await ctx.mutate(async (tx) => {
    const doc: TeamRecord = {
      _id: id,
      name: input.name,
      description: input.description,
      order,
      leaderIds: [],
      joinPolicy: input.joinPolicy ?? 'open',
      memberCount: 0,
      createdAt: at,
      updatedAt: at,
    };
    await tx.create('teams', doc);
    await audit(tx, admin._id, id, 'team.create', { name: input.name }, at);
    return {
      id: doc._id,
      name: doc.name,
      description: doc.description,
      leaderNames: [],
      joinPolicy: doc.joinPolicy!,
      leaderCount: 0,
      memberCount: 0,
      myMembership: null,
      iLead: false,
      nextActivities: [],
    };
  });
  return team;
}

export async function update(ctx: ServiceContext, input: ParsedInput<'teams', 'update'>): Promise<TeamsResults['update']> {
  const user = requireUser(ctx);
  if (!manages(user, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长或管理员可以修改队伍信息');
  if (input.name !== undefined && !isAdmin(user)) throw new AppError('FORBIDDEN', '队伍改名请联系街道管理员');
  const at = ctx.now().toISOString();
  return ctx.mutate(async (tx) => {
    const team = await loadTeam(tx, input.teamId);
    const patch: Partial<TeamRecord> = { updatedAt: at };
    if (input.name !== undefined) patch.name = input.name;
    if (input.description !== undefined) patch.description = input.description;
    if (input.joinPolicy !== undefined) patch.joinPolicy = input.joinPolicy;
    await tx.update('teams', team._id, patch);
    const next = { ...team, ...patch };
    return {
      id: next._id,
      name: next.name,
      description: next.description,
      leaderNames: [],
      joinPolicy: next.joinPolicy ?? 'open',
      ...(await headcount(
        tx,
        next,
        next.leaderIds.map((id) => ({ id })),
      )),
      myMembership: leads(user, next._id) ? 'member' : null,
      iLead: leads(user, next._id),
      nextActivities: [],
    };
  });
}

/** Leaders' paper reports: a team's service records for a date range, as an xlsx workbook. */
export async function exportRecords(ctx: ServiceContext, input: ParsedInput<'teams', 'exportRecords'>): Promise<TeamsResults['exportRecords']> {
  const user = requireUser(ctx);
  if (!manages(user, input.teamId)) throw new AppError('FORBIDDEN', '只有本队队长或管理员可以导出本队的服务记录');
  const team = await loadTeam(ctx.store, input.teamId);
  const records: ServiceRecordDoc[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.find<ServiceRecordDoc>('serviceRecords', {
      where: { teamId: team._id, date: { gte: input.from, lte: input.to } },
      orderBy: { field: 'date', direction: 'asc' },
      limit: 100,
      after,
    });
    records.push(...page.items);
    if (records.length > MAX_EXPORT_ROWS) throw new AppError('VALIDATION', `记录太多（超过 ${MAX_EXPORT_ROWS} 条），请缩短日期范围后分次导出`);
    after = page.next ?? undefined;
  } while (after);
  const names = new Map<string, string>();
  const nameOf = async (id: string | null) => {
    if (!id) return '';
    if (!names.has(id)) names.set(id, (await ctx.store.get<UserDoc>('users', id))?.name ?? '已注销用户');
    return names.get(id)!;
  };
  const rows: ExportRow[] = [];
  for (const r of records) {
    rows.push({ record: r, volunteerName: await nameOf(r.volunteerId), recorderName: await nameOf(r.recorderId), approverName: await nameOf(r.approverId) });
  }
  const generatedAt = ctx.now();
  const buffer = await buildRecordsWorkbook({ teamName: team.name, from: input.from, to: input.to, rows, generatedAt });
  await auditRead(ctx.store, user._id, team._id, 'records.export', { from: input.from, to: input.to, rows: rows.length }, generatedAt.toISOString());
  // The file goes to storage and the answer carries its id and a short link, not the bytes: a
  // function's answer is size-limited, and the app downloads and opens a file, not base64.
  const files = requireFiles(ctx);
  const stored = await files.put({ folder: 'exports', name: `${team.name}_服务记录_${input.from}_${input.to}`, kind: 'xlsx', body: buffer });
  const link = await files.link(stored.fileId, EXPORT_LINK_SECONDS);
  return {
    fileId: stored.fileId,
    url: link.url,
    expiresAt: link.expiresAt,
    filename: stored.name,
    mimeType: stored.contentType,
    rows: rows.length,
    totalMinutes: records.filter((r) => r.state === 'approved').reduce((sum, r) => sum + r.minutes, 0),
  };
}
