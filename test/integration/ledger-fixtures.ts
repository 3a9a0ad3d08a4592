/** A small street for ledger tests: two 居委, two teams, people registered through the dispatcher. */
import type { Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { roleSet, type Role, type RoleGrant } from '../../cloudfunctions/core/domain/roles';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import type { CollectionName } from '../../cloudfunctions/core/store/schema';
import { openWorld, type TestWorld } from '../support/context';

export interface Person {
  openid: string;
  userId: string;
  phone: string;
  name: string;
}

export interface LedgerWorld extends TestWorld {
  person(name: string, grants?: Array<{ role: Role; teamId?: string; committeeId?: string }>, committeeId?: string): Promise<Person>;
  /** Calls and expects success; returns the data. */
  ok<T = any>(who: Person, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<T>;
  /** Calls and expects a failure; returns the error. */
  err(who: Person, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<{ code: string; message: string; details?: unknown }>;
  rid(label?: string): string;
  /** Admin adjustment that gives a person minutes. */
  fund(admin: Person, to: Person, minutes: number): Promise<void>;
  /** Confirmed relative link between two people. */
  link(a: Person, b: Person): Promise<string>;
  count(collection: CollectionName): Promise<number>;
}

let phoneCounter = 0;

export async function openLedgerWorld(now?: () => Date): Promise<LedgerWorld> {
  const world = openWorld(now);
  await world.store.transaction(async (tx) => {
    await tx.create('committees', { _id: 'c_one', name: '一号居委', order: 1 });
    await tx.create('committees', { _id: 'c_two', name: '二号居委', order: 2 });
    const at = new Date().toISOString();
    await tx.create('teams', { _id: 't_care', name: '老伙伴', description: '结对关爱', order: 1, leaderIds: [], createdAt: at });
    await tx.create('teams', { _id: 't_river', name: '护河巡林志愿服务队', description: '巡河', order: 2, leaderIds: [], createdAt: at });
  });
  let rids = 0;
  const rid = (label = 'r') => `${label}-${process.pid}-${Date.now().toString(36)}-${(rids++).toString(36)}`;

  const call = async (who: Person, fn: FunctionName, action: string, data: object = {}, requestId?: string) =>
    (await world.call(who.openid, fn, action, data, requestId ?? rid(action))) as Envelope<any>;

  const self: LedgerWorld = {
    ...world,
    rid,
    async person(name, grants = [], committeeId = 'c_one') {
      const openid = `o-${rid('p')}`;
      const phone = `1390${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter++).padStart(4, '0')}`;
      const result = await world.call<{ profile: { id: string } }>(
        openid,
        'account',
        'register',
        { name, phone, birthYear: 1960, committeeId, consentVersion: PRIVACY_POLICY_VERSION },
        rid('reg'),
      );
      if (!result.ok) throw new Error(`register ${name}: ${result.error.code} ${result.error.message}`);
      const userId = result.data.profile.id;
      if (grants.length) {
        await world.store.transaction(async (tx) => {
          const user = (await tx.get<UserDoc>('users', userId))!;
          const all: RoleGrant[] = [...user.grants, ...grants.map((g) => ({ ...g, grantedBy: 'test', grantedAt: 'now' }))];
          await tx.update('users', userId, { grants: all, roles: roleSet(all) });
        });
      }
      return { openid, userId, phone, name };
    },
    async ok(who, fn, action, data, requestId) {
      const result = await call(who, fn, action, data, requestId);
      if (!result.ok) throw new Error(`${fn}.${action} failed: ${result.error.code} ${result.error.message}`);
      return result.data;
    },
    async err(who, fn, action, data, requestId) {
      const result = await call(who, fn, action, data, requestId);
      if (result.ok) throw new Error(`${fn}.${action} unexpectedly succeeded`);
      return result.error;
    },
    async fund(admin, to, minutes) {
      await self.ok(admin, 'timebank', 'adjust', { accountId: `user:${to.userId}`, minutes, reason: '测试充值' });
    },
    async link(a, b) {
      const proposed = await self.ok<{ id: string }>(a, 'timebank', 'proposeLink', { phone: b.phone, relation: '母女' });
      await self.ok(b, 'timebank', 'confirmLink', { linkId: proposed.id });
      return proposed.id;
    },
    count: (collection) => world.store.count(collection),
  };
  return self;
}
