/** Starts the real local server on a free port with a fresh data folder, and calls it over HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/serve';
import { KEY_FILE, openDataDir } from '../../server/data-dir';
import pino from 'pino';
import { buildApp } from '../../server/app';
import { seedDemoStreet } from '../../server/seed';
import { createSecrets, generateMasterKey } from '../../cloudfunctions/core/crypto';
import { createLocalFiles, type LocalFiles } from '../../cloudfunctions/core/files/local';
import type { Notifier } from '../../cloudfunctions/core/notifier/port';
import type { SqliteStore } from '../../cloudfunctions/core/store/sqlite';

export function tempDataDir(label = 'street'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${label}-`));
}

export interface TestServer extends RunningServer {
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestServer(options: { seedDemo?: boolean; production?: boolean } = {}): Promise<TestServer> {
  const dataDir = tempDataDir();
  // Production never generates its key: the operator provides it, here as the key file.
  if (options.production) fs.writeFileSync(path.join(dataDir, KEY_FILE), generateMasterKey(), { mode: 0o600 });
  const server = await startServer({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    seedDemo: options.seedDemo ?? true,
    production: options.production ?? false,
    logLevel: 'warn',
    staticDir: path.join(dataDir, 'no-static'),
  });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface SeededApp {
  url: string;
  port: number;
  store: SqliteStore;
  /** DATA_DIR/files with the server's own key, to read back what the functions stored. */
  files: LocalFiles;
  dataDir: string;
  /** Closes the server and the store. */
  close(): Promise<void>;
  /** Closes them and removes the data folder. */
  stop(): Promise<void>;
}

/**
 * The HTTP app (buildApp) on a free port over a fresh data folder seeded with the demo street, on a
 * clock of the test's own (startTestServer is the whole server at the real time); `staticDir` to
 * serve the H5 build too (browser tests).
 */
export async function startSeededApp(options: { label: string; now: () => Date; notifier?: Notifier; staticDir?: string }): Promise<SeededApp> {
  const dataDir = tempDataDir(options.label);
  const { store, masterKey } = openDataDir(dataDir);
  const secrets = createSecrets(masterKey);
  const log = pino({ level: 'warn' });
  const { now, notifier } = options;
  await seedDemoStreet({ store, secrets, log, now });
  const files = createLocalFiles(path.join(dataDir, 'files'), secrets, { now });
  const staticDir = options.staticDir ?? path.join(dataDir, 'no-static');
  const app = await buildApp({ store, secrets, log, files, notifier, production: false, staticDir, now });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const close = async () => {
    await app.close();
    await store.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    files,
    dataDir,
    close,
    async stop() {
      await close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };
}

export async function post<T = unknown>(url: string, body: unknown, token?: string, raw = false): Promise<HttpResult<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: raw ? (body as string) : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as HttpResult<T>['body'] };
}

export async function login(baseUrl: string, openid?: string): Promise<{ token: string; openid: string }> {
  const result = await post<{ token: string; openid: string }>(`${baseUrl}/api/auth`, { action: 'devLogin', data: openid ? { openid } : {} });
  if (!result.body.ok) throw new Error(`login failed: ${result.body.error.code}`);
  return result.body.data;
}

/** Calls an action and returns the envelope; `requestId` is added for mutations by the caller. */
export function callApi<T = unknown>(baseUrl: string, token: string, fn: string, action: string, data: object = {}, requestId?: string) {
  return post<T>(`${baseUrl}/api/${fn}`, { action, data, ...(requestId ? { requestId } : {}) }, token);
}

let counter = 0;
export const newRequestId = (label = 'req') => `${label}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
