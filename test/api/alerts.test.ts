/**
 * The alarm chain over real HTTP (buildApp, the app `npm start` serves) on the demo street, its clock
 * injected, with a notifier that records what WeChat would have accepted. Every demo senior's one-tap
 * help names a staff person who was reached; a senior of a 居委 without a social worker gets the duty
 * officer (by day) or the admin (nobody on duty); when nobody acknowledges in time, the next link is
 * told too; a refused send (43101) moves the chain on and the inbox still has the message.
 */
import type { AlertDetail, AlertView, InboxResults } from '../../cloudfunctions/core/api';
import { callApi, login, newRequestId, startSeededApp, type SeededApp } from '../support/server';
import { createFakeNotifier } from '../support/notifier-fake';

let url: string;
// 08:00 in Shanghai: 周敏 is on duty (08:00–20:00), the admin by night.
const clock = { now: new Date('2026-11-27T00:00:00.000Z') };
const notifier = createFakeNotifier();
const tokens = new Map<string, string>();

let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ label: 'alerts-http', now: () => clock.now, notifier });
  ({ url } = app);
}, 60_000);

afterAll(() => app.stop());

async function token(openid: string): Promise<string> {
  if (!tokens.has(openid)) tokens.set(openid, (await login(url, openid)).token);
  return tokens.get(openid)!;
}

async function ok<T>(openid: string, fn: string, action: string, data: object = {}, mutation = false): Promise<T> {
  const r = await callApi<T>(url, await token(openid), fn, action, data, mutation ? newRequestId() : undefined);
  if (!r.body.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

const seniors = Array.from({ length: 10 }, (_, i) => `demo-s${String(i + 1).padStart(2, '0')}`);
const STAFF_ROLES = ['居委社工', '街道值班', '街道管理员'];
const raised = new Map<string, AlertView>();

it('every demo senior’s one-tap help names a staff person WeChat reached; without a social worker, the duty officer', async () => {
  for (const openid of seniors) {
    const alert = await ok<AlertView>(openid, 'alerts', 'raise', {}, true);
    raised.set(openid, alert);
    expect(alert.nobodyReached).toBe(false);
    expect(alert.told.some((t) => t.how === 'wechat' && STAFF_ROLES.includes(t.roleText))).toBe(true);
  }
  // 沁春 and 林荫 have no social worker: their seniors' alarms went straight to the duty officer.
  for (const openid of ['demo-s05', 'demo-s06', 'demo-s07', 'demo-s08']) {
    const a = raised.get(openid)!;
    expect(a.told.map((t) => [t.name, t.roleText])).toEqual([['街道值班周敏', '街道值班']]);
    expect(a.chain.map((l) => l.state)).toEqual(['skipped', 'skipped', 'active', 'waiting']);
    expect(a.next?.text).toMatch(/前仍无人回应，将通知街道管理员$/);
  }
  for (const openid of ['demo-s01', 'demo-s02', 'demo-s03', 'demo-s04', 'demo-s09', 'demo-s10']) {
    expect(raised.get(openid)!.told.map((t) => t.name)).toEqual(['居委社工小郑']);
  }
  // What the duty officer's phone received: the alert template, opening the alert's page.
  const duty = notifier.sent.filter((r) => r.openid === 'demo-duty');
  expect(duty).toHaveLength(4);
  expect(duty[0]!.page).toBe(`/packages/alert/detail/index?id=${raised.get('demo-s05')!.id}`);
  expect(Object.values(duty[0]!.data).map((f) => f.value)).toEqual(['一键求助：蒋凤英', '请处理', expect.stringContaining('蒋凤英'), '2026-11-27 08:00']);
});

it('nobody acknowledges within the configured time: the scheduler tells the next link, the admin', async () => {
  const id = raised.get('demo-s05')!.id;
  // 9 minutes: still the duty officer's turn.
  clock.now = new Date(clock.now.getTime() + 9 * 60_000);
  await ok('demo-admin', 'scheduler', 'run', {}, true);
  expect((await ok<AlertDetail>('demo-duty', 'alerts', 'get', { alertId: id })).chain[3]!.state).toBe('waiting');
  // Past 10 minutes (one-tap help's wait): the admin is told as well.
  clock.now = new Date(clock.now.getTime() + 2 * 60_000);
  const before = notifier.sent.filter((r) => r.openid === 'demo-admin').length;
  await ok('demo-admin', 'scheduler', 'run', {}, true);
  const after = await ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: id });
  expect(after.chain.map((l) => l.state)).toEqual(['skipped', 'skipped', 'passed', 'active']);
  expect(after.told.map((t) => t.name)).toEqual(['街道值班周敏', '街道管理员']);
  expect(notifier.sent.filter((r) => r.openid === 'demo-admin').length).toBeGreaterThan(before);
  // The admin acknowledges: the senior's side reads who is handling it.
  await ok('demo-admin', 'alerts', 'acknowledge', { alertId: id }, true);
  const seen = await ok<AlertDetail>('demo-s05', 'alerts', 'get', { alertId: id });
  expect(seen).toMatchObject({ acknowledgedByName: '街道管理员', next: { text: '街道管理员正在处理' }, senior: null });
});

it('with nobody on duty, the admin is the one told; a refused send (43101) moves on and the inbox keeps the message', async () => {
  await ok('demo-admin', 'alerts', 'setRoster', { shifts: [] }, true);
  const id = raised.get('demo-s06')!.id;
  await ok('demo-duty', 'alerts', 'close', { alertId: id, how: 'false_alarm' }, true);
  const again = await ok<AlertView>('demo-s06', 'alerts', 'raise', {}, true);
  expect(again.id).not.toBe(id);
  expect(again.told.map((t) => [t.name, t.roleText])).toEqual([['街道管理员', '街道管理员']]);
  expect(again.chain.map((l) => l.state)).toEqual(['skipped', 'skipped', 'skipped', 'active']);

  // The social worker has switched WeChat notifications off: WeChat answers 43101.
  notifier.failFor.set('demo-social', 43101);
  await ok('demo-s09', 'alerts', 'close', { alertId: raised.get('demo-s09')!.id, how: 'false_alarm' }, true);
  const refused = await ok<AlertView>('demo-s09', 'alerts', 'raise', { note: '胸口疼' }, true);
  expect(refused.chain.map((l) => l.state)).toEqual(['skipped', 'passed', 'skipped', 'active']);
  expect(refused.told.map((t) => t.name)).toEqual(['街道管理员']);
  const detail = await ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: refused.id });
  expect(detail.chain[1]!.people.map((p) => [p.name, p.deliveryText])).toEqual([['居委社工小郑', '没开微信提醒']]);
  const inbox = await ok<InboxResults['list']>('demo-social', 'inbox', 'list', { limit: 5 });
  expect(inbox.items.map((m) => m.title)).toContain('一键求助：邹玉梅');
});

it('a 居委 may have its own chain; the admins always close it; a chain without links is refused', async () => {
  // 春晓 wants the duty officer before anyone else; without 街道管理员 the request is refused.
  const bad = await callApi(
    url,
    await token('demo-admin'),
    'alerts',
    'setChain',
    { waitMinutes: { help: 10, unreachable: 30, emergency: 10, overdue: 120 }, links: [] },
    newRequestId(),
  );
  expect(bad.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '求助链至少要有一级' } });
  const noAdmin = await callApi(
    url,
    await token('demo-admin'),
    'alerts',
    'setChain',
    { waitMinutes: { help: 10, unreachable: 30, emergency: 10, overdue: 120 }, committees: [{ committeeId: 'c_chunxiao', links: ['duty'] }] },
    newRequestId(),
  );
  expect(noAdmin.body).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '求助链的最后一级必须是街道管理员' } });
  const set = await ok<{ committees: Array<{ committeeId: string; own: boolean; links: Array<{ linkText: string }> }> }>(
    'demo-admin',
    'alerts',
    'setChain',
    { waitMinutes: { help: 5, unreachable: 30, emergency: 10, overdue: 120 }, committees: [{ committeeId: 'c_chunxiao', links: ['duty', 'admin'] }] },
    true,
  );
  expect(set.committees.find((c) => c.committeeId === 'c_chunxiao')).toMatchObject({
    own: true,
    links: [{ linkText: '街道值班' }, { linkText: '街道管理员' }],
  });
  // Nobody on duty (the roster was emptied above): 冯阿大's alarm goes to the admin, with the 5-minute wait.
  await ok('demo-s08', 'alerts', 'close', { alertId: raised.get('demo-s08')!.id, how: 'false_alarm' }, true);
  const a = await ok<AlertView>('demo-s08', 'alerts', 'raise', {}, true);
  expect(a.chain.map((l) => [l.link, l.state])).toEqual([
    ['duty', 'skipped'],
    ['admin', 'active'],
  ]);
  expect(Date.parse(a.chain[1]!.dueAt!) - Date.parse(a.chain[1]!.startedAt!)).toBe(5 * 60_000);
});
