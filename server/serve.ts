/**
 * Opens the data folder, seeds the demo street on first start and serves HTTP until stopped.
 * `npm start` (server/start.ts) builds what is missing first; tests call `startServer` directly
 * or run this file as a process (several processes may share one data folder).
 */
import pino from 'pino';
import { createSecrets } from '../cloudfunctions/core/crypto';
import { configFromEnv, type ServerConfig } from './config';
import { openDataDir } from './data-dir';
import { buildApp } from './app';
import { seedDemoStreet } from './seed';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  const config = { ...configFromEnv(), ...overrides };
  const log = pino({ level: config.logLevel, base: { pid: process.pid } });
  const { store, masterKey } = openDataDir(config.dataDir);
  const secrets = createSecrets(masterKey);
  const deps = { store, secrets, log };
  if (config.seedDemo) {
    const outcome = await seedDemoStreet(deps);
    if (outcome === 'seeded') log.info({ dataDir: config.dataDir }, 'seeded the demo street');
  }
  const app = await buildApp({ store, secrets, log, production: config.production, staticDir: config.staticDir });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  log.info({ url, dataDir: config.dataDir, production: config.production }, 'listening');
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    close() {
      // Stop accepting, let in-flight calls finish (their transactions commit), then close the store.
      closing ??= (async () => {
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
    process.stderr.write(`failed to start: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
