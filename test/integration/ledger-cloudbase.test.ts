/**
 * The ledger on the CloudBase adapter, over the in-memory stand-in of the wx-server-sdk database
 * that interleaves transactions (so conflicts and retries really happen) and refuses queries
 * inside them. The same dispatcher and services as production; the same invariants afterwards.
 */
import pino from 'pino';
import type { Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { roleSet, type RoleGrant } from '../../cloudfunctions/core/domain/roles';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import type { Store } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { createCloudbaseStandin, type CloudbaseStandin } from '../support/cloudbase-standin';

let standin: CloudbaseStandin;
let store: Store;
let deps: RuntimeDeps;
let retries = 0;
let seq = 0;

const rid = (label: string) => `${label}-${(seq++).toString(36).padStart(6, '0')}`;
const call = (openid: string, fn: FunctionName, action: string, data: object, requestId = rid(action)) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps) as Promise<Envelope<any>>;

async function ok(openid: string, fn: FunctionName, action: string, data: object = {}) {
  const r = await call(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

async function person(openid: string, name: string, phone: string, grants: RoleGrant[] = []): Promise<string> {
  const me = await ok(openid, 'account', 'register', { name, phone, birthYear: 1961, committeeId: 'c_one', consentVersion: PRIVACY_POLICY_VERSION });
  const userId = me.profile.id as string;
  if (grants.length) {
    await store.transaction(async (tx) => {
      const user = (await tx.get<UserDoc>('users', userId))!;
      const all = [...user.grants, ...grants];
      await tx.update('users', userId, { grants: all, roles: roleSet(all) });
    });
  }
  return userId;
}

async function expectVerified() {
  const report = await verifyLedger(store);
  if (!report.ok) throw new Error(formatReport(report));
  expect(report.ok).toBe(true);
}

const balance = async (openid: string) => (await ok(openid, 'timebank', 'balance')).balance.minutes as number;

beforeAll(async () => {
  standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: true, seed: 7 });
  // Every gift below touches the same giver account: allow enough retries for 100 at once.
  store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 300, backoffMs: 2, maxBackoffMs: 40, onRetry: () => retries++ });
  deps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: pino({ level: 'silent' }) };
  await store.transaction(async (tx) => tx.create('committees', { _id: 'c_one', name: '一号居委', order: 1 }));
  await person('cb-admin', '管理员', '13600000001', [{ role: 'admin', grantedBy: 'test', grantedAt: 'now' }]);
});

afterAll(async () => {
  await store.close();
  expect(standin.engine.openTransactions()).toBe(0);
  standin.dispose();
});

async function linkedPair(a: string, b: string, phoneA: string, phoneB: string) {
  const giver = await person(a, '钱赠', phoneA);
  const relative = await person(b, '钱收', phoneB);
  const link = await ok(a, 'timebank', 'proposeLink', { phone: phoneB, relation: '父子' });
  await ok(b, 'timebank', 'confirmLink', { linkId: link.id });
  return { giver, relative };
}

it('100 interleaved gifts exceeding the balance: exactly as many succeed as it allows', async () => {
  const { giver, relative } = await linkedPair('cb-g1', 'cb-r1', '13600000011', '13600000012');
  await ok('cb-admin', 'timebank', 'adjust', { accountId: `user:${giver}`, minutes: 500, reason: '测试充值' });
  const conflictsBefore = standin.engine.stats.conflicts;
  const results = await Promise.all(Array.from({ length: 100 }, () => call('cb-g1', 'timebank', 'gift', { toUserId: relative, minutes: 12 })));
  const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
  expect(codes.filter((c) => c === 'ok')).toHaveLength(41); // 500 / 12 = 41, 8 minutes left
  expect(codes.filter((c) => c !== 'ok')).toEqual(Array(59).fill('INSUFFICIENT_BALANCE'));
  // The stand-in really interleaved the transactions: conflicts happened and were retried.
  expect(standin.engine.stats.conflicts).toBeGreaterThan(conflictsBefore);
  expect(retries).toBeGreaterThan(0);
  expect(standin.engine.stats.refusedQueries).toBe(0);
  expect(await balance('cb-g1')).toBe(8);
  expect(await balance('cb-r1')).toBe(492);
  await expectVerified();
});

it('50 interleaved calls with the same requestId: one transfer', async () => {
  const { relative } = await linkedPair('cb-g2', 'cb-r2', '13600000021', '13600000022');
  const giverId = (await ok('cb-g2', 'account', 'me')).profile.id;
  await ok('cb-admin', 'timebank', 'adjust', { accountId: `user:${giverId}`, minutes: 100, reason: '测试充值' });
  const transfersBefore = await store.count('transfers');
  const requestId = rid('same');
  const results = await Promise.all(Array.from({ length: 50 }, () => call('cb-g2', 'timebank', 'gift', { toUserId: relative, minutes: 30 }, requestId)));
  expect(results.every((r) => r.ok)).toBe(true);
  expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  expect(await store.count('transfers')).toBe(transfersBefore + 1);
  expect(await store.get('transfers', `gift:${giverId}:${requestId}`)).toMatchObject({ amount: 30 });
  expect(await balance('cb-g2')).toBe(70);
  await expectVerified();
});

it('a record approved by many managers at once credits once, and bad gifts write nothing', async () => {
  const leader = await person('cb-lead', '队长', '13600000031', [{ role: 'leader', teamId: 't_one', grantedBy: 'test', grantedAt: 'now' }]);
  void leader;
  await store.transaction(async (tx) => tx.create('teams', { _id: 't_one', name: '老伙伴', description: '', order: 1, leaderIds: [], createdAt: 'now' }));
  const volunteer = await person('cb-vol', '志愿者', '13600000032');
  // A leader records service only for members of the team.
  await ok('cb-vol', 'teams', 'join', { teamId: 't_one' });
  const record = await ok('cb-lead', 'records', 'create', {
    volunteerId: volunteer,
    teamId: 't_one',
    category: 'daily',
    date: new Date().toISOString().slice(0, 10),
    place: '一号小区',
    content: '打扫卫生',
    minutes: 60,
  });
  const transfersBefore = await store.count('transfers');
  const approvals = await Promise.all(
    Array.from({ length: 20 }, (_, i) => call(i % 2 ? 'cb-lead' : 'cb-admin', 'records', 'approve', { recordId: record.id })),
  );
  expect(approvals.every((r) => r.ok)).toBe(true);
  expect(await store.count('transfers')).toBe(transfersBefore + 1);
  expect(await balance('cb-vol')).toBe(60);

  const before = await store.count('transfers');
  for (const minutes of [-1, 0, 0.5, 1e9, 'x']) {
    const r = await call('cb-vol', 'timebank', 'donate', { minutes });
    expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
  }
  expect((await call('cb-vol', 'timebank', 'gift', { toUserId: volunteer, minutes: 10 })).ok).toBe(false);
  expect(await call('cb-vol', 'timebank', 'gift', { toUserId: 'u_none', minutes: 10 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await store.count('transfers')).toBe(before);
  await expectVerified();
});
