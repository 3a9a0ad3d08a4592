/** A real SQLite store in a temp folder plus the dispatcher, for integration tests without HTTP. */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { dispatch, type RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { REGISTRY } from '../../cloudfunctions/registry';
import { openSqliteStore, type SqliteStore } from '../../cloudfunctions/core/store/sqlite';
import type { Envelope, FunctionName } from '../../cloudfunctions/core/api';
import { tempDataDir } from './server';

export interface TestWorld {
  store: SqliteStore;
  deps: RuntimeDeps;
  dataDir: string;
  call<T = unknown>(openid: string | null, fn: FunctionName, action: string, data?: object, requestId?: string): Promise<Envelope<T>>;
  close(): Promise<void>;
}

export function openWorld(now?: () => Date): TestWorld {
  const dataDir = tempDataDir('world');
  const store = openSqliteStore(path.join(dataDir, 'street.db'));
  const deps: RuntimeDeps = { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: pino({ level: 'silent' }), now };
  return {
    store,
    deps,
    dataDir,
    call: (openid, fn, action, data = {}, requestId) =>
      dispatch(fn, REGISTRY[fn] as never, { action, data, ...(requestId ? { requestId } : {}) }, openid, deps) as Promise<Envelope<never>>,
    async close() {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
