/** Scheduling by leaders: one-off and weekly series, edits one by one or from a date on, cancellation with notices. */
import type { ActivitiesResults, ActivityView, InboxResults } from '../../cloudfunctions/core/api';
import { openStreet, v, type Street } from '../support/activities';

let s: Street;
beforeEach(async () => {
  s = await openStreet(); // Friday 2026-11-27 08:00 in Shanghai
});
afterEach(() => s.close());

const place = { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 };
const series = (over: object = {}) => ({
  teamId: 't_patrol',
  title: '周末巡河护林',
  category: 'community',
  place,
  date: '2026-11-28',
  startTime: '09:00',
  endTime: '11:00',
  capacity: 12,
  repeatWeeks: 8,
  ...over,
});

async function teamActivities(teamId: string, includeCancelled = false): Promise<ActivityView[]> {
  return (await s.ok<ActivitiesResults['list']>(v(4), 'activities', 'list', { teamId, includeCancelled, limit: 50 })).items;
}

describe('creating', () => {
  it('creates every Saturday 09:00–11:00 for eight weeks in one step', async () => {
    const created = await s.ok<ActivitiesResults['create']>(v(1), 'activities', 'create', series());
    expect(created.seriesId).toMatch(/^s_/);
    expect(created.activities.map((a) => a.date)).toEqual([
      '2026-11-28',
      '2026-12-05',
      '2026-12-12',
      '2026-12-19',
      '2026-12-26',
      '2027-01-02',
      '2027-01-09',
      '2027-01-16',
    ]);
    expect(created.activities.map((a) => a.timeText)[1]).toBe('12月5日（周六）09:00–11:00');
    expect(created.activities.map((a) => a.seriesIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(created.activities[0]).toMatchObject({ startAt: '2026-11-28T01:00:00.000Z', capacity: 12, signedCount: 0, placesLeft: 12, phase: 'upcoming' });
    expect(await teamActivities('t_patrol')).toHaveLength(8);
    const detail = await s.ok<ActivitiesResults['detail']>(v(4), 'activities', 'detail', { activityId: created.activities[2]!.id });
    expect(detail).toMatchObject({ seriesCount: 8, canManage: false, signupBlocked: null, startsSoon: false, checkInOpen: false, cancelDeadlinePassed: false });
    expect(detail.checkInOpensAt).toBe('2026-12-12T00:00:00.000Z');
    expect((await s.ok<ActivitiesResults['detail']>(v(1), 'activities', 'detail', { activityId: created.activities[2]!.id })).canManage).toBe(true);
  });

  it('a calendar window shows only its days, and guests may browse', async () => {
    await s.ok(v(1), 'activities', 'create', series());
    const december = await s.ok<ActivitiesResults['list']>('a-guest', 'activities', 'list', { from: '2026-12-01', to: '2026-12-31' });
    expect(december.items.map((a) => a.date)).toEqual(['2026-12-05', '2026-12-12', '2026-12-19', '2026-12-26']);
    expect(december.items.every((a) => a.my === null)).toBe(true);
  });

  it('pages by cursor without repeating or skipping', async () => {
    await s.ok(v(1), 'activities', 'create', series({ repeatWeeks: 7 }));
    await s.ok(v(2), 'activities', 'create', series({ teamId: 't_paws', title: '握爪行动', startTime: '14:00', endTime: '16:00', repeatWeeks: 6 }));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: ActivitiesResults['list'] = await s.ok(v(4), 'activities', 'list', { limit: 5, ...(after ? { after } : {}) });
      seen.push(...page.items.map((a) => a.startAt));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(13);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters the list by team and by category, and tells a series apart from a one-off', async () => {
    const patrol = await s.ok<ActivitiesResults['create']>(v(1), 'activities', 'create', series({ repeatWeeks: 3 }));
    await s.ok(
      v(2),
      'activities',
      'create',
      series({ teamId: 't_paws', title: '握爪行动', category: 'culture', startTime: '14:00', endTime: '16:00', repeatWeeks: 1 }),
    );
    const all = await s.ok<ActivitiesResults['list']>(v(4), 'activities', 'list', { limit: 50 });
    expect(all.items).toHaveLength(4);
    const byCategory = await s.ok<ActivitiesResults['list']>(v(4), 'activities', 'list', { category: 'culture', limit: 50 });
    expect(byCategory.items.map((a) => [a.title, a.categoryName])).toEqual([['握爪行动', '文体活动']]);
    expect(byCategory.items[0]!.series).toBeUndefined();
    const byTeam = await s.ok<ActivitiesResults['list']>(v(4), 'activities', 'list', { teamId: 't_patrol', category: 'community', limit: 50 });
    expect(byTeam.items.map((a) => a.date)).toEqual(['2026-11-28', '2026-12-05', '2026-12-12']);
    // Saturday is weekday 6; the list carries the series size so the app can show it once.
    expect(byTeam.items.map((a) => a.series)).toEqual([
      { weekday: 6, count: 3 },
      { weekday: 6, count: 3 },
      { weekday: 6, count: 3 },
    ]);
    expect((await s.ok<ActivitiesResults['list']>(v(4), 'activities', 'list', { teamId: 't_paws', category: 'community' })).items).toEqual([]);
    const bad = await s.call(v(4), 'activities', 'list', { category: 'NOT A CATEGORY' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '请选择服务类别' } });

    const filters = await s.ok<ActivitiesResults['filters']>('a-guest', 'activities', 'filters', {});
    expect(filters.teams.map((t) => t.id)).toEqual(expect.arrayContaining(['t_patrol', 't_paws']));
    expect(filters.categories).toContainEqual({ id: 'culture', name: '文体活动', earnsCredits: true });
    // What the leader's activity form needs of the policy (timebank.policy is the admin's): names and whether they earn credits.
    expect(filters.categories).toContainEqual({ id: 'community', name: '社区志愿服务（巡河护林、文明养宠等）', earnsCredits: false });

    // The detail lists the series' dates that have not ended, this one included; cancelled ones say so.
    await s.ok(v(1), 'activities', 'cancel', { activityId: patrol.activities[1]!.id, reason: '暴雨预警' });
    const detail = await s.ok<ActivitiesResults['detail']>(v(4), 'activities', 'detail', { activityId: patrol.activities[0]!.id });
    expect(detail.seriesDates.map((d) => [d.date, d.startTime, d.status, d.placesLeft])).toEqual([
      ['2026-11-28', '09:00', 'scheduled', 12],
      ['2026-12-05', '09:00', 'cancelled', 12],
      ['2026-12-12', '09:00', 'scheduled', 12],
    ]);
    const oneOff = await s.ok<ActivitiesResults['detail']>(v(4), 'activities', 'detail', { activityId: byCategory.items[0]!.id });
    expect(oneOff.seriesDates).toEqual([]);
  });

  it('refuses bad schedules with reasons and writes nothing', async () => {
    const before = s.snapshot();
    const cases: Array<[object, string, string]> = [
      [series({ date: '2026-11-26' }), 'VALIDATION', '活动开始时间已过，请选择以后的时间'],
      [series({ endTime: '08:00' }), 'VALIDATION', '结束时间必须晚于开始时间'],
      [series({ category: 'nonsense' }), 'VALIDATION', '请选择服务类别'],
      [series({ capacity: 0 }), 'VALIDATION', '名额至少 1 人'],
      [series({ date: '2026-02-30' }), 'VALIDATION', '日期格式应为 YYYY-MM-DD'],
      [series({ repeatWeeks: 60 }), 'VALIDATION', '每周活动最多一次排 26 周'],
      [series({ minAge: 10 }), 'VALIDATION', '最低年龄不能小于 14 岁（14 岁以下不能注册）'],
      [series({ teamId: 't_paws' }), 'FORBIDDEN', '只有本队队长或管理员可以为本队安排活动'],
      [series({ extra: 1 }), 'VALIDATION', ''],
    ];
    for (const [data, code, message] of cases) {
      const result = await s.call(v(1), 'activities', 'create', data);
      expect(result).toMatchObject({ ok: false, error: { code } });
      if (message && !result.ok) expect(result.error.message).toBe(message);
    }
    expect(await s.call(v(4), 'activities', 'create', series())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(s.snapshot()).toBe(before);
  });

  it('is idempotent on requestId', async () => {
    const first = await s.call(v(1), 'activities', 'create', series(), 'create-once-0001');
    const again = await s.call(v(1), 'activities', 'create', series(), 'create-once-0001');
    expect(again).toEqual(first);
    expect(await s.world.store.count('activities')).toBe(8);
  });
});

describe('editing', () => {
  let ids: string[];
  beforeEach(async () => {
    ids = (await s.ok<ActivitiesResults['create']>(v(1), 'activities', 'create', series())).activities.map((a) => a.id);
  });

  it('a leader editing another team’s activity is refused and nothing is written', async () => {
    const before = s.snapshot();
    for (const [action, data] of [
      ['update', { activityId: ids[0], changes: { title: '改掉别人的活动' } }],
      ['update', { activityId: ids[0], scope: 'following', changes: { startTime: '07:00' } }],
      ['cancel', { activityId: ids[0], reason: '不是我的活动' }],
    ] as const) {
      expect(await s.call(v(2), 'activities', action, data)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: expect.stringContaining('本队') },
      });
    }
    expect(await s.call(v(4), 'activities', 'update', { activityId: ids[0], changes: { title: '志愿者改活动' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(s.snapshot()).toBe(before);
  });

  it('moves one occurrence and tells everyone signed up, including the waitlist', async () => {
    await s.ok(v(1), 'activities', 'update', { activityId: ids[1], changes: { capacity: 1 } });
    await s.ok(v(4), 'activities', 'signup', { activityId: ids[1] });
    await s.ok(v(6), 'activities', 'signup', { activityId: ids[1] });
    const moved = await s.ok<ActivitiesResults['update']>(v(1), 'activities', 'update', {
      activityId: ids[1],
      changes: { date: '2026-12-06', startTime: '08:30', endTime: '10:30' },
    });
    expect(moved.notified).toBe(2);
    expect(moved.activities[0]).toMatchObject({ date: '2026-12-06', timeText: '12月6日（周日）08:30–10:30', seriesIndex: 2 });
    const others = await teamActivities('t_patrol');
    expect(others.filter((a) => a.id !== ids[1]).every((a) => a.startTime === '09:00')).toBe(true);
    for (const n of [4, 6]) {
      const inbox = await s.ok<InboxResults['list']>(v(n), 'inbox', 'list');
      expect(inbox.items[0]).toMatchObject({
        kind: 'activity.moved',
        activityId: ids[1],
        title: '活动时间调整',
        body: expect.stringContaining('12月6日（周日）08:30–10:30'),
      });
      // Where it was before, beside where it is now.
      expect(inbox.items[0]!.body).toMatch(/时间由 .+ 改为 12月6日（周日）08:30–10:30；地点：/);
    }
    // "My activities" follows the move.
    const mine = await s.ok<ActivitiesResults['mine']>(v(4), 'activities', 'mine');
    expect(mine.items[0]).toMatchObject({ id: ids[1], startAt: '2026-12-06T00:30:00.000Z' });
  });

  it('changes this and every later occurrence, leaving the earlier ones', async () => {
    const result = await s.ok<ActivitiesResults['update']>(v(1), 'activities', 'update', {
      activityId: ids[2],
      scope: 'following',
      changes: { startTime: '08:30', endTime: '10:30', capacity: 15, place: { ...place, name: '滨江步道南入口' } },
    });
    expect(result.activities.map((a) => a.date)).toEqual(['2026-12-12', '2026-12-19', '2026-12-26', '2027-01-02', '2027-01-09', '2027-01-16']);
    const all = await teamActivities('t_patrol');
    expect(all.map((a) => `${a.startTime}/${a.capacity}/${a.place.name}`)).toEqual([
      '09:00/12/滨江步道北入口',
      '09:00/12/滨江步道北入口',
      ...Array(6).fill('08:30/15/滨江步道南入口'),
    ]);
  });

  it('moving the date of a whole run is refused: dates move one by one', async () => {
    expect(await s.call(v(1), 'activities', 'update', { activityId: ids[0], scope: 'following', changes: { date: '2026-11-29' } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '改日期只能逐次修改；要改以后每次的时间，请修改开始和结束时间' },
    });
  });

  it('capacity cannot drop below the people signed; raising it promotes the waitlist in order', async () => {
    await s.ok(v(1), 'activities', 'update', { activityId: ids[0], changes: { capacity: 2 } });
    for (const n of [4, 6, 7, 8]) await s.ok(v(n), 'activities', 'signup', { activityId: ids[0] });
    const before = s.snapshot();
    expect(await s.call(v(1), 'activities', 'update', { activityId: ids[0], changes: { capacity: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '11月28日的活动已有 2 人报名，名额不能少于 2' },
    });
    expect(s.snapshot()).toBe(before);
    const raised = await s.ok<ActivitiesResults['update']>(v(1), 'activities', 'update', { activityId: ids[0], changes: { capacity: 3 } });
    expect(raised.activities[0]).toMatchObject({ signedCount: 3, waitlistCount: 1 });
    const seven = await s.ok<ActivitiesResults['detail']>(v(7), 'activities', 'detail', { activityId: ids[0] });
    expect(seven.my).toMatchObject({ state: 'signed' });
    const eight = await s.ok<ActivitiesResults['detail']>(v(8), 'activities', 'detail', { activityId: ids[0] });
    expect(eight.my).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    expect((await s.ok<InboxResults['list']>(v(7), 'inbox', 'list')).items[0]).toMatchObject({ kind: 'signup.promoted', activityId: ids[0] });
    expect((await s.ok<InboxResults['list']>(v(8), 'inbox', 'list')).items).toHaveLength(0);
  });

  it('cancels from a date on and tells everyone; a cancelled activity can no longer be edited', async () => {
    await s.ok(v(4), 'activities', 'signup', { activityId: ids[5] });
    await s.ok(v(6), 'activities', 'signup', { activityId: ids[6] });
    const result = await s.ok<ActivitiesResults['cancel']>(v(1), 'activities', 'cancel', { activityId: ids[5], scope: 'following', reason: '河道清淤施工' });
    expect(result.activities).toHaveLength(3);
    expect(result.notified).toBe(2);
    expect(await teamActivities('t_patrol')).toHaveLength(5);
    expect((await teamActivities('t_patrol', true)).filter((a) => a.status === 'cancelled')).toHaveLength(3);
    const inbox = await s.ok<InboxResults['list']>(v(4), 'inbox', 'list');
    expect(inbox.items[0]).toMatchObject({ kind: 'activity.cancelled', body: expect.stringContaining('河道清淤施工') });
    expect(await s.call(v(1), 'activities', 'update', { activityId: ids[5], changes: { capacity: 20 } })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(await s.call(v(9), 'activities', 'signup', { activityId: ids[5] })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE', message: '这个活动已取消，不能报名' },
    });
  });

  it('an activity that has started cannot be edited or cancelled', async () => {
    s.clock.now = new Date('2026-11-28T01:30:00.000Z');
    expect(await s.call(v(1), 'activities', 'update', { activityId: ids[0], changes: { capacity: 20 } })).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(await s.call(v(1), 'activities', 'cancel', { activityId: ids[0], reason: '下雨' })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
    // "From this date on" still reaches the later ones from an upcoming occurrence.
    const later = await s.ok<ActivitiesResults['cancel']>(v(1), 'activities', 'cancel', { activityId: ids[6], scope: 'following', reason: '寒假暂停' });
    expect(later.activities).toHaveLength(2);
  });
});
