/**
 * CloudBase entry of the `scheduler` function. Its timer trigger (config.json: every 5 minutes)
 * calls it with `{ Type: 'Timer', TriggerName, Time }` and no caller; that runs the scheduler
 * (core/services/scheduler.ts): the alarms first and whole (the ladder, the alarm chains, then the
 * subscription messages due, through the CloudBase notifier), then the sweeps under the budget
 * SCHEDULER_BUDGET_MS (default 45 s; the function's timeout is 60 s in cloudbaserc.json), each
 * resuming next run from the cursor it saved. Anything else is an ordinary call (`run`, admin
 * only) through the dispatcher. A call from the mini-program always carries an OPENID, so it can
 * never pose as the timer.
 */
import * as cloud from 'wx-server-sdk';
import { cloudbaseDeps, consoleLog as log, createCloudbaseMain, type CloudSdk } from '../core/runtime/cloudbase-entry';
import { runScheduler, schedulerBudgetMs } from '../core/services/scheduler';
import { schedulerActions } from '../core/api/scheduler';
import { handlers } from './handlers';

const sdk = cloud as unknown as CloudSdk;
const dispatchMain = createCloudbaseMain('scheduler', { actions: schedulerActions, handlers }, sdk);

export const isTimerEvent = (event: unknown): boolean => {
  const e = (event ?? {}) as Record<string, unknown>;
  // SCF's documentation spells the type "Timer"; serverless.com's Tencent provider docs show "timer".
  return typeof e.Type === 'string' && e.Type.toLowerCase() === 'timer' && typeof e.TriggerName === 'string';
};

export const main = async (event: unknown) => {
  if (isTimerEvent(event) && !sdk.getWXContext().OPENID) {
    try {
      const deps = cloudbaseDeps(sdk);
      return {
        ok: true,
        data: await runScheduler({ store: deps.store, notifier: deps.notifier, files: deps.files, log, budgetMs: schedulerBudgetMs() }, new Date()),
      };
    } catch (e) {
      log.error({ fn: 'scheduler', err: e instanceof Error ? e.message : String(e) }, 'timer run failed');
      return { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } };
    }
  }
  return dispatchMain(event);
};
