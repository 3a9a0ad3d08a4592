/**
 * Subscription answers (订阅消息), quiet hours and the outbox (已发通知) through the real dispatcher
 * over the demo street: answers accumulate, a refusal stops the asking, WeChat's 43101 drops the
 * estimate to zero so the app asks again, a reminder written in quiet hours waits for their end, and
 * who sees which outbox rows.
 */
import pino from 'pino';
import type { InboxResults, SubscriptionView } from '../../cloudfunctions/core/api';
import type { OutboxDoc } from '../../cloudfunctions/core/domain/notifications';
import { notificationTemplates } from '../../cloudfunctions/core/notifier/templates';
import { deliverAndSettle, type DeliveryDeps } from '../../cloudfunctions/core/services/delivery';
import { notify, type Notice } from '../../cloudfunctions/core/services/inbox';
import { openSeniorStreet, type SeniorStreet } from './seniors-fixtures';

const of = (r: { items: SubscriptionView[] }, key: string) => r.items.find((i) => i.template === key)!;

describe('subscriptions, quiet hours and the outbox', () => {
  let s: SeniorStreet;
  let deps: DeliveryDeps;
  const subs = (openid: string) => s.ok<InboxResults['subscriptions']>(openid, 'inbox', 'subscriptions');
  const answer = (openid: string, answers: Record<string, string>, context = '报名活动') =>
    s.ok<InboxResults['answerSubscriptions']>(openid, 'inbox', 'answerSubscriptions', { answers, context });
  /** Writes one notice as a service would (in a transaction) and returns its outbox row's id. */
  const write = async (notice: Notice): Promise<string> => {
    const id = await s.world.store.transaction((tx) => notify(tx, notice, s.clock.now.toISOString()));
    return id.replace(/^m_/, 'ob_');
  };
  const row = async (id: string) => (await s.world.store.get<OutboxDoc>('outbox', id))!;
  const deliver = (id: string) => deliverAndSettle(deps, [id]);

  beforeAll(async () => {
    s = await openSeniorStreet();
    deps = { store: s.world.store, notifier: s.world.notifier, templates: notificationTemplates(), now: () => s.clock.now, log: pino({ level: 'silent' }) };
  });
  afterAll(() => s.close());

  it('starts with nothing left, asks for every template, default quiet hours', async () => {
    const p = await s.person('订阅新人');
    const r = await subs(p.openid);
    expect(r.runtime).toBe('wechat');
    expect(r.quiet).toEqual({ from: '22:00', to: '07:00' });
    expect(r.items.map((i) => i.template)).toEqual(['activity', 'hours', 'help', 'contact', 'alert', 'team']);
    expect(of(r, 'activity')).toEqual({ template: 'activity', title: '活动提醒', templateId: '', longTerm: false, left: 0, last: null, ask: true });
  });

  it('accumulates acceptances; a refusal or a ban stops the asking', async () => {
    const p = await s.person('订阅累计');
    let r = await answer(p.openid, { activity: 'accept', contact: 'reject' });
    expect(of(r, 'activity')).toMatchObject({ left: 1, last: 'accept', ask: false });
    expect(of(r, 'contact')).toMatchObject({ left: 0, last: 'reject', ask: false });
    r = await answer(p.openid, { activity: 'accept', team: 'ban', help: 'accept' });
    expect(of(r, 'activity')).toMatchObject({ left: 2, ask: false });
    expect(of(r, 'team')).toMatchObject({ left: 0, last: 'ban', ask: false });
    expect(of(r, 'help')).toMatchObject({ left: 1, ask: false });
    // The same answer from a read afterwards; untouched templates still ask.
    const read = await subs(p.openid);
    expect(read.items).toEqual(r.items);
    expect(of(read, 'hours')).toMatchObject({ left: 0, last: null, ask: true });
    expect(read.quiet).toEqual({ from: '22:00', to: '07:00' });

    // Used up by sends, the app asks again at the next tap; after a refusal never again.
    const first = await write({ userId: p.userId, kind: 'help.accepted', title: '志愿者已接单', body: '刘芳明天 09:00 上门' });
    await deliver(first);
    expect(await row(first)).toMatchObject({ state: 'sent' });
    expect(of(await subs(p.openid), 'help')).toMatchObject({ left: 0, ask: true });
    r = await answer(p.openid, { help: 'reject' }, '提交求助');
    expect(of(r, 'help')).toMatchObject({ left: 0, last: 'reject', ask: false });
    const second = await write({ userId: p.userId, kind: 'help.reported', title: '请确认服务', body: '刘芳报告服务了 2 小时' });
    await deliver(second);
    expect(await row(second)).toMatchObject({ state: 'unsubscribed' });
  });

  it('refuses more than three templates at once and an unknown template', async () => {
    const p = await s.person('订阅校验');
    expect(
      await s.err(p.openid, 'inbox', 'answerSubscriptions', {
        answers: { activity: 'accept', help: 'accept', contact: 'accept', team: 'accept' },
        context: '报名',
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await s.err(p.openid, 'inbox', 'answerSubscriptions', { answers: { sms: 'accept' }, context: '报名' })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.err(p.openid, 'inbox', 'answerSubscriptions', { answers: { activity: 'maybe' }, context: '报名' })).toMatchObject({ code: 'VALIDATION' });
  });

  it('43101 from WeChat zeroes what is left, so the app asks again', async () => {
    const p = await s.person('订阅被拒');
    await answer(p.openid, { activity: 'accept' });
    await answer(p.openid, { activity: 'accept' });
    expect(of(await subs(p.openid), 'activity')).toMatchObject({ left: 2, ask: false });
    s.world.notifier.failFor.set(p.openid, 43101);
    try {
      const id = await write({ userId: p.userId, kind: 'activity.cancelled', title: '活动取消：周末巡河护林', body: '因天气原因取消', activityId: 'a_none' });
      await deliver(id);
      expect(await row(id)).toMatchObject({ state: 'unsubscribed', errcode: 43101 });
    } finally {
      s.world.notifier.failFor.delete(p.openid);
    }
    expect(of(await subs(p.openid), 'activity')).toMatchObject({ left: 0, last: 'accept', ask: true });
  });

  it('holds a reminder written in quiet hours until they end, unless they are off; alarms never wait', async () => {
    const p = await s.person('免打扰');
    s.clock.now = new Date('2026-11-27T15:00:00.000Z'); // 23:00 in Shanghai
    const reminder = await write({ userId: p.userId, kind: 'activity.reminder', title: '明天的活动', body: '周末巡河护林 09:00', activityId: 'a_q1' });
    expect((await row(reminder)).nextAttemptAt).toBe('2026-11-27T23:00:00.000Z'); // 07:00 in Shanghai
    const normal = await write({ userId: p.userId, kind: 'activity.cancelled', title: '活动取消', body: '因天气原因取消', activityId: 'a_q1' });
    expect((await row(normal)).nextAttemptAt).toBe('2026-11-27T15:00:00.000Z');
    const alarm = await write({ userId: p.userId, kind: 'alert.raised', title: '沈阿婆一键求助', body: '请尽快联系', alertId: 'al_q1' });
    expect((await row(alarm)).nextAttemptAt).toBe('2026-11-27T15:00:00.000Z');

    // Someone's own hours: 21:00–08:00 holds the reminder until 08:00.
    expect(await s.ok(p.openid, 'inbox', 'setQuietHours', { on: true, from: '21:00', to: '08:00' })).toEqual({ quiet: { from: '21:00', to: '08:00' } });
    const later = await write({ userId: p.userId, kind: 'activity.reminder', title: '明天的活动', body: '护河巡林 10:00', activityId: 'a_q2' });
    expect((await row(later)).nextAttemptAt).toBe('2026-11-28T00:00:00.000Z');

    // Turned off: the reminder goes at once.
    expect(await s.ok(p.openid, 'inbox', 'setQuietHours', { on: false })).toEqual({ quiet: null });
    expect((await subs(p.openid)).quiet).toBeNull();
    const now = await write({ userId: p.userId, kind: 'activity.reminder', title: '明天的活动', body: '护河巡林 14:00', activityId: 'a_q3' });
    expect((await row(now)).nextAttemptAt).toBe('2026-11-27T15:00:00.000Z');

    expect(await s.err(p.openid, 'inbox', 'setQuietHours', { on: true, from: '22:00', to: '22:00' })).toMatchObject({ code: 'VALIDATION' });
    expect(await s.err(p.openid, 'inbox', 'setQuietHours', { on: true })).toMatchObject({ code: 'VALIDATION' });

    // A person with no answers on record (no subscription document) gets the default 22:00–07:00.
    const fresh = await s.person('免打扰默认');
    const held = await write({ userId: fresh.userId, kind: 'partner.due', title: '该联系了', body: '请给沈阿婆打个电话' });
    expect((await row(held)).nextAttemptAt).toBe('2026-11-27T23:00:00.000Z');
    s.clock.now = new Date('2026-11-27T00:00:00.000Z');
  });

  describe('the outbox', () => {
    let toXinyuanwan: string;
    let toLinyin: string;
    let failed: string;
    beforeAll(async () => {
      s.clock.now = new Date('2026-11-27T02:00:00.000Z');
      const v01 = await s.userId('demo-v01'); // 王建国, 新圆湾 (accepted 活动提醒 once in the seed)
      const v03 = await s.userId('demo-v03'); // 张伟, 林荫
      toXinyuanwan = await write({ userId: v01, kind: 'activity.moved', title: '活动改期：周末巡河护林', body: '改到 11 月 29 日 09:00', activityId: 'a_ob1' });
      await deliver(toXinyuanwan);
      s.advance(1);
      toLinyin = await write({ userId: v03, kind: 'activity.moved', title: '活动改期：握爪遛狗', body: '改到 11 月 30 日 14:00', activityId: 'a_ob2' });
      await deliver(toLinyin);
      s.advance(1);
      // A send WeChat refuses for now: pending with one attempt, shown as 重试中.
      s.world.notifier.failAll = -1;
      await s.ok('demo-v03', 'inbox', 'answerSubscriptions', { answers: { hours: 'accept' }, context: '测试' });
      failed = await write({ userId: v03, kind: 'record.approved', title: '服务时长已通过', body: '护河巡林 2 小时' });
      await deliver(failed);
      s.world.notifier.failAll = null;
    });

    it('shows the admin and the duty officer every message, newest first, with its fields and state', async () => {
      const all = await s.ok<InboxResults['outbox']>('demo-admin', 'inbox', 'outbox', { limit: 50 });
      expect(all.runtime).toBe('wechat');
      const ids = all.items.map((i) => i.id);
      expect(ids.indexOf(failed)).toBeLessThan(ids.indexOf(toLinyin));
      expect(ids.indexOf(toLinyin)).toBeLessThan(ids.indexOf(toXinyuanwan));
      const sent = all.items.find((i) => i.id === toXinyuanwan)!;
      expect(sent).toMatchObject({
        userName: '王建国',
        kind: 'activity.moved',
        templateTitle: '活动提醒',
        state: 'sent',
        stateText: '已送达微信',
        page: '/packages/activity/detail/index?id=a_ob1',
        attempts: 1,
      });
      expect(sent.fields).toEqual([
        { key: 'thing1', value: '活动改期：周末巡河护林' },
        { key: 'phrase2', value: '有变动' },
        { key: 'time3', value: '2026-11-27 10:00' },
        { key: 'thing4', value: '改到 11 月 29 日 09:00' },
      ]);
      // 张伟 had no 活动提醒 left: 未订阅, with the fields as they would have been.
      expect(all.items.find((i) => i.id === toLinyin)).toMatchObject({ userName: '张伟', state: 'unsubscribed', stateText: '没开微信提醒', attempts: 0 });
      expect(all.items.find((i) => i.id === toLinyin)!.fields[0]).toEqual({ key: 'thing1', value: '活动改期：握爪遛狗' });
      expect(all.items.find((i) => i.id === failed)).toMatchObject({ state: 'pending', stateText: '重试中', attempts: 1, errcode: -1 });
      expect(all.items.find((i) => i.id === failed)!.nextAttemptAt).toBe('2026-11-27T02:03:00.000Z');

      const duty = await s.ok<InboxResults['outbox']>('demo-duty', 'inbox', 'outbox', { limit: 50 });
      expect(duty.items.map((i) => i.id)).toEqual(ids);

      const onlySent = await s.ok<InboxResults['outbox']>('demo-admin', 'inbox', 'outbox', { limit: 50, state: 'unsubscribed' });
      expect(onlySent.items.every((i) => i.state === 'unsubscribed')).toBe(true);
      expect(onlySent.items.map((i) => i.id)).toContain(toLinyin);
      expect(onlySent.items.map((i) => i.id)).not.toContain(toXinyuanwan);
    });

    it('shows a social worker only the messages about seniors of the 居委 they serve, not their residents’ other mail', async () => {
      const shen = await s.userId('demo-s01'); // 沈阿婆, 新圆湾
      const aboutShen = await write({ userId: await s.userId('demo-v03'), kind: 'partner.due', title: '该联系了', body: '请给沈阿婆打个电话', seniorId: shen });
      const mine = await s.ok<InboxResults['outbox']>('demo-social', 'inbox', 'outbox', { limit: 50 });
      const ids = mine.items.map((i) => i.id);
      expect(ids).toContain(aboutShen);
      // 王建国 lives in 新圆湾, but his activity notice is none of the 居委's business.
      expect(ids).not.toContain(toXinyuanwan);
      expect(ids).not.toContain(toLinyin);
      expect(ids).not.toContain(failed);
      expect(await s.err('demo-v01', 'inbox', 'outbox', {})).toMatchObject({ code: 'FORBIDDEN' });
      expect(await s.err('demo-s01', 'inbox', 'outbox', {})).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('lists the messages of one alert', async () => {
      const v01 = await s.userId('demo-v01');
      const id = await write({ userId: v01, kind: 'alert.raised', title: '沈阿婆一键求助', body: '请尽快联系', alertId: 'al_test1' });
      const one = await s.ok<InboxResults['outbox']>('demo-admin', 'inbox', 'outbox', { alertId: 'al_test1' });
      expect(one.items.map((i) => i.id)).toEqual([id]);
      expect(one.items[0]).toMatchObject({
        templateTitle: '警报通知',
        state: 'pending',
        stateText: '等待发送',
        page: '/packages/alert/detail/index?id=al_test1',
      });
    });
  });
});
