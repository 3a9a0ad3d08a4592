/**
 * The one table of role × action. A caller may run an action when any of their roles is
 * listed for it; services then check scope (which team, which 居委, which senior).
 * test/unit/permissions.test.ts walks every cell of this table through the dispatcher.
 */
import type { ActionName, FunctionName } from '../api';
import type { PermissionRole } from '../domain/roles';

const EVERYONE: readonly PermissionRole[] = ['guest', 'volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'admin'];
const REGISTERED: readonly PermissionRole[] = ['volunteer', 'leader', 'senior', 'proxy', 'socialWorker', 'admin'];

export const PERMISSIONS: { [F in FunctionName]: { [A in ActionName<F>]: readonly PermissionRole[] } } = {
  account: {
    options: EVERYONE,
    me: EVERYONE,
    register: ['guest'],
    updateProfile: REGISTERED,
  },
  admin: {
    listUsers: ['admin'],
    grantRole: ['admin'],
    revokeRole: ['admin'],
  },
  teams: {
    list: EVERYONE,
  },
  timebank: {
    balance: REGISTERED,
    statement: REGISTERED,
    stars: REGISTERED,
    links: REGISTERED,
    proposeLink: REGISTERED,
    confirmLink: REGISTERED,
    removeLink: REGISTERED,
    gift: REGISTERED,
    donate: REGISTERED,
    grant: ['admin', 'socialWorker'],
    adjust: ['admin'],
    reverse: ['admin'],
    account: ['admin', 'socialWorker'],
    pool: ['admin', 'socialWorker'],
    adjustments: ['admin'],
    policy: ['admin'],
    setPolicy: ['admin'],
  },
  records: {
    create: ['leader', 'admin'],
    approve: ['leader', 'admin'],
    reject: ['leader', 'admin'],
    reverse: ['leader', 'admin'],
    mine: REGISTERED,
    team: ['leader', 'admin'],
    totals: REGISTERED,
  },
};

export function isAllowed(fn: FunctionName, action: string, roles: readonly PermissionRole[]): boolean {
  const row = (PERMISSIONS[fn] as Record<string, readonly PermissionRole[]>)[action];
  return !!row && roles.some((r) => row.includes(r));
}
