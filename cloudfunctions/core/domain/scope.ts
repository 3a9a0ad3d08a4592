/**
 * Scope: who may act for which team, 居委 and person — the one home of these rules. A role alone
 * says little; a leader leads particular teams, a social worker serves particular 居委, and an admin
 * acts for the whole street. Services ask here and never read grants themselves. No I/O.
 */
import { AppError } from '../errors';
import type { PermissionRole, RoleGrant } from './roles';
import { servedCommittees } from './seniors';

/** What the scope rules read of a person: role names and grants (a UserDoc fits). */
export interface Scoped {
  roles: readonly PermissionRole[];
  grants: readonly RoleGrant[];
}

type Someone = Scoped | null | undefined;
/** Street-wide roles are read from role names alone. */
type Named = Pick<Scoped, 'roles'> | null | undefined;

/** A street admin: acts for every team and every 居委. */
export const isAdmin = (u: Named): boolean => !!u && u.roles.includes('admin');

/** Leads this team (a leader grant scoped to it). */
export const leads = (u: Someone, teamId: string): boolean => !!u && u.grants.some((g) => g.role === 'leader' && g.teamId === teamId);

/** Manages the team: one of its leaders, or an admin. */
export const manages = (u: Someone, teamId: string): boolean => isAdmin(u) || leads(u, teamId);

export function assertManages(u: Scoped, teamId: string, message = '只有本队队长或管理员可以办理本队的事务'): void {
  if (!manages(u, teamId)) throw new AppError('FORBIDDEN', message, { teamId });
}

/**
 * A member of the team: a current membership (`memberships/<teamId>:<userId>` in state member), or
 * one of its leaders (leaders belong by their grant and have no membership document).
 */
export const isMemberOf = (u: Someone, teamId: string, membership: { state: string } | null | undefined): boolean =>
  leads(u, teamId) || membership?.state === 'member';

/** Works as a social worker (居委 staff) of this 居委. */
export const servesCommittee = (u: Someone, committeeId: string): boolean => !!u && servedCommittees(u.grants).includes(committeeId);

/** Staff for a 居委: one of its social workers, or an admin. */
export const isStaffFor = (u: Someone, committeeId: string): boolean => isAdmin(u) || servesCommittee(u, committeeId);

export function assertStaffFor(u: Scoped, committeeId: string, message = '只能为本居委的居民办理'): void {
  if (!isStaffFor(u, committeeId)) throw new AppError('FORBIDDEN', message, { committeeId });
}

/** On the street's duty roster (值班): sees and answers every alert and every message, street-wide. */
export const isDutyOfficer = (u: Named): boolean => !!u && u.roles.includes('duty');

/** Acts for this senior as a family proxy (a proxy grant scoped to them). */
export const isProxyFor = (u: Someone, seniorId: string): boolean => !!u && u.grants.some((g) => g.role === 'proxy' && g.seniorId === seniorId);

/** The leader grant by which a person leads this team, if any (its date is when they joined as leader). */
export const leaderGrantOf = (u: Someone, teamId: string): RoleGrant | undefined => u?.grants.find((g) => g.role === 'leader' && g.teamId === teamId);
