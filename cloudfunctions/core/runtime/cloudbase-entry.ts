/**
 * Turns a function's handlers into a CloudBase `main`. The SDK module is passed in by the
 * entry, so core never imports wx-server-sdk. The caller is the OPENID of the WX context.
 */
import type { FunctionName } from '../api';
import { createSecrets, parseMasterKey } from '../crypto';
import { createCloudbaseStore, type CloudbaseDatabase } from '../store/cloudbase';
import { createCloudbaseFiles, type CloudFileApi } from '../files/cloudbase';
import { createCloudbaseNotifier, type SubscribeMessageApi } from '../notifier/cloudbase';
import { createCloudbaseWxacode, type WxacodeApi } from '../wxacode/cloudbase';
import { dispatch, type FunctionUnit, type RuntimeDeps } from './dispatch';

/** The part of wx-server-sdk the functions use: database, storage, the caller, and `openapi.subscribeMessage.send`. */
export interface CloudSdk extends CloudFileApi {
  /** Typed loosely as the SDK declares it (`Record<string, any>`); the notifier reads `subscribeMessage.send`. */
  openapi: Record<string, unknown>;
  /** Typed loosely: the SDK's own declaration has no room for DYNAMIC_CURRENT_ENV. */
  init(config?: never): void;
  DYNAMIC_CURRENT_ENV: symbol;
  database(): unknown;
  getWXContext(): { OPENID?: string };
}

/** Structured JSON lines on the function's console (CloudBase keeps them in its logs). */
export const consoleLog = {
  info: (obj: object, msg?: string) => console.log(JSON.stringify({ level: 'info', msg, ...obj })),
  warn: (obj: object, msg?: string) => console.warn(JSON.stringify({ level: 'warn', msg, ...obj })),
  error: (obj: object, msg?: string) => console.error(JSON.stringify({ level: 'error', msg, ...obj })),
};

const depsBySdk = new WeakMap<CloudSdk, RuntimeDeps>();

/**
 * The store, secrets, files, notifier and log of one function instance, made once (warm starts reuse
 * them). The notifier sends through `cloud.openapi`, which needs the function's config.json to
 * declare `{"permissions":{"openapi":["subscribeMessage.send"]}}`.
 */
export function cloudbaseDeps(cloud: CloudSdk): RuntimeDeps {
  const known = depsBySdk.get(cloud);
  if (known) return known;
  const key = process.env.DATA_KEY;
  if (!key) throw new Error('DATA_KEY is not set on this function (see docs/deploy.md)');
  (cloud.init as unknown as (config: object) => void)({ env: cloud.DYNAMIC_CURRENT_ENV });
  const deps: RuntimeDeps = {
    store: createCloudbaseStore(cloud.database() as CloudbaseDatabase),
    secrets: createSecrets(parseMasterKey(key)),
    files: createCloudbaseFiles(cloud),
    notifier: createCloudbaseNotifier(cloud as unknown as SubscribeMessageApi),
    wxacode: createCloudbaseWxacode(cloud as unknown as WxacodeApi),
    verifyUrlBase: process.env.VERIFY_URL_BASE,
    log: consoleLog,
  };
  depsBySdk.set(cloud, deps);
  return deps;
}

export function createCloudbaseMain<F extends FunctionName>(fn: F, unit: FunctionUnit<F>, cloud: CloudSdk) {
  return async (event: unknown) => {
    let runtime: RuntimeDeps;
    try {
      runtime = cloudbaseDeps(cloud);
    } catch (e) {
      consoleLog.error({ fn, err: String(e) }, 'init failed');
      return { ok: false, error: { code: 'INTERNAL', message: '系统出了点问题，请稍后再试' } };
    }
    const { OPENID } = cloud.getWXContext();
    return dispatch(fn, unit, callOf(event), OPENID ?? null, runtime);
  };
}

/**
 * The call inside a CloudBase event: `action`, `data` and `requestId`, nothing else. CloudBase puts
 * platform keys beside the payload — `userInfo` ({ appId, openId }) from `wx.cloud.callFunction`,
 * `tcbContext` in events logged by CloudBase users — and may add more. They are dropped here, and no
 * identity is ever read from them: the caller is the OPENID of the WX context only. Anything that is
 * not a plain object is passed on as it is, so the dispatcher refuses it as BAD_REQUEST.
 */
export function callOf(event: unknown): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event;
  const e = event as Record<string, unknown>;
  const call: Record<string, unknown> = {};
  for (const key of CALL_KEYS) if (Object.hasOwn(e, key) && e[key] !== undefined) call[key] = e[key];
  return call;
}

const CALL_KEYS = ['action', 'data', 'requestId'] as const;
