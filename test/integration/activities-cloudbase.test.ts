/**
 * Activities on the CloudBase adapter, over the in-memory stand-in of the wx-server-sdk database:
 * transactions interleave (so write conflicts and retries really happen) and any query inside a
 * transaction is refused. The capacity rule must hold there too: every sign-up rewrites the
 * activity's queue document, so concurrent sign-ups conflict on it and the loser retries.
 */
import type { ActivitiesResults, Envelope, FunctionName, InboxResults, RecordsResults } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { markAbsentees } from '../../cloudfunctions/core/services/activities';
import type { Store } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import type { CloudbaseStandin } from '../support/cloudbase-standin';
import { openStandinStreet, type StandinStreet } from '../support/standin-street';

let street: StandinStreet;
let standin: CloudbaseStandin;
let store: Store;
let deps: RuntimeDeps;
let retries = 0;
let seq = 0;
const clock = { now: new Date('2026-11-27T00:00:00.000Z') };

const call = <T>(openid: string, fn: FunctionName, action: string, data: object = {}, requestId = `cb-${(seq++).toString(36).padStart(6, '0')}`) =>
  dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps) as Promise<Envelope<T>>;
async function ok<T>(openid: string, fn: FunctionName, action: string, data: object = {}): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  street = await openStandinStreet({ seed: 11, onRetry: () => retries++, deps: { now: () => clock.now } });
  ({ standin, store, deps } = street);
});

afterAll(() => street.close());

const place = { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 };

it('60 interleaved sign-ups for 10 places: exactly 10 signed, the other 49 waitlisted in one order, no query in any transaction', async () => {
  const created = await ok<ActivitiesResults['create']>(v(1), 'activities', 'create', {
    teamId: 't_patrol',
    title: '周末巡河护林',
    category: 'community',
    place,
    date: '2026-11-28',
    startTime: '09:00',
    endTime: '11:00',
    capacity: 10,
  });
  const activityId = created.activities[0]!.id;
  const people: string[] = [];
  for (let i = 0; i < 41; i++) {
    const openid = `cb-bulk-${i}`;
    await ok(openid, 'account', 'register', {
      name: '并发志愿者',
      phone: `1370001${String(i).padStart(4, '0')}`,
      birthYear: 1966,
      committeeId: 'c_linyin',
      consentVersion: PRIVACY_POLICY_VERSION,
    });
    people.push(openid);
  }
  for (let n = 4; n <= 20; n++) if (![5].includes(n)) people.push(v(n));
  people.push('demo-admin', 'demo-s01', 'demo-v05');
  expect(people).toHaveLength(60);
  const before = { conflicts: standin.engine.stats.conflicts, refused: standin.engine.stats.refusedQueries };

  const results = await Promise.all(people.map((p) => call<ActivitiesResults['signup']>(p, 'activities', 'signup', { activityId })));
  const failed = results.filter((r) => !r.ok);
  // A senior (no volunteer role) is refused at the gate; the other 59 are queued.
  expect(failed.map((r) => !r.ok && r.error.code)).toEqual(['FORBIDDEN']);
  const answers = results.flatMap((r) => (r.ok ? [r.data] : []));
  expect(answers.filter((a) => a.state === 'signed')).toHaveLength(10);
  expect(answers.filter((a) => a.state === 'waitlisted')).toHaveLength(49);
  expect(answers.flatMap((a) => (a.waitlistPosition ? [a.waitlistPosition] : [])).sort((x, y) => x - y)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
  expect(standin.engine.stats.conflicts - before.conflicts).toBeGreaterThan(0);
  expect(standin.engine.stats.refusedQueries - before.refused).toBe(0);

  const roster = await ok<ActivitiesResults['roster']>(v(1), 'activities', 'roster', { activityId });
  expect(roster.counts).toMatchObject({ signed: 10, waitlisted: 49 });
  expect(new Set([...roster.signed, ...roster.waitlist].map((e) => e.userId)).size).toBe(59);
  expect(roster.signed.map((e) => e.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  expect(roster.waitlist.map((e) => e.seq)).toEqual(Array.from({ length: 49 }, (_, i) => i + 11));

  // Five leave at once: the first five waiting get the places.
  const tokenless = roster.signed.slice(0, 5);
  const openidOf = async (userId: string) => {
    for (const p of people) {
      const identity = await store.get<{ _id: string; userId: string }>('identities', p);
      if (identity?.userId === userId) return p;
    }
    throw new Error('unknown user');
  };
  const leaving = await Promise.all(tokenless.map((e) => openidOf(e.userId)));
  const cancelled = await Promise.all(leaving.map((p) => call<ActivitiesResults['cancelSignup']>(p, 'activities', 'cancelSignup', { activityId })));
  const promoted = cancelled.map((r) => (r.ok ? r.data.promotedUserId : 'error'));
  expect([...promoted].sort()).toEqual(
    roster.waitlist
      .slice(0, 5)
      .map((e) => e.userId)
      .sort(),
  );
  const after = await ok<ActivitiesResults['roster']>(v(1), 'activities', 'roster', { activityId });
  expect(after.counts).toMatchObject({ signed: 10, waitlisted: 44 });
  expect(after.waitlist.map((e) => e.userId)).toEqual(roster.waitlist.slice(5).map((e) => e.userId));
  const promotedInbox = await ok<InboxResults['list']>(await openidOf(roster.waitlist[0]!.userId), 'inbox', 'list');
  expect(promotedInbox.items.map((m) => m.kind)).toEqual(['signup.promoted']);
  expect(standin.engine.stats.refusedQueries).toBe(0);
});

it('a weekly series moved and cancelled from a date on, notices, check-in/out and absentees, all by id', async () => {
  const series = await ok<ActivitiesResults['create']>(v(2), 'activities', 'create', {
    teamId: 't_paws',
    title: '握爪行动',
    category: 'daily',
    place,
    date: '2026-11-29',
    startTime: '14:00',
    endTime: '16:00',
    capacity: 5,
    repeatWeeks: 4,
  });
  const ids = series.activities.map((a) => a.id);
  await ok(v(11), 'activities', 'signup', { activityId: ids[0] });
  await ok(v(12), 'activities', 'signup', { activityId: ids[0] });
  await ok(v(11), 'activities', 'signup', { activityId: ids[2] });
  const moved = await ok<ActivitiesResults['update']>(v(2), 'activities', 'update', {
    activityId: ids[1],
    scope: 'following',
    changes: { startTime: '15:00', endTime: '17:00' },
  });
  expect(moved.activities.map((a) => a.startTime)).toEqual(['15:00', '15:00', '15:00']);
  expect(moved.notified).toBe(1);
  const cancelled = await ok<ActivitiesResults['cancel']>(v(2), 'activities', 'cancel', { activityId: ids[3], reason: '寒潮预警' });
  expect(cancelled.notified).toBe(0);
  const inbox = await ok<InboxResults['list']>(v(11), 'inbox', 'list');
  expect(inbox.items.map((m) => m.kind)).toContain('activity.moved');

  // The day: 14:00–16:00 Shanghai on 2026-11-29 = 06:00–08:00 UTC.
  clock.now = new Date('2026-11-29T06:05:00.000Z');
  const code = await ok<ActivitiesResults['checkinCode']>(v(2), 'activities', 'checkinCode', { activityId: ids[0] });
  await ok(v(11), 'activities', 'checkIn', { activityId: ids[0], token: code.token });
  clock.now = new Date('2026-11-29T07:35:00.000Z');
  const code2 = await ok<ActivitiesResults['checkinCode']>(v(2), 'activities', 'checkinCode', { activityId: ids[0] });
  const out = await ok<ActivitiesResults['checkOut']>(v(11), 'activities', 'checkOut', { activityId: ids[0], token: code2.token });
  expect(out).toMatchObject({ attendance: 'out', servedMinutes: 90 });
  const records = await ok<RecordsResults['mine']>(v(11), 'records', 'mine');
  expect(records.items[0]).toMatchObject({ state: 'pending', minutes: { minutes: 90 } });

  clock.now = new Date('2026-11-29T09:00:00.000Z');
  // Both ended activities close: the ten of yesterday's patrol who never came, and v12 today.
  expect(await markAbsentees(store, clock.now)).toEqual({ activities: 2, absent: 11 });
  const absent = await ok<ActivitiesResults['mine']>(v(12), 'activities', 'mine', { scope: 'absent' });
  // v12 may also have been among the first test's ten signed (its arrival order is random), so
  // only this series is asserted: absent from today's, not from the ones still to come.
  const absentIds = absent.items.map((a) => a.id);
  expect(absentIds).toContain(ids[0]);
  for (const later of ids.slice(1)) expect(absentIds).not.toContain(later);
  expect(standin.engine.stats.refusedQueries).toBe(0);
});
