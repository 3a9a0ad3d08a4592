/** Starts the real local server on a free port with a fresh data folder, and calls it over HTTP. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../server/serve';
import { generateMasterKey } from '../../cloudfunctions/core/crypto';
import { KEY_FILE } from '../../server/data-dir';

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
