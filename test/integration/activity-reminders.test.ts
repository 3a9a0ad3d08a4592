/**
 * Activity reminders through the scheduler (runScheduler with a notifier, as the timer runs it), on
 * SQLite and on the CloudBase adapter (stand-in): the 24-hour and the 2-hour reminder each reach
 * every volunteer holding a place once, however often the scheduler runs; a waitlisted or cancelled
 * sign-up and a cancelled activity get none; a reminder due in the person's quiet hours is written
 * then and sent when they end.
 */
import pino from 'pino';
import type { ActivityDoc, SignupDoc } from '../../cloudfunctions/core/domain/activities';
import type { OutboxDoc, SubscriptionDoc } from '../../cloudfunctions/core/domain/notifications';
import type { MessageDoc } from '../../cloudfunctions/core/domain/messages';
import { UNLIMITED } from '../../cloudfunctions/core/services/budget';
import { REMINDERS_CURSOR, runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { createCloudbaseStandin } from '../support/cloudbase-standin';
import { openWorld } from '../support/context';
import { createFakeNotifier, type FakeNotifier } from '../support/notifier-fake';

interface Env {
  store: Store;
  close(): Promise<void>;
}

function sqlite(): Env {
  const world = openWorld();
  return { store: world.store, close: () => world.close() };
}

function cloudbase(): Env {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: false, seed: 13 });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 50, backoffMs: 1, maxBackoffMs: 5 });
  return {
    store,
    async close() {
      await store.close();
      standin.dispose();
    },
  };
}

const H = 3600_000;
const log = pino({ level: 'silent' });

describe.each([
  ['SQLite', sqlite],
  ['CloudBase (stand-in)', cloudbase],
])('activity reminders on %s', (_name, open) => {
  let env: Env;
  let notifier: FakeNotifier;
  beforeAll(() => {
    env = open();
  });
  afterAll(() => env.close());
  beforeEach(() => {
    notifier = createFakeNotifier();
  });

  const run = (at: string) => runScheduler({ store: env.store, log, notifier, budget: UNLIMITED }, new Date(at));

  /** People with a WeChat identity who accepted 活动提醒 several times. */
  const people = async (prefix: string, n: number): Promise<string[]> => {
    const ids = Array.from({ length: n }, (_, i) => `${prefix}_${i + 1}`);
    await env.store.transaction(async (tx) => {
      for (const userId of ids) {
        await tx.create('identities', { _id: `o-${userId}`, userId, createdAt: '2026-11-01T00:00:00.000Z' });
        await tx.create<SubscriptionDoc>('subscriptions', {
          _id: userId,
          templates: { activity: { accepts: 9, sends: 0, last: 'accept', answeredAt: '2026-11-01T00:00:00.000Z' } },
          quiet: { from: '22:00', to: '07:00' },
          updatedAt: '2026-11-01T00:00:00.000Z',
        });
      }
    });
    return ids;
  };

  /** An activity with these volunteers signed, these waiting, these who cancelled. */
  const activity = async (id: string, startAt: string, signed: string[], waitlist: string[] = [], cancelled: string[] = []) => {
    const endAt = new Date(Date.parse(startAt) + 2 * H).toISOString();
    const at = '2026-11-20T00:00:00.000Z';
    await env.store.transaction(async (tx) => {
      await tx.create<Partial<ActivityDoc> & { _id: string }>('activities', {
        _id: id,
        teamId: 't_patrol',
        title: '周末巡河护林',
        place: { name: '滨江步道北入口' } as ActivityDoc['place'],
        date: startAt.slice(0, 10),
        startAt,
        endAt,
        capacity: 10,
        cancelDeadline: new Date(Date.parse(startAt) - 2 * H).toISOString(),
        status: 'scheduled',
        signed,
        waitlist,
        signedCount: signed.length,
        waitlistCount: waitlist.length,
        attendance: 'open',
        version: 1,
      });
      const states: Array<[string, SignupDoc['state']]> = [
        ...signed.map((u) => [u, 'signed'] as [string, SignupDoc['state']]),
        ...waitlist.map((u) => [u, 'waitlisted'] as [string, SignupDoc['state']]),
        ...cancelled.map((u) => [u, 'cancelled'] as [string, SignupDoc['state']]),
      ];
      for (const [userId, state] of states) {
        await tx.create<Partial<SignupDoc> & { _id: string }>('signups', {
          _id: `${id}:${userId}`,
          activityId: id,
          userId,
          teamId: 't_patrol',
          state,
          startAt,
          endAt,
          createdAt: at,
          updatedAt: at,
        });
      }
    });
  };

  const remindersOf = async (userId: string) =>
    (await env.store.find<MessageDoc>('messages', { where: { userId }, orderBy: { field: 'createdAt', direction: 'asc' }, limit: 50 })).items.filter(
      (m) => m.kind === 'activity.reminder',
    );
  const sendsTo = (userId: string) => notifier.sent.filter((r) => r.openid === `o-${userId}`).length;

  it('sends the 24-hour and the 2-hour reminder once each, to those holding a place only', async () => {
    const [a, b, waiting, gone] = await people('r1', 4);
    // 09:00 in Shanghai on 2 December.
    await activity('a_remind', '2026-12-02T01:00:00.000Z', [a!, b!], [waiting!], [gone!]);

    // Two days before: nothing yet.
    let view = await run('2026-11-30T01:00:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 0, reminded: 0, partial: false });
    expect(await remindersOf(a!)).toEqual([]);

    // 23.5 hours before (09:30 in Shanghai): the 24-hour reminder, sent at once.
    view = await run('2026-12-01T01:30:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 1, reminded: 2, partial: false, resumeFrom: null });
    expect(view.notifications.tried).toBe(2);
    expect([sendsTo(a!), sendsTo(b!), sendsTo(waiting!), sendsTo(gone!)]).toEqual([1, 1, 0, 0]);
    const [first] = await remindersOf(a!);
    expect(first).toMatchObject({ title: '活动快到了：周末巡河护林', activityId: 'a_remind' });
    expect(first!.body).toContain('滨江步道北入口');
    expect(first!.body).toContain('12月2日');
    expect(notifier.sent[0]!.page).toBe('/packages/activity/detail/index?id=a_remind');

    // Every later run in the 24-hour window says nothing again.
    for (const at of ['2026-12-01T01:35:00.000Z', '2026-12-01T06:00:00.000Z', '2026-12-01T22:55:00.000Z']) {
      view = await run(at);
      expect(view.reminders).toMatchObject({ activities: 0, reminded: 0 });
    }
    expect([sendsTo(a!), sendsTo(b!)]).toEqual([1, 1]);

    // b cancels the sign-up; then the 2-hour reminder (07:30 in Shanghai) reaches a only.
    await env.store.transaction(async (tx) => {
      await tx.update('signups', `a_remind:${b!}`, { state: 'cancelled' });
      await tx.update('activities', 'a_remind', { signed: [a!], signedCount: 1 });
    });
    view = await run('2026-12-01T23:30:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 1, reminded: 1 });
    view = await run('2026-12-01T23:40:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 0, reminded: 0 });
    expect((await remindersOf(a!)).map((m) => m.title)).toEqual(['活动快到了：周末巡河护林', '活动即将开始：周末巡河护林']);
    expect(await remindersOf(b!)).toHaveLength(1);
    expect(await remindersOf(waiting!)).toEqual([]);
    expect(await remindersOf(gone!)).toEqual([]);
    expect([sendsTo(a!), sendsTo(b!), sendsTo(waiting!), sendsTo(gone!)]).toEqual([2, 1, 0, 0]);

    // After the start nothing more; the pass left no cursor behind.
    view = await run('2026-12-02T01:05:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 0, reminded: 0 });
    expect(await env.store.get('meta', REMINDERS_CURSOR)).toBeNull();
  });

  it('a cancelled activity gets no reminder, nor does a sign-up cancelled after the list was read', async () => {
    const [a, b] = await people('r2', 2);
    await activity('a_called_off', '2026-12-05T01:00:00.000Z', [a!]);
    await env.store.transaction((tx) => tx.update('activities', 'a_called_off', { status: 'cancelled' }));
    // The activity's list still names b, but b's own sign-up says cancelled: the sign-up decides.
    await activity('a_stale_list', '2026-12-05T03:00:00.000Z', [b!], [], []);
    await env.store.transaction((tx) => tx.update('signups', `a_stale_list:${b!}`, { state: 'cancelled' }));
    for (const at of ['2026-12-04T02:00:00.000Z', '2026-12-04T23:30:00.000Z', '2026-12-05T00:30:00.000Z']) {
      const view = await run(at);
      expect(view.reminders).toMatchObject({ activities: 0, reminded: 0 });
    }
    expect(await remindersOf(a!)).toEqual([]);
    expect(await remindersOf(b!)).toEqual([]);
    expect(sendsTo(a!) + sendsTo(b!)).toBe(0);
  });

  it('a reminder due in quiet hours is written then and sent when they end', async () => {
    const [a] = await people('r3', 1);
    // 22:30 in Shanghai on 8 December: its 24-hour reminder falls due at 22:30 the day before.
    await activity('a_late', '2026-12-08T14:30:00.000Z', [a!]);
    let view = await run('2026-12-07T14:35:00.000Z');
    expect(view.reminders).toMatchObject({ activities: 1, reminded: 1 });
    expect(sendsTo(a!)).toBe(0);
    const [message] = await remindersOf(a!);
    const row = (await env.store.get<OutboxDoc>('outbox', message!._id.replace(/^m_/, 'ob_')))!;
    expect(row).toMatchObject({ state: 'pending', nextAttemptAt: '2026-12-07T23:00:00.000Z' });

    view = await run('2026-12-07T22:55:00.000Z');
    expect(view.notifications.tried).toBe(0);
    expect(sendsTo(a!)).toBe(0);
    view = await run('2026-12-07T23:00:00.000Z');
    expect(view.notifications.tried).toBe(1);
    expect(sendsTo(a!)).toBe(1);
    expect(await env.store.get<OutboxDoc>('outbox', row._id)).toMatchObject({ state: 'sent' });
    expect(await remindersOf(a!)).toHaveLength(1);
  });
});
