/**
 * Answers kept for retries (services/retry-answers.ts): the scheduler deletes those past their days,
 * a page per transaction, and keeps the recent ones, which still answer their retries.
 */
import { PRIVACY_POLICY_VERSION } from '../../cloudfunctions/core/domain/people';
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
