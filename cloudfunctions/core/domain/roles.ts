/** Roles and what a person's roles are, derived from their grants. No I/O. */

export const ROLES = ['volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'duty', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A caller who has a WeChat identity but has not registered yet. */
export type PermissionRole = Role | 'guest';
export const PERMISSION_ROLES: readonly PermissionRole[] = ['guest', ...ROLES];

export const ROLE_LABELS: Record<PermissionRole, string> = {
  guest: '未注册用户',
  volunteer: '志愿者',
  leader: '队长',
  senior: '老人',
  proxy: '家属代理',
  socialWorker: '居委社工',
  duty: '街道值班',
  admin: '街道管理员',
};

/** A role held by a person, scoped where the role is: a leader leads a team, a social worker serves a 居委. */
export interface RoleGrant {
  role: Role;
  teamId?: string;
  committeeId?: string;
  seniorId?: string;
  grantedBy: string;
  grantedAt: string;
}

export function roleSet(grants: readonly RoleGrant[]): PermissionRole[] {
  return [...new Set(grants.map((g) => g.role))];
}

export function sameGrant(a: Pick<RoleGrant, 'role' | 'teamId' | 'committeeId' | 'seniorId'>, b: typeof a): boolean {
  return a.role === b.role && a.teamId === b.teamId && a.committeeId === b.committeeId && a.seniorId === b.seniorId;
}

/** Whether the person already holds this grant (same role and scope). */
export const holdsGrant = (u: { grants: readonly RoleGrant[] }, wanted: Parameters<typeof sameGrant>[1]): boolean => u.grants.some((g) => sameGrant(g, wanted));

/** The scope a grant needs, so a leader without a team cannot exist. */
export const ROLE_SCOPE: Record<Role, 'teamId' | 'committeeId' | 'seniorId' | null> = {
  volunteer: null,
  leader: 'teamId',
  senior: null,
  proxy: 'seniorId',
  socialWorker: 'committeeId',
  duty: null,
  admin: null,
};
