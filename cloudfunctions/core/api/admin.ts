/** Contract of the `admin` function: the street admin's people and roles. */
import * as z from 'zod';
import { ROLES, type PermissionRole } from '../domain/roles';
import { Cursor, Id, PageLimit, type ActionSpecs, type PageResult } from './common';
import type { RoleView } from './account';

export const RoleChangeInput = z.strictObject({
  userId: Id,
  role: z.enum(ROLES, { error: '角色不正确' }),
  teamId: Id.optional(),
  committeeId: Id.optional(),
  seniorId: Id.optional(),
});

export const adminActions = {
  listUsers: {
    input: z.strictObject({ committeeId: Id.optional(), limit: PageLimit.optional(), after: Cursor.optional() }),
    mutation: false,
    summary: '人员列表（手机号打码），按注册时间倒序分页',
  },
  grantRole: { input: RoleChangeInput, mutation: true, summary: '授予角色（队长需指定队伍，社工需指定居委），记入审计' },
  revokeRole: { input: RoleChangeInput, mutation: true, summary: '收回角色，记入审计' },
} satisfies ActionSpecs;

export interface UserListItem {
  id: string;
  name: string;
  phoneMasked: string;
  committeeName: string;
  roles: RoleView[];
  roleSet: PermissionRole[];
  createdAt: string;
}

export interface AdminResults {
  listUsers: PageResult<UserListItem>;
  grantRole: { userId: string; roles: RoleView[] };
  revokeRole: { userId: string; roles: RoleView[] };
}
