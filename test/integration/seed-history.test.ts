/**
 * The demo street's year of history (server/seed-history.ts) on real SQLite: the report for this
 * month and the last twelve shows activities held, hours, credits earned, donated, granted and
 * redeemed; one 异议 waits for the street; the ledger verifies; the plan is the same on every run (seeded PRNG) and running the
 * history again writes nothing twice. Seeded as `npm start` seeds it (with the 老伙伴 demo), every
 * account's statement, issuance shards and the pool included, lists its lines in date order.
 */
import type { AdminResults, RecordsResults } from '../../cloudfunctions/core/api';
import { isIssuanceAccount, kindOfAccount, type MovementDoc } from '../../cloudfunctions/core/domain/ledger';
import { verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { scanAll } from '../../cloudfunctions/core/store/scan';
import { seedDemoStreet } from '../../server/seed';
import { demoPastDates } from '../../server/seed-activities';
import { planHistory, seedDemoHistory } from '../../server/seed-history';
import { openWorld, type TestWorld } from '../support/context';

const clock = { now: new Date('2026-12-04T02:00:00.000Z') };
let world: TestWorld;
let seq = 0;

const report = async (from: string, to: string) => {
  const r = await world.call<AdminResults['report']>('demo-admin', 'admin', 'report', { from, to }, `history-report-${seq++}`);
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
};

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { history: true, partners: true });
}, 120_000);
afterAll(() => world.close());

it("gives this month's report activities held and hours, and the year's chart hours in every month", async () => {
  const month = await report('2026-12-01', '2026-12-04');
  expect(month.activities.held).toBeGreaterThan(0);
  expect(month.service.byMonth.at(-1)!.minutes).toBeGreaterThan(0);
  const year = await report('2025-12-05', '2026-12-04');
  expect(year.service.byMonth.filter((m) => m.minutes > 0).length).toBeGreaterThanOrEqual(11);
  expect(year.activities.held).toBeGreaterThan(60);
  expect(year.timebank.earned.minutes).toBeGreaterThan(0);
  expect(year.timebank.donated.minutes).toBeGreaterThan(0);
  expect(year.timebank.granted.minutes).toBeGreaterThan(0);
  expect(year.timebank.redeemed.minutes).toBeGreaterThan(0);
});

/** Each account's lines written out of date order (the seq order is the order written, which statements list). */
async function backwardsLines(store: TestWorld['store']): Promise<{ backwards: string[]; byAccount: Map<string, MovementDoc[]> }> {
  const movements = await scanAll<MovementDoc>(store, 'movements', {}, '_id');
  const byAccount = new Map<string, MovementDoc[]>();
  for (const m of movements) byAccount.set(m.accountId, [...(byAccount.get(m.accountId) ?? []), m]);
  const backwards: string[] = [];
  for (const [account, lines] of byAccount) {
    lines.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < lines.length; i++)
      if (lines[i]!.at < lines[i - 1]!.at) backwards.push(`${account} #${lines[i]!.seq} ${lines[i]!.at} < ${lines[i - 1]!.at}`);
  }
  return { backwards, byAccount };
}

const byAccountLines = (byAccount: Map<string, MovementDoc[]>) => [...byAccount.values()].flat();

/** Which kinds of account the check went through: people, the pool and issuance shards, all there. */
const kindsChecked = (byAccount: Map<string, MovementDoc[]>) => [...new Set([...byAccount.keys()].map(kindOfAccount))].sort();

it('lists every account’s statement in date order, issuance and the pool included, as npm start seeds it', async () => {
  const { backwards, byAccount } = await backwardsLines(world.store);
  expect(kindsChecked(byAccount)).toEqual(['issuance', 'person', 'pool']);
  // More than one issuance shard has lines: the check covers the shards, not one document.
  expect([...byAccount.keys()].filter(isIssuanceAccount).length).toBeGreaterThan(1);
  // The 老伙伴 approval a day ago (written with the year of history, before today's lines) is among them.
  const dayAgo = new Date(clock.now.getTime() - 24 * 3600_000).toISOString();
  expect(byAccountLines(byAccount).filter((m) => m.at === dayAgo && m.kind === 'earn').length).toBeGreaterThan(0);
  expect(backwards).toEqual([]);
  // The volunteer who gives every month has both earned and given lines, interleaved by date.
  const giver = await world.store.get<{ _id: string; userId: string }>('identities', 'demo-v11');
  expect(new Set((byAccount.get(`user:${giver!.userId}`) ?? []).map((m) => m.kind))).toEqual(new Set(['earn', 'donate']));
});

it('writes every account in date order without the year of history too (the past activities and the 老伙伴 approval before today)', async () => {
  const other = openWorld(() => clock.now);
  try {
    await seedDemoStreet(other.deps, { partners: true });
    const { backwards, byAccount } = await backwardsLines(other.store);
    expect(kindsChecked(byAccount)).toEqual(['issuance', 'person', 'pool']);
    expect(backwards).toEqual([]);
    expect((await verifyLedger(other.store)).ok).toBe(true);
  } finally {
    other.close();
  }
});

it('leaves one 异议 for the street to mediate, on the patrol’s list and in the admin’s queue', async () => {
  const queue = await world.call<RecordsResults['appeals']>('demo-admin', 'records', 'appeals', {}, `history-appeals-${seq++}`);
  if (!queue.ok) throw new Error(queue.error.message);
  expect(queue.data.items).toHaveLength(1);
  expect(queue.data.items[0]).toMatchObject({
    state: 'rejected',
    teamId: 't_patrol',
    reason: '签到表上没有名字',
    appeal: { state: 'open', toldAdmins: 1, toldLeaders: 1 },
  });
  const team = await world.call<RecordsResults['team']>('demo-v01', 'records', 'team', { teamId: 't_patrol', appealed: true }, `history-team-${seq++}`);
  if (!team.ok) throw new Error(team.error.message);
  expect(team.data.items.map((r) => r.id)).toEqual([queue.data.items[0]!.id]);
});

it('keeps the ledger whole', async () => {
  const verified = await verifyLedger(world.store);
  expect(verified.ok).toBe(true);
});

it('plans the same year every time from the same day, never on the other past activities’ days', () => {
  const avoid = new Set(demoPastDates('2026-12-04'));
  const a = planHistory('2026-12-04', avoid);
  expect(planHistory('2026-12-04', avoid)).toEqual(a);
  expect(planHistory('2026-12-04', avoid, 7)).not.toEqual(a);
  for (const item of a) {
    expect(avoid.has(item.date)).toBe(false);
    expect(item.date < '2026-12-04').toBe(true);
    expect(item.date >= '2025-12-04').toBe(true);
  }
});

it('never has a team meet twice on one day, whatever day the seed runs', () => {
  for (let d = 0; d < 62; d++) {
    const today = new Date(Date.UTC(2026, 10, 1 + d)).toISOString().slice(0, 10);
    const plan = planHistory(today, new Set(demoPastDates(today)));
    const keys = plan.map((p) => `${p.teamId}|${p.date}`);
    expect(new Set(keys).size).toBe(keys.length);
  }
});

it('writes nothing twice when run again (a seed resumed after a crash)', async () => {
  const count = async (collection: 'activities' | 'serviceRecords') => (await scanAll(world.store, collection, {}, '_id')).length;
  const before = await report('2025-12-05', '2026-12-04');
  const activitiesBefore = await count('activities');
  const recordsBefore = await count('serviceRecords');
  await seedDemoHistory(world.deps, demoPastDates('2026-12-04'));
  const after = await report('2025-12-05', '2026-12-04');
  expect(after.activities.held).toBe(before.activities.held);
  expect(after.service.byMonth).toEqual(before.service.byMonth);
  expect(after.timebank).toEqual(before.timebank);
  expect(await count('activities')).toBe(activitiesBefore);
  expect(await count('serviceRecords')).toBe(recordsBefore);
  expect((await verifyLedger(world.store)).ok).toBe(true);
});
