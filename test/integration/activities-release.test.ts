/**
 * After the cancel deadline: a volunteer who cannot come tells the team's leaders (askRelease), and a
 * leader takes her off the list (releaseSignup), which gives the place to the first on the waitlist
 * and tells both. On a real SQLite file through the dispatcher; concurrent releases with real calls.
 */
import type { ActivitiesResults, ActivityView, InboxResults } from '../../cloudfunctions/core/api';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
beforeEach(async () => {
  s = await openStreet(); // Friday 2026-11-27 08:00 in Shanghai
});
afterEach(() => s.close());

/** Scheduled two days ago (so its deadlines may already be past): the patrol, Saturday 09:00–11:00. */
async function scheduledEarlier(options: object): Promise<ActivityView> {
  const now = s.clock.now;
  s.clock.now = new Date(now.getTime() - 2 * 86_400_000);
  try {
    return await s.createActivity(v(1), options);
  } finally {
    s.clock.now = now;
  }
}
const signup = (n: number, activityId: string) => s.ok<ActivitiesResults['signup']>(v(n), 'activities', 'signup', { activityId });
const detail = (n: number, activityId: string) => s.ok<ActivitiesResults['detail']>(v(n), 'activities', 'detail', { activityId });
const inbox = async (n: number) => (await s.ok<InboxResults['list']>(v(n), 'inbox', 'list', { limit: 50 })).items;
const nameOf = async (n: number) => (await s.world.store.get<{ _id: string; name: string }>('users', await s.userId(v(n))))!.name;

describe('past the cancel deadline', () => {
  let a: ActivityView;
  beforeEach(async () => {
    // Cancelling closed Friday 07:30, before now (Friday 08:00); one place.
    a = await scheduledEarlier({ capacity: 1, cancelCloseMinutes: 25 * 60 + 30 });
    await signup(6, a.id);
    await signup(4, a.id);
  });

  it('the volunteer tells the leaders she cannot come; her place stays hers until a leader acts', async () => {
    const told = await s.ok<ActivitiesResults['askRelease']>(v(6), 'activities', 'askRelease', { activityId: a.id, reason: '家里老人住院，要去陪护' });
    expect(told).toEqual({ activityId: a.id, told: 1, leaderNames: ['王建国'] });
    const leaderSees = (await inbox(1)).find((m) => m.kind === 'signup.cannotCome')!;
    expect(leaderSees.title).toBe(`${await nameOf(6)}来不了`);
    expect(leaderSees.body).toContain('说来不了：家里老人住院，要去陪护。已过取消截止，只有您能在名单上取消，让候补补上。');
    expect((await detail(6, a.id)).my).toMatchObject({ state: 'signed', cannotComeAt: s.clock.now.toISOString() });
    // Only someone holding a place asks; the waitlist can be left by oneself.
    expect(await s.call(v(4), 'activities', 'askRelease', { activityId: a.id, reason: '临时有事' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(await s.call(v(6), 'activities', 'askRelease', { activityId: a.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a leader releases her: the first on the waitlist gets the place, both are told, a retry changes nothing', async () => {
    const [six, four] = [await s.userId(v(6)), await s.userId(v(4))];
    const before = s.snapshot();
    expect(await s.call(v(2), 'activities', 'releaseSignup', { activityId: a.id, userId: six, reason: '本人说来不了' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await s.call(v(4), 'activities', 'releaseSignup', { activityId: a.id, userId: six, reason: '本人说来不了' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(s.snapshot()).toBe(before);

    const input = { activityId: a.id, userId: six, reason: '本人说家里有事来不了' };
    const first = await s.call<ActivitiesResults['releaseSignup']>(v(1), 'activities', 'releaseSignup', input, 'release-six');
    expect(first).toEqual({
      ok: true,
      data: { activityId: a.id, userId: six, was: 'signed', promotedUserId: four, promotedName: await nameOf(4), signedCount: 1, waitlistCount: 0 },
    });
    expect((await detail(6, a.id)).my).toMatchObject({ state: 'cancelled', released: { by: '王建国', reason: '本人说家里有事来不了' } });
    expect((await detail(4, a.id)).my).toMatchObject({ state: 'signed' });
    const released = (await inbox(6)).filter((m) => m.kind === 'signup.released');
    expect(released).toHaveLength(1);
    expect(released[0]!.body).toBe(`王建国取消了您在“周末巡河护林”（${a.timeText}）的报名：本人说家里有事来不了`);
    expect((await inbox(4)).filter((m) => m.kind === 'signup.promoted')).toHaveLength(1);

    // The same tap again: the same answer, nothing written twice.
    const after = s.snapshot();
    expect(await s.call(v(1), 'activities', 'releaseSignup', input, 'release-six')).toEqual(first);
    expect(s.snapshot()).toBe(after);
    // A new tap on someone no longer on the list is refused, and writes nothing.
    expect(await s.call(v(1), 'activities', 'releaseSignup', input)).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    expect(s.snapshot()).toBe(after);
    // Her agenda no longer holds the time: she may sign up for something else then.
    const agenda = await s.world.store.get<{ _id: string; activityIds: string[] }>('agendas', six);
    expect(agenda!.activityIds).not.toContain(a.id);
  });

  it('someone checked in (the hour before the start) is not released: she came', async () => {
    s.clock.now = new Date('2026-11-28T00:30:00.000Z'); // Saturday 08:30
    const six = await s.userId(v(6));
    await s.ok(v(1), 'activities', 'markAttendance', { activityId: a.id, userId: six, mark: 'checkIn' });
    const before = s.snapshot();
    expect(await s.call(v(1), 'activities', 'releaseSignup', { activityId: a.id, userId: six, reason: '本人说来不了' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: '这个人已经签到了，不能再取消报名' },
    });
    expect(await s.call(v(6), 'activities', 'askRelease', { activityId: a.id, reason: '临时有事' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(s.snapshot()).toBe(before);
  });

  it('nothing is released once the activity has started: that is attendance (缺席)', async () => {
    s.clock.now = new Date('2026-11-28T01:00:00.000Z'); // Saturday 09:00
    const before = s.snapshot();
    const six = await s.userId(v(6));
    expect(await s.call(v(1), 'activities', 'releaseSignup', { activityId: a.id, userId: six, reason: '没来' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: '活动已经开始：来不了的人请在名单上记为缺席' },
    });
    expect(await s.call(v(6), 'activities', 'askRelease', { activityId: a.id, reason: '来不了了' })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(s.snapshot()).toBe(before);
  });
});

it('before the cancel deadline the volunteer cancels herself, and is told so', async () => {
  const a = await s.createActivity(v(1), { capacity: 3 });
  await signup(6, a.id);
  expect(await s.call(v(6), 'activities', 'askRelease', { activityId: a.id, reason: '临时有事' })).toMatchObject({
    ok: false,
    error: { code: 'WRONG_STATE', message: expect.stringContaining('您可以自己取消报名') },
  });
});

it('two leaders releasing two people at once promote the two first on the waitlist, each once', async () => {
  const a = await scheduledEarlier({ capacity: 2, cancelCloseMinutes: 25 * 60 + 30 });
  for (const n of [6, 7, 4, 8, 9]) await signup(n, a.id); // 6 and 7 hold the places; 4, 8, 9 wait in that order
  const [six, seven, four, eight, nine] = await Promise.all([6, 7, 4, 8, 9].map((n) => s.userId(v(n))));
  const [r1, r2] = await Promise.all([
    s.call<ActivitiesResults['releaseSignup']>(v(1), 'activities', 'releaseSignup', { activityId: a.id, userId: six, reason: '本人来不了' }),
    s.call<ActivitiesResults['releaseSignup']>('demo-admin', 'activities', 'releaseSignup', { activityId: a.id, userId: seven, reason: '本人来不了' }),
  ]);
  expect(r1.ok && r2.ok).toBe(true);
  const promoted = [r1, r2].map((r) => (r.ok ? r.data.promotedUserId : null)).sort();
  expect(promoted).toEqual([four, eight].sort());
  const roster = await s.ok<ActivitiesResults['roster']>(v(1), 'activities', 'roster', { activityId: a.id });
  expect(roster.signed.map((e) => e.userId).sort()).toEqual([four, eight].sort());
  expect(roster.waitlist.map((e) => e.userId)).toEqual([nine]);
  for (const n of [4, 8]) expect((await inbox(n)).filter((m) => m.kind === 'signup.promoted')).toHaveLength(1);
});
