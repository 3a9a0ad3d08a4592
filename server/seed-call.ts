/** One call of the demo seed through the dispatcher the app uses, as `openid`; a refusal stops the seed. */
import type { Envelope, FunctionName } from '../cloudfunctions/core/api';
import { dispatch, type RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../cloudfunctions/registry';

export async function seedCall<T = unknown>(deps: RuntimeDeps, fn: FunctionName, openid: string, action: string, data: object, requestId?: string): Promise<T> {
  const result = (await dispatch(fn, REGISTRY[fn] as never, { action, data, requestId }, openid, deps)) as Envelope<T>;
  if (!result.ok) throw new Error(`seed ${fn}.${action} for ${openid}: ${result.error.code} ${result.error.message}`);
  return result.data;
}
