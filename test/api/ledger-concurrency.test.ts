/**
 * Concurrency and bad input over the real HTTP server: two server PROCESSES on one data folder
 * (SQLite WAL, BEGIN IMMEDIATE, busy timeout), requests fired at both at once. After every
 * scenario the ledger is verified.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { callApi, login, newRequestId, tempDataDir, type HttpResult } from '../support/server';
import { spawnServer, type ServerProcess } from '../support/process';

const run = promisify(execFile);

let dataDir: string;
let servers: ServerProcess[] = [];
let store: SqliteStore;
let db: Database.Database;
let adminToken: string;

interface Member {
  token: string;
  userId: string;
  phone: string;
}

let phoneSeq = 0;
const url = (i: number) => servers[i % servers.length]!.url;

async function ok<T = any>(i: number, token: string, fn: string, action: string, data: object = {}, requestId?: string): Promise<T> {
  const r = await callApi<T>(url(i), token, fn, action, data, requestId ?? newRequestId(action));
  if (!r.body.ok) throw new Error(`${fn}.${action}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

async function member(i: number, name: string): Promise<Member> {
  const seq = phoneSeq++;
  const { token } = await login(url(i), `ledger-${process.pid}-${seq}`);
  const phone = `1370${String(process.pid % 1000).padStart(3, '0')}${String(seq).padStart(4, '0')}`;
  const me = await ok<{ profile: { id: string } }>(i, token, 'account', 'register', {
    name,
    phone,
    birthYear: 1962,
    committeeId: 'c_xinyuanwan',
    consentVersion: PRIVACY_POLICY_VERSION,
  });
  return { token, userId: me.profile.id, phone };
}

async function linked(a: Member, b: Member): Promise<void> {
  const link = await ok<{ id: string }>(0, a.token, 'timebank', 'proposeLink', { phone: b.phone, relation: '母子' });
  await ok(1, b.token, 'timebank', 'confirmLink', { linkId: link.id });
}

const balance = async (m: Member) => (await ok<{ balance: { minutes: number } }>(0, m.token, 'timebank', 'balance')).balance.minutes;
const counts = () => ({
  transfers: (db.prepare('SELECT count(*) AS n FROM transfers').get() as { n: number }).n,
  movements: (db.prepare('SELECT count(*) AS n FROM movements').get() as { n: number }).n,
  accounts: JSON.stringify(db.prepare('SELECT id, doc FROM accounts ORDER BY id').all()),
});

async function expectVerified() {
  const report = await verifyLedger(store);
  if (!report.ok) throw new Error(formatReport(report));
  expect(report.ok).toBe(true);
}

beforeAll(async () => {
  dataDir = tempDataDir('ledger-http');
  // The first process seeds the demo street; the second joins the same folder.
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '1' }));
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '0' }));
  store = openSqliteStore(path.join(dataDir, 'street.db'));
  db = new Database(path.join(dataDir, 'street.db'), { readonly: true });
  adminToken = (await login(url(0), 'demo-admin')).token;
}, 120_000);

afterAll(async () => {
  db?.close();
  await store?.close();
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('runs two server processes on one data folder', () => {
  expect(servers).toHaveLength(2);
  expect(new Set(servers.map((s) => s.child.pid)).size).toBe(2);
  expect(servers[0]!.url).not.toBe(servers[1]!.url);
});

it('100 concurrent gifts exceeding the balance: exactly as many succeed as it allows, the rest INSUFFICIENT_BALANCE', async () => {
  const giver = await member(0, '高赠');
  const relative = await member(1, '高收');
  await linked(giver, relative);
  await ok(0, adminToken, 'timebank', 'adjust', { accountId: `user:${giver.userId}`, minutes: 1000, reason: '并发测试充值' });
  const before = counts();

  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      callApi(url(i), giver.token, 'timebank', 'gift', { toUserId: relative.userId, minutes: 15 }, newRequestId('gift100')),
    ),
  );
  const succeeded = results.filter((r) => r.body.ok);
  const refused = results.filter((r) => !r.body.ok) as Array<HttpResult & { body: { ok: false; error: { code: string } } }>;
  expect(succeeded).toHaveLength(66); // 1000 / 15 = 66 gifts, 10 minutes left
  expect(refused).toHaveLength(34);
  expect(new Set(refused.map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['409 INSUFFICIENT_BALANCE']));
  // Both processes really served successful gifts.
  const servedBy = new Set(results.map((r, i) => (r.body.ok ? i % 2 : -1)).filter((x) => x >= 0));
  expect(servedBy).toEqual(new Set([0, 1]));

  expect(await balance(giver)).toBe(10);
  expect(await balance(relative)).toBe(990);
  const after = counts();
  expect(after.transfers - before.transfers).toBe(66);
  expect(after.movements - before.movements).toBe(132);
  await expectVerified();
});

it('50 concurrent calls with the same requestId: one transfer, the same answer to all', async () => {
  const giver = await member(0, '林同');
  const relative = await member(1, '林收');
  await linked(giver, relative);
  await ok(0, adminToken, 'timebank', 'adjust', { accountId: `user:${giver.userId}`, minutes: 300, reason: '并发测试充值' });
  const before = counts();
  const requestId = newRequestId('same50');
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => callApi(url(i), giver.token, 'timebank', 'gift', { toUserId: relative.userId, minutes: 45 }, requestId)),
  );
  expect(results.every((r) => r.status === 200 && r.body.ok)).toBe(true);
  const bodies = new Set(results.map((r) => JSON.stringify(r.body)));
  expect(bodies.size).toBe(1);
  const after = counts();
  expect(after.transfers - before.transfers).toBe(1);
  expect(db.prepare('SELECT count(*) AS n FROM transfers WHERE id = ?').get(`gift:${giver.userId}:${requestId}`)).toEqual({ n: 1 });
  expect(await balance(giver)).toBe(255);
  expect(await balance(relative)).toBe(45);
  await expectVerified();
});

it('bad amounts, unknown accounts, gifts to oneself or the unlinked: a clear error each, nothing written', async () => {
  const giver = await member(0, '钟错');
  const relative = await member(1, '钟收');
  const stranger = await member(0, '钟外');
  await linked(giver, relative);
  await ok(0, adminToken, 'timebank', 'adjust', { accountId: `user:${giver.userId}`, minutes: 100, reason: '并发测试充值' });
  const before = counts();
  const cases: Array<[unknown, number, string, string?]> = [
    [{ toUserId: relative.userId, minutes: -30 }, 400, 'VALIDATION', '时间必须大于 0'],
    [{ toUserId: relative.userId, minutes: 0 }, 400, 'VALIDATION', '时间必须大于 0'],
    [{ toUserId: relative.userId, minutes: 2.5 }, 400, 'VALIDATION', '时间必须是整数分钟'],
    [{ toUserId: relative.userId, minutes: 1e300 }, 400, 'VALIDATION', '一次最多 1500 小时'],
    [{ toUserId: relative.userId, minutes: 'thirty' }, 400, 'VALIDATION', '时间必须是整数分钟'],
    [{ toUserId: relative.userId, minutes: '30' }, 400, 'VALIDATION', '时间必须是整数分钟'],
    [{ toUserId: relative.userId, minutes: null }, 400, 'VALIDATION', '时间必须是整数分钟'],
    [{ toUserId: relative.userId, minutes: [30] }, 400, 'VALIDATION'],
    [{ toUserId: relative.userId }, 400, 'VALIDATION'],
    [{ toUserId: 'u_does_not_exist', minutes: 30 }, 404, 'NOT_FOUND'],
    [{ toUserId: '../etc', minutes: 30 }, 400, 'VALIDATION'],
    [{ toUserId: giver.userId, minutes: 30 }, 400, 'VALIDATION', '不能转赠给自己'],
    [{ toUserId: stranger.userId, minutes: 30 }, 403, 'NOT_LINKED'],
    [{ toUserId: relative.userId, minutes: 101 }, 409, 'INSUFFICIENT_BALANCE', '可用时间币不足'],
  ];
  for (const [data, status, code, message] of cases) {
    const r = await callApi(url(phoneSeq), giver.token, 'timebank', 'gift', data as object, newRequestId('bad'));
    const got = r.body.ok ? 'ok' : `${r.status} ${r.body.error.code}`;
    expect([JSON.stringify(data), got]).toEqual([JSON.stringify(data), `${status} ${code}`]);
    if (message && !r.body.ok) expect(r.body.error.message).toContain(message);
  }
  const adjust = await callApi(
    url(1),
    adminToken,
    'timebank',
    'adjust',
    { accountId: 'user:u_nobody', minutes: 30, reason: '没有这个人' },
    newRequestId('adj'),
  );
  expect([adjust.status, adjust.body.ok ? '' : adjust.body.error.code]).toEqual([404, 'NOT_FOUND']);
  const donate = await callApi(url(1), giver.token, 'timebank', 'donate', { minutes: -1 }, newRequestId('don'));
  expect(donate.status).toBe(400);
  expect(counts()).toEqual(before);
  expect(await balance(giver)).toBe(100);
  await expectVerified();
});

it('a record approved by two managers at once, on two processes, credits once', async () => {
  const leader = (await login(url(0), 'demo-v01')).token; // leads 护河巡林志愿服务队 in the demo street
  const volunteer = await member(1, '严志');
  // A leader records service only for members of the team.
  await ok(1, volunteer.token, 'teams', 'join', { teamId: 't_patrol' });
  const record = await ok<{ id: string }>(0, leader, 'records', 'create', {
    volunteerId: volunteer.userId,
    teamId: 't_patrol',
    category: 'escort',
    date: new Date().toISOString().slice(0, 10),
    place: '滨江步道',
    content: '陪同老人散步就医',
    minutes: 75,
  });
  const before = counts();
  const results = await Promise.all(
    Array.from({ length: 40 }, (_, i) => callApi(url(i), i % 4 < 2 ? leader : adminToken, 'records', 'approve', { recordId: record.id }, newRequestId('appr'))),
  );
  expect(results.every((r) => r.body.ok)).toBe(true);
  expect(counts().transfers - before.transfers).toBe(1);
  expect(await balance(volunteer)).toBe(75);

  const reversals = await Promise.all(
    Array.from({ length: 10 }, (_, i) => callApi(url(i), adminToken, 'records', 'reverse', { recordId: record.id, reason: '测试撤销' }, newRequestId('rev'))),
  );
  expect(reversals.every((r) => r.body.ok)).toBe(true);
  expect(counts().transfers - before.transfers).toBe(2);
  expect(await balance(volunteer)).toBe(0);
  await expectVerified();
});

it('mixed traffic from many people on both processes keeps every invariant; npm run ledger:verify agrees', async () => {
  const people = await Promise.all(Array.from({ length: 6 }, (_, i) => member(i, `群${'甲乙丙丁戊己'[i]}`)));
  for (let i = 0; i < people.length; i++) await linked(people[i]!, people[(i + 1) % people.length]!);
  for (const p of people) await ok(0, adminToken, 'timebank', 'adjust', { accountId: `user:${p.userId}`, minutes: 120, reason: '并发测试充值' });
  const calls = Array.from({ length: 120 }, (_, i) => {
    const from = people[i % people.length]!;
    const to = people[(i + 1) % people.length]!;
    return i % 3 === 0
      ? callApi(url(i), from.token, 'timebank', 'donate', { minutes: 7 }, newRequestId('mixd'))
      : callApi(url(i), from.token, 'timebank', 'gift', { toUserId: to.userId, minutes: 11 }, newRequestId('mixg'));
  });
  const results = await Promise.all(calls);
  for (const r of results) if (!r.body.ok) expect(r.body.error.code).toBe('INSUFFICIENT_BALANCE');
  const total = (await Promise.all(people.map(balance))).reduce((a, b) => a + b, 0);
  const donated = results.filter((r, i) => r.body.ok && i % 3 === 0).length * 7;
  expect(total).toBe(6 * 120 - donated);
  await expectVerified();

  const cli = await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/ledger-verify.ts')], {
    env: { ...process.env, DATA_DIR: dataDir },
  });
  expect(cli.stdout).toContain('ledger OK');
});
