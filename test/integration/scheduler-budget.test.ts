/**
 * The scheduler under a time budget, on SQLite and on the CloudBase adapter (stand-in): the budget is
 * injected and runs out after exactly k units of work (no clock), so a run stops, saves its cursor
 * in `meta`, and the next run carries on from it; the runs together handle every item exactly once
 * and skip none, across page boundaries and past an item whose step failed; the alarms (the 老伙伴
 * ladder) are handled in full before anything else, even when the budget is zero.
 */
import pino from 'pino';
import type { SchedulerRunView } from '../../cloudfunctions/core/api';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import type { RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { resumablePass, UNLIMITED, type Budget, type PassResult } from '../../cloudfunctions/core/services/budget';
import { ACTIVITIES_CURSOR, HELP_CURSOR, runScheduler, schedulerBudgetMs } from '../../cloudfunctions/core/services/scheduler';
import type { SweepCursorDoc } from '../../cloudfunctions/core/domain/meta';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { seedDemoStreet } from '../../server/seed';
import { createCloudbaseStandin } from '../support/cloudbase-standin';
import { openWorld } from '../support/context';

/** A budget that allows exactly `units` units of work, then reads as spent; `asked` counts the questions. */
function unitsBudget(units: number): Budget & { asked: number } {
  const b = {
    asked: 0,
    timeLeft() {
      b.asked += 1;
      return b.asked <= units ? 1 : 0;
    },
  };
  return b;
}

const T0 = new Date('2026-12-01T02:00:00.000Z');
const DAY = 86_400_000;

interface Env {
  store: Store;
  deps: RuntimeDeps;
  close(): Promise<void>;
}

function sqlite(): Env {
  const world = openWorld(() => T0);
  return { store: world.store, deps: world.deps, close: () => world.close() };
}

function cloudbase(): Env {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: false, seed: 5 });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 50, backoffMs: 1, maxBackoffMs: 5 });
  const deps: RuntimeDeps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: pino({ level: 'silent' }), now: () => T0 };
  return {
    store,
    deps,
    async close() {
      await store.close();
      standin.dispose();
    },
  };
}

/** Ended activities with attendance still open: what the activities sweep closes. Two share an end time (the id breaks the tie). */
async function endedActivities(store: Store, n: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  await store.transaction(async (tx) => {
    for (let i = 0; i < n; i += 1) {
      const id = `${prefix}_${String(i).padStart(3, '0')}`;
      const endAt = new Date(T0.getTime() - (n - Math.max(i, 1)) * 3600_000).toISOString();
      await tx.create('activities', {
        _id: id,
        status: 'cancelled',
        teamId: 't_patrol',
        signed: [],
        waitlist: [],
        attendance: 'open',
        startAt: endAt,
        endAt,
        title: '预算测试',
      });
      ids.push(id);
    }
  });
  return ids;
}

const attendanceOf = async (store: Store, ids: string[]) =>
  Promise.all(ids.map(async (id) => (await store.get<{ _id: string; attendance: string }>('activities', id))!.attendance));

describe.each([
  ['SQLite', sqlite],
  ['CloudBase (stand-in)', cloudbase],
])('on %s', (_name, open) => {
  let env: Env;
  beforeAll(async () => {
    env = open();
    await seedDemoStreet(env.deps, { partners: true, activities: false });
  });
  afterAll(() => env.close());

  it('a pass cut by the budget resumes from its cursor: every item once, none skipped, in order, across pages and past a failed step', async () => {
    // 230 items: more than two pages of 100, so cuts fall mid-page and on page ends.
    const ids = await endedActivities(env.store, 230, 'pass');
    const where = { attendance: 'open', endAt: { lte: T0.toISOString() } };
    const seen: string[] = [];
    let after: string | null = null;
    let runs = 0;
    let failOnce = 'pass_150';
    for (;;) {
      runs += 1;
      const r: PassResult = await resumablePass<{ _id: string }>(env.store, 'activities', where, 'endAt', after, unitsBudget(37), async (item) => {
        if (!item._id.startsWith('pass_')) return;
        if (item._id === failOnce) {
          failOnce = '';
          throw new Error('step failed');
        }
        seen.push(item._id);
      });
      after = r.after;
      if (r.error) expect(r).toMatchObject({ done: false });
      if (r.done) break;
      expect(runs).toBeLessThan(50);
    }
    expect(seen).toEqual(ids);
    expect(new Set(seen).size).toBe(ids.length);
    // 230 units in slices of 37, plus one slice cut short by the failure.
    expect(runs).toBe(8);
    await env.store.transaction(async (tx) => {
      for (const id of ids) await tx.update('activities', id, { attendance: 'closed' });
    });
  });

  it('handles the alarms first and whole when the budget is zero; the sweeps wait, with their place kept', async () => {
    const ids = await endedActivities(env.store, 7, 'zero');
    // A month on, every paired senior of the demo street is overdue: the ladder reminds and escalates.
    const at = new Date(T0.getTime() + 30 * DAY);
    const budget = unitsBudget(0);
    const run = await runScheduler({ store: env.store, budget }, at);
    expect(run.partners.complete).toBe(true);
    expect(run.partners.reminded + run.partners.escalated).toBeGreaterThan(0);
    expect(run.activities).toMatchObject({ activities: 0, partial: true, resumeFrom: 'close' });
    expect(run.help).toMatchObject({ desks: 0, partial: true, resumeFrom: 'desks' });
    // The seed's answers kept for retries are past their 30 days by now: their sweep waits too.
    expect(run.unfinished).toEqual(['activities', 'reminders', 'help', 'retryAnswers']);
    expect(await attendanceOf(env.store, ids)).toEqual(ids.map(() => 'open'));
    // The alarms are done: nothing left for the ladder at the same moment, whatever the budget.
    const again = await runScheduler({ store: env.store, budget: UNLIMITED }, at);
    expect(again.partners).toMatchObject({ reminded: 0, escalated: 0, complete: true });
    expect(again.activities).toMatchObject({ activities: 7, partial: false, resumeFrom: null });
    expect(again.help).toMatchObject({ partial: false, resumeFrom: null });
    expect(again.unfinished).toEqual([]);
    expect(await attendanceOf(env.store, ids)).toEqual(ids.map(() => 'closed'));
    expect(await env.store.get('meta', ACTIVITIES_CURSOR)).toBeNull();
    expect(await env.store.get('meta', HELP_CURSOR)).toBeNull();
  });

  it('stops after k items, saves the cursor, and the next runs finish: each activity closed exactly once', async () => {
    const ids = await endedActivities(env.store, 7, 'k3');
    const at = new Date(T0.getTime() + 31 * DAY);
    const runs: SchedulerRunView[] = [];
    runs.push(await runScheduler({ store: env.store, budget: unitsBudget(3) }, at));
    expect(runs[0]!.activities).toMatchObject({ activities: 3, partial: true, resumeFrom: expect.stringContaining(`/${ids[2]}`) });
    expect(runs[0]!.help).toMatchObject({ partial: true, resumeFrom: 'desks' });
    expect(await attendanceOf(env.store, ids)).toEqual(['closed', 'closed', 'closed', 'open', 'open', 'open', 'open']);
    const cursor = await env.store.get<SweepCursorDoc>('meta', ACTIVITIES_CURSOR);
    expect(cursor).toMatchObject({ phase: 'close', runs: 1, last: expect.stringContaining(ids[2]!) });

    runs.push(await runScheduler({ store: env.store, budget: unitsBudget(3) }, at));
    expect(runs[1]!.activities).toMatchObject({ activities: 3, partial: true, resumeFrom: expect.stringContaining(`/${ids[5]}`) });
    expect(await env.store.get<SweepCursorDoc>('meta', ACTIVITIES_CURSOR)).toMatchObject({ runs: 2, since: cursor!.since });

    runs.push(await runScheduler({ store: env.store, budget: UNLIMITED }, at));
    expect(runs[2]!.activities).toMatchObject({ activities: 1, partial: false, resumeFrom: null });
    expect(runs[2]!.help).toMatchObject({ partial: false, resumeFrom: null });
    expect(runs.reduce((n, r) => n + r.activities!.activities, 0)).toBe(ids.length);
    expect(await attendanceOf(env.store, ids)).toEqual(ids.map(() => 'closed'));
    expect(await env.store.get('meta', ACTIVITIES_CURSOR)).toBeNull();
    expect(await env.store.get('meta', HELP_CURSOR)).toBeNull();
    // The alarms ran in full in every one of those runs.
    expect(runs.every((r) => r.partners.complete)).toBe(true);
  });
});

it('takes its budget from SCHEDULER_BUDGET_MS, else 45 s', () => {
  expect(schedulerBudgetMs({})).toBe(45_000);
  expect(schedulerBudgetMs({ SCHEDULER_BUDGET_MS: '30000' })).toBe(30_000);
  expect(schedulerBudgetMs({ SCHEDULER_BUDGET_MS: '0' })).toBe(0);
  expect(schedulerBudgetMs({ SCHEDULER_BUDGET_MS: 'soon' })).toBe(45_000);
  expect(schedulerBudgetMs({ SCHEDULER_BUDGET_MS: '-5' })).toBe(45_000);
});
