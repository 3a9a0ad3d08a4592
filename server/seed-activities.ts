/**
 * The demo street's teams and activities, seeded through the dispatcher like everything else, so
 * they obey the same rules: members join their teams, a weekly patrol series every Saturday, a 握爪
 * event, a study walk, and two past activities whose volunteers checked in and out on the day (the
 * clock is set back for those calls). The past patrol is approved (community service: hours and
 * stars, no credits); of the past 握爪 pet-care visit (生活照料, earns credits) one record is approved
 * and one waits in the leader's approval queue.
 */
import { seedCall } from './seed-call';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { addDays, localParts, localToUtc } from '../cloudfunctions/core/domain/schedule';
import type { ActivitiesResults } from '../cloudfunctions/core/api';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

const DEMO_PLACES = {
  riverside: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
  square: { name: '新圆湾社区广场', latitude: 31.2352, longitude: 121.4889 },
  wetland: { name: '新圆湾湿地公园东门', latitude: 31.2419, longitude: 121.5013 },
};

/** The next date (Shanghai) falling on `weekday` strictly after today. */
function nextWeekday(today: string, weekday: number): string {
  const current = localParts(localToUtc(today, '12:00')).weekday;
  return addDays(today, (weekday - current + 7) % 7 || 7);
}

/** The days of the two past activities below, which the year of history (seed-history.ts) leaves alone. */
export function demoPastDates(today: string): string[] {
  return [addDays(nextWeekday(today, 6), -14), addDays(nextWeekday(today, 0), -14)];
}

/** A step of the seed that writes to the ledger, with when its credits move (to run in date order). */
export interface DatedStep {
  at: Date;
  run: () => Promise<void>;
}

/** Members: open teams take people at once; 老伙伴 needs the leader's approval. */
export async function seedDemoMembers(deps: RuntimeDeps): Promise<void> {
  const joins: Array<[number, string]> = [
    [4, 't_patrol'],
    [6, 't_patrol'],
    [7, 't_patrol'],
    [8, 't_patrol'],
    [9, 't_patrol'],
    [10, 't_patrol'],
    [11, 't_paws'],
    [12, 't_paws'],
    [13, 't_paws'],
    [14, 't_paws'],
    [15, 't_waterfront'],
    [16, 't_waterfront'],
    [4, 't_waterfront'],
    [18, 't_partners'],
    [17, 't_partners'],
  ];
  for (const [n, teamId] of joins) await seedCall(deps, 'teams', v(n), 'join', { teamId }, `seed-join-${v(n)}-${teamId}`);
  await seedCall(deps, 'teams', v(5), 'decide', { teamId: 't_partners', userId: await userIdOf(deps, v(18)), approve: true }, 'seed-decide-partners-v18');
}

/**
 * The two past activities, run on the day with the clock set back: one step each, dated when its
 * hours are approved, so the year of history (seed-history.ts) can run them in date order with its
 * own (a credit approved two weeks ago then lists below the history's later days, not above).
 */
export function demoPastSteps(deps: RuntimeDeps): DatedStep[] {
  const today = localParts((deps.now ?? (() => new Date()))()).date;
  const at = (d: Date): RuntimeDeps => ({ ...deps, now: () => d });
  const plus = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000);
  // Two past activities, run on the day with the clock set back.
  const [pastPatrolDate, pastPawsDate] = demoPastDates(today) as [string, string];
  const past = [
    {
      key: 'patrol',
      leader: v(1),
      teamId: 't_patrol',
      title: '周末巡河护林',
      category: 'community',
      place: DEMO_PLACES.riverside,
      date: pastPatrolDate,
      startTime: '09:00',
      endTime: '11:00',
      people: [4, 6, 7, 8],
      approve: 3,
    },
    {
      key: 'paws',
      leader: v(2),
      teamId: 't_paws',
      title: '握爪行动·帮独居老人遛狗喂猫',
      category: 'daily',
      place: DEMO_PLACES.square,
      date: pastPawsDate,
      startTime: '14:00',
      endTime: '16:00',
      people: [11, 12, 13],
      approve: 1,
    },
  ];
  return past.map((p) => ({ at: plus(localToUtc(p.date, p.startTime).toISOString(), 180), run: () => seedPast(p) }));

  async function seedPast(p: (typeof past)[number]): Promise<void> {
    const startAt = localToUtc(p.date, p.startTime).toISOString();
    const created = await seedCall<ActivitiesResults['create']>(
      at(plus(startAt, -6 * 24 * 60)),
      'activities',
      p.leader,
      'create',
      {
        teamId: p.teamId,
        title: p.title,
        category: p.category,
        place: p.place,
        date: p.date,
        startTime: p.startTime,
        endTime: p.endTime,
        capacity: 10,
        description: '演示数据：已结束的活动',
      },
      `seed-past-${p.key}`,
    );
    const activityId = created.activities[0]!.id;
    for (const n of p.people) await seedCall(at(plus(startAt, -5 * 24 * 60)), 'activities', v(n), 'signup', { activityId }, `seed-past-${p.key}-signup-${n}`);
    for (const [i, n] of p.people.entries()) {
      // The last person never came: the sweep marks them absent.
      if (i === p.people.length - 1) continue;
      const inAt = plus(startAt, 5 + i);
      const code = await seedCall<ActivitiesResults['checkinCode']>(at(inAt), 'activities', p.leader, 'checkinCode', { activityId });
      await seedCall(at(inAt), 'activities', v(n), 'checkIn', { activityId, token: code.token }, `seed-past-${p.key}-in-${n}`);
      const outAt = plus(startAt, 118 + i);
      const out = await seedCall<ActivitiesResults['checkinCode']>(at(outAt), 'activities', p.leader, 'checkinCode', { activityId });
      const result = await seedCall<ActivitiesResults['checkOut']>(
        at(outAt),
        'activities',
        v(n),
        'checkOut',
        { activityId, token: out.token },
        `seed-past-${p.key}-out-${n}`,
      );
      if (i < p.approve && result.recordId) {
        await seedCall(at(plus(startAt, 180)), 'records', p.leader, 'approve', { recordId: result.recordId }, `seed-past-${p.key}-approve-${n}`);
      }
    }
    await seedCall(at(plus(startAt, 200)), 'activities', p.leader, 'closeAttendance', { activityId }, `seed-past-${p.key}-close`);
  }
}

/**
 * The activities coming up. The two past ones are dated steps (demoPastSteps) that the seed runs in
 * date order with its other past ledger lines. Members must have joined first (seedDemoMembers).
 */
export async function seedDemoActivities(deps: RuntimeDeps): Promise<void> {
  const today = localParts((deps.now ?? (() => new Date()))()).date;

  // Coming up: the weekly patrol (every Saturday, eight weeks), a 握爪 event, a study walk with a geofence.
  const series = await seedCall<ActivitiesResults['create']>(
    deps,
    'activities',
    v(1),
    'create',
    {
      teamId: 't_patrol',
      title: '周末巡河护林',
      description: '沿 4.5 公里滨水岸线巡查，记录垃圾、护栏破损和违规垂钓。请穿运动鞋，队里提供马甲和夹子。',
      category: 'community',
      place: DEMO_PLACES.riverside,
      date: nextWeekday(today, 6),
      startTime: '09:00',
      endTime: '11:00',
      capacity: 12,
      cancelCloseMinutes: 12 * 60,
      repeatWeeks: 8,
    },
    'seed-series-patrol',
  );
  const paws = await seedCall<ActivitiesResults['create']>(
    deps,
    'activities',
    v(2),
    'create',
    {
      teamId: 't_paws',
      title: '握爪行动·文明养宠宣传',
      description: '在社区广场宣传文明养宠：牵绳、清理粪便、犬只登记；为独居老人的宠物提供照料帮助。',
      category: 'community',
      place: DEMO_PLACES.square,
      date: nextWeekday(today, 0),
      startTime: '14:00',
      endTime: '16:00',
      capacity: 8,
    },
    'seed-event-paws',
  );
  await seedCall(
    deps,
    'activities',
    v(3),
    'create',
    {
      teamId: 't_waterfront',
      title: '滨水生态研学漫步',
      description: '沿河认识水生植物和鸟类，向亲子家庭讲解生态保护。需到现场定位签到。',
      category: 'culture',
      place: DEMO_PLACES.wetland,
      date: addDays(nextWeekday(today, 6), 7),
      startTime: '14:00',
      endTime: '16:30',
      capacity: 20,
      minAge: 18,
      geofenceRadiusM: 300,
    },
    'seed-event-walk',
  );
  const firstPatrol = series.activities[0]!.id;
  for (const n of [4, 6, 7]) await seedCall(deps, 'activities', v(n), 'signup', { activityId: firstPatrol }, `seed-signup-patrol-${n}`);
  for (const n of [11, 12]) await seedCall(deps, 'activities', v(n), 'signup', { activityId: paws.activities[0]!.id }, `seed-signup-paws-${n}`);
}

async function userIdOf(deps: RuntimeDeps, openid: string): Promise<string> {
  const identity = await deps.store.get<{ _id: string; userId: string }>('identities', openid);
  if (!identity) throw new Error(`seed: ${openid} is not registered`);
  return identity.userId;
}
