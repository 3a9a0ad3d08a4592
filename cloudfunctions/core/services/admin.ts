/** The street admin: people and their roles. Every role change is audited. */
import type { AdminResults, ParsedInput, UserListItem } from '../api';
import { AppError } from '../errors';
import { ROLE_SCOPE, holdsGrant, roleSet, sameGrant, type RoleGrant } from '../domain/roles';
import type { FieldFilter, Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import { audit } from './shared/audit';
import { MOBILE_PHONE, type UserDoc } from '../domain/people';
import { phoneClaimKey } from './account';
import { listCommittees, roleViews } from './shared/directory';
import type { TeamDoc, DeskDoc } from '../domain/street';
import { touchStreetDesk } from './shared/acting';

type RoleChange = ParsedInput<'admin', 'grantRole'>;

/** People by a whole mobile number (its lookup hash, as registration claims it) or by the beginning of their name. */
async function findUsers(ctx: ServiceContext, input: ParsedInput<'admin', 'listUsers'>): Promise<{ items: UserDoc[]; next: string | null }> {
  const scope: Record<string, FieldFilter> = input.committeeId ? { committeeId: input.committeeId } : {};
  const query = input.query;
  if (query && MOBILE_PHONE.test(query)) {
    if (input.after) return { items: [], next: null };
    const claim = await ctx.store.get<{ _id: string; userId: string }>('uniques', phoneClaimKey(ctx, query));
    const user = claim ? await ctx.store.get<UserDoc>('users', claim.userId) : null;
    return { items: user && (!input.committeeId || user.committeeId === input.committeeId) ? [user] : [], next: null };
  }
  if (query) {
    // A prefix is a range on the name: every name that starts with the query sorts between it and query + U+FFFF.
    return ctx.store.find<UserDoc>('users', {
      where: { ...scope, name: { gte: query, lt: `${query}\uffff` } },
      orderBy: { field: 'name', direction: 'asc' },
      limit: input.limit ?? 20,
      after: input.after,
    });
  }
  return ctx.store.find<UserDoc>('users', {
    where: input.committeeId ? scope : undefined,
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
}

export async function listUsers(ctx: ServiceContext, input: ParsedInput<'admin', 'listUsers'>): Promise<AdminResults['listUsers']> {
  const page = await findUsers(ctx, input);
  const committees = new Map((await listCommittees(ctx.store)).map((c) => [c._id, c.name]));
  const items: UserListItem[] = await Promise.all(
    page.items.map(async (u) => ({
      id: u._id,
      name: u.name,
      phoneMasked: u.phoneMasked,
      committeeName: committees.get(u.committeeId) ?? '未知居委',
      roles: await roleViews(ctx.store, u.grants),
      roleSet: u.roles,
      createdAt: u.createdAt,
    })),
  );
  return { items, next: page.next };
}

/** The scope fields of a change, checked against what the role needs. */
function scopedGrant(input: RoleChange): Pick<RoleGrant, 'role' | 'teamId' | 'committeeId' | 'seniorId'> {
  const needed = ROLE_SCOPE[input.role];
  for (const field of ['teamId', 'committeeId', 'seniorId'] as const) {
    if (field === needed && !input[field]) {
      throw new AppError('VALIDATION', field === 'teamId' ? '请选择队伍' : field === 'committeeId' ? '请选择居委' : '请选择老人', [
        { path: field, message: '必填' },
      ]);
    }
    if (field !== needed && input[field]) {
      throw new AppError('VALIDATION', '这个角色不需要该字段', [{ path: field, message: '多余' }]);
    }
  }
  const grant: Pick<RoleGrant, 'role' | 'teamId' | 'committeeId' | 'seniorId'> = { role: input.role };
  if (needed) grant[needed] = input[needed];
  return grant;
}

async function checkScopeExists(tx: Tx, grant: ReturnType<typeof scopedGrant>): Promise<void> {
  if (grant.teamId && !(await tx.get('teams', grant.teamId))) throw new AppError('NOT_FOUND', '队伍不存在');
  if (grant.committeeId && !(await tx.get('committees', grant.committeeId))) throw new AppError('NOT_FOUND', '居委不存在');
  if (grant.seniorId) {
    const senior = await tx.get<UserDoc>('users', grant.seniorId);
    if (!senior || !senior.roles.includes('senior')) throw new AppError('NOT_FOUND', '老人不存在');
  }
}

async function changeRole(ctx: ServiceContext, input: RoleChange, kind: 'grant' | 'revoke') {
  const admin = requireUser(ctx);
  const wanted = scopedGrant(input);
  return ctx.mutate(async (tx) => {
    const user = await tx.get<UserDoc>('users', input.userId);
    if (!user) throw new AppError('NOT_FOUND', '找不到这个人');
    await checkScopeExists(tx, wanted);
    const at = ctx.now().toISOString();
    const has = holdsGrant(user, wanted);
    let grants = user.grants;
    if (kind === 'grant' && !has) grants = [...grants, { ...wanted, grantedBy: admin._id, grantedAt: at }];
    if (kind === 'revoke' && has) grants = grants.filter((g) => !sameGrant(g, wanted));
    if (grants.length === 0) throw new AppError('VALIDATION', '至少要保留一个角色');
    if (grants !== user.grants) {
      await tx.update('users', user._id, { grants, roles: roleSet(grants), updatedAt: at });
      if (wanted.role === 'leader' && wanted.teamId) {
        const team = await tx.get<TeamDoc>('teams', wanted.teamId);
        if (team) {
          const others = team.leaderIds.filter((id) => id !== user._id);
          await tx.update('teams', team._id, { leaderIds: kind === 'grant' ? [...others, user._id] : others });
        }
      }
      // The 居委 desk lists its social workers by id, so alerts can reach them inside a transaction.
      if (wanted.role === 'socialWorker' && wanted.committeeId) {
        const desk = await tx.get<DeskDoc>('desks', wanted.committeeId);
        const others = (desk?.socialWorkerIds ?? []).filter((id) => id !== user._id);
        await tx.set<DeskDoc>('desks', { _id: wanted.committeeId, socialWorkerIds: kind === 'grant' ? [...others, user._id] : others, updatedAt: at });
      }
      // The street desk lists admins by id: the last link of every alarm chain (re-checked against grants on use).
      if (wanted.role === 'admin' && kind === 'grant') await touchStreetDesk(tx, user._id, at);
      await audit(tx, admin._id, user._id, `role.${kind}`, wanted, at);
    }
    return { userId: user._id, roles: await roleViews(ctx.store, grants) };
  });
}

export const grantRole = (ctx: ServiceContext, input: RoleChange) => changeRole(ctx, input, 'grant');
export const revokeRole = (ctx: ServiceContext, input: RoleChange) => changeRole(ctx, input, 'revoke');
