/**
 * An alert opened by staff the chain has not reached (an admin or the duty officer while the 居委
 * is still being told) over a real SQLite file: they see what happened and who is on it, not her
 * address, phone or family's numbers, and nothing of hers is logged, until they ask (`reveal`);
 * asking is logged and shows in her access log. Whoever the alert told, and whoever takes it, gets
 * the details at once.
 */
import type { AlertDetail, AlertView, SeniorsResults } from '../../cloudfunctions/core/api';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const T0 = '2026-12-01T02:00:00.000Z';

let s: SeniorStreet;

const openings = (actorId: string) =>
  (
    s.world.store.rawReader
      .prepare("SELECT count(*) AS n FROM audit WHERE json_extract(doc, '$.kind') = 'senior.open' AND json_extract(doc, '$.actorId') = ?")
      .get(actorId) as { n: number }
  ).n;

beforeEach(async () => {
  s = await openSeniorStreet(T0);
});

afterEach(() => s.close());

it('gives an admin whose turn has not come the alert without her details, and logs nothing of hers', async () => {
  const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
  // The family link had no subscription: the chain is at the 居委; the street's links wait.
  expect(alert.chain.map((l) => [l.link, l.state])).toEqual([
    ['partner', 'passed'],
    ['socialWorker', 'active'],
    ['duty', 'waiting'],
    ['admin', 'waiting'],
  ]);
  const admin = await s.userId('demo-admin');
  for (const who of ['demo-admin', 'demo-duty']) {
    const opened = await s.ok<AlertDetail>(who, 'alerts', 'get', { alertId: alert.id });
    expect(opened).toMatchObject({ role: 'staff', canHandle: true, sealed: true, senior: null, seniorName: '沈阿婆' });
    expect(JSON.stringify(opened)).not.toMatch(/13800000200|101 室|13800000300/);
  }
  expect(openings(admin)).toBe(0);
  expect(openings(await s.userId('demo-duty'))).toBe(0);
  // Seeing the alert is still recorded on it: they know.
  const again = await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: alert.id });
  expect(again.seenBy.map((x) => x.name)).toEqual(expect.arrayContaining(['街道管理员']));

  // The social worker, whom the chain told, gets everything at once, as before.
  const social = await s.ok<AlertDetail>('demo-social', 'alerts', 'get', { alertId: alert.id });
  expect(social).toMatchObject({ role: 'recipient', sealed: false, senior: { address: '新圆湾花园 3 号楼 101 室', phone: '13800000200' } });
  expect(social.senior!.emergencyContacts).toEqual([{ name: '沈小妹', relation: '女儿', phone: '13800000300' }]);
});

it('opens her details to an admin who asks, logs the asking, and shows it in her access log', async () => {
  const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
  await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: alert.id });
  s.advance(1);
  const revealed = await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: alert.id, reveal: true });
  expect(revealed).toMatchObject({ role: 'staff', sealed: false, senior: { name: '沈阿婆', address: '新圆湾花园 3 号楼 101 室', phone: '13800000200' } });
  expect(revealed.senior!.emergencyContacts).toEqual([{ name: '沈小妹', relation: '女儿', phone: '13800000300' }]);
  expect(openings(await s.userId('demo-admin'))).toBe(1);
  const log = await s.ok<SeniorsResults['accessLog']>('demo-s01', 'seniors', 'accessLog', {});
  expect(log.items.map((l) => [l.actorName, l.reason, l.fields.join('+')])).toEqual([['街道管理员', 'alert', 'address+phone+emergencyContacts']]);
  // Opening it again without asking is sealed again: the page asks each time, and each asking is logged.
  expect((await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: alert.id })).sealed).toBe(true);
  expect(openings(await s.userId('demo-admin'))).toBe(1);
});

it('gives the details at once to staff who took the alert, and to admins once the chain reaches them', async () => {
  const alert = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
  await s.ok<AlertView>('demo-duty', 'alerts', 'acknowledge', { alertId: alert.id });
  const taken = await s.ok<AlertDetail>('demo-duty', 'alerts', 'get', { alertId: alert.id });
  expect(taken).toMatchObject({ sealed: false, senior: { address: '新圆湾花园 3 号楼 101 室' } });
  expect(openings(await s.userId('demo-duty'))).toBe(1);
  // Another admin, who did not take it, still asks first.
  expect((await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: alert.id })).sealed).toBe(true);

  // A second alert nobody takes: once the chain has reached the admin link, the admin is told and acts.
  await s.ok('demo-duty', 'alerts', 'close', { alertId: alert.id, how: 'false_alarm' });
  const next = await s.ok<AlertView>('demo-s01', 'alerts', 'raise', {});
  let reached: AlertDetail | null = null;
  for (let i = 0; i < 4 && !reached; i += 1) {
    s.advance(60);
    await runScheduler({ store: s.world.store, notifier: s.world.notifier }, s.clock.now);
    const seen = await s.ok<AlertDetail>('demo-admin', 'alerts', 'get', { alertId: next.id });
    if (seen.chain.find((l) => l.link === 'admin')!.state !== 'waiting') reached = seen;
    else expect(seen).toMatchObject({ sealed: true, senior: null });
  }
  expect(reached).toMatchObject({ role: 'recipient', sealed: false, senior: { address: '新圆湾花园 3 号楼 101 室' } });
});
