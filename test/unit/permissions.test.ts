/**
 * Walks every cell of the role × action table through the real dispatcher: a role listed for an
 * action gets past the gate, every other role is refused with FORBIDDEN (or NOT_REGISTERED for guests).
 */
import { CONTRACT, FUNCTION_NAMES, type FunctionName } from '../../cloudfunctions/core/api';
import { PERMISSION_ROLES, type PermissionRole } from '../../cloudfunctions/core/domain/roles';
import { PERMISSIONS } from '../../cloudfunctions/core/services/permissions';
import { openWorld, type TestWorld } from '../support/context';

let world: TestWorld;

beforeAll(async () => {
  world = openWorld();
  await world.store.transaction(async (tx) => {
    for (const role of PERMISSION_ROLES) {
      if (role === 'guest') continue;
      await tx.create('identities', { _id: `only-${role}`, userId: `u_only_${role}` });
      await tx.create('users', {
        _id: `u_only_${role}`,
        name: `测试${role}`,
        phoneEnc: 'x',
        phoneHash: `h-${role}`,
        phoneMasked: '138****0000',
        birthYear: 1960,
        committeeId: 'c_none',
        elderMode: false,
        consent: { version: 'v', at: 'now' },
        grants: [{ role, grantedBy: 'test', grantedAt: 'now' }],
        roles: [role],
        createdAt: 'now',
        updatedAt: 'now',
      });
    }
  });
});

afterAll(() => world.close());

const cells: Array<[FunctionName, string, PermissionRole, boolean]> = [];
for (const fn of FUNCTION_NAMES) {
  for (const action of Object.keys(CONTRACT[fn])) {
    const allowed = (PERMISSIONS[fn] as Record<string, readonly PermissionRole[]>)[action];
    for (const role of PERMISSION_ROLES) cells.push([fn, action, role, !!allowed?.includes(role)]);
  }
}

it('has a row for every action of the contract and nothing else', () => {
  for (const fn of FUNCTION_NAMES) {
    expect(Object.keys(PERMISSIONS[fn]).sort()).toEqual(Object.keys(CONTRACT[fn]).sort());
  }
});

it.each(cells)('%s.%s as %s → allowed=%s', async (fn, action, role, allowed) => {
  const openid = role === 'guest' ? 'a-guest' : `only-${role}`;
  const result = await world.call(openid, fn, action, {}, 'perm-walk-00000001');
  const refusedAtGate = !result.ok && ['FORBIDDEN', 'NOT_REGISTERED'].includes(result.error.code);
  expect(refusedAtGate).toBe(!allowed);
  if (!allowed) expect(result.ok ? '' : result.error.code).toBe(role === 'guest' ? 'NOT_REGISTERED' : 'FORBIDDEN');
});
