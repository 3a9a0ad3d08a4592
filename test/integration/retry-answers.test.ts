/**
 * Answers kept for retries (services/retry-answers.ts): the scheduler deletes those past their days,
 * a page per transaction, and keeps the recent ones, which still answer their retries. An answer
 * made after the commit (`mutate`'s `answer`) that was never stored is made again by the retry.
 */
import type { AlertsResults, PhotoView } from '../../cloudfunctions/core/api';
import { pngImage } from '../support/images';
import type { AuditDoc } from '../../cloudfunctions/core/domain/access-log';
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
import { dispatch } from '../../cloudfunctions/core/runtime/dispatch';
import type { Store, Tx } from '../../cloudfunctions/core/store/port';
import { REGISTRY } from '../../cloudfunctions/registry';
import { RETRY_ANSWER_DAYS } from '../../cloudfunctions/core/services/retry-answers';
import { runScheduler } from '../../cloudfunctions/core/services/scheduler';
import { openWorld, type TestWorld } from '../support/context';
import { seedDemoStreet } from '../../server/seed';

const clock = { now: new Date('2026-11-01T02:00:00.000Z') };
let world: TestWorld;

beforeAll(async () => {
  world = openWorld(() => clock.now);
  await seedDemoStreet(world.deps, { activities: false });
});
afterAll(() => world.close());

const register = (openid: string, phone: string, requestId: string) =>
  world.call(
    openid,
    'account',
    'register',
    { name: '贺兰芳', phone, birthYear: 1970, committeeId: 'c_xinyuanwan', consentVersion: PRIVACY_POLICY_VERSION },
    requestId,
  );
const kept = () => (world.store.rawReader.prepare(`SELECT id FROM "requests"`).all() as Array<{ id: string }>).map((r) => r.id);

it('deletes answers past their days and keeps the recent ones, which still answer a retry', async () => {
  expect(await register('wx-old', '13911110001', 'old-0001')).toMatchObject({ ok: true });
  const before = kept();
  expect(before).toContain('wx-old|account.register|old-0001');

  clock.now = new Date(clock.now.getTime() + (RETRY_ANSWER_DAYS - 1) * 86_400_000);
  const recent = await register('wx-new', '13911110002', 'new-0001');
  expect(recent).toMatchObject({ ok: true });
  // Not yet past: the scheduler leaves every answer.
  expect((await runScheduler({ store: world.store }, clock.now)).retryAnswers).toEqual({ deleted: 0 });

  clock.now = new Date(clock.now.getTime() + 2 * 86_400_000);
  const run = await runScheduler({ store: world.store }, clock.now);
  // Everything from the first day (the seed's and the old registration) is gone; the recent one stays and answers its retry.
  expect(run.retryAnswers).toEqual({ deleted: before.length });
  expect(kept()).toEqual(['wx-new|account.register|new-0001']);
  expect(await register('wx-new', '13911110002', 'new-0001')).toEqual(recent);
});

/** The store, except that storing a late answer fails: the process "dies" between the commit and it. */
const diesBeforeTheAnswer = (store: Store): Store =>
  new Proxy(store, {
    get(target, key) {
      if (key !== 'transaction') return Reflect.get(target, key, target);
      return <R>(body: (tx: Tx) => Promise<R>) =>
        target.transaction((tx) =>
          body(
            new Proxy(tx, {
              get(t, k) {
                if (k !== 'update') return Reflect.get(t, k, t);
                return (collection: string, id: string, patch: Record<string, unknown>) => {
                  if (collection === 'requests') throw new Error('the process died before the answer was stored');
                  return t.update(collection as never, id, patch);
                };
              },
            }),
          ),
        );
    },
  });

it('makes the answer again for a retry when the first call died after its commit, and changes nothing twice', async () => {
  const roster = await world.call<AlertsResults['roster']>('demo-admin', 'alerts', 'roster', {});
  if (!roster.ok) throw new Error(roster.error.message);
  const shifts = roster.data.shifts.map(({ userId, weekdays, from, to }) => ({ userId, weekdays, from, to })).slice(0, 1);
  const event = { action: 'setRoster', data: { shifts }, requestId: 'roster-died-0001' };
  const audits = async () => (await world.store.find<AuditDoc>('audit', { where: { kind: 'duty.roster' }, limit: 100 })).items.length;
  const auditsBefore = await audits();

  const died = await dispatch('alerts', REGISTRY.alerts as never, event, 'demo-admin', { ...world.deps, store: diesBeforeTheAnswer(world.store) });
  expect(died).toMatchObject({ ok: false });
  // The change is committed, the answer is not: what the record holds is the transaction's settings.
  expect(await audits()).toBe(auditsBefore + 1);

  // The retry (world.call sends it twice) gets the roster view, the same as a fresh read.
  const retry = await world.call<AlertsResults['setRoster']>('demo-admin', 'alerts', 'setRoster', { shifts }, 'roster-died-0001');
  const now = await world.call<AlertsResults['roster']>('demo-admin', 'alerts', 'roster', {});
  expect(retry).toEqual(now);
  expect(retry.ok && retry.data.shifts).toHaveLength(1);
  expect(JSON.stringify(retry)).not.toContain('"_id"');
  expect(await audits()).toBe(auditsBefore + 1);
});

it('answers a retried photo with the photo as stored when the first call stopped before keeping its answer', async () => {
  const files = world.deps.files!;
  const fileId = (await files.put({ folder: 'uploads', name: 'upload', kind: 'upload', body: pngImage(40, 48) })).fileId;
  const data = { target: 'team', targetId: 't_patrol', role: 'logo', fileId };
  const event = { action: 'addPhoto', data, requestId: 'logo-died-0001' };
  const died = await dispatch('activities', REGISTRY.activities as never, event, 'demo-v01', { ...world.deps, store: diesBeforeTheAnswer(world.store) });
  expect(died).toMatchObject({ ok: false });

  const retry = await world.call<PhotoView>('demo-v01', 'activities', 'addPhoto', data, 'logo-died-0001');
  if (!retry.ok) throw new Error(`${retry.error.code} ${retry.error.message}`);
  expect(retry.data).toMatchObject({ role: 'logo', width: 40, height: 48 });
  expect(retry.data.url).toBeTruthy();
  const list = await world.call<{ items: PhotoView[] }>('demo-v01', 'activities', 'photos', { target: 'team', targetId: 't_patrol' });
  expect(list.ok && list.data.items.filter((p) => p.role === 'logo').map((p) => p.id)).toEqual([retry.data.id]);
});
