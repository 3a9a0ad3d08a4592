/**
 * Withdrawing consent and closing an account, on the demo street (real SQLite, the dispatcher):
 * what goes (name, phone, the WeChat binding, inbox, memberships, links), what stays without a
 * name (ledger, service records), where the credits go, what blocks closing, and races.
 */
import type { AccountResults, ActivitiesResults, MeResult, TimebankResults } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { UserDoc } from '../../cloudfunctions/core/domain/people';
import { verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from '../support/context';

const clock = { now: new Date('2026-11-27T02:00:00.000Z') };
let world: TestWorld;
let seq = 0;
const rid = () => `close-req-${String(seq++).padStart(4, '0')}`;

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: any } };
const call = <T>(openid: string, fn: string, action: string, data: object = {}, requestId: string | undefined = rid()) =>
  world.call<T>(openid, fn as never, action, data, requestId) as Promise<Result<T>>;
async function ok<T>(openid: string, fn: string, action: string, data: object = {}, requestId?: string): Promise<T> {
  const r = await call<T>(openid, fn, action, data, requestId ?? rid());
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const userIdOf = async (openid: string) => (await world.store.get<{ _id: string; userId: string }>('identities', openid))?.userId ?? null;
const rows = (table: string) => (world.store.rawReader.prepare(`SELECT doc FROM "${table}"`).all() as Array<{ doc: string }>).map((r) => r.doc).join('\n');

const PHONE = '13912340001';

/** A volunteer with credits, a team, a relative, an inbox message and a past approved record. */
async function volunteer(openid = 'wx-closing', phone = PHONE) {
  await ok(openid, 'account', 'register', { name: '林晓燕', phone, birthYear: 1968, committeeId: 'c_xinyuanwan', consentVersion: PRIVACY_POLICY_VERSION });
  const userId = (await userIdOf(openid))!;
  await ok(openid, 'teams', 'join', { teamId: 't_paws' });
  await ok('demo-admin', 'timebank', 'adjust', { accountId: `user:${userId}`, minutes: 150, reason: '测试：补登以前的服务时长' });
  const proposed = await ok<{ id: string }>(openid, 'timebank', 'proposeLink', { phone: '13800000110', relation: '姐妹' });
  await ok('demo-v11', 'timebank', 'confirmLink', { linkId: proposed.id });
  return userId;
}

beforeEach(async () => {
  clock.now = new Date('2026-11-27T02:00:00.000Z');
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { partners: true });
});
afterEach(() => world.close());

it('lists nothing in the way for an ordinary volunteer, and the credits that would go to the pool', async () => {
  await volunteer();
  const check = await ok<AccountResults['closeCheck']>('wx-closing', 'account', 'closeCheck');
  expect(check).toEqual({ available: { minutes: 150, display: '2小时30分' }, blockers: [], canClose: true });
});

it('closes: the person is gone, the pool gets the credits, the ledger and records stay without a name', async () => {
  const userId = await volunteer();
  const poolBefore = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});
  // Credits left need a decision; refusing it writes nothing.
  const counts = async () => Promise.all(['users', 'identities', 'transfers', 'memberships', 'links', 'audit'].map((t) => world.store.count(t as never)));
  const before = await counts();
  expect(await call('wx-closing', 'account', 'close', { confirm: true })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: expect.stringContaining('2小时30分') },
  });
  expect(await counts()).toEqual(before);

  const closed = await ok<AccountResults['close']>('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' }, 'close-final-0001');
  expect(closed).toEqual({ closedAt: clock.now.toISOString(), donated: { minutes: 150, display: '2小时30分' } });

  // Same request again: the first answer, nothing new.
  expect(await call('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' }, 'close-final-0001')).toEqual({ ok: true, data: closed });
  // The WeChat identity is unbound: the caller is a guest now.
  expect(await ok<MeResult>('wx-closing', 'account', 'me')).toMatchObject({ registered: false, roles: ['guest'] });
  expect(await call('wx-closing', 'timebank', 'balance')).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });

  // No name, no phone, no guardian left in the user document; only the decade of birth.
  const user = (await world.store.get<UserDoc>('users', userId))!;
  expect(user).toMatchObject({
    name: '已注销用户',
    phoneEnc: '',
    phoneHash: '',
    phoneMasked: '',
    birthYear: 1960,
    grants: [],
    roles: [],
    closedAt: clock.now.toISOString(),
  });
  expect(user.consent.withdrawnAt).toBe(clock.now.toISOString());
  expect(rows('users')).not.toContain('林晓燕');
  expect(rows('uniques')).not.toContain(userId);
  expect(rows('messages')).not.toContain(`"userId":"${userId}"`);
  // Memberships ended, the relative link removed.
  expect(await world.store.get('memberships', `t_paws:${userId}`)).toMatchObject({ state: 'left' });
  const links = await ok<TimebankResults['links']>('demo-v11', 'timebank', 'links');
  expect(links.items.filter((l) => l.otherUserId === userId && l.state === 'confirmed')).toEqual([]);

  // The pool has the credits; every ledger invariant holds; the closed account is empty.
  const poolAfter = await ok<TimebankResults['pool']>('demo-admin', 'timebank', 'pool', {});
  expect(poolAfter.balance.balance.minutes - poolBefore.balance.balance.minutes).toBe(150);
  const account = (await world.store.get<{ _id: string; creditsPosted: number; debitsPosted: number }>('accounts', `user:${userId}`))!;
  expect(account.creditsPosted - account.debitsPosted).toBe(0);
  expect((await verifyLedger(world.store)).checks.filter((c) => !c.ok)).toEqual([]);
  // The close itself is in the audit log, without personal details.
  const audit = rows('audit')
    .split('\n')
    .filter((r) => r.includes('"account.close"'));
  expect(audit).toHaveLength(1);
  expect(audit[0]).not.toContain('林晓燕');
  // The requests made by a typed number (here the relative link) go with the person.
  expect(rows('phoneInvites')).not.toContain(userId);
  // Answers kept for retries no longer name the person; the close's own (naming nobody) still answers its retries.
  const kept = (world.store.rawReader.prepare(`SELECT id, doc FROM "requests"`).all() as Array<{ id: string; doc: string }>).filter(
    (r) => r.doc.includes(userId) || r.doc.includes('林晓燕'),
  );
  expect(kept.map((r) => r.id)).toEqual([]);
  expect(await world.store.get('requests', 'wx-closing|account.close|close-final-0001')).not.toBeNull();

  // The same phone and WeChat account may register again, as a new person.
  const again = await ok<MeResult>('wx-closing', 'account', 'register', {
    name: '林晓燕',
    phone: PHONE,
    birthYear: 1968,
    committeeId: 'c_xinyuanwan',
    consentVersion: PRIVACY_POLICY_VERSION,
  });
  expect(again.profile!.id).not.toBe(userId);
});

it('past service stays in the team records, under 已注销用户', async () => {
  // demo-v04 served in the past; the one sign-up still to come is cancelled first.
  const openid = 'demo-v04';
  const userId = (await userIdOf(openid))!;
  const agenda = (await world.store.get<{ _id: string; activityIds: string[] }>('agendas', userId))!;
  for (const activityId of agenda.activityIds) await ok(openid, 'activities', 'cancelSignup', { activityId });
  const teamId = rows('serviceRecords')
    .split('\n')
    .map((r) => JSON.parse(r) as { volunteerId: string; teamId: string; state: string })
    .find((r) => r.volunteerId === userId && r.state === 'approved')!.teamId;
  const leader = { t_patrol: 'demo-v01', t_paws: 'demo-v02', t_waterfront: 'demo-v03', t_partners: 'demo-v05' }[teamId]!;
  const theirs = async () =>
    (
      await ok<{ items: Array<{ volunteerId: string; volunteerName: string; minutes: number }> }>(leader, 'records', 'team', {
        teamId,
        state: 'approved',
        limit: 100,
      })
    ).items.filter((r) => r.volunteerId === userId);
  const before = await theirs();
  expect(before.length).toBeGreaterThan(0);
  await ok(openid, 'account', 'close', { confirm: true, leftover: 'donate' });
  const after = await theirs();
  expect(after.map((r) => r.minutes)).toEqual(before.map((r) => r.minutes));
  expect(after.every((r) => r.volunteerName === '已注销用户')).toBe(true);
  expect((await verifyLedger(world.store)).checks.filter((c) => !c.ok)).toEqual([]);
});

it('a team member who closes leaves the roster; the team count drops', async () => {
  const userId = await volunteer();
  const members = async () =>
    (await ok<{ items: Array<{ userId: string }> }>('demo-v02', 'teams', 'members', { teamId: 't_paws', limit: 100 })).items.map((m) => m.userId);
  expect(await members()).toContain(userId);
  const countBefore = (await world.store.get<{ _id: string; memberCount: number }>('teams', 't_paws'))!.memberCount;
  await ok('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' });
  expect(await members()).not.toContain(userId);
  expect((await world.store.get<{ _id: string; memberCount: number }>('teams', 't_paws'))!.memberCount).toBe(countBefore - 1);
});

it('is refused, with the reasons in plain words, while something is not settled; nothing is written', async () => {
  // A leader, a partner looking after seniors, a senior, a family proxy: each is told what to do first.
  const leader = await ok<AccountResults['closeCheck']>('demo-v01', 'account', 'closeCheck');
  expect(leader.canClose).toBe(false);
  expect(leader.blockers.map((b) => b.text)).toContainEqual(expect.stringContaining('队长'));
  const partner = await ok<AccountResults['closeCheck']>('demo-v05', 'account', 'closeCheck');
  expect(partner.blockers.map((b) => b.kind)).toEqual(expect.arrayContaining(['role', 'partnerSeniors']));
  expect((await ok<AccountResults['closeCheck']>('demo-s01', 'account', 'closeCheck')).blockers.map((b) => b.text)).toContainEqual(
    expect.stringContaining('居委社工'),
  );
  expect((await ok<AccountResults['closeCheck']>('demo-f01', 'account', 'closeCheck')).blockers.map((b) => b.kind)).toContain('proxyFor');

  // A volunteer signed up for an activity still to come.
  await volunteer();
  const upcoming = await ok<{ items: Array<{ id: string; teamId: string; startAt: string }> }>('wx-closing', 'activities', 'list', { limit: 50 });
  const paws = upcoming.items.find((a) => a.teamId === 't_paws' && Date.parse(a.startAt) > clock.now.getTime())!;
  await ok<ActivitiesResults['signup']>('wx-closing', 'activities', 'signup', { activityId: paws.id });
  const check = await ok<AccountResults['closeCheck']>('wx-closing', 'account', 'closeCheck');
  expect(check.blockers).toEqual([{ kind: 'signups', count: 1, text: '您还报名了 1 个没开始或没结束的活动，请先取消报名或退出候补' }]);
  const snapshot = rows('users') + rows('identities') + rows('transfers') + rows('requests');
  expect(await call('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' })).toMatchObject({
    ok: false,
    error: { code: 'CLOSE_BLOCKED', message: '您还报名了 1 个没开始或没结束的活动，请先取消报名或退出候补', details: { blockers: [{ kind: 'signups' }] } },
  });
  expect(rows('users') + rows('identities') + rows('transfers') + rows('requests')).toBe(snapshot);
  // Cancelled: now it closes.
  await ok('wx-closing', 'activities', 'cancelSignup', { activityId: paws.id });
  expect(await ok<AccountResults['close']>('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' })).toMatchObject({
    donated: { minutes: 150 },
  });
});

it('a gift racing the close lands before it (and goes to the pool) or is refused after it: never on a dead account', async () => {
  const userId = await volunteer();
  await ok('demo-admin', 'timebank', 'adjust', { accountId: `user:${(await userIdOf('demo-v11'))!}`, minutes: 60, reason: '测试：给亲属的时间币' });
  const [closed, gift] = await Promise.all([
    call<AccountResults['close']>('wx-closing', 'account', 'close', { confirm: true, leftover: 'donate' }),
    call<TimebankResults['gift']>('demo-v11', 'timebank', 'gift', { toUserId: userId, minutes: 30 }),
  ]);
  expect(closed.ok).toBe(true);
  if (!closed.ok) return;
  if (gift.ok) expect(closed.data.donated!.minutes).toBe(180);
  else expect(gift.error.code).toBe('NOT_LINKED');
  const account = (await world.store.get<{ _id: string; creditsPosted: number; debitsPosted: number; debitsPending: number }>('accounts', `user:${userId}`))!;
  expect(account.creditsPosted - account.debitsPosted).toBe(0);
  expect((await verifyLedger(world.store)).checks.filter((c) => !c.ok)).toEqual([]);
});

it('a 老伙伴 volunteer with nobody paired closes: the profile keeps no home, languages or times', async () => {
  const openid = 'demo-v06';
  const userId = (await userIdOf(openid))!;
  const before = (await world.store.get<{ _id: string; state: string; estate: string; seniorIds: string[] }>('partners', userId))!;
  expect(before).toMatchObject({ state: 'active', seniorIds: [] });
  expect(before.estate).not.toBe('');
  const agenda = await world.store.get<{ _id: string; activityIds: string[] }>('agendas', userId);
  for (const activityId of agenda?.activityIds ?? []) await ok(openid, 'activities', 'cancelSignup', { activityId });
  await ok(openid, 'account', 'close', { confirm: true, leftover: 'donate' });
  expect(await world.store.get('partners', userId)).toMatchObject({
    state: 'left',
    estate: '',
    building: '',
    location: null,
    dialects: [],
    availability: [],
    availabilityNote: '',
  });
  // No longer offered for pairing.
  const suggested = await ok<{ suggestions: Array<{ volunteerId: string }> }>('demo-social', 'partners', 'suggest', {});
  expect(suggested.suggestions.map((x) => x.volunteerId)).not.toContain(userId);
});
