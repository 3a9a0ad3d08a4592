/**
 * Races over real HTTP: two server PROCESSES on one data folder (SQLite WAL, BEGIN IMMEDIATE), calls
 * fired at both at once. Two (or ten) accepts leave exactly one volunteer; confirmations racing each
 * other or a cancel end in one outcome, with credits moved once; holds racing for the same credits
 * never overdraw. The ledger is verified after every scenario and by `npm run ledger:verify` at the end.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { HelpRequestView } from '../../cloudfunctions/core/api';
import { availableOf, balanceOf, personAccountId, type AccountDoc } from '../../cloudfunctions/core/domain/ledger';
import { addDays, localParts } from '../../cloudfunctions/core/domain/schedule';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { callApi, login, newRequestId, tempDataDir, type HttpResult } from '../support/server';
import { spawnServer, type ServerProcess } from '../support/process';

const run = promisify(execFile);

let dataDir: string;
let servers: ServerProcess[] = [];
let store: SqliteStore;
const tokens = new Map<string, string>();
const url = (i: number) => servers[i % servers.length]!.url;
const v = (n: number) => `demo-v${String(n).padStart(2, '0')}`;

async function token(openid: string): Promise<string> {
  if (!tokens.has(openid)) tokens.set(openid, (await login(url(0), openid)).token);
  return tokens.get(openid)!;
}
async function send<T = any>(i: number, openid: string, action: string, data: object, requestId = newRequestId(action)): Promise<HttpResult<T>> {
  return callApi<T>(url(i), await token(openid), 'help', action, data, requestId);
}
async function ok<T = any>(i: number, openid: string, action: string, data: object): Promise<T> {
  const r = await send<T>(i, openid, action, data);
  if (!r.body.ok) throw new Error(`help.${action} as ${openid}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
const codes = (results: HttpResult[]) => results.map((r) => (r.body.ok ? 'ok' : r.body.error.code)).sort();
const userId = async (openid: string) => (await store.get<{ _id: string; userId: string }>('identities', openid))!.userId;
const money = async (id: string) => {
  const a = await store.get<AccountDoc>('accounts', personAccountId(id));
  return a ? { balance: balanceOf(a), available: availableOf(a), held: a.debitsPending } : { balance: 0, available: 0, held: 0 };
};
const transfersOf = (helpId: string) =>
  (
    store.rawReader.prepare('SELECT id FROM transfers WHERE id LIKE ? OR id = ? ORDER BY id').all(`%redeem:${helpId}%`, `earn:r_${helpId}`) as Array<{
      id: string;
    }>
  ).map((r) => r.id);
const state = async (helpId: string) => (await store.get<{ _id: string; state: string; volunteerId: string | null }>('helpRequests', helpId))!;

async function expectVerified() {
  const report = await verifyLedger(store);
  if (!report.ok) throw new Error(formatReport(report));
}

/**
 * A window that started `minutes` and a bit ago today (Shanghai), whatever the hour, and ends half an
 * hour later, so the volunteer may accept it and at once report `minutes` (no more than have passed).
 */
function startedWindow(minutes = 15) {
  const p = localParts(new Date());
  const [h, m] = p.time.split(':').map(Number) as [number, number];
  const length = minutes + 30;
  const start = Math.max(0, Math.min(h * 60 + m - minutes - 2, 24 * 60 - 1 - length));
  const hhmm = (x: number) => `${String(Math.floor(x / 60)).padStart(2, '0')}:${String(x % 60).padStart(2, '0')}`;
  return { date: p.date, startTime: hhmm(start), endTime: hhmm(start + length), minutes };
}
/**
 * Minutes a volunteer may report now for a request that started at `startAt`: `wanted`, or fewer just
 * after midnight (Shanghai), when the window of startedWindow cannot start before 00:00. Waits out a
 * first minute that has not passed yet.
 */
async function reportable(startAt: string, wanted: number): Promise<number> {
  let passed = Math.floor((Date.now() - Date.parse(startAt)) / 60_000);
  if (passed < 1) {
    await new Promise((resolve) => setTimeout(resolve, Date.parse(startAt) + 61_000 - Date.now()));
    passed = 1;
  }
  return Math.min(wanted, passed);
}
/** The transfers of a confirmed request: the hold posted whole, or (fewer minutes served) voided and the minutes served paid. */
const settledTransfers = (id: string, served: number, held: number) =>
  served === held ? [`earn:r_${id}`, `post:redeem:${id}`, `redeem:${id}`] : [`earn:r_${id}`, `redeem:${id}`, `redeem:${id}:actual`, `void:redeem:${id}`];
const tomorrow = (startTime = '09:00', endTime = '09:30', minutes = 30) => ({ date: addDays(localParts(new Date()).date, 1), startTime, endTime, minutes });

beforeAll(async () => {
  dataDir = tempDataDir('help-races');
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '1' }));
  servers.push(await spawnServer(dataDir, { NODE_ENV: 'test', SEED_DEMO: '0' }));
  store = openSqliteStore(path.join(dataDir, 'street.db'));
}, 120_000);

afterAll(async () => {
  await store?.close();
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('ten volunteers accept at once on two servers: exactly one is assigned, the others ALREADY_TAKEN', async () => {
  const senior = await userId('demo-s02');
  const req = await ok<HelpRequestView>(0, 'demo-social', 'create', { seniorId: senior, category: 'daily', funding: 'credits', ...startedWindow() });
  const volunteers = [4, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(v);
  await Promise.all(volunteers.map(token));
  const results = await Promise.all(volunteers.map((p, i) => send(i, p, 'accept', { requestId: req.id })));
  expect(codes(results)).toEqual([
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ALREADY_TAKEN',
    'ok',
  ]);
  const winner = volunteers[results.findIndex((r) => r.body.ok)]!;
  expect(await state(req.id)).toMatchObject({ state: 'assigned', volunteerId: await userId(winner) });
  // Only the winner may open the contact.
  const contacts = await Promise.all(volunteers.map((p, i) => callApi(url(i), tokens.get(p)!, 'help', 'contact', { requestId: req.id })));
  expect(contacts.filter((r) => r.body.ok)).toHaveLength(1);
  await expectVerified();
}, 60_000);

it('a double confirm (same tap retried, another tap, the social worker, the senior) moves the credits once', async () => {
  const senior = await userId('demo-s01');
  const volunteer = await userId(v(15));
  const req = await ok<HelpRequestView>(0, 'demo-f01', 'create', { seniorId: senior, category: 'emotional', funding: 'credits', ...startedWindow(20) });
  await ok(1, v(15), 'accept', { requestId: req.id });
  const served = await reportable(req.startAt, 20);
  await ok(0, v(15), 'reportDone', { requestId: req.id, minutes: served });
  const seniorBefore = await money(senior);
  const volunteerBefore = await money(volunteer);
  const retried = newRequestId('confirm');
  const results = await Promise.all([
    send(0, 'demo-f01', 'confirm', { requestId: req.id }, retried),
    send(1, 'demo-f01', 'confirm', { requestId: req.id }, retried),
    send(1, 'demo-f01', 'confirm', { requestId: req.id }),
    send(0, 'demo-social', 'confirm', { requestId: req.id }),
    send(1, 'demo-s01', 'confirm', { requestId: req.id }),
  ]);
  expect(codes(results)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  expect(results.every((r) => r.body.ok && (r.body.data as HelpRequestView).state === 'completed')).toBe(true);
  expect(new Set(results.map((r) => r.body.ok && JSON.stringify((r.body.data as HelpRequestView).settlement))).size).toBe(1);
  expect(transfersOf(req.id)).toEqual(settledTransfers(req.id, served, 20));
  expect((await money(volunteer)).balance - volunteerBefore.balance).toBe(served);
  expect(seniorBefore.balance - (await money(senior)).balance).toBe(served);
  // The whole hold goes: the minutes served are paid, the rest released.
  expect(seniorBefore.held - (await money(senior)).held).toBe(20);
  await expectVerified();
}, 60_000);

it('confirm racing cancel: one outcome each, credits moved (or released) once', async () => {
  const senior = await userId('demo-s01');
  // A reported service: the confirmation wins, the cancel is refused.
  const served = await ok<HelpRequestView>(0, 'demo-f01', 'create', { seniorId: senior, category: 'daily', funding: 'credits', ...startedWindow(15) });
  await ok(1, v(16), 'accept', { requestId: served.id });
  const minutes = await reportable(served.startAt, 15);
  await ok(0, v(16), 'reportDone', { requestId: served.id, minutes });
  const a = await Promise.all([send(0, 'demo-f01', 'confirm', { requestId: served.id }), send(1, 'demo-social', 'cancel', { requestId: served.id })]);
  expect(a[0]!.body.ok).toBe(true);
  expect(a[1]!.body).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
  expect((await state(served.id)).state).toBe('completed');
  expect(transfersOf(served.id)).toEqual(settledTransfers(served.id, minutes, 15));

  // Accepted for tomorrow, not yet started: the cancel wins, the confirmation is refused, the hold is released once.
  const ahead = await ok<HelpRequestView>(1, 'demo-f01', 'create', {
    seniorId: senior,
    category: 'daily',
    funding: 'credits',
    ...tomorrow('10:00', '10:30', 30),
  });
  await ok(0, v(17), 'accept', { requestId: ahead.id });
  const b = await Promise.all([send(1, 'demo-f01', 'confirm', { requestId: ahead.id }), send(0, 'demo-social', 'cancel', { requestId: ahead.id })]);
  expect(b[0]!.body).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });
  expect(b[1]!.body.ok).toBe(true);
  expect(transfersOf(ahead.id)).toEqual([`redeem:${ahead.id}`, `void:redeem:${ahead.id}`]);

  // Accept racing cancel on an open request: whichever comes first, it ends cancelled with its hold released once.
  const open = await ok<HelpRequestView>(0, 'demo-f01', 'create', {
    seniorId: senior,
    category: 'daily',
    funding: 'credits',
    ...tomorrow('11:00', '11:30', 30),
  });
  const c = await Promise.all([send(1, v(19), 'accept', { requestId: open.id }), send(0, 'demo-f01', 'cancel', { requestId: open.id })]);
  expect(c[1]!.body.ok).toBe(true);
  expect((await state(open.id)).state).toBe('cancelled');
  expect(transfersOf(open.id)).toEqual([`redeem:${open.id}`, `void:redeem:${open.id}`]);
  await expectVerified();
}, 60_000);

it('holds racing for the same credits never overdraw: 180 minutes, ten requests of 30 at once, six held', async () => {
  const senior = await userId('demo-s03'); // 180 minutes; her son demo-f02 is her proxy
  expect(await money(senior)).toEqual({ balance: 180, available: 180, held: 0 });
  const results = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      send(i, 'demo-f02', 'create', {
        seniorId: senior,
        category: 'daily',
        funding: 'credits',
        ...tomorrow(`${String(8 + i).padStart(2, '0')}:00`, `${String(8 + i).padStart(2, '0')}:30`, 30),
      }),
    ),
  );
  expect(codes(results)).toEqual([...Array(4).fill('INSUFFICIENT_BALANCE'), ...Array(6).fill('ok')]);
  expect(await money(senior)).toEqual({ balance: 180, available: 0, held: 180 });
  await expectVerified();
  const cli = await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/ledger-verify.ts')], {
    env: { ...process.env, DATA_DIR: dataDir },
  });
  expect(cli.stdout).toContain('ledger OK');
}, 60_000);
