/**
 * The transactional outbox, on SQLite and on the CloudBase adapter (stand-in), with an injected clock:
 * - an outbox row commits with the event that causes it, or not at all;
 * - a sender that dies after claiming a message and before sending it leaves it leased: once the
 *   lease (SEND_LEASE_MS) is over, the scheduler's deliverDue sends it exactly once;
 * - a sender that dies after WeChat accepted the message, before recording it, causes at most one
 *   duplicate send (WeChat's send has no idempotency key), never a lost message;
 * - WeChat's 43101 (not subscribed) settles the row as unsubscribed; the inbox keeps the message;
 * - a transient error (-1) backs off, and deliverDue sends it once the backoff is over, not before;
 * - a reminder written in the person's quiet hours waits for their end; a normal notice does not.
 */
import pino from 'pino';
import { SEND_LEASE_MS, type OutboxDoc, type SubscriptionDoc } from '../../cloudfunctions/core/domain/notifications';
import { notificationTemplates } from '../../cloudfunctions/core/notifier/templates';
import type { SendRequest } from '../../cloudfunctions/core/notifier/port';
import { deliverDue, deliverOne, type DeliveryDeps } from '../../cloudfunctions/core/services/delivery';
import { notify, type Notice } from '../../cloudfunctions/core/services/inbox';
import type { MessageDoc } from '../../cloudfunctions/core/domain/messages';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { createCloudbaseStandin } from '../support/cloudbase-standin';
import { openWorld } from '../support/context';
import { createFakeNotifier, type FakeNotifier } from '../support/notifier-fake';

/** 10:00 in Shanghai: outside the default quiet hours (22:00–07:00). */
const T0 = new Date('2026-12-01T02:00:00.000Z');

interface Env {
  store: Store;
  close(): Promise<void>;
}

function sqlite(clock: { now: Date }): Env {
  const world = openWorld(() => clock.now);
  return { store: world.store, close: () => world.close() };
}

function cloudbase(): Env {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: false, seed: 11 });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 50, backoffMs: 1, maxBackoffMs: 5 });
  return {
    store,
    async close() {
      await store.close();
      standin.dispose();
    },
  };
}

/** The process "dies" here: the error stands for a function instance killed mid-call. */
class Crash extends Error {}

describe.each([
  ['SQLite', (clock: { now: Date }) => sqlite(clock)],
  ['CloudBase (stand-in)', () => cloudbase()],
])('the outbox on %s', (_name, open) => {
  const clock = { now: T0 };
  let env: Env;
  let notifier: FakeNotifier;
  let deps: DeliveryDeps;
  let n = 0;

  /** A person with a WeChat identity who accepted each template a few times. */
  const person = async (): Promise<{ userId: string; openid: string }> => {
    n += 1;
    const userId = `u_outbox_${n}`;
    const openid = `o-outbox-${n}`;
    const at = clock.now.toISOString();
    const accepted = { accepts: 5, sends: 0, last: 'accept' as const, answeredAt: at };
    await env.store.transaction(async (tx) => {
      await tx.create('identities', { _id: openid, userId, createdAt: at });
      await tx.create<SubscriptionDoc>('subscriptions', {
        _id: userId,
        templates: { activity: accepted, hours: accepted, help: accepted, team: accepted },
        quiet: { from: '22:00', to: '07:00' },
        updatedAt: at,
      });
    });
    return { userId, openid };
  };
  const notice = (userId: string, extra: Partial<Notice> = {}): Notice => ({
    userId,
    kind: 'record.approved',
    title: '服务时长已通过',
    body: `护河巡林 2 小时（第 ${n} 条）`,
    eventKey: `test:${userId}:${extra.kind ?? 'record.approved'}`,
    ...extra,
  });
  /** Writes one notice in its own transaction, as a service does; returns the outbox id. */
  const write = async (userId: string, extra: Partial<Notice> = {}): Promise<string> =>
    (await env.store.transaction((tx) => notify(tx, notice(userId, extra), clock.now.toISOString()))).replace(/^m_/, 'ob_');
  const row = async (id: string) => (await env.store.get<OutboxDoc>('outbox', id))!;
  const sendsTo = (openid: string, list: SendRequest[] = notifier.sent) => list.filter((r) => r.openid === openid).length;
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };

  beforeAll(() => {
    env = open(clock);
  });
  afterAll(() => env.close());
  beforeEach(() => {
    clock.now = T0;
    notifier = createFakeNotifier();
    deps = { store: env.store, notifier, templates: notificationTemplates(), now: () => clock.now, log: pino({ level: 'silent' }) };
  });

  it('commits an outbox row with its event, or nothing at all', async () => {
    const p = await person();
    const failed = env.store.transaction(async (tx) => {
      await tx.create('serviceRecords', { _id: 'sr_outbox_rolled_back', volunteerId: p.userId, state: 'approved' });
      await notify(tx, notice(p.userId), clock.now.toISOString());
      throw new Error('the event failed after notify');
    });
    await expect(failed).rejects.toThrow('the event failed after notify');
    expect(await env.store.get('serviceRecords', 'sr_outbox_rolled_back')).toBeNull();
    expect(await env.store.count('messages', { userId: p.userId })).toBe(0);
    expect(
      (
        await env.store.find<OutboxDoc>('outbox', {
          where: { userId: p.userId, createdAt: { gte: '' } },
          orderBy: { field: 'createdAt', direction: 'asc' },
          limit: 10,
        })
      ).items,
    ).toEqual([]);

    const id = await env.store.transaction(async (tx) => {
      await tx.create('serviceRecords', { _id: 'sr_outbox_committed', volunteerId: p.userId, state: 'approved' });
      return notify(tx, notice(p.userId), clock.now.toISOString());
    });
    expect(await env.store.get('serviceRecords', 'sr_outbox_committed')).not.toBeNull();
    expect(await env.store.get<MessageDoc>('messages', id)).toMatchObject({ userId: p.userId, read: false });
    expect(await row(id.replace(/^m_/, 'ob_'))).toMatchObject({ messageId: id, state: 'pending', attempts: 0, template: 'hours' });
    // The same event again writes nothing twice.
    expect(await env.store.transaction((tx) => notify(tx, notice(p.userId), clock.now.toISOString()))).toBe(id);
    expect(await env.store.count('messages', { userId: p.userId })).toBe(1);
  });

  it('a crash after the claim and before the send: exactly one send once the lease is over', async () => {
    const p = await person();
    const id = await write(p.userId);
    notifier.onSend = () => {
      notifier.onSend = undefined;
      throw new Crash('killed before the send left');
    };
    await expect(deliverOne(deps, id)).rejects.toBeInstanceOf(Crash);
    expect(sendsTo(p.openid)).toBe(0);
    expect(await row(id)).toMatchObject({ state: 'pending', attempts: 1, leaseUntil: new Date(T0.getTime() + SEND_LEASE_MS).toISOString() });

    // The scheduler comes by while the lease holds: it leaves the message alone.
    advance(SEND_LEASE_MS - 1000);
    await deliverDue(deps);
    expect(sendsTo(p.openid)).toBe(0);

    advance(2000);
    expect(await deliverDue(deps)).toEqual({ tried: 1 });
    expect(sendsTo(p.openid)).toBe(1);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 2, leaseUntil: null });
    // And never again.
    advance(SEND_LEASE_MS * 2);
    expect(await deliverDue(deps)).toEqual({ tried: 0 });
    await deliverOne(deps, id);
    expect(sendsTo(p.openid)).toBe(1);
  });

  it('a crash after WeChat accepted the message, before it was recorded: at most one duplicate', async () => {
    const p = await person();
    const id = await write(p.userId);
    const reachedWeChat: SendRequest[] = [];
    notifier.onSend = (r) => {
      notifier.onSend = undefined;
      reachedWeChat.push(r);
      throw new Crash('killed after WeChat accepted it');
    };
    await expect(deliverOne(deps, id)).rejects.toBeInstanceOf(Crash);
    expect(await row(id)).toMatchObject({ state: 'pending', attempts: 1 });

    advance(SEND_LEASE_MS + 1000);
    await deliverDue(deps);
    advance(SEND_LEASE_MS + 1000);
    await deliverDue(deps);
    await deliverOne(deps, id);
    const total = sendsTo(p.openid, reachedWeChat) + sendsTo(p.openid);
    expect(total).toBe(2);
    expect(await row(id)).toMatchObject({ state: 'sent' });
  });

  it('43101 from WeChat: recorded as unsubscribed, the inbox still has the message, no retry', async () => {
    const p = await person();
    const id = await write(p.userId);
    notifier.failFor.set(p.openid, 43101);
    await deliverOne(deps, id);
    expect(await row(id)).toMatchObject({ state: 'unsubscribed', errcode: 43101, attempts: 1 });
    expect(await env.store.get<MessageDoc>('messages', id.replace(/^ob_/, 'm_'))).toMatchObject({ userId: p.userId, title: '服务时长已通过', read: false });
    // WeChat said nothing is left: the estimate is zero, so the app asks again.
    const sub = (await env.store.get<SubscriptionDoc>('subscriptions', p.userId))!.templates.hours!;
    expect(sub.sends).toBe(sub.accepts);
    notifier.failFor.clear();
    advance(3600_000);
    expect(await deliverDue(deps)).toEqual({ tried: 0 });
    expect(sendsTo(p.openid)).toBe(0);
  });

  it('a transient error backs off; deliverDue sends it after the backoff, not before', async () => {
    const p = await person();
    const id = await write(p.userId);
    notifier.failAll = -1;
    await deliverOne(deps, id);
    notifier.failAll = null;
    const failed = await row(id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, errcode: -1, leaseUntil: null });
    expect(failed.nextAttemptAt).toBe(new Date(T0.getTime() + 60_000).toISOString());
    // The send it reserved is given back.
    expect((await env.store.get<SubscriptionDoc>('subscriptions', p.userId))!.templates.hours!.sends).toBe(0);

    advance(30_000);
    expect(await deliverDue(deps)).toEqual({ tried: 0 });
    expect(sendsTo(p.openid)).toBe(0);
    advance(30_000);
    expect(await deliverDue(deps)).toEqual({ tried: 1 });
    expect(sendsTo(p.openid)).toBe(1);
    expect(await row(id)).toMatchObject({ state: 'sent', attempts: 2, errcode: null });
  });

  it('a reminder written in quiet hours waits for their end; a normal notice goes at once', async () => {
    const p = await person();
    clock.now = new Date('2026-12-01T15:00:00.000Z'); // 23:00 in Shanghai
    const reminder = await write(p.userId, {
      kind: 'activity.reminder',
      title: '活动快到了：周末巡河护林',
      body: '明天 09:00 滨江步道北入口',
      activityId: 'a_quiet',
    });
    const normal = await write(p.userId, { kind: 'record.approved' });
    expect((await row(reminder)).nextAttemptAt).toBe('2026-12-01T23:00:00.000Z'); // 07:00 in Shanghai
    expect((await row(normal)).nextAttemptAt).toBe('2026-12-01T15:00:00.000Z');

    await deliverOne(deps, reminder);
    expect(await deliverDue(deps)).toEqual({ tried: 1 });
    expect(notifier.sent.map((r) => r.page)).toEqual(['/packages/timebank/home/index']);
    expect(await row(reminder)).toMatchObject({ state: 'pending', attempts: 0 });

    clock.now = new Date('2026-12-01T22:59:00.000Z');
    expect(await deliverDue(deps)).toEqual({ tried: 0 });
    clock.now = new Date('2026-12-01T23:00:00.000Z');
    expect(await deliverDue(deps)).toEqual({ tried: 1 });
    expect(notifier.sent.map((r) => r.page)).toEqual(['/packages/timebank/home/index', '/packages/activity/detail/index?id=a_quiet']);
    expect(await row(reminder)).toMatchObject({ state: 'sent', attempts: 1 });
  });
});
