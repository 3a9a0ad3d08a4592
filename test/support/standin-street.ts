/**
 * The demo street (without its activities) on the interleaving CloudBase stand-in, as the
 * `*-cloudbase` integration tests race calls on it: the store with retries, the runtime's deps, and
 * local files in a temporary folder when a test needs them. `close` checks that no transaction was
 * left open and removes the folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createSecrets, generateMasterKey, parseMasterKey } from '../../cloudfunctions/core/crypto';
import { createLocalFiles, type LocalFiles } from '../../cloudfunctions/core/files/local';
import type { RuntimeDeps } from '../../cloudfunctions/core/runtime/dispatch';
import { createCloudbaseStore, type CloudbaseDatabase } from '../../cloudfunctions/core/store/cloudbase';
import type { Store } from '../../cloudfunctions/core/store/port';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/store/schema';
import { seedDemoStreet } from '../../server/seed';
import { createCloudbaseStandin, type CloudbaseStandin } from './cloudbase-standin';
import { tempDataDir } from './server';

export interface StandinStreet {
  standin: CloudbaseStandin;
  store: Store;
  deps: RuntimeDeps;
  /** With `files`: the local files and the folder they live in. */
  files: LocalFiles | null;
  dataDir: string | null;
  close(): Promise<void>;
}

export async function openStandinStreet(options: {
  /** The stand-in's interleaving seed. */
  seed: number;
  /** A label for a temporary folder of local files; none without it. */
  files?: string;
  /** Counts the store's retries after a conflict. */
  onRetry?: () => void;
  /** More of the runtime's deps (a clock, a notifier). */
  deps?: Partial<RuntimeDeps>;
}): Promise<StandinStreet> {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: true, seed: options.seed });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, { maxRetries: 400, backoffMs: 2, maxBackoffMs: 30, onRetry: options.onRetry });
  const secrets = createSecrets(parseMasterKey(generateMasterKey()));
  const dataDir = options.files ? tempDataDir(options.files) : null;
  const files = dataDir ? createLocalFiles(path.join(dataDir, 'files'), secrets) : null;
  const deps: RuntimeDeps = { store, secrets, log: pino({ level: 'silent' }), ...(files ? { files } : {}), ...options.deps };
  await seedDemoStreet(deps, { activities: false });
  return {
    standin,
    store,
    deps,
    files,
    dataDir,
    async close() {
      await store.close();
      const open = standin.engine.openTransactions();
      standin.dispose();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (open !== 0) throw new Error(`${open} transaction(s) left open on the stand-in`);
    },
  };
}
