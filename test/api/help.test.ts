/**
 * The redemption flow over real HTTP: the local host's fastify app (buildApp, the same one
 * `npm start` serves) on a fresh data folder with the demo street, its clock injected (deps.now) so
 * the service can really start. A social worker registers a senior, a family member becomes her
 * proxy and asks for two hours of companionship from her credits, a volunteer accepts, opens the
 * address (logged), reports, the proxy confirms; balances move exactly and `npm run ledger:verify`
 * passes. Then privacy over every volunteer response, and bad input that writes nothing.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { HelpRequestView, HelpResults, ProxyView, SeniorView, SeniorsResults, TimebankResults } from '../../cloudfunctions/core/api';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { addDays, localDate } from '../../cloudfunctions/core/domain/schedule';
import type { SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { formatReport, verifyLedger } from '../../cloudfunctions/core/services/ledger-verify';
import { callApi, login, newRequestId, startSeededApp, type SeededApp, type HttpResult } from '../support/server';

const run = promisify(execFile);

/** The volunteer who takes the request: free on Saturday morning. */
const HELPER = 'demo-v08';
/** Signed up for Saturday's 09:00 patrol by the demo seed. */
const BUSY = 'demo-v04';
let dataDir: string;
let store: SqliteStore;
let url: string;
const clock = { now: new Date('2026-11-27T00:00:00.000Z') };
const tokens = new Map<string, string>();

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ label: 'help-http', now: () => clock.now });
  ({ url, store, dataDir } = app);
}, 60_000);

afterAll(() => app.stop());

async function token(openid: string): Promise<string> {
  if (!tokens.has(openid)) tokens.set(openid, (await login(url, openid)).token);
  return tokens.get(openid)!;
}

/** Every response a volunteer received, to prove none carried an address or phone before accepting. */
const volunteerSaw: Array<{ who: string; body: unknown }> = [];

async function send<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<HttpResult<T>> {
  const r = await callApi<T>(url, await token(openid), fn, action, data, mutation ? newRequestId(action) : undefined);
  if (openid.startsWith('demo-v') || openid.startsWith('vol-')) volunteerSaw.push({ who: openid, body: r.body });
  return r;
}
async function ok<T = any>(openid: string, fn: string, action: string, data: object = {}, mutation = true): Promise<T> {
  const r = await send<T>(openid, fn, action, data, mutation);
  if (!r.body.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}
const read = <T = any>(openid: string, fn: string, action: string, data: object = {}) => ok<T>(openid, fn, action, data, false);

const count = (table: string) => (store.rawReader.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
const written = () => ({
  helpRequests: count('helpRequests'),
  transfers: count('transfers'),
  movements: count('movements'),
  requests: count('requests'),
  seniorLog: count('seniorLog'),
  messages: count('messages'),
});
const balance = async (openid: string) => (await read<TimebankResults['balance']>(openid, 'timebank', 'balance')).balance.minutes;

const ADDRESS = '新圆湾花园 21 号楼 602 室';
const SENIOR_PHONE = '13912340000';
let seniorId: string;
let familyOpenid: string;
let requestId: string;

describe('the full flow over HTTP', () => {
  it('a social worker registers a senior of their 居委', async () => {
    const view = await ok<SeniorView>('demo-social', 'seniors', 'register', {
      name: '孙奶奶',
      birthYear: 1939,
      committeeId: 'c_xinyuanwan',
      phone: SENIOR_PHONE,
      address: ADDRESS,
      location: { latitude: 31.2365, longitude: 121.4902 },
      livingAlone: true,
      specialDifficulty: false,
      emergencyContacts: [{ name: '孙建军', relation: '儿子', phone: '13912340001' }],
      consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
    });
    seniorId = view.id;
    expect(view).toMatchObject({ name: '孙奶奶', age: 87, phoneMasked: '139****0000', eligible: true });
    // Not in the database file nor its write-ahead log: only ciphertext and a keyed hash.
    const bytes = Buffer.concat(['street.db', 'street.db-wal'].map((file) => fs.readFileSync(path.join(dataDir, file))));
    expect(bytes.includes(Buffer.from('孙奶奶'))).toBe(true); // the name is stored as text, so the search works
    for (const secret of [SENIOR_PHONE, ADDRESS, '21 号楼', '孙建军', '13912340001']) expect(bytes.includes(Buffer.from(secret))).toBe(false);
  });

  it('her daughter registers and asks to be her proxy; the social worker confirms', async () => {
    familyOpenid = `family-${process.pid}`;
    await ok(familyOpenid, 'account', 'register', {
      name: '孙丽',
      phone: '13912340002',
      birthYear: 1968,
      committeeId: 'c_binjiang',
      consentVersion: PRIVACY_POLICY_VERSION,
    });
    // The answer says nothing about the senior: the number typed, masked, and "waiting".
    const asked = await ok<SeniorsResults['requestProxy']>(familyOpenid, 'seniors', 'requestProxy', { seniorPhone: SENIOR_PHONE, relation: '女儿' });
    expect(asked.state).toBe('pending');
    expect(JSON.stringify(asked)).not.toContain('孙奶奶');
    const confirmed = await ok<ProxyView>('demo-social', 'seniors', 'confirmProxy', { proxyId: asked.id });
    expect(confirmed).toMatchObject({ state: 'confirmed', confirmedVia: 'socialWorker' });
    // The senior has credits (given here by the admin as an adjustment).
    await ok('demo-admin', 'timebank', 'adjust', { accountId: `user:${seniorId}`, minutes: 180, reason: '测试：老人的时间币' });
  });

  it('the proxy asks for two hours of companionship from her mother’s credits', async () => {
    const home = await read<SeniorsResults['home']>(familyOpenid, 'seniors', 'home');
    expect(home.acting.banner).toBe('您正在代 孙奶奶 操作（家属代理：孙丽）');
    expect(home.balance.available.minutes).toBe(180);
    const tomorrow = addDays(localDate(clock.now), 1);
    const req = await ok<HelpRequestView>(familyOpenid, 'help', 'create', {
      seniorId,
      category: 'emotional',
      date: tomorrow,
      startTime: '09:00',
      endTime: '11:00',
      minutes: 120,
      note: '陪老人聊天、散步',
      funding: 'credits',
    });
    requestId = req.id;
    expect(req).toMatchObject({ state: 'open', held: { minutes: 120 } });
    expect((await read<SeniorsResults['home']>(familyOpenid, 'seniors', 'home')).balance).toMatchObject({
      balance: { minutes: 180 },
      pending: { minutes: 120 },
      available: { minutes: 60 },
    });
  });

  it('a volunteer booked at those hours sees why they cannot take it', async () => {
    // demo-v04 signed up for Saturday's 09:00 patrol (the demo seed): the same hours as the request.
    const open = await read<HelpResults['open']>(BUSY, 'help', 'open', { near: { latitude: 31.2352, longitude: 121.4889 } });
    expect(open.items.find((i) => i.id === requestId)).toMatchObject({ clash: expect.stringContaining('您已报名的“周末巡河护林”'), can: { accept: false } });
    expect((await read<HelpRequestView>(BUSY, 'help', 'detail', { requestId })).clash).toContain('不能再接这个求助');
    expect(await send(BUSY, 'help', 'accept', { requestId })).toMatchObject({ status: 409, body: { ok: false, error: { code: 'TIME_CONFLICT' } } });
  });

  it('a volunteer sees it without address or phone, accepts, and alone opens the contact (logged)', async () => {
    const open = await read<HelpResults['open']>(HELPER, 'help', 'open', { near: { latitude: 31.2352, longitude: 121.4889 } });
    const item = open.items.find((i) => i.id === requestId)!;
    expect(item).toMatchObject({ seniorName: '孙*奶', categoryName: '精神慰藉', committeeName: '新圆湾居委', distance: { meters: 200 } });
    await read(HELPER, 'help', 'detail', { requestId });
    expect((await send(HELPER, 'help', 'contact', { requestId }, false)).status).toBe(403);

    await ok(HELPER, 'help', 'accept', { requestId });
    const taken = await send('demo-v06', 'help', 'accept', { requestId });
    expect(taken).toMatchObject({ status: 409, body: { ok: false, error: { code: 'ALREADY_TAKEN' } } });
    expect((await send('demo-v06', 'help', 'contact', { requestId }, false)).status).toBe(403);
    expect((await send('demo-v06', 'help', 'detail', { requestId }, false)).status).toBe(403);

    const auditsBefore = count('audit');
    const contact = await read<HelpResults['contact']>(HELPER, 'help', 'contact', { requestId });
    expect(contact).toMatchObject({
      seniorName: '孙奶奶',
      address: ADDRESS,
      phone: SENIOR_PHONE,
      others: [{ label: '家属（女儿）', name: '孙丽', phone: '13912340002' }],
    });
    expect(count('audit')).toBe(auditsBefore + 1);
    const logged = store.rawReader.prepare("SELECT doc FROM audit WHERE json_extract(doc, '$.kind') = 'senior.contact.open'").all() as Array<{ doc: string }>;
    expect(logged.map((l) => JSON.parse(l.doc))).toEqual([
      expect.objectContaining({ subjectId: seniorId, detail: { helpRequestId: requestId, fields: ['address', 'phone'] } }),
    ]);
  });

  it('the volunteer serves and reports; the proxy confirms; balances move exactly; ledger:verify passes', async () => {
    clock.now = new Date(Date.parse((await read<HelpRequestView>(familyOpenid, 'help', 'detail', { requestId })).startAt) + 125 * 60_000);
    const volunteerBefore = await balance(HELPER);
    await ok(HELPER, 'help', 'reportDone', { requestId, minutes: 120, note: '聊天、散步' });
    const confirmed = await ok<HelpRequestView>(familyOpenid, 'help', 'confirm', { requestId });
    expect(confirmed).toMatchObject({ state: 'completed', settlement: { how: 'confirm', minutes: { minutes: 120 }, byName: '孙丽', viaText: '家属代理' } });
    expect(await balance(HELPER)).toBe(volunteerBefore + 120);
    const senior = await read<SeniorsResults['home']>(familyOpenid, 'seniors', 'home');
    expect(senior.balance).toMatchObject({ balance: { minutes: 60 }, pending: { minutes: 0 }, available: { minutes: 60 } });

    const history = await read<SeniorsResults['history']>('demo-social', 'seniors', 'history', { seniorId });
    expect(history.items.map((h) => h.viaText)).toEqual(['家属代理', '志愿者', '志愿者', '家属代理', '社工代办', '家属代理', '社工代办']);

    const report = await verifyLedger(store);
    if (!report.ok) throw new Error(formatReport(report));
    const cli = await run(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, '../../scripts/ledger-verify.ts')], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    expect(cli.stdout).toContain('ledger OK');
  }, 60_000);

  it('no volunteer response carried the address or a phone, except the assigned volunteer’s contact', () => {
    expect(volunteerSaw.length).toBeGreaterThan(8);
    const leaks = volunteerSaw.filter((r) => {
      const t = JSON.stringify(r.body);
      return t.includes('21 号楼') || t.includes(SENIOR_PHONE) || t.includes('13912340002') || t.includes('13912340001');
    });
    expect(leaks).toHaveLength(1);
    expect(leaks[0]!.who).toBe(HELPER);
    expect(leaks[0]!.body).toMatchObject({ ok: true, data: { address: ADDRESS } });
  });
});

describe('bad input over HTTP: a clear error each, nothing written', () => {
  it('more than the available credits', async () => {
    const before = written();
    const r = await send(familyOpenid, 'help', 'create', {
      seniorId,
      category: 'daily',
      date: addDays(localDate(clock.now), 1),
      startTime: '09:00',
      endTime: '11:00',
      minutes: 90,
      funding: 'credits',
    });
    expect(r).toMatchObject({
      status: 409,
      body: {
        ok: false,
        error: { code: 'INSUFFICIENT_BALANCE', message: '孙奶奶的可用时间币是 1小时，本次需要 1小时30分。可以少约一些时间，或请社工申请用街道公共时间' },
      },
    });
    expect(written()).toEqual(before);
  });

  it('an ineligible senior using the pool', async () => {
    const young = await ok<SeniorView>('demo-social', 'seniors', 'register', {
      name: '周阿姨',
      birthYear: 1963,
      committeeId: 'c_binjiang',
      address: '滨江苑 2 号楼 301 室',
      livingAlone: true,
      specialDifficulty: false,
      emergencyContacts: [{ name: '周明', relation: '儿子', phone: '13912340003' }],
      consent: { by: 'senior', informed: true, sensitive: true, sharing: true },
    });
    const before = written();
    const r = await send('demo-social', 'help', 'create', {
      seniorId: young.id,
      category: 'daily',
      date: addDays(localDate(clock.now), 1),
      startTime: '09:00',
      endTime: '10:00',
      minutes: 60,
      funding: 'pool',
    });
    expect(r).toMatchObject({ status: 403, body: { ok: false, error: { code: 'NOT_ELIGIBLE', message: expect.stringContaining('周阿姨今年 63 岁') } } });
    expect(written()).toEqual(before);
  });

  it('a proxy acting for someone else’s senior', async () => {
    const other = (await store.get<{ _id: string; userId: string }>('identities', 'demo-s02'))!.userId;
    const before = written();
    for (const [fn, action, data] of [
      [
        'help',
        'create',
        { seniorId: other, category: 'daily', date: addDays(localDate(clock.now), 1), startTime: '09:00', endTime: '10:00', minutes: 60, funding: 'credits' },
      ],
      ['alerts', 'raise', { seniorId: other }],
      ['seniors', 'history', { seniorId: other }],
    ] as const) {
      const r = await send(familyOpenid, fn, action, data, action !== 'history');
      expect(r).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '您不是这位老人的家属代理人，不能代为操作' } } });
    }
    expect(written()).toEqual(before);
  });

  it('confirming one’s own service', async () => {
    // The social worker also volunteers; they serve a request of their own 居委 and may not confirm it.
    const tomorrow = addDays(localDate(clock.now), 1);
    const req = await ok<HelpRequestView>(familyOpenid, 'help', 'create', {
      seniorId,
      category: 'daily',
      date: tomorrow,
      startTime: '09:00',
      endTime: '10:00',
      minutes: 30,
      funding: 'credits',
    });
    await ok('demo-social', 'help', 'accept', { requestId: req.id });
    clock.now = new Date(Date.parse(req.startAt) + 40 * 60_000);
    await ok('demo-social', 'help', 'reportDone', { requestId: req.id, minutes: 30 });
    const before = written();
    const r = await send('demo-social', 'help', 'confirm', { requestId: req.id });
    expect(r).toMatchObject({
      status: 403,
      body: { ok: false, error: { code: 'FORBIDDEN', message: '不能确认自己提供的服务，请由老人、家属代理人或社工确认' } },
    });
    const v = await send(HELPER, 'help', 'confirm', { requestId: req.id });
    expect(v).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN' } } });
    expect(written()).toEqual(before);
    await ok(familyOpenid, 'help', 'confirm', { requestId: req.id });
  });

  it('malformed input is VALIDATION (400), and a mutation without requestId is refused', async () => {
    const before = written();
    const bad = await send(familyOpenid, 'help', 'create', {
      seniorId,
      category: 'daily',
      date: '2026-02-30',
      startTime: '9点',
      endTime: '10:00',
      minutes: -5,
      funding: 'gold',
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const noId = await callApi(url, await token(familyOpenid), 'help', 'cancel', { requestId });
    expect(noId.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '缺少 requestId：每次提交都需要一个请求编号' } });
    expect(written()).toEqual(before);
  });
});
