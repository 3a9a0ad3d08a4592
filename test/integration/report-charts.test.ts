/**
 * The street report's chart series on real SQLite with known records in a year the demo street has no
 * data for: hours by month (12 months ending with the period's, empty months as zero, the pending and
 * the too-old left out), 老伙伴 coverage by week (on time / late / unreachable by the programme's
 * interval, contacts just outside the period ignored), help requests by state; and `teams.month`, a
 * team's month day by day, for its leader and the admin only.
 */
import type { AdminResults, TeamsResults } from '../../cloudfunctions/core/api';
import { seedDemoStreet } from '../../server/seed';
import { coverageChart } from '../../src/packages/admin/report/charts';
import { messages as reportMessages } from '../../src/packages/admin/report/messages';
import { openWorld, type TestWorld } from '../support/context';

const clock = { now: new Date('2026-11-27T06:00:00.000Z') };
let world: TestWorld;
let seq = 0;

async function call<T>(openid: string, fn: string, action: string, data: object = {}) {
  return world.call<T>(openid, fn as never, action, data, `charts-req-${seq++}`);
}
async function ok<T>(openid: string, fn: string, action: string, data: object = {}): Promise<T> {
  const r = await call<T>(openid, fn, action, data);
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

const insert = (collection: string, docs: object[]) =>
  world.store.transaction(async (tx) => {
    for (const d of docs) await tx.create(collection as never, d as never);
  });

const record = (id: string, date: string, minutes: number, state = 'approved', teamId = 't_patrol') => ({
  _id: id,
  volunteerId: 'u_chart_volunteer',
  teamId,
  category: 'community',
  categoryName: '社区志愿服务',
  date,
  minutes,
  state,
  createdAt: `${date}T02:00:00.000Z`,
  updatedAt: `${date}T02:00:00.000Z`,
});
const contact = (id: string, seniorId: string, at: string, outcome: string) => ({
  _id: id,
  seniorId,
  volunteerId: 'u_chart_volunteer',
  committeeId: 'c_chart',
  at,
  channel: 'phone',
  outcome,
  needs: [],
  followUpEnc: '',
  noteEnc: '',
  minutes: null,
  recordId: null,
  recordState: 'none',
  alertId: null,
  createdAt: at,
  updatedAt: at,
});
const help = (id: string, state: string, createdAt: string) => ({
  _id: id,
  state,
  createdAt,
  startAt: createdAt,
  endAt: createdAt,
  minutes: 30,
  updatedAt: createdAt,
});

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps);
  await insert('serviceRecords', [
    record('sr_chart_old', '2024-03-31', 60),
    record('sr_chart_1', '2024-04-01', 30),
    record('sr_chart_2', '2024-04-15', 45),
    record('sr_chart_3', '2024-12-31', 120),
    record('sr_chart_4', '2025-03-05', 90),
    record('sr_chart_pending', '2025-03-06', 50, 'pending'),
  ]);
  await insert('contacts', [
    // Before the period: only the baseline for the first contact in it.
    contact('ct_chart_0', 's_chart_a', '2025-02-26T02:00:00.000Z', 'ok'),
    contact('ct_chart_1', 's_chart_a', '2025-03-01T02:00:00.000Z', 'ok'), // 72 h later: on time (week of 02-24)
    contact('ct_chart_2', 's_chart_a', '2025-03-06T02:00:00.000Z', 'ok'), // 120 h: late
    contact('ct_chart_3', 's_chart_a', '2025-03-07T02:00:00.000Z', 'unreachable'),
    contact('ct_chart_4', 's_chart_a', '2025-03-08T02:00:00.000Z', 'worried'), // 48 h after the last reach: on time
    contact('ct_chart_5', 's_chart_b', '2025-03-18T02:00:00.000Z', 'ok'), // none before: late
    contact('ct_chart_6', 's_chart_b', '2025-03-31T10:00:00.000Z', 'ok'), // 18:00 on the last day: late
    contact('ct_chart_7', 's_chart_b', '2025-03-31T17:00:00.000Z', 'ok'), // 01:00 on 1 April in Shanghai: outside
  ]);
  await insert('helpRequests', [
    help('hr_chart_1', 'completed', '2025-03-02T02:00:00.000Z'),
    help('hr_chart_2', 'cancelled', '2025-03-03T02:00:00.000Z'),
    help('hr_chart_3', 'cancelled', '2025-03-04T02:00:00.000Z'),
    help('hr_chart_4', 'expired', '2025-03-10T02:00:00.000Z'),
    help('hr_chart_5', 'completed', '2025-03-31T17:00:00.000Z'), // April in Shanghai
  ]);
});
afterAll(() => world.close());

const report = (from: string, to: string) => ok<AdminResults['report']>('demo-admin', 'admin', 'report', { from, to });

it('gives hours by month for the 12 months ending with the period, empty months as zero', async () => {
  const r = await report('2025-03-01', '2025-03-31');
  expect(r.service.byMonth.map((m) => m.month)).toEqual([
    '2024-04',
    '2024-05',
    '2024-06',
    '2024-07',
    '2024-08',
    '2024-09',
    '2024-10',
    '2024-11',
    '2024-12',
    '2025-01',
    '2025-02',
    '2025-03',
  ]);
  const byMonth = Object.fromEntries(r.service.byMonth.map((m) => [m.month, [m.count, m.minutes]]));
  expect(byMonth).toEqual({
    '2024-04': [2, 75],
    '2024-05': [0, 0],
    '2024-06': [0, 0],
    '2024-07': [0, 0],
    '2024-08': [0, 0],
    '2024-09': [0, 0],
    '2024-10': [0, 0],
    '2024-11': [0, 0],
    '2024-12': [1, 120],
    '2025-01': [0, 0],
    '2025-02': [0, 0],
    '2025-03': [1, 90],
  });
  expect(r.service.byMonth[11]!.hours).toBe('1小时30分');
  // The period's own figure is the last month's bar.
  expect(r.service.approved.minutes).toBe(90);
  expect(r.service.byTeam).toEqual([expect.objectContaining({ teamId: 't_patrol', minutes: 90, count: 1 })]);
});

it('gives 老伙伴 coverage by week: on time, late and unreachable by the programme interval', async () => {
  const r = await report('2025-03-01', '2025-03-31');
  expect(r.partners.coverage.intervalHours).toBe(84);
  expect(r.partners.coverage.weeks).toEqual([
    { week: '2025-02-24', onTime: 1, late: 0, unreachable: 0 },
    { week: '2025-03-03', onTime: 1, late: 1, unreachable: 1 },
    { week: '2025-03-10', onTime: 0, late: 0, unreachable: 0 },
    { week: '2025-03-17', onTime: 0, late: 1, unreachable: 0 },
    { week: '2025-03-24', onTime: 0, late: 0, unreachable: 0 },
    { week: '2025-03-31', onTime: 0, late: 1, unreachable: 0 },
  ]);
  expect(r.partners.contacts).toBe(6);
});

it('words a past period: weeks cut to the period say which days, the figures of a moment carry their date', async () => {
  const r = await report('2025-03-01', '2025-03-31');
  expect(coverageChart(r).table.rows.map((row) => row[0])).toEqual([
    '3月1日至3月2日（本期内的几天）',
    '3月3日起的一周',
    '3月10日起的一周',
    '3月17日起的一周',
    '3月24日起的一周',
    '3月31日（本期只含这一天）',
  ]);
  expect(coverageChart(r).spec.labels).toEqual(['3/1', '3/3', '3/10', '3/17', '3/24', '3/31']);
  // Made on 2026-11-27 (the test's clock): the pool, the credits held, the requests going and the
  // pairs are that day's, and the copied text says so on each line that has them.
  expect(reportMessages.asOfNote(r)).toBe(
    '居民持有的时间币、公益池余额、进行中的求助、独居老人和结对人数，是截至11月27日（报表生成时）的数字，不是3月31日的。',
  );
  const lines = reportMessages.asText(r).split('\n');
  expect(lines[0]).toBe('街道工作报表（2025年3月1日 至 3月31日）');
  for (const moment of ['居民持有', '公益池余额', '进行中', '独居老人']) {
    const line = lines.find((l) => l.includes(moment));
    expect({ moment, line }).toEqual({ moment, line: expect.stringContaining('截至11月27日') });
  }
  // The pool's adjustments are lines of their own; a report stored before they were says its 调增 include them.
  const timebank = lines.find((l) => l.startsWith('时间银行：'))!;
  expect(timebank).toMatch(/管理员调增 [^（，]+，管理员调减 [^（，]+，管理员拨入公益池 [^，]+，管理员从公益池调出 /);
  const { poolAllocated, poolWithdrawn, ...older } = r.timebank;
  expect([poolAllocated, poolWithdrawn].every(Boolean)).toBe(true);
  const olderText = reportMessages
    .asText({ ...r, timebank: older })
    .split('\n')
    .find((l) => l.startsWith('时间银行：'))!;
  expect(olderText).toContain('管理员调增（含拨入公益池）');
  expect(olderText).not.toContain('管理员拨入公益池');
});

it('gives help requests made in the period by state, every state listed', async () => {
  const r = await report('2025-03-01', '2025-03-31');
  const counts = Object.fromEntries(r.help.byState.map((s) => [s.state, s.count]));
  expect(counts).toEqual({
    awaiting_grant: 0,
    open: 0,
    assigned: 0,
    reported: 0,
    disputed: 0,
    completed: 1,
    cancelled: 2,
    declined: 0,
    expired: 1,
    voided: 0,
  });
  expect(r.help.byState.find((s) => s.state === 'cancelled')!.label).toBe('已取消');
  expect(r.help.requested).toBe(4);
});

it('gives the same series when the report runs as a job in many slices', async () => {
  const whole = await report('2025-03-01', '2025-03-31');
  const { reportJobs } = await import('../../cloudfunctions/core/services/report');
  const saved = reportJobs.sliceBudget;
  let asked = 0;
  reportJobs.sliceBudget = () => ({ timeLeft: () => (asked++ % 2 === 0 ? 1 : 0) });
  try {
    let view = await ok<AdminResults['reportStart']>('demo-admin', 'admin', 'reportStart', { from: '2025-03-01', to: '2025-03-31' });
    while (view.state === 'running') view = await ok<AdminResults['reportPoll']>('demo-admin', 'admin', 'reportPoll', { jobId: view.jobId });
    expect({ ...view.report, generatedAt: '' }).toEqual({ ...whole, generatedAt: '' });
  } finally {
    reportJobs.sliceBudget = saved;
  }
});

describe('teams.month', () => {
  it("gives the team's current month day by day: approved and pending apart, days to come as zero", async () => {
    const before = await ok<TeamsResults['month']>('demo-v01', 'teams', 'month', { teamId: 't_patrol' });
    expect(before.month).toBe('2026-11');
    expect(before.days).toHaveLength(30);
    expect(before.days[0]!.date).toBe('2026-11-01');
    expect(before.days[29]!.date).toBe('2026-11-30');
    await insert('serviceRecords', [
      record('sr_chart_m1', '2026-11-03', 77),
      record('sr_chart_m2', '2026-11-03', 13, 'pending'),
      record('sr_chart_m3', '2026-11-29', 40, 'pending'),
      record('sr_chart_m4', '2026-10-31', 500),
      record('sr_chart_m5', '2026-11-03', 300, 'approved', 't_elder'),
    ]);
    const after = await ok<TeamsResults['month']>('demo-v01', 'teams', 'month', { teamId: 't_patrol' });
    const delta = after.days.map((d, i) => [d.date, d.approvedMinutes - before.days[i]!.approvedMinutes, d.pendingMinutes - before.days[i]!.pendingMinutes]);
    expect(delta.filter(([, a, p]) => a !== 0 || p !== 0)).toEqual([
      ['2026-11-03', 77, 13],
      ['2026-11-29', 0, 40],
    ]);
    expect(after.approved.minutes - before.approved.minutes).toBe(77);
    expect(after.pending.count - before.pending.count).toBe(2);
    expect(after.approved.minutes).toBe(after.days.reduce((s, d) => s + d.approvedMinutes, 0));
    expect(after.pending.minutes).toBe(after.days.reduce((s, d) => s + d.pendingMinutes, 0));
    // The admin sees it too; a volunteer, or the leader of another team, does not.
    expect((await ok<TeamsResults['month']>('demo-admin', 'teams', 'month', { teamId: 't_patrol' })).approved).toEqual(after.approved);
    const refused = await call('demo-v12', 'teams', 'month', { teamId: 't_patrol' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('FORBIDDEN');
    const missing = await call('demo-admin', 'teams', 'month', { teamId: 't_nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});
