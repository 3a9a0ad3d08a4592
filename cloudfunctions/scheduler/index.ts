/**
 * CloudBase entry of the `scheduler` function. Its timer trigger (config.json: every 15 minutes)
 * calls it with `{ Type: 'Timer', TriggerName, Time }` and no caller; that runs the scheduler
 * (core/services/scheduler.ts). Anything else is an ordinary call (`run`, admin only) through the
 * dispatcher. A call from the mini-program always carries an OPENID, so it can never pose as the
 * timer.
 */
import * as cloud from 'wx-server-sdk';
import { createSecrets, parseMasterKey } from '../core/crypto';
import { createCloudbaseMain, type CloudSdk } from '../core/runtime/cloudbase-entry';
import { runScheduler } from '../core/services/scheduler';
import { createCloudbaseStore, type CloudbaseDatabase } from '../core/store/cloudbase';
import type { Store } from '../core/store/port';
import { handlers } from './handlers';

const sdk = cloud as unknown as CloudSdk;
const dispatchMain = createCloudbaseMain('scheduler', handlers, sdk);

const log = {
  info: (obj: object, msg?: string) => console.log(JSON.stringify({ level: 'info', msg, ...obj })),
  warn: (obj: object, msg?: string) => console.warn(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

let store: Store | null = null;
function timerStore(): Store {
  if (store) return store;
  const key = process.env.DATA_KEY;
  if (!key) throw new Error('DATA_KEY is not set on this function (see docs/deploy.md)');
  // The key is checked like the other functions do, although the scheduler decrypts nothing itself.
  createSecrets(parseMasterKey(key));
  (sdk.init as unknown as (config: object) => void)({ env: sdk.DYNAMIC_CURRENT_ENV });
  store = createCloudbaseStore(sdk.database() as CloudbaseDatabase);
  return store;
}

export const isTimerEvent = (event: unknown): boolean => {
  const e = (event ?? {}) as Record<string, unknown>;
  return e.Type === 'Timer' && typeof e.TriggerName === 'string';
};

export const main = async (event: unknown) => {
  if (isTimerEvent(event) && !sdk.getWXContext().OPENID) {
    try {
      return { ok: true, data: await runScheduler({ store: timerStore(), log }, new Date()) };
    } catch (e) {
      log.error({ fn: 'scheduler', err: e instanceof Error ? e.message : String(e) }, 'timer run failed');
      return { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } };
    }
  }
  return dispatchMain(event);
};
