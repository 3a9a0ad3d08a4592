/**
 * A browser-test harness whose server clock the test can move forward: the same pieces as
 * server/serve.ts (data folder, demo seed, the HTTP app with every function and the H5 build),
 * with `now` read from an offset the test sets. Lets one test schedule an activity for tomorrow
 * morning, then check volunteers in and out "on the day" without waiting for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createSecrets } from '../../cloudfunctions/core/crypto';
import { createLocalFiles } from '../../cloudfunctions/core/files/local';
import { buildApp } from '../../server/app';
import { openDataDir } from '../../server/data-dir';
import { seedDemoStreet } from '../../server/seed';
import { STATIC_DIR, ensureH5Build, launchChromium, type Harness } from './support';

export interface ClockHarness extends Harness {
  /** Moves the server's clock so that it reads `at` now (time keeps running from there). */
  setNow(at: Date): void;
  now(): Date;
}

export async function startClockHarness(): Promise<ClockHarness> {
  ensureH5Build();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'street-browser-clock-'));
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const log = pino({ level: 'warn' });
  const { store, masterKey } = openDataDir(dataDir);
  const secrets = createSecrets(masterKey);
  await seedDemoStreet({ store, secrets, log, now });
  const files = createLocalFiles(path.join(dataDir, 'files'), secrets, { now });
  const app = await buildApp({ store, secrets, log, files, production: false, staticDir: STATIC_DIR, now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await launchChromium();
  return {
    server: {
      url: `http://127.0.0.1:${port}`,
      port,
      async close() {
        await app.close();
        await store.close();
      },
    },
    browser,
    dataDir,
    setNow(at: Date) {
      offset = at.getTime() - Date.now();
    },
    now,
    async stop() {
      await browser.close();
      await app.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
