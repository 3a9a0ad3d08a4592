/**
 * A year of the demo street's past, so the street report and its charts show something real on
 * first start: for each of the last twelve months, each team's activities held (two to four a
 * month), the members who signed up, checked in and out on the day, and the leader's approval of
 * their hours (hours become credits for the categories that earn them). Then, once a month, a
 * volunteer gives an hour to the community pool, the street grants half an hour from it to a senior
 * living alone, and she spends it on help the next afternoon (paid in credits).
 *
 * Everything goes through the dispatcher with the clock set back to when it happened, so the ledger
 * and the records obey the same rules as live ones. Deterministic: a seeded PRNG (mulberry32) picks
 * the dates, titles and people; the dates count back from the seed's own today, so "the last twelve
 * months" always has data. Every call has a fixed requestId (from the month, team and index), so a
 * seed cut off half-way is completed by the next start (server/seed.ts).
 *
 * Off unless asked: the local server asks for it outside tests (about 1,600 calls, a few seconds);
 * tests that need an empty past keep it.
 */
import { seedCall } from './seed-call';
import { mulberry32 } from '../cloudfunctions/core/domain/prng';
import type { RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { addDays, localParts, localToUtc } from '../cloudfunctions/core/domain/schedule';
import type { ActivitiesResults } from '../cloudfunctions/core/api';
import type { DatedStep } from './seed-activities';
import { POOL_DONATION } from './seed-seniors';
import { scanAll } from '../cloudfunctions/core/store/scan';
import type { MovementDoc } from '../cloudfunctions/core/domain/ledger';

const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

interface Kind {
  title: string;
  category: string;
  place: { name: string; latitude: number; longitude: number };
  startTime: string;
  endTime: string;
}

const PLACES = {
  riverside: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
  square: { name: '新圆湾社区广场', latitude: 31.2352, longitude: 121.4889 },
  wetland: { name: '新圆湾湿地公园东门', latitude: 31.2419, longitude: 121.5013 },
  centre: { name: '新时代文明实践分中心', latitude: 31.2368, longitude: 121.4905 },
};

/** Each team's usual activities and members; times never overlap across teams on one day. */
const TEAMS: Array<{ teamId: string; leader: string; members: number[]; kinds: Kind[] }> = [
  {
    teamId: 't_patrol',
    leader: v(1),
    members: [4, 6, 7, 8, 9, 10],
    kinds: [
      { title: '周末巡河护林', category: 'community', place: PLACES.riverside, startTime: '07:30', endTime: '09:30' },
      { title: '林带清洁行动', category: 'community', place: PLACES.riverside, startTime: '07:30', endTime: '09:00' },
    ],
  },
  {
    teamId: 't_paws',
    leader: v(2),
    members: [11, 12, 13, 14],
    kinds: [
      { title: '握爪行动·帮独居老人遛狗喂猫', category: 'daily', place: PLACES.square, startTime: '16:30', endTime: '18:00' },
      { title: '文明养宠宣传', category: 'community', place: PLACES.square, startTime: '16:30', endTime: '18:00' },
    ],
  },
  {
    teamId: 't_waterfront',
    leader: v(3),
    members: [15, 16, 4],
    kinds: [
      { title: '滨水生态研学漫步', category: 'culture', place: PLACES.wetland, startTime: '10:00', endTime: '12:00' },
      { title: '长者智能手机课堂', category: 'training', place: PLACES.centre, startTime: '10:00', endTime: '11:30' },
    ],
  },
];

export interface HistoryPlanItem {
  key: string;
  teamId: string;
  leader: string;
  kind: Kind;
  date: string;
  people: number[];
}

/**
 * What the year holds, decided before anything is written: dates from a year ago up to three days
 * ago or earlier this month, none on a day in `avoid` (the other seeded past activities' days).
 */
export function planHistory(today: string, avoid: ReadonlySet<string>, seed = 20261205): HistoryPlanItem[] {
  const random = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const plan: HistoryPlanItem[] = [];
  // Days of this calendar month before today (0 on the 1st).
  const thisMonthDays = Number(today.slice(8, 10)) - 1;
  const usedDays = new Map<string, Set<string>>();
  for (let month = 11; month >= 0; month--) {
    for (const team of TEAMS) {
      const count = 2 + Math.floor(random() * 3);
      // A team meets at most once a day (its members would otherwise be signed up twice at one time).
      const used = usedDays.get(team.teamId) ?? new Set<string>();
      usedDays.set(team.teamId, used);
      for (let i = 0; i < count; i++) {
        // Month m (1–11) is the 27 days ending m×30 − 27 days back: 30-day steps from today keep it
        // simple and even. Month 0 is this calendar month before today, so its report is not empty
        // (on the 1st there is none, and it repeats month 1's window).
        const date =
          month === 0 && thisMonthDays > 0
            ? addDays(today, -(1 + Math.floor(random() * thisMonthDays)))
            : addDays(today, -((month || 1) * 30 - 27 + Math.floor(random() * 27)));
        if (avoid.has(date) || used.has(date)) continue;
        used.add(date);
        const size = Math.min(team.members.length, 2 + Math.floor(random() * 3));
        const people = [...team.members].sort(() => random() - 0.5).slice(0, size);
        plan.push({ key: `${month}-${team.teamId}-${i}`, teamId: team.teamId, leader: team.leader, kind: pick(team.kinds), date, people });
      }
    }
  }
  return plan.sort((a, b) => a.date.localeCompare(b.date) || a.key.localeCompare(b.key));
}

/**
 * Runs in date order: each activity held is one step (dated when its hours are approved), each
 * month's donation, grant and help is one step (dated the evening of the donation), and `extra`
 * (the two seeded past activities, server/seed-activities.ts) join them. Statements list the
 * ledger newest first in the order it was written, so writing a month's donation after the whole
 * year's activities (as this once did) listed a donation of last spring above last week's hours.
 */
export async function seedDemoHistory(
  deps: RuntimeDeps,
  avoidDates: readonly string[] = [],
  extra: readonly DatedStep[] = [],
): Promise<{ activities: number; approved: number }> {
  const today = localParts((deps.now ?? (() => new Date()))()).date;
  const at = (d: Date): RuntimeDeps => ({ ...deps, now: () => d });
  const plus = (base: string, minutes: number) => new Date(Date.parse(base) + minutes * 60_000);
  const plan = planHistory(today, new Set(avoidDates));
  let approved = 0;
  const steps: DatedStep[] = [];
  for (const item of plan) {
    const approveAt = localToUtc(item.date, item.kind.endTime).getTime() + 120 * 60_000;
    steps.push({ at: new Date(approveAt), run: () => holdActivity(item) });
  }
  async function holdActivity(item: HistoryPlanItem): Promise<void> {
    const startAt = localToUtc(item.date, item.kind.startTime).toISOString();
    const endAt = localToUtc(item.date, item.kind.endTime).toISOString();
    const minutes = (Date.parse(endAt) - Date.parse(startAt)) / 60_000;
    const created = await seedCall<ActivitiesResults['create']>(
      at(plus(startAt, -7 * 24 * 60)),
      'activities',
      item.leader,
      'create',
      {
        teamId: item.teamId,
        title: item.kind.title,
        category: item.kind.category,
        place: item.kind.place,
        date: item.date,
        startTime: item.kind.startTime,
        endTime: item.kind.endTime,
        capacity: 8,
        description: '演示数据：过去一年里办过的活动',
      },
      `seed-history-${item.key}`,
    );
    const activityId = created.activities[0]!.id;
    for (const n of item.people)
      await seedCall(at(plus(startAt, -3 * 24 * 60)), 'activities', v(n), 'signup', { activityId }, `seed-history-${item.key}-signup-${n}`);
    // The leader's code rotates: each person scans the one showing at their minute.
    const code = async (when: Date) =>
      (await seedCall<ActivitiesResults['checkinCode']>(at(when), 'activities', item.leader, 'checkinCode', { activityId })).token;
    for (const [i, n] of item.people.entries()) {
      const when = plus(startAt, 3 + i);
      await seedCall(at(when), 'activities', v(n), 'checkIn', { activityId, token: await code(when) }, `seed-history-${item.key}-in-${n}`);
    }
    for (const [i, n] of item.people.entries()) {
      const when = plus(startAt, minutes - 1 + i);
      const out = await seedCall<ActivitiesResults['checkOut']>(
        at(when),
        'activities',
        v(n),
        'checkOut',
        { activityId, token: await code(when) },
        `seed-history-${item.key}-out-${n}`,
      );
      if (out.recordId) {
        await seedCall(
          at(plus(startAt, minutes + 120)),
          'records',
          item.leader,
          'approve',
          { recordId: out.recordId },
          `seed-history-${item.key}-approve-${n}`,
        );
        approved += 1;
      }
    }
    await seedCall(at(plus(startAt, minutes + 150)), 'activities', item.leader, 'closeAttendance', { activityId }, `seed-history-${item.key}-close`);
  }
  steps.push(...extra);

  // Once a month, the 握爪 team's first member gives an hour of what they earned to the community
  // pool, and the street grants an hour from the pool to a senior living alone.
  const senior = await deps.store.get<{ _id: string; userId: string }>('identities', 'demo-s01');
  const notEnough = (e: unknown) => {
    // Not enough earned yet in the first months: nothing to give, which is fine; anything else is not.
    if (!(e instanceof Error && e.message.includes('INSUFFICIENT_BALANCE'))) throw e;
  };
  for (let month = 10; month >= 0; month--) {
    const day = addDays(today, -(month * 30 + 1));
    steps.push({ at: localToUtc(day, '20:00'), run: () => monthOfGiving(month, day) });
  }
  // The pool's first donation opens the year (the seniors' seed repeats the same request: a no-op),
  // so every month's grant finds the pool funded, on the first run and on a resumed one alike.
  await seedCall(at(localToUtc(addDays(today, -366), '09:00')), 'timebank', 'demo-admin', 'adjust', POOL_DONATION.data, POOL_DONATION.requestId);
  const giver = await deps.store.get<{ _id: string; userId: string }>('identities', v(11));
  /**
   * What the giver could use just before `when`, from the ledger as written up to then: whether
   * to donate depends on the past only, so a resumed seed (the giver richer by then) decides the
   * same and never adds a donation dated before lines already written.
   */
  const availableBefore = async (when: Date): Promise<number> => {
    if (!giver) return 0;
    const lines = await scanAll<MovementDoc>(deps.store, 'movements', { accountId: `user:${giver.userId}` }, '_id');
    const last = lines.filter((l) => Date.parse(l.at) < when.getTime()).sort((a, b) => b.seq - a.seq)[0];
    return last ? last.balanceAfter - last.debitsPendingAfter : 0;
  };
  // Stable: an activity approved at 20:00 on a donation's day stays before the donation.
  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const step of steps) await step.run();
  await seedDemoDispute(deps, today);
  return { activities: plan.length, approved };

  async function monthOfGiving(month: number, day: string): Promise<void> {
    const donateAt = localToUtc(day, '20:05');
    if ((await availableBefore(donateAt)) >= 60)
      await seedCall(at(donateAt), 'timebank', v(11), 'donate', { minutes: 60, note: '捐给社区互助池' }, `seed-history-donate-${month}`);
    if (!senior) return;
    const granted = await seedCall(
      at(localToUtc(day, '20:30')),
      'timebank',
      'demo-admin',
      'grant',
      { toUserId: senior.userId, minutes: 30, reason: '独居老人助餐补贴（演示数据）' },
      `seed-history-grant-${month}`,
    ).then(
      () => true,
      (e: unknown) => (notEnough(e), false),
    );
    // The senior spends it the next afternoon: half an hour of help, paid in credits.
    const helpDay = addDays(day, 1);
    if (!granted || helpDay >= today) return;
    const request = await seedCall<{ id: string }>(
      at(localToUtc(day, '20:45')),
      'help',
      'demo-s01',
      'create',
      { seniorId: senior.userId, category: 'daily', date: helpDay, startTime: '14:00', endTime: '14:30', minutes: 30, funding: 'credits' },
      `seed-history-help-${month}`,
    );
    await seedCall(at(localToUtc(day, '21:00')), 'help', v(12), 'accept', { requestId: request.id }, `seed-history-help-${month}-accept`);
    await seedCall(at(localToUtc(helpDay, '14:35')), 'help', v(12), 'reportDone', { requestId: request.id, minutes: 30 }, `seed-history-help-${month}-done`);
    await seedCall(at(localToUtc(helpDay, '14:40')), 'help', 'demo-s01', 'confirm', { requestId: request.id }, `seed-history-help-${month}-confirm`);
  }
}

/**
 * One 异议 the street has yet to mediate, so the admin's queue (异议) and the patrol leader's 有异议
 * tab show one: four days ago 王建国 recorded a morning's patrol for a member, sent it back the next
 * evening (no name on the sign-in sheet), and she appealed two days ago. No credits move, so it
 * leaves the ledger's date order alone.
 */
async function seedDemoDispute(deps: RuntimeDeps, today: string): Promise<void> {
  const at = (day: string, time: string): RuntimeDeps => ({ ...deps, now: () => localToUtc(day, time) });
  const member = await deps.store.get<{ _id: string; userId: string }>('identities', v(6));
  if (!member) return;
  const served = addDays(today, -4);
  const record = await seedCall<{ id: string }>(
    at(served, '12:30'),
    'records',
    v(1),
    'create',
    {
      volunteerId: member.userId,
      teamId: 't_patrol',
      category: 'community',
      date: served,
      place: '滨江步道南段',
      content: '巡河捡拾垃圾、劝导钓鱼人员',
      minutes: 150,
    },
    'seed-dispute-record',
  );
  await seedCall(at(addDays(today, -3), '20:00'), 'records', v(1), 'reject', { recordId: record.id, reason: '签到表上没有名字' }, 'seed-dispute-reject');
  await seedCall(
    at(addDays(today, -2), '09:10'),
    'records',
    v(6),
    'appeal',
    { recordId: record.id, reason: '那天 9 点就到了，手机没电没能扫签到码，和队友一起巡到 11 点半，同组的队友可以作证' },
    'seed-dispute-appeal',
  );
}
