/**
 * A browser-test harness whose server clock the test can move forward: the same pieces as
 * server/serve.ts (data folder, demo seed, the HTTP app with every function and the H5 build),
 * with `now` read from an offset the test sets. Lets one test schedule an activity for tomorrow
 * morning, then check volunteers in and out "on the day" without waiting for it.
 */
import { startSeededApp } from '../support/server';
import { STATIC_DIR, ensureH5Build, launchChromium, type Harness } from './support';

export interface ClockHarness extends Harness {
  /** Moves the server's clock so that it reads `at` now (time keeps running from there). */
  setNow(at: Date): void;
  now(): Date;
}

export async function startClockHarness(): Promise<ClockHarness> {
  ensureH5Build();
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const app = await startSeededApp({ label: 'street-browser-clock', now, staticDir: STATIC_DIR });
  const browser = await launchChromium();
  return {
    server: { url: app.url, port: app.port, close: app.close },
    browser,
    dataDir: app.dataDir,
    setNow(at: Date) {
      offset = at.getTime() - Date.now();
    },
    now,
    async stop() {
      await browser.close();
      await app.stop();
    },
  };
}
