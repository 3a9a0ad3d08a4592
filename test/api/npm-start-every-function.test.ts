/**
 * Jest's module transform is not Node's. The xlsx export once failed only under
 * `npm start` (a dynamic import() that jest turned into require) while every test passed. This
 * suite calls every function — a representative read and a mutation each, as the demo role that
 * may run them, plus a refusal — against the real `npm start` process (Node's module loading, real
 * fastify, a fresh data folder, a free port), downloads the xlsx export through its signed link,
 * and checks the ledger of that data folder afterwards.
 *
 * A function added to FUNCTION_NAMES without a scenario here fails the first test.
 */
import path from 'node:path';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { FUNCTION_NAMES, type FunctionName } from '../../cloudfunctions/core/api';
import { ERROR_CODES } from '../../cloudfunctions/core/errors';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { openSqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { verifyLedger, formatReport } from '../../cloudfunctions/core/services/ledger-verify';
import { pngImage } from '../support/images';
import { post, type HttpResult } from '../support/server';
import { startNpmStart, type NpmStartServer } from '../support/npm-start';

jest.setTimeout(180_000);

let server: NpmStartServer;
const tokens = new Map<string, string>();
/** Functions that answered ok to a read / to a mutation in this run. */
const readOk = new Set<string>();
const mutationOk = new Set<string>();
let seq = 0;

async function tokenOf(openid: string): Promise<string> {
  const known = tokens.get(openid);
  if (known) return known;
  const r = await post<{ token: string }>(`${server.url}/api/auth`, { action: 'devLogin', data: { openid } });
  if (!r.body.ok) throw new Error(`devLogin ${openid}: ${r.body.error.code}`);
  tokens.set(openid, r.body.data.token);
  return r.body.data.token;
}

async function call<T = any>(openid: string, fn: FunctionName, action: string, data: object = {}, mutation = false): Promise<HttpResult<T>> {
  const body = { action, data, ...(mutation ? { requestId: `npm-start-${process.pid}-${seq++}` } : {}) };
  const result = await post<T>(`${server.url}/api/${fn}`, body, await tokenOf(openid));
  // Every answer, ok or not, is the envelope with a status that matches it.
  expect(result.status).toBeLessThan(500);
  if (result.body.ok) {
    expect(result.status).toBe(200);
    (mutation ? mutationOk : readOk).add(fn);
  } else {
    expect(Object.keys(ERROR_CODES)).toContain(result.body.error.code);
    expect(result.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  return result;
}

/** The data of an ok answer; fails with the refusal otherwise. */
async function ok<T = any>(openid: string, fn: FunctionName, action: string, data: object = {}, mutation = false): Promise<T> {
  const r = await call<T>(openid, fn, action, data, mutation);
  if (!r.body.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
const mutate = <T = any>(openid: string, fn: FunctionName, action: string, data: object = {}) => ok<T>(openid, fn, action, data, true);

async function refused(openid: string, fn: FunctionName, action: string, data: object, code: string, mutation = false): Promise<void> {
  const r = await call(openid, fn, action, data, mutation);
  expect(r.body).toMatchObject({ ok: false, error: { code } });
  expect(r.status).toBe(ERROR_CODES[code as keyof typeof ERROR_CODES]);
}

/** Today in Shanghai, YYYY-MM-DD (the street's calendar). */
const today = (offsetDays = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));
const userIdOf = async (openid: string): Promise<string> => (await ok<{ profile: { id: string } }>(openid, 'account', 'me')).profile.id;

const LEADER = 'demo-v01'; // leads t_patrol
const MEMBER = 'demo-v04'; // 刘芳, a member of t_patrol
const VOLUNTEER = 'demo-v09';
const SOCIAL = 'demo-social';
const ADMIN = 'demo-admin';
const SENIOR = 'demo-s01';

/** One scenario per function: a read, a mutation and a refusal, each asserting what came back. */
const SCENARIOS: Record<FunctionName, () => Promise<void>> = {
  async account() {
    const me = await ok(LEADER, 'account', 'me');
    expect(me).toMatchObject({ registered: true, profile: { name: '王建国', committeeId: 'c_xinyuanwan' } });
    expect(me.roles).toEqual(expect.arrayContaining(['volunteer', 'leader']));
    // A brand-new WeChat user registers.
    const newcomer = `npm-start-new-${process.pid}`;
    expect(await ok(newcomer, 'account', 'me')).toMatchObject({ registered: false });
    const form = { name: '新来的人', phone: '13912340001', birthYear: 1980, committeeId: 'c_linyin', consentVersion: PRIVACY_POLICY_VERSION };
    const registered = await mutate(newcomer, 'account', 'register', form);
    expect(registered).toMatchObject({ profile: { name: '新来的人', phoneMasked: '139****0001' } });
    await refused(LEADER, 'account', 'register', { ...form, phone: '13912340002' }, 'ALREADY_REGISTERED', true);
    expect(await mutate(MEMBER, 'account', 'updateProfile', { elderMode: true })).toMatchObject({ profile: { elderMode: true } });
  },

  async admin() {
    const users = await ok(ADMIN, 'admin', 'listUsers', { limit: 5 });
    expect(users.items).toHaveLength(5);
    expect(users.items[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String) }));
    const job = await mutate(ADMIN, 'admin', 'reportStart', { from: '2026-01-01', to: today() });
    expect(job).toMatchObject({ jobId: expect.stringMatching(/^rj_/) });
    const polled = await ok(ADMIN, 'admin', 'reportPoll', { jobId: job.jobId });
    expect(polled).toMatchObject({ jobId: job.jobId, state: expect.stringMatching(/^(done|running)$/) });
    await refused(VOLUNTEER, 'admin', 'listUsers', {}, 'FORBIDDEN');
  },

  async teams() {
    const list = await ok(`npm-start-guest-${process.pid}`, 'teams', 'list');
    expect(list.items.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['t_patrol', 't_paws', 't_waterfront', 't_partners']));
    const joined = await mutate(VOLUNTEER, 'teams', 'join', { teamId: 't_waterfront', note: '想参加' });
    expect(joined).toBeTruthy();
    const mine = await ok(VOLUNTEER, 'teams', 'mine');
    expect(JSON.stringify(mine)).toContain('t_waterfront');
    await refused(MEMBER, 'teams', 'members', { teamId: 't_patrol' }, 'FORBIDDEN');

    // The xlsx export as the leader, then its signed link downloaded from the same process.
    const exported = await ok(LEADER, 'teams', 'exportRecords', { teamId: 't_patrol', from: '2026-01-01', to: today() });
    expect(exported).toMatchObject({ url: expect.stringMatching(/^\/files\//), filename: expect.stringMatching(/\.xlsx$/), rows: expect.any(Number) });
    expect(exported.rows).toBeGreaterThan(0);
    const download = await fetch(`${server.url}${exported.url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await download.arrayBuffer());
    const sheet = workbook.getWorksheet('服务记录');
    expect(sheet).toBeDefined();
    expect(sheet!.getRow(1).getCell(1).value).toBe('序号');
    expect(sheet!.rowCount).toBeGreaterThan(exported.rows);
    // The link with a forged signature is refused in the envelope.
    const forged = await fetch(`${server.url}${exported.url.replace(/sig=[^&]+/, 'sig=forged')}`);
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  },

  async records() {
    const memberId = await userIdOf(MEMBER);
    const created = await mutate(LEADER, 'records', 'create', {
      volunteerId: memberId,
      teamId: 't_patrol',
      // A category that earns credits, so the timebank scenario below spends them.
      category: 'daily',
      date: today(),
      place: '滨江步道北入口',
      content: '帮独居老人买菜',
      minutes: 60,
    });
    expect(created).toMatchObject({ id: expect.any(String), volunteerId: memberId, state: 'pending', earnsCredits: true, minutes: { minutes: 60 } });
    const approved = await mutate(LEADER, 'records', 'approve', { recordId: created.id });
    expect(approved).toMatchObject({ id: created.id, state: 'approved', transferId: expect.any(String) });
    const team = await ok(LEADER, 'records', 'team', { teamId: 't_patrol' });
    expect(team.items.map((r: { id: string }) => r.id)).toContain(created.id);
    const totals = await ok(MEMBER, 'records', 'totals');
    expect(totals.total.minutes).toBeGreaterThanOrEqual(60);
    await refused(MEMBER, 'records', 'approve', { recordId: created.id }, 'FORBIDDEN', true);
  },

  async timebank() {
    // records ran first: the member earned 60 minutes.
    const before = await ok(MEMBER, 'timebank', 'balance');
    expect(before.available.minutes).toBeGreaterThanOrEqual(60);
    await mutate(MEMBER, 'timebank', 'donate', { minutes: 10, note: '捐给互助池' });
    const after = await ok(MEMBER, 'timebank', 'balance');
    expect(after.balance.minutes).toBe(before.balance.minutes - 10);
    const statement = await ok(MEMBER, 'timebank', 'statement', { limit: 10 });
    expect(Array.isArray(statement.items)).toBe(true);
    expect(statement.items.length).toBeGreaterThan(0);
    await refused(MEMBER, 'timebank', 'donate', { minutes: 90000 }, 'INSUFFICIENT_BALANCE', true);
    await refused(MEMBER, 'timebank', 'pool', {}, 'FORBIDDEN');
  },

  async activities() {
    const list = await ok(VOLUNTEER, 'activities', 'list', { teamId: 't_patrol', limit: 5 });
    expect(list.items.length).toBeGreaterThan(0);
    const date = today(10);
    const created = await mutate(LEADER, 'activities', 'create', {
      teamId: 't_patrol',
      title: '进程测试巡河',
      category: 'community',
      place: { name: '滨江步道北入口', latitude: 31.2381, longitude: 121.4952 },
      date,
      startTime: '09:00',
      endTime: '11:00',
      capacity: 5,
    });
    expect(created.activities).toHaveLength(1);
    expect(created.activities[0]).toMatchObject({ teamId: 't_patrol', title: '进程测试巡河', date, capacity: 5 });
    const activityId: string = created.activities[0].id;
    const detail = await ok(VOLUNTEER, 'activities', 'detail', { activityId });
    expect(JSON.stringify(detail)).toContain(date);
    await mutate(MEMBER, 'activities', 'signup', { activityId });
    const roster = await ok(LEADER, 'activities', 'roster', { activityId });
    expect(JSON.stringify(roster)).toContain('刘芳');
    await refused(VOLUNTEER, 'activities', 'roster', { activityId }, 'FORBIDDEN');
  },

  async inbox() {
    const count = await ok(MEMBER, 'inbox', 'unreadCount');
    expect(count).toEqual(expect.objectContaining({ unread: expect.any(Number) }));
    expect(await mutate(MEMBER, 'inbox', 'markRead', { all: true })).toMatchObject({ unread: 0 });
    expect(await ok(MEMBER, 'inbox', 'unreadCount')).toMatchObject({ unread: 0 });
    await refused(MEMBER, 'inbox', 'outbox', {}, 'FORBIDDEN');
  },

  async seniors() {
    const list = await ok(SOCIAL, 'seniors', 'list', {});
    expect(list.items.length).toBeGreaterThan(0);
    const senior = list.items.find((s: { committeeId: string }) => s.committeeId === 'c_xinyuanwan');
    expect(senior).toBeDefined();
    const updated = await mutate(SOCIAL, 'seniors', 'update', { seniorId: senior.id, specialDifficulty: true });
    expect(JSON.stringify(updated)).toContain(senior.id);
    const detail = await ok(SOCIAL, 'seniors', 'detail', { seniorId: senior.id });
    expect(detail).toMatchObject({ specialDifficulty: true });
    const home = await ok(SENIOR, 'seniors', 'home');
    expect(home).toBeTruthy();
    await refused(VOLUNTEER, 'seniors', 'list', {}, 'FORBIDDEN');
  },

  async help() {
    const categories = await ok(SENIOR, 'help', 'categories');
    expect(categories.categories.map((c: { id: string }) => c.id)).toContain('daily');
    const created = await mutate(SENIOR, 'help', 'create', {
      category: 'daily',
      date: today(3),
      startTime: '14:00',
      endTime: '15:00',
      minutes: 60,
      note: '帮忙买菜',
      funding: 'pool',
    });
    const requestId: string = created.id ?? created.request?.id;
    expect(requestId).toEqual(expect.any(String));
    const mine = await ok(SENIOR, 'help', 'requests', {});
    expect(mine.items.map((r: { id: string }) => r.id)).toContain(requestId);
    await refused(SENIOR, 'help', 'open', {}, 'FORBIDDEN');
  },

  async partners() {
    const programme = await ok(MEMBER, 'partners', 'programme');
    expect(programme).toMatchObject({ teamId: 't_partners', perWeek: expect.any(Number) });
    const weather = await mutate(ADMIN, 'partners', 'weather', { on: true, kind: 'heat', days: 2, note: '高温' });
    expect(JSON.stringify(weather)).toContain('heat');
    expect(await ok(MEMBER, 'partners', 'programme')).toMatchObject({ weather: { on: true, kind: 'heat' } });
    await mutate(ADMIN, 'partners', 'weather', { on: false });
    const coverage = await ok(SOCIAL, 'partners', 'coverage', {});
    expect(coverage).toBeTruthy();
    await refused(MEMBER, 'partners', 'weather', { on: false }, 'FORBIDDEN', true);
  },

  async scheduler() {
    const run = await mutate(ADMIN, 'scheduler', 'run');
    expect(run).toBeTruthy();
    await refused(LEADER, 'scheduler', 'run', {}, 'FORBIDDEN', true);
  },

  async setup() {
    expect(await ok(`npm-start-guest-${process.pid}`, 'setup', 'status')).toMatchObject({ setUp: true, adminClaimed: true });
    // claimAdmin is the setup's one mutation; the admin is claimed, so it is refused (with any secret).
    const claim = await call(MEMBER, 'setup', 'claimAdmin', { secret: 'not-the-secret' }, true);
    expect(claim.body).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(ADMIN_ALREADY_CLAIMED|SETUP_FORBIDDEN)$/) } });
    mutationOk.add('setup'); // a mutation that answered, as designed, with a refusal
  },

  async alerts() {
    const raised = await mutate(SENIOR, 'alerts', 'raise', { note: '进程测试' });
    expect(raised).toMatchObject({ id: expect.stringMatching(/^al_/), kind: 'help', state: 'open', seniorName: '沈阿婆' });
    const listed = await ok(SOCIAL, 'alerts', 'list', { state: 'open' });
    expect(listed.items.map((a: { id: string }) => a.id)).toContain(raised.id);
    const acknowledged = await mutate(SOCIAL, 'alerts', 'acknowledge', { alertId: raised.id });
    expect(acknowledged).toMatchObject({ id: raised.id, acknowledgedByName: '居委社工小郑' });
    const closed = await mutate(SOCIAL, 'alerts', 'close', { alertId: raised.id, how: 'false_alarm', note: '误按' });
    expect(closed).toMatchObject({ id: raised.id, state: 'closed' });
    await refused(MEMBER, 'alerts', 'roster', {}, 'FORBIDDEN');
  },

  async certificates() {
    // The member's record in the patrol was approved by the records scenario: apply, accept, issue, verify.
    const applied = await mutate(MEMBER, 'certificates', 'apply', { scope: 'team', teamId: 't_patrol', from: '2020-01-01', to: today() });
    expect(applied.volunteerNo).toMatch(/^310000-demo-\d{4}-\d{6}$/);
    expect(applied.items).toHaveLength(1);
    const id = applied.items[0].id;
    const queued = await ok(LEADER, 'certificates', 'queue', {});
    expect(queued.items.map((c: { id: string }) => c.id)).toContain(id);
    await refused(VOLUNTEER, 'certificates', 'decide', { certificateId: id, accept: true }, 'FORBIDDEN', true);
    expect(await mutate(LEADER, 'certificates', 'decide', { certificateId: id, accept: true })).toMatchObject({ state: 'accepted' });
    // No proof without the issuer's seal and contact number: refused until the street admin sets them.
    await refused(LEADER, 'certificates', 'issue', { certificateId: id }, 'WRONG_STATE', true);
    await mutate(ADMIN, 'certificates', 'setIssuer', { phone: '021-12345678', sealPngBase64: pngImage(96, 96).toString('base64') });
    const issued = await mutate(LEADER, 'certificates', 'issue', { certificateId: id });
    expect(issued).toMatchObject({ state: 'issued', standing: 'publicising', number: expect.stringMatching(/-\d{4}-\d{6}$/), sealed: true });
    const genuine = await ok('npm-start-stranger', 'certificates', 'verify', { code: issued.verificationCode.toLowerCase() });
    expect(genuine).toMatchObject({ result: 'genuine', number: issued.number, maskedName: '刘*' });
    expect(await ok('npm-start-stranger', 'certificates', 'verify', { code: '0000-0000-0000-0000-0' })).toEqual({ result: 'unknown' });
  },
};

// Records before timebank: the member's balance comes from the approved record.
const ORDER: FunctionName[] = [
  'account',
  'admin',
  'teams',
  'records',
  'timebank',
  'activities',
  'inbox',
  'seniors',
  'help',
  'partners',
  'scheduler',
  'setup',
  'alerts',
  'certificates',
];

beforeAll(async () => {
  server = await startNpmStart();
});

afterAll(async () => {
  if (!server) return;
  const code = await server.stop();
  expect(code === 0 || code === null).toBe(true);
  fs.rmSync(server.dataDir, { recursive: true, force: true });
});

it('has a scenario for every function in FUNCTION_NAMES (a new function must be added here)', () => {
  expect(Object.keys(SCENARIOS).sort()).toEqual([...FUNCTION_NAMES].sort());
  expect([...ORDER].sort()).toEqual([...FUNCTION_NAMES].sort());
});

it('npm start serves the health check, the H5 index and the envelope for unknown routes', async () => {
  const health = await fetch(`${server.url}/healthz`);
  expect(await health.json()).toEqual({ ok: true, data: { status: 'ok', store: 'sqlite' } });
  expect((await fetch(`${server.url}/`)).status).toBe(200);
  const unknown = await post(`${server.url}/api/nope`, { action: 'x', data: {} });
  expect(unknown).toMatchObject({ status: 404, body: { ok: false, error: { code: 'UNKNOWN_FUNCTION' } } });
});

describe.each(ORDER)('%s under npm start', (fn) => {
  it('answers a read and a mutation as the right demo role, and refuses the wrong one', async () => {
    await SCENARIOS[fn]();
  });
});

it('every function answered ok to at least one read and one mutation', () => {
  // scheduler and setup have no read/mutation pair: scheduler.run is its only action, setup's mutation is refused by design.
  expect([...readOk].sort()).toEqual(FUNCTION_NAMES.filter((f) => f !== 'scheduler').sort());
  expect([...mutationOk].sort()).toEqual([...FUNCTION_NAMES].sort());
});

it('the server logged no failed call, and the ledger of its data folder verifies', async () => {
  // dispatch logs an unexpected error as "call failed" (level 50) before answering INTERNAL.
  const failures = server
    .output()
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line));
  expect(failures).toEqual([]);
  const store = openSqliteStore(path.join(server.dataDir, 'data', 'street.db'));
  try {
    const report = await verifyLedger(store);
    if (!report.ok) throw new Error(formatReport(report));
    expect(report.counts.transfers).toBeGreaterThan(0);
  } finally {
    await store.close();
  }
});
