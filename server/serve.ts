/**
 * Opens the data folder, seeds the demo street on first start and serves HTTP until stopped.
 * `npm start` (server/start.ts) builds what is missing first; tests call `startServer` directly
 * or run this file as a process (several processes may share one data folder).
 */
import pino from 'pino';
import { createSecrets } from '../cloudfunctions/core/crypto';
import { configFromEnv, startupFailure, type ServerConfig } from './config';
import { openDataDir } from './data-dir';
import path from 'node:path';
import { buildApp, listeningUrl } from './app';
import { createLocalFiles } from '../cloudfunctions/core/files/local';
import { seedDemoStreet } from './seed';
import { runSetup } from '../cloudfunctions/core/services/setup';
import streetFile from '../street.json';
import { runScheduler } from '../cloudfunctions/core/services/scheduler';
import { createLocalNotifier } from '../cloudfunctions/core/notifier/local';

/** Under jest the clock-driven jobs and the 老伙伴 demo stay off unless a test asks for them. */
const inTests = (): boolean => !!process.env.JEST_WORKER_ID;

/**
 * The local runtime's stand-in for the CloudBase timer trigger: the same scheduler code every
 * SCHEDULER_INTERVAL_MS (default 60 s; 0 disables; off in tests unless asked).
 */
function schedulerIntervalMs(override: number | undefined): number {
  if (override !== undefined) return override;
  const env = process.env.SCHEDULER_INTERVAL_MS;
  if (env !== undefined && env !== '') return Math.max(0, Number(env) || 0);
  return inTests() ? 0 : 60_000;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServerOptions extends Partial<ServerConfig> {
  /** Scheduler interval in ms (0: off); defaults from SCHEDULER_INTERVAL_MS, else 60 s, off under jest. */
  schedulerIntervalMs?: number;
  /** Seed the 老伙伴 demo (partners, pairs, contacts); defaults from SEED_PARTNERS, else on outside tests. */
  seedPartners?: boolean;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { schedulerIntervalMs: intervalOverride, seedPartners, ...overrides } = options;
  const config = { ...configFromEnv(), ...overrides };
  const log = pino({ level: config.logLevel, base: { pid: process.pid } });
  const { store, masterKey } = openDataDir(config.dataDir, { production: config.production });
  const secrets = createSecrets(masterKey);
  const files = createLocalFiles(path.join(config.dataDir, 'files'), secrets);
  // No WeChat here: the outbox row is the record of each message (the 已发通知 page lists it).
  const notifier = createLocalNotifier();
  const deps = { store, secrets, log, files };
  // The same one-time setup as on CloudBase (street.json, the default policy, migrations); it
  // changes nothing when the data folder is already set up, and a new street.json takes effect here.
  const setup = await runSetup(store, streetFile, new Date());
  if (setup.changed) log.info({ setup }, 'set up the street');
  if (config.seedDemo) {
    const partners = seedPartners ?? (process.env.SEED_PARTNERS ? process.env.SEED_PARTNERS !== '0' : !inTests());
    // A year of demo history for the report's charts: on outside tests (SEED_HISTORY=0 turns it off).
    const history = process.env.SEED_HISTORY ? process.env.SEED_HISTORY !== '0' : !inTests();
    const outcome = await seedDemoStreet(deps, { partners, history });
    if (outcome === 'seeded') log.info({ dataDir: config.dataDir }, 'seeded the demo street');
    if (outcome === 'resumed') log.info({ dataDir: config.dataDir }, 'finished seeding the demo street (an earlier start was cut off)');
  }
  const app = await buildApp({
    store,
    secrets,
    log,
    files,
    notifier,
    production: config.production,
    staticDir: config.staticDir,
    verifyUrlBase: config.verifyUrlBase,
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // The address the QR on a proof points to when VERIFY_URL_BASE is unset (app.ts), printed the same way.
  const url = listeningUrl(address) ?? `http://${config.host}:${port}`;
  log.info({ url, dataDir: config.dataDir, production: config.production }, 'listening');
  const interval = schedulerIntervalMs(intervalOverride);
  let schedulerRun: Promise<unknown> | null = null;
  const timer =
    interval > 0
      ? setInterval(() => {
          // One run at a time; a run that outlasts the interval makes the next tick skip.
          if (schedulerRun) return;
          // The budget of the sweeps is the interval: a run ends before the next tick is due.
          schedulerRun = runScheduler({ store, log, notifier, files, budgetMs: interval }, new Date())
            .catch((e) => log.error({ err: String(e) }, 'scheduler run failed'))
            .finally(() => {
              schedulerRun = null;
            });
        }, interval)
      : null;
  timer?.unref();
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      // Stop accepting, let in-flight calls finish (their transactions commit), then close the store.
      closing ??= (async () => {
        if (timer) clearInterval(timer);
        await schedulerRun;
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** Graceful shutdown: SIGINT/SIGTERM finish what is running, then exit. */
export function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: closing\n`);
    server.close().then(
      () => process.exit(0),
      (e) => {
        process.stderr.write(`shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  startServer().then(stopOnSignals, (e) => {
    process.stderr.write(startupFailure(e));
    process.exit(1);
  });
}
