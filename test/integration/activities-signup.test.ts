/** Sign-up: capacity and the waitlist, promotion on cancel, and every refusal with its reason. */
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import type { ActivitiesResults, ActivityView, InboxResults } from '../../cloudfunctions/core/api';
import { ACTIVITY_INPUT, openStreet, v, type Street } from '../support/activities';

let s: Street;
beforeEach(async () => {
  s = await openStreet(); // Friday 2026-11-27 08:00 in Shanghai
});
afterEach(() => s.close());

const signup = (n: number | string, activityId: string, requestId?: string) =>
  s.call<ActivitiesResults['signup']>(typeof n === 'number' ? v(n) : n, 'activities', 'signup', { activityId }, requestId);
const detail = (n: number, activityId: string) => s.ok<ActivitiesResults['detail']>(v(n), 'activities', 'detail', { activityId });

describe('capacity and the waitlist', () => {
  let a: ActivityView;
  beforeEach(async () => {
    a = await s.createActivity(v(1), { capacity: 2 });
  });

  it('signs up to capacity, then waitlists in arrival order', async () => {
    const results = [];
    for (const n of [4, 6, 7, 8]) results.push(await signup(n, a.id));
    expect(results.map((r) => (r.ok ? [r.data.state, r.data.waitlistPosition] : r.error.code))).toEqual([
      ['signed', null],
      ['signed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expect(await detail(8, a.id)).toMatchObject({ signedCount: 2, waitlistCount: 2, placesLeft: 0, my: { state: 'waitlisted', waitlistPosition: 2 } });
    // The answer is slim (it is also what a retry gets back): the counts after this sign-up, no whole view.
    const last = results[3]!;
    expect(last.ok && last.data).toEqual({ activityId: a.id, state: 'waitlisted', waitlistPosition: 2, warnings: [], signedCount: 2, waitlistCount: 2 });
  });

  it('cancelling before the deadline promotes the first waitlisted and tells them; re-signing queues at the end', async () => {
    for (const n of [4, 6, 7, 8]) await signup(n, a.id);
    const cancelled = await s.ok<ActivitiesResults['cancelSignup']>(v(4), 'activities', 'cancelSignup', { activityId: a.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', promotedUserId: await s.userId(v(7)) });
    expect((await detail(7, a.id)).my).toMatchObject({ state: 'signed', waitlistPosition: null });
    expect((await detail(8, a.id)).my).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    const inbox = await s.ok<InboxResults['list']>(v(7), 'inbox', 'list');
    expect(inbox.items).toEqual([expect.objectContaining({ kind: 'signup.promoted', activityId: a.id, title: '候补成功，您已获得名额', read: false })]);
    expect((await s.ok<InboxResults['list']>(v(8), 'inbox', 'list')).items).toHaveLength(0);

    const again = await signup(4, a.id);
    expect(again).toMatchObject({ ok: true, data: { state: 'waitlisted', waitlistPosition: 2 } });
    // A waitlisted person leaving promotes nobody.
    const left = await s.ok<ActivitiesResults['cancelSignup']>(v(8), 'activities', 'cancelSignup', { activityId: a.id });
    expect(left.promotedUserId).toBeNull();
    expect((await detail(4, a.id)).my).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
  });

  it('tells the team’s leaders of a place given up within 48 hours of the start, and who took it; not of earlier ones or the waitlist', async () => {
    const leaderInbox = async () => (await s.ok<InboxResults['list']>(v(1), 'inbox', 'list')).items.filter((m) => m.kind === 'signup.left');
    for (const n of [4, 6, 7]) await signup(n, a.id);
    // Tomorrow 09:00 is 25 hours away.
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: a.id });
    const name = async (n: number) => (await s.ok<{ profile: { name: string } }>(v(n), 'account', 'me')).profile.name;
    expect(await leaderInbox()).toEqual([
      expect.objectContaining({
        activityId: a.id,
        title: `${await name(4)}取消了报名`,
        body: expect.stringMatching(new RegExp(`取消了“${a.title}”（.+）的报名。候补的${await name(7)}已经补上。$`)),
      }),
    ]);
    // Without a waitlist the leader reads how many are left; leaving the waitlist tells nobody.
    await signup(8, a.id);
    await s.ok(v(8), 'activities', 'cancelSignup', { activityId: a.id });
    expect(await leaderInbox()).toHaveLength(1);
    await s.ok(v(6), 'activities', 'cancelSignup', { activityId: a.id });
    const bodies = (await leaderInbox()).map((m) => m.body);
    expect(bodies).toHaveLength(2);
    expect(bodies).toContainEqual(expect.stringMatching(new RegExp(`^${await name(6)}取消了.*现在报名 1/2 人，没有人候补。$`)));

    const later = await s.createActivity(v(1), { capacity: 2, date: '2026-12-05' });
    await signup(4, later.id);
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: later.id });
    expect(await leaderInbox()).toHaveLength(2);
  });

  it('refuses signing up twice, and a second cancel', async () => {
    await signup(4, a.id);
    expect(await signup(4, a.id)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您已经报名了这个活动' } });
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: a.id });
    expect(await s.call(v(4), 'activities', 'cancelSignup', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: '您没有报名这个活动' },
    });
  });

  it('is idempotent on requestId: the retry answers the same and queues nobody twice', async () => {
    const first = await signup(4, a.id, 'signup-retry-0001');
    const retry = await signup(4, a.id, 'signup-retry-0001');
    expect(retry).toEqual(first);
    expect(await s.world.store.count('signups', { activityId: a.id })).toBe(1);
    expect((await detail(4, a.id)).signedCount).toBe(1);
  });

  it('50 concurrent sign-ups for 2 places: exactly 2 signed, 48 waitlisted, in one order', async () => {
    const people: string[] = [];
    for (let i = 0; i < 48; i++) {
      const openid = `wx-bulk-${i}`;
      const registered = await s.call(openid, 'account', 'register', {
        name: '批量志愿者',
        phone: `1390000${String(i).padStart(4, '0')}`,
        birthYear: 1965,
        committeeId: 'c_binjiang',
        consentVersion: PRIVACY_POLICY_VERSION,
      });
      expect(registered.ok).toBe(true);
      people.push(openid);
    }
    people.push(v(4), v(6));
    const results = await Promise.all(people.map((p) => signup(p, a.id)));
    expect(results.every((r) => r.ok)).toBe(true);
    const states = results.map((r) => (r.ok ? r.data.state : 'error'));
    expect(states.filter((x) => x === 'signed')).toHaveLength(2);
    expect(states.filter((x) => x === 'waitlisted')).toHaveLength(48);
    const positions = results.flatMap((r) => (r.ok && r.data.waitlistPosition ? [r.data.waitlistPosition] : []));
    expect([...positions].sort((x, y) => x - y)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
  });
});

describe('refusals, each with its reason and nothing written', () => {
  /** An activity scheduled two days ago, whose deadline has passed since: a new one may not be made already past it. */
  async function scheduledEarlier(options: Parameters<Street['createActivity']>[1]) {
    const now = s.clock.now;
    s.clock.now = new Date(now.getTime() - 2 * 86_400_000);
    try {
      return await s.createActivity(v(1), options);
    } finally {
      s.clock.now = now;
    }
  }

  it('scheduling an activity whose sign-up or cancel deadline is already past', async () => {
    // Saturday 09:00, as createActivity schedules; now is Friday 08:00.
    const input = ACTIVITY_INPUT;
    const before = s.snapshot();
    const tooLateToSign = await s.call(v(1), 'activities', 'create', { ...input, signupCloseMinutes: 25 * 60 });
    expect(tooLateToSign).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'signupCloseMinutes' }] } });
    if (!tooLateToSign.ok) expect(tooLateToSign.error.message).toMatch(/报名截止（11月27日 08:00）已经过了/);
    const tooLateToCancel = await s.call(v(1), 'activities', 'create', { ...input, cancelCloseMinutes: 25 * 60 + 30 });
    expect(tooLateToCancel).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'cancelCloseMinutes' }] } });
    if (!tooLateToCancel.ok) expect(tooLateToCancel.error.message).toMatch(/取消截止（11月27日 07:30）已经过了：报名的人不能再取消/);
    expect(s.snapshot()).toBe(before);
  });
  async function refused(n: number | string, activityId: string, code: string, message: string | RegExp) {
    const before = s.snapshot();
    const result = await signup(n, activityId);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(message);
    expect(s.snapshot()).toBe(before);
  }

  it('after the sign-up deadline', async () => {
    // Starts Saturday 09:00; sign-up closed 25 hours before, at Friday 08:00 — now.
    const a = await scheduledEarlier({ signupCloseMinutes: 25 * 60 });
    await refused(4, a.id, 'DEADLINE_PASSED', '报名已截止（截止时间 11月27日 08:00）');
    s.clock.now = new Date('2026-11-26T00:00:00.000Z');
    expect((await signup(4, a.id)).ok).toBe(true);
  });

  it('under the minimum age', async () => {
    const registered = await s.call('wx-teen', 'account', 'register', {
      name: '王小明',
      phone: '13912340000',
      birthYear: 2010,
      committeeId: 'c_binjiang',
      consentVersion: PRIVACY_POLICY_VERSION,
      guardian: { name: '王父', phone: '13912340001', relation: '父亲', consent: true },
    });
    expect(registered.ok).toBe(true);
    const a = await s.createActivity(v(3), { minAge: 18, title: '滨水生态研学漫步', category: 'culture' });
    await refused('wx-teen', a.id, 'NOT_ELIGIBLE', '本活动要求年满 18 周岁，您暂时不能报名');
    const detailAsTeen = await s.ok<ActivitiesResults['detail']>('wx-teen', 'activities', 'detail', { activityId: a.id });
    expect(detailAsTeen.signupBlocked).toBe('本活动要求年满 18 周岁，您暂时不能报名');
    const listAsTeen = await s.ok<ActivitiesResults['list']>('wx-teen', 'activities', 'list', { limit: 50 });
    expect(listAsTeen.items.find((i) => i.id === a.id)?.signupBlocked).toBe('本活动要求年满 18 周岁，您暂时不能报名');
    expect((await signup(4, a.id)).ok).toBe(true);
  });

  it('not a member of a members-only team, until they join', async () => {
    const a = await s.createActivity(v(2), { membersOnly: true, title: '握爪队内培训', category: 'training' });
    await refused(4, a.id, 'NOT_ELIGIBLE', /仅限“文明养宠"握爪志愿队"”队员报名/);
    // The list card knows it too (it would otherwise invite to the waitlist of a full one).
    const listed = async (who: number) =>
      (await s.ok<ActivitiesResults['list']>(v(who), 'activities', 'list', { teamId: 't_paws', limit: 50 })).items.find((i) => i.id === a.id)!;
    expect(await listed(4)).toMatchObject({ signupBlocked: expect.stringMatching(/仅限.*队员报名/), canManage: false });
    expect(await listed(2)).toMatchObject({ signupBlocked: null, canManage: true });
    await s.ok(v(4), 'teams', 'join', { teamId: 't_paws' });
    expect((await listed(4)).signupBlocked).toBeNull();
    expect(await signup(4, a.id)).toMatchObject({ ok: true, data: { state: 'signed' } });
    // The team's leader counts as a member by their grant.
    expect((await signup(2, a.id)).ok).toBe(true);
  });

  it('a hard time conflict beyond the one-hour grace; a shorter overlap only warns', async () => {
    const patrol = await s.createActivity(v(1)); // 09:00–11:00
    const paws = await s.createActivity(v(2), { title: '握爪行动', startTime: '09:30', endTime: '11:30' });
    const walk = await s.createActivity(v(3), { title: '研学漫步', startTime: '10:00', endTime: '12:00' });
    const talk = await s.createActivity(v(3), { title: '生态讲座', startTime: '11:00', endTime: '12:00' });
    expect((await signup(4, patrol.id)).ok).toBe(true);
    await refused(4, paws.id, 'TIME_CONFLICT', '与您已报名的“周末巡河护林”（11月28日（周六）09:00–11:00）时间冲突超过 1 小时，不能同时报名');
    const warned = await signup(4, walk.id);
    expect(warned).toMatchObject({ ok: true, data: { state: 'signed', warnings: [expect.stringContaining('时间重叠 60 分钟')] } });
    expect(await signup(4, talk.id)).toMatchObject({ ok: true, data: { warnings: [expect.stringContaining('研学漫步')] } });
    // Cancelling the patrol frees the time: the 握爪 sign-up now only overlaps the walk (90 min) and still conflicts …
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: patrol.id });
    expect(await signup(4, paws.id)).toMatchObject({ ok: false, error: { code: 'TIME_CONFLICT', message: expect.stringContaining('研学漫步') } });
    // … until the walk is dropped too.
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: walk.id });
    expect((await signup(4, paws.id)).ok).toBe(true);
  });

  it('a waitlisted sign-up also holds the time; a cancelled activity does not', async () => {
    const full = await s.createActivity(v(1), { capacity: 1 });
    await signup(6, full.id);
    expect(await signup(4, full.id)).toMatchObject({ ok: true, data: { state: 'waitlisted' } });
    const clash = await s.createActivity(v(2), { title: '握爪行动' });
    // Named as what it is: an activity waited for, not one signed up to.
    await refused(4, clash.id, 'TIME_CONFLICT', '与您在候补的“周末巡河护林”（11月28日（周六）09:00–11:00）时间冲突超过 1 小时，不能同时报名');
    const near = await s.createActivity(v(2), { title: '河边清扫', startTime: '10:30', endTime: '12:00' });
    expect(await signup(4, near.id)).toMatchObject({ ok: true, data: { warnings: [expect.stringMatching(/^与您在候补的“周末巡河护林”/)] } });
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: near.id });
    await s.ok(v(1), 'activities', 'cancel', { activityId: full.id, reason: '台风预警' });
    expect((await signup(4, clash.id)).ok).toBe(true);
  });

  it('cancelling after the cancel deadline is refused', async () => {
    const a = await scheduledEarlier({ cancelCloseMinutes: 25 * 60 + 30 });
    await signup(4, a.id);
    const before = s.snapshot();
    expect(await s.call(v(4), 'activities', 'cancelSignup', { activityId: a.id })).toMatchObject({
      ok: false,
      error: { code: 'DEADLINE_PASSED', message: '已过取消截止时间（11月27日 07:30），如有特殊情况请联系队长' },
    });
    expect(s.snapshot()).toBe(before);
  });

  it('after the cancel deadline a held place cannot be given back, but the waitlist can always be left', async () => {
    // Starts Saturday 09:00; cancelling closed Friday 07:30, before now (Friday 08:00).
    const a = await scheduledEarlier({ capacity: 1, cancelCloseMinutes: 25 * 60 + 30 });
    // Signing up (or joining the waitlist) now says first what it means.
    expect(await signup(6, a.id)).toMatchObject({
      ok: true,
      data: { state: 'signed', warnings: ['取消报名已于 11月27日 07:30 截止，报名后不能再自己取消；如不能参加，请联系队长'] },
    });
    expect(await signup(4, a.id)).toMatchObject({
      ok: true,
      data: { state: 'waitlisted', warnings: ['取消报名已于 11月27日 07:30 截止：您可以随时退出候补，但递补成功后就不能再自己取消了'] },
    });
    // The waiting person leaves the waitlist; nobody is promoted, the place stays held.
    expect(await s.call(v(4), 'activities', 'cancelSignup', { activityId: a.id })).toMatchObject({
      ok: true,
      data: { state: 'cancelled', promotedUserId: null, signedCount: 1, waitlistCount: 0 },
    });
    expect((await detail(4, a.id)).my).toMatchObject({ state: 'cancelled' });
    // Nothing left that blocks closing the account.
    const check = await s.ok<{ blockers: unknown[] }>(v(4), 'account', 'closeCheck');
    expect(check.blockers).toEqual([]);
    // The confirmed place is protected by the deadline.
    const before = s.snapshot();
    expect(await s.call(v(6), 'activities', 'cancelSignup', { activityId: a.id })).toMatchObject({ ok: false, error: { code: 'DEADLINE_PASSED' } });
    expect(s.snapshot()).toBe(before);
  });

  it('someone promoted after the cancel deadline is not told to cancel before it', async () => {
    const a = await scheduledEarlier({ capacity: 1, cancelCloseMinutes: 25 * 60 + 30 });
    await signup(6, a.id);
    await signup(4, a.id);
    await s.ok(v(1), 'activities', 'update', { activityId: a.id, scope: 'one', changes: { capacity: 2 } });
    const inbox = await s.ok<InboxResults['list']>(v(4), 'inbox', 'list');
    const promoted = inbox.items.find((m) => m.kind === 'signup.promoted')!;
    expect(promoted.body).not.toMatch(/前取消报名/);
    expect(promoted.body).toContain('取消报名已于 11月27日 07:30 截止，如不能参加，请联系队长');
  });

  it('a full waitlist refuses with CAPACITY_FULL', async () => {
    const a = await s.createActivity(v(1), { capacity: 1 });
    await s.world.store.transaction((tx) =>
      tx.update('activityQueues', a.id, {
        waitlist: Array.from({ length: 200 }, (_, i) => `u_fake${i}`),
        waitlistCount: 200,
        signed: ['u_fake_x'],
        signedCount: 1,
      }),
    );
    await refused(4, a.id, 'CAPACITY_FULL', '名额和候补名单都已满，请关注其他活动');
  });

  it('guests and seniors cannot sign up', async () => {
    const a = await s.createActivity(v(1));
    expect(await signup('a-guest', a.id)).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
    expect(await signup('demo-s01', a.id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('my activities', () => {
  it('lists upcoming (with the waitlist), past and absent', async () => {
    const a = await s.createActivity(v(1), { capacity: 1 });
    const b = await s.createActivity(v(2), { date: '2026-11-29', title: '握爪行动' });
    await signup(6, a.id);
    await signup(4, a.id);
    await signup(4, b.id);
    const upcoming = await s.ok<ActivitiesResults['mine']>(v(4), 'activities', 'mine');
    expect(upcoming.items.map((x) => [x.title, x.my?.state, x.my?.waitlistPosition])).toEqual([
      ['周末巡河护林', 'waitlisted', 1],
      ['握爪行动', 'signed', null],
    ]);
    s.clock.now = new Date('2026-11-30T00:00:00.000Z');
    await s.ok('demo-admin', 'activities', 'sweep');
    expect((await s.ok<ActivitiesResults['mine']>(v(4), 'activities', 'mine')).items).toHaveLength(0);
    const past = await s.ok<ActivitiesResults['mine']>(v(4), 'activities', 'mine', { scope: 'past' });
    expect(past.items.map((x) => [x.title, x.my?.attendance])).toEqual([['握爪行动', 'absent']]);
    const absent = await s.ok<ActivitiesResults['mine']>(v(4), 'activities', 'mine', { scope: 'absent' });
    expect(absent.items.map((x) => x.id)).toEqual([b.id]);
    // Waitlisted people who never got a place are not absent.
    expect((await s.ok<ActivitiesResults['mine']>(v(6), 'activities', 'mine', { scope: 'absent' })).items.map((x) => x.id)).toEqual([a.id]);
  });
});

describe('the queue document', () => {
  it('a sign-up and a cancellation rewrite the queue, never the activity document', async () => {
    const a = await s.createActivity(v(1), { capacity: 1 });
    const stored = await s.world.store.get('activities', a.id);
    expect(stored).not.toHaveProperty('signed');
    await signup(4, a.id);
    await signup(6, a.id);
    await s.ok(v(4), 'activities', 'cancelSignup', { activityId: a.id });
    expect(await s.world.store.get('activities', a.id)).toEqual(stored);
    const queue = await s.world.store.get('activityQueues', a.id);
    expect(queue).toMatchObject({ signed: [await s.userId(v(6))], waitlist: [], signedCount: 1, waitlistCount: 0, seq: 2 });
    expect(await detail(6, a.id)).toMatchObject({ signedCount: 1, waitlistCount: 0, my: { state: 'signed' } });
  });

  it('an activity written with its queue inside (older data) reads as before; its first sign-up moves the queue out', async () => {
    const a = await s.createActivity(v(1), { capacity: 2 });
    await signup(4, a.id);
    const me = await s.userId(v(4));
    // The shape an older data file holds: the queue in the activity, no queue document.
    await s.world.store.transaction(async (tx) => {
      const queue = await tx.get<{ _id: string; seq: number; signed: string[]; waitlist: string[] }>('activityQueues', a.id);
      const activity = await tx.get('activities', a.id);
      await tx.set('activities', { ...activity!, seq: queue!.seq, signed: queue!.signed, waitlist: queue!.waitlist, signedCount: 1, waitlistCount: 0 });
      await tx.remove('activityQueues', a.id);
    });
    expect(await detail(6, a.id)).toMatchObject({ signedCount: 1, placesLeft: 1 });
    expect((await signup(6, a.id)).ok).toBe(true);
    const activity = await s.world.store.get('activities', a.id);
    expect(activity).not.toHaveProperty('signed');
    expect(activity).not.toHaveProperty('seq');
    expect(await s.world.store.get('activityQueues', a.id)).toMatchObject({ signed: [me, await s.userId(v(6))], seq: 2 });
    expect(await detail(7, a.id)).toMatchObject({ signedCount: 2, placesLeft: 0 });
  });
});
