/**
 * CloudBase entry of the `setup` function (docs/deploy.md, "Set up the street").
 *
 * `{ action: 'run', data: { secret } }`, invoked by the operator from the CloudBase CLI or console,
 * creates the collections, loads the street definition bundled from street.json, writes the default
 * policy and applies migrations (services/setup.ts runSetup). It runs outside the dispatcher, which
 * needs collections that do not exist before the first run, and needs no WeChat caller; the secret
 * is its whole authorisation. Every other action (`status`, `claimAdmin`) is an ordinary call.
 */
import * as cloud from 'wx-server-sdk';
import { cloudbaseDeps, consoleLog as log, createCloudbaseMain, callOf, type CloudSdk } from '../core/runtime/cloudbase-entry';
import { SetupRunInput, setupActions } from '../core/api/setup';
import { AppError, isAppError } from '../core/errors';
import { checkSetupSecret, runSetup } from '../core/services/setup';
import { handlers } from './handlers';
import street from '../../street.json';

const sdk = cloud as unknown as CloudSdk;
const dispatchMain = createCloudbaseMain('setup', { actions: setupActions, handlers }, sdk);

async function run(data: unknown) {
  try {
    const input = SetupRunInput.safeParse(data ?? {});
    if (!input.success) throw new AppError('VALIDATION', input.error.issues[0]?.message);
    checkSetupSecret(input.data.secret, process.env.SETUP_SECRET);
    const result = await runSetup(cloudbaseDeps(sdk).store, street, new Date());
    log.info({ fn: 'setup', action: 'run', result }, 'setup run');
    return { ok: true, data: result };
  } catch (e) {
    if (isAppError(e)) {
      log.warn({ fn: 'setup', action: 'run', code: e.code }, 'setup refused');
      return { ok: false, error: e.toBody() };
    }
    log.error({ fn: 'setup', action: 'run', err: e instanceof Error ? e.message : String(e) }, 'setup failed');
    return { ok: false, error: new AppError('INTERNAL').toBody() };
  }
}

export const main = async (event: unknown) => {
  const call = callOf(event) as { action?: unknown; data?: unknown } | null;
  if (call && call.action === 'run') return run(call.data);
  return dispatchMain(event);
};
