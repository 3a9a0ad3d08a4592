/**
 * The street report on the demo street (real SQLite, the dispatcher, a fixed clock): its figures
 * agree with a count made directly from the stored rows, they move by exactly what one approval,
 * one reversal or one donation moves, the period's ends are respected, it carries no personal
 * information, and only the admin may read it. As a job (admin.reportStart, then admin.reportPoll):
 * cut into as many slices as there are pages, polled two at a time, or broken by a failing slice,
 * it gives exactly the report of one pass; while running it shows progress and never figures.
 */
import type { AdminResults, ReportJobView } from '../../cloudfunctions/core/api';
import type { Budget } from '../../cloudfunctions/core/services/budget';
import { REPORT_UNITS, reportJobs, type ReportJobDoc } from '../../cloudfunctions/core/services/report';
import { DEMO_PEOPLE, seedDemoStreet } from '../../server/seed';
import { openWorld, type TestWorld } from '../support/context';

type Report = AdminResults['report'];
const clock = { now: new Date('2026-11-27T06:00:00.000Z') };
let world: TestWorld;
let seq = 0;
const rid = () => `report-req-${String(seq++).padStart(4, '0')}`;

async function ok<T>(openid: string, fn: string, action: string, data: object = {}): Promise<T> {
  const r = await world.call<T>(openid, fn as never, action, data, rid());
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}
const report = (from: string, to: string) => ok<Report>('demo-admin', 'admin', 'report', { from, to });
const docs = <T>(table: string): T[] =>
  (world.store.rawReader.prepare(`SELECT id, doc FROM "${table}"`).all() as Array<{ id: string; doc: string }>).map(
    (r) => ({ ...JSON.parse(r.doc), _id: r.id }) as T,
  );
const userIdOf = async (openid: string) => (await world.store.get<{ _id: string; userId: string }>('identities', openid))!.userId;

/** A budget that allows exactly `units` units of work (pages), then reads as spent. */
const unitsBudget = (units: number): Budget => {
  let asked = 0;
  return { timeLeft: () => (++asked <= units ? 1 : 0) };
};
const defaultSlice = reportJobs.sliceBudget;
afterEach(() => {
  reportJobs.sliceBudget = defaultSlice;
});

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { partners: true });
});
afterAll(() => world.close());

it('agrees with the stored rows: service by team and category, people, pairs, contacts, pool', async () => {
  const r = await report('2026-11-01', '2026-11-30');
  const records = docs<{ state: string; date: string; minutes: number; teamId: string; volunteerId: string }>('serviceRecords').filter(
    (x) => x.state === 'approved' && x.date >= '2026-11-01' && x.date <= '2026-11-30',
  );
  expect(records.length).toBeGreaterThan(0);
  expect(r.service.approved.count).toBe(records.length);
  expect(r.service.approved.minutes).toBe(records.reduce((s, x) => s + x.minutes, 0));
  expect(r.people.servedInPeriod).toBe(new Set(records.map((x) => x.volunteerId)).size);
  // The parts add up to the whole.
  expect(r.service.byTeam.reduce((s, t) => s + t.minutes, 0)).toBe(r.service.approved.minutes);
  expect(r.service.byCategory.reduce((s, c) => s + c.count, 0)).toBe(r.service.approved.count);
  expect(r.service.byTeam.map((t) => t.minutes)).toEqual([...r.service.byTeam.map((t) => t.minutes)].sort((a, b) => b - a));
  // People and the 老伙伴 programme.
  expect(r.people.registered).toBe(docs('users').length);
  const seniors = docs<{ _id: string; livingAlone: boolean }>('seniors');
  expect(r.partners.seniorsLivingAlone).toBe(seniors.filter((s) => s.livingAlone).length);
  expect(r.partners.paired).toBe(docs<{ paired: boolean }>('care').filter((c) => c.paired).length);
  const contacts = docs<{ at: string; channel: string }>('contacts');
  expect(r.partners.contacts).toBe(contacts.length);
  expect(r.partners.visits + r.partners.phoneCalls).toBe(r.partners.contacts);
  // The pool as its account says; circulation is what issuance issued minus the pool.
  const pool = docs<{ _id: string; creditsPosted: number; debitsPosted: number; debitsPending: number }>('accounts').find((a) => a._id === 'pool')!;
  expect(r.timebank.pool.minutes).toBe(pool.creditsPosted - pool.debitsPosted);
  // What is reserved of it, as the pool page says it (已预留).
  expect(r.timebank.poolReserved?.minutes).toBe(pool.debitsPending);
  const people = docs<{ _id: string; creditsPosted: number; debitsPosted: number }>('accounts').filter((a) => a._id.startsWith('user:'));
  expect(r.timebank.inCirculation.minutes).toBe(people.reduce((s, a) => s + a.creditsPosted - a.debitsPosted, 0));
});

it('moves by exactly one approval, one reversal and one donation; dates outside the period do not count', async () => {
  const month = () => report('2026-11-01', '2026-11-30');
  const today = async () => (await report('2026-11-27', '2026-11-27')).timebank;
  const before = await month();
  const todayBefore = await today();
  const volunteer = await userIdOf('demo-v12');
  // A leader records service only for members of the team.
  await ok('demo-v12', 'teams', 'join', { teamId: 't_patrol' });
  // 文体活动 earns credits (社区志愿服务 would count hours only).
  const create = (date: string, minutes: number) =>
    ok<{ id: string }>('demo-v01', 'records', 'create', {
      volunteerId: volunteer,
      teamId: 't_patrol',
      category: 'culture',
      date,
      place: '滨江步道',
      content: '河畔合唱补登',
      minutes,
    });
  const inside = await create('2026-11-20', 95);
  const outside = await create('2026-10-31', 40);
  const pending = await month();
  expect(pending.service.pending.count).toBe(before.service.pending.count + 1);
  expect(pending.service.pending.minutes).toBe(before.service.pending.minutes + 95);

  await ok('demo-v01', 'records', 'approve', { recordId: inside.id });
  await ok('demo-v01', 'records', 'approve', { recordId: outside.id });
  // Back-dated more than 7 days: it needs a second approver.
  await ok('demo-admin', 'records', 'approve', { recordId: outside.id });
  const approved = await month();
  expect(approved.service.approved.count).toBe(before.service.approved.count + 1);
  expect(approved.service.approved.minutes).toBe(before.service.approved.minutes + 95);
  expect(approved.service.pending.count).toBe(before.service.pending.count);
  // Both approvals earned credits today, whatever their service dates.
  const earned = await today();
  expect(earned.earned).toEqual({ count: todayBefore.earned.count + 2, minutes: todayBefore.earned.minutes + 135, hours: expect.any(String) });
  expect(earned.inCirculation.minutes).toBe(todayBefore.inCirculation.minutes + 135);

  await ok('demo-v01', 'records', 'reverse', { recordId: inside.id, reason: '重复登记' });
  expect((await month()).service.approved).toEqual(before.service.approved);
  const reversed = await today();
  expect(reversed.reversed.count).toBe(todayBefore.reversed.count + 1);
  expect(reversed.reversed.minutes).toBe(todayBefore.reversed.minutes + 95);
  expect(reversed.inCirculation.minutes).toBe(earned.inCirculation.minutes - 95);

  // A donation moves credits from a person to the pool.
  await ok('demo-v12', 'timebank', 'donate', { minutes: 30 });
  const donated = await today();
  expect(donated.donated.minutes).toBe(reversed.donated.minutes + 30);
  expect(donated.pool.minutes).toBe(reversed.pool.minutes + 30);
  expect(donated.inCirculation.minutes).toBe(reversed.inCirculation.minutes - 30);
});

it('counts an admin’s adjustments of people and of the pool apart, each by exactly its minutes', async () => {
  const today = async () => (await report('2026-11-27', '2026-11-27')).timebank;
  const before = await today();
  const person = `user:${await userIdOf('demo-v12')}`;
  await ok('demo-admin', 'timebank', 'adjust', { accountId: person, minutes: 45, reason: '测试：补登以前的服务时长' });
  await ok('demo-admin', 'timebank', 'adjust', { accountId: 'pool', minutes: 120, reason: '测试：街道拨入公益池' });
  await ok('demo-admin', 'timebank', 'adjust', { accountId: person, minutes: -15, reason: '测试：多登了一刻钟' });
  await ok('demo-admin', 'timebank', 'adjust', { accountId: 'pool', minutes: -20, reason: '测试：公益池多拨了' });
  const after = await today();
  expect(after.adjustedIn).toEqual({ count: before.adjustedIn.count + 1, minutes: before.adjustedIn.minutes + 45, hours: expect.any(String) });
  expect(after.adjustedOut).toEqual({ count: before.adjustedOut.count + 1, minutes: before.adjustedOut.minutes + 15, hours: expect.any(String) });
  expect(after.poolAllocated).toEqual({ count: before.poolAllocated!.count + 1, minutes: before.poolAllocated!.minutes + 120, hours: expect.any(String) });
  expect(after.poolWithdrawn).toEqual({ count: before.poolWithdrawn!.count + 1, minutes: before.poolWithdrawn!.minutes + 20, hours: expect.any(String) });
  expect(after.pool.minutes).toBe(before.pool.minutes + 100);
  expect(after.inCirculation.minutes).toBe(before.inCirculation.minutes + 30);
});

it('carries no names, phones or addresses', async () => {
  const text = JSON.stringify(await report('2026-01-01', '2026-12-31'));
  for (const p of DEMO_PEOPLE) expect(text).not.toContain(p.name);
  expect(text).not.toMatch(/1[3-9]\d{9}|\d{3}\*{4}\d{4}|号楼/);
});

it('is for the admin only, and refuses a period that is backwards or longer than a year', async () => {
  for (const who of ['demo-v01', 'demo-social', 'demo-v12']) {
    expect(await world.call(who, 'admin', 'report', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await world.call('demo-admin', 'admin', 'report', { from: '2026-11-30', to: '2026-11-01' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: '开始日期不能晚于结束日期' },
  });
  expect(await world.call('demo-admin', 'admin', 'report', { from: '2025-01-01', to: '2026-11-30' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION', message: '一份报表最多 366 天' },
  });
  expect(await world.call('demo-admin', 'admin', 'report', { from: '2026-02-30', to: '2026-03-01' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION' },
  });
});

describe('as a job in time slices', () => {
  const start = (from: string, to: string) => ok<ReportJobView>('demo-admin', 'admin', 'reportStart', { from, to });
  const poll = (jobId: string) => world.call<ReportJobView>('demo-admin', 'admin', 'reportPoll', { jobId });

  it('cut into one page per slice, gives exactly the report of one pass, showing progress and no figures until done', async () => {
    const whole = await report('2026-01-01', '2026-12-31');
    reportJobs.sliceBudget = () => unitsBudget(1);
    const first = await start('2026-01-01', '2026-12-31');
    // The first slice (one page: the people) ran in reportStart.
    expect(first).toMatchObject({ state: 'running', progress: { done: 1, total: REPORT_UNITS, percent: Math.floor(100 / REPORT_UNITS) } });
    let view = first;
    const percents: number[] = [];
    let polls = 0;
    while (view.state === 'running') {
      expect(view).not.toHaveProperty('report');
      percents.push(view.progress.percent);
      const r = await poll(first.jobId);
      if (!r.ok) throw new Error(r.error.message);
      view = r.data;
      polls += 1;
      expect(polls).toBeLessThan(200);
    }
    // At least one slice (the start's or a poll's) per scan and one for the last step: the work really was cut up.
    expect(polls + 1).toBeGreaterThanOrEqual(REPORT_UNITS);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(view.report).toEqual(whole);
    // Polling a finished job gives the same report again and changes nothing.
    const again = await poll(first.jobId);
    expect(again).toEqual({ ok: true, data: view });
  });

  it('polled two at a time, stores each slice once: the same report, with fewer steps than polls', async () => {
    const whole = await report('2026-11-01', '2026-11-30');
    reportJobs.sliceBudget = () => unitsBudget(1);
    const { jobId } = await start('2026-11-01', '2026-11-30');
    let done: ReportJobView | null = null;
    let polls = 0;
    while (!done) {
      const pair = await Promise.all([poll(jobId), poll(jobId)]);
      polls += 2;
      for (const r of pair) {
        if (!r.ok) throw new Error(r.error.message);
        if (r.data.state === 'done') done = r.data;
      }
      expect(polls).toBeLessThan(400);
    }
    expect(done.state === 'done' && done.report).toEqual(whole);
    const job = (await world.store.get<ReportJobDoc>('jobs', jobId))!;
    expect(job.step).toBeLessThan(polls);
  });

  it('a slice that fails leaves the job where it was; polling again carries on to the same report', async () => {
    const whole = await report('2026-11-01', '2026-11-30');
    reportJobs.sliceBudget = () => unitsBudget(2);
    const { jobId } = await start('2026-11-01', '2026-11-30');
    const before = (await world.store.get<ReportJobDoc>('jobs', jobId))!;
    const find = jest.spyOn(world.store, 'find').mockRejectedValueOnce(new Error('database went away'));
    try {
      expect(await poll(jobId)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    } finally {
      find.mockRestore();
    }
    expect(await world.store.get<ReportJobDoc>('jobs', jobId)).toEqual(before);
    let view: ReportJobView = { jobId, state: 'running', progress: { done: 0, total: 0, percent: 0 } };
    while (view.state === 'running') {
      const r = await poll(jobId);
      if (!r.ok) throw new Error(r.error.message);
      view = r.data;
    }
    expect(view.report).toEqual(whole);
  });

  it('a short period with the default slice is done at once', async () => {
    const whole = await report('2026-11-27', '2026-11-27');
    const view = await start('2026-11-27', '2026-11-27');
    expect(view).toMatchObject({ state: 'done' });
    expect(view.state === 'done' && view.report).toEqual(whole);
  });

  it('is for the admin only, on their own job; a period is checked as for the report', async () => {
    const { jobId } = await start('2026-11-01', '2026-11-30');
    for (const who of ['demo-v01', 'demo-social']) {
      expect(await world.call(who, 'admin', 'reportStart', { from: '2026-11-01', to: '2026-11-30' }, rid())).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await world.call(who, 'admin', 'reportPoll', { jobId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await poll('rj_nothing_here')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '找不到这份报表，请重新生成' } });
    expect(await world.call('demo-admin', 'admin', 'reportStart', { from: '2025-01-01', to: '2026-11-30' }, rid())).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '一份报表最多 366 天' },
    });
  });
});

describe('on CloudBase', () => {
  it('gives the same report from the CloudBase adapter (stand-in) as from SQLite for the same street', async () => {
    // Both stores seeded the same way at the same moment: the demo street is the same in every count.
    const { createCloudbaseStandin } = await import('../support/cloudbase-standin');
    const { createCloudbaseStore } = await import('../../cloudfunctions/core/store/cloudbase');
    const { COLLECTION_NAMES } = await import('../../cloudfunctions/core/store/schema');
    const { report: buildReport, advanceReport, newReportState } = await import('../../cloudfunctions/core/services/report');
    const fixed = new Date('2026-11-27T06:00:00.000Z');
    const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: false, seed: 3 });
    const store = createCloudbaseStore(standin.db as never, { maxRetries: 50, backoffMs: 1, maxBackoffMs: 5 });
    const sqlite = openWorld(() => fixed);
    try {
      await seedDemoStreet({ ...world.deps, store, now: () => fixed }, { partners: true });
      await seedDemoStreet(sqlite.deps, { partners: true });
      const period = { from: '2026-11-01', to: '2026-11-30' };
      const fromCloudbase = await buildReport(store, period, fixed);
      const fromSqlite = await buildReport(sqlite.store, period, fixed);
      expect(fromCloudbase.service.approved.count).toBeGreaterThan(0);
      expect(fromCloudbase).toEqual(fromSqlite);
      // Sliced a page at a time, the CloudBase adapter's cursors carry the job to the same report.
      let state = newReportState(period.from, period.to);
      let slices = 0;
      while (!state.report) {
        state = JSON.parse(JSON.stringify(await advanceReport(store, state, unitsBudget(1), fixed)));
        slices += 1;
      }
      expect(slices).toBeGreaterThan(1);
      expect(state.report).toEqual(fromSqlite);
    } finally {
      await store.close();
      standin.dispose();
      await sqlite.close();
    }
  });
});
