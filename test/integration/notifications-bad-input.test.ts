/**
 * Bad input at the notification edge never crashes and never loses an alert: an unknown kind stays in
 * the inbox with a recorded skip; a field WeChat would refuse is recorded, not sent wrong; a recipient
 * without a WeChat identity (a closed account) is recorded as skipped and the alarm chain moves on; a
 * template not set up on CloudBase is recorded as skipped.
 */
import pino from 'pino';
import type { AlertView } from '../../cloudfunctions/core/api';
import { parseNotificationsConfig, type NotificationsConfig, type OutboxDoc } from '../../cloudfunctions/core/domain/notifications';
import { notificationTemplates } from '../../cloudfunctions/core/notifier/templates';
import { deliverOne, type DeliveryDeps } from '../../cloudfunctions/core/services/delivery';
import { notify, type Notice } from '../../cloudfunctions/core/services/inbox';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

let s: SeniorStreet;
let deps: DeliveryDeps;

beforeAll(async () => {
  s = await openSeniorStreet();
  deps = { store: s.world.store, notifier: s.world.notifier, templates: notificationTemplates(), now: () => s.clock.now, log: pino({ level: 'silent' }) };
});
afterAll(() => s.close());

async function write(notice: Notice): Promise<string> {
  const id = await s.world.store.transaction((tx) => notify(tx, notice, s.clock.now.toISOString()));
  return id.replace(/^m_/, 'ob_');
}
const row = async (id: string) => (await s.world.store.get<OutboxDoc>('outbox', id))!;

it('an unknown kind is kept in the inbox and recorded as skipped at the outbox', async () => {
  const userId = await s.userId('demo-social');
  const sentBefore = s.world.notifier.sent.length;
  const id = await write({ userId, kind: 'no.such.kind' as never, title: '测试', body: '未知类型' });
  expect(await row(id)).toMatchObject({ state: 'skipped', reason: '未知的通知类型：no.such.kind' });
  expect(await s.world.store.get('messages', id.replace(/^ob_/, 'm_'))).toMatchObject({ title: '测试' });
  expect(await deliverOne(deps, id)).toMatchObject({ state: 'skipped' });
  expect(s.world.notifier.sent.length).toBe(sentBefore);
});

it('a field WeChat would refuse is recorded with the reason, never sent cut wrong', async () => {
  // A template that puts the title into a phrase keyword (at most 5 characters).
  const broken: NotificationsConfig = parseNotificationsConfig({
    templates: { ...notificationTemplates().templates, alert: { title: '警报通知', templateId: 't', longTerm: false, fields: { phrase1: 'subject' } } },
  });
  const userId = await s.userId('demo-social');
  const id = await write({ userId, kind: 'alert.closed', title: '警报已结束：沈阿婆', body: '测试' });
  const sentBefore = s.world.notifier.sent.length;
  expect(await deliverOne({ ...deps, templates: broken }, id)).toMatchObject({ state: 'skipped', reason: expect.stringContaining('phrase1 最多 5 个字') });
  expect(s.world.notifier.sent.length).toBe(sentBefore);
});

it('on CloudBase a template without an id is recorded as not set up; the inbox keeps the message', async () => {
  const userId = await s.userId('demo-social');
  const id = await write({ userId, kind: 'alert.closed', title: '警报已结束：钱老伯', body: '测试' });
  const wechat = { ...deps.notifier, kind: 'wechat' as const, needsTemplateId: true, send: deps.notifier.send };
  expect(await deliverOne({ ...deps, notifier: wechat }, id)).toMatchObject({ state: 'skipped', reason: '“警报通知”模板还没有设置（notifications.json）' });
});

it('a social worker whose account is closed has no WeChat identity: recorded as skipped, and the chain moves on', async () => {
  // 小郑 loses the WeChat identity (as a closed account does); her desk still lists her.
  const identity = await s.world.store.get<{ _id: string; userId: string }>('identities', 'demo-social');
  await s.world.store.transaction((tx) => tx.remove('identities', 'demo-social'));
  try {
    const alert = await s.ok<AlertView>('demo-s02', 'alerts', 'raise', {});
    expect(alert.chain.find((l) => l.link === 'socialWorker')).toMatchObject({ state: 'passed' });
    expect(alert.told.map((t) => t.roleText)).toEqual(['街道值班']);
    const rows = (await s.world.store.find<OutboxDoc>('outbox', { where: { alertId: alert.id }, limit: 20 })).items;
    expect(rows.find((r) => r.userId === identity!.userId)).toMatchObject({ state: 'skipped', reason: '收件人没有微信身份（账号已注销）' });
  } finally {
    await s.world.store.transaction((tx) => tx.create('identities', identity!));
  }
});
