/** A real SQLite store in a temp folder plus the dispatcher, for integration tests without HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../../cloudfunctions/registry';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import { CONTRACT, type Envelope, type FunctionName } from '../../cloudfunctions/core/api';
import { tempDataDir } from './server';
import { createLocalFiles } from '../../cloudfunctions/core/files/local';
import { createFakeNotifier, type FakeNotifier } from './notifier-fake';

export interface TestWorld {
  store: SqliteStore;
  deps: RuntimeDeps;
  dataDir: string;
  /** Records every subscription message the calls sent (WeChat accepts unless told otherwise). */
  notifier: FakeNotifier;
  call<T = unknown>(openid: string | null, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<Envelope<T>>;
  close(): Promise<void>;
}

export function openWorld(now?: () => Date): TestWorld {
  const dataDir = tempDataDir('world');
  const store = openSqliteStore(path.join(dataDir, 'street.db'));
  const secrets = createSecrets(parseMasterKey(generateMasterKey()));
  const files = createLocalFiles(path.join(dataDir, 'files'), secrets, { now });
  const notifier = createFakeNotifier();
  const deps: RuntimeDeps = { store, secrets, files, notifier, log: pino({ level: 'silent' }), now };
  return {
    store,
    deps,
    dataDir,
    notifier,
    async call(openid, fn, action, data = {}, requestId) {
      const event = { action, data, ...(requestId ? { requestId } : {}) };
      const first = (await dispatch(fn, REGISTRY[fn] as never, event, openid, deps)) as Envelope<never>;
      // Every successful mutation is sent again with the same requestId: a retry must get exactly
      // the first answer (not, say, the raw document the transaction returned). Checked on every
      // call of every integration test that goes through here.
      if (first.ok && requestId && (CONTRACT[fn] as Record<string, { mutation: boolean }>)[action]?.mutation) {
        const again = await dispatch(fn, REGISTRY[fn] as never, event, openid, deps);
        if (JSON.stringify(again) !== JSON.stringify(first)) {
          throw new Error(
            `${fn}.${action}: a retry with the same requestId got a different answer:\nfirst ${JSON.stringify(first).slice(0, 400)}\nretry ${JSON.stringify(again).slice(0, 400)}`,
          );
        }
      }
      return first;
    },
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
