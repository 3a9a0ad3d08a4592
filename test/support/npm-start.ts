/**
 * Runs `npm start` itself as a child process: npm → node --import tsx server/start.ts, with Node's
 * own module loading (not jest's transform), real fastify, a fresh data folder and a free port.
 * The child gets its own process group so stopping it stops npm and the server under it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface NpmStartServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM to the process group, SIGKILL after 10 s; resolves with npm's exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The environment `npm start` sees: this one without jest's markers (the server turns test-only defaults on under jest). */
function plainEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('JEST') || key === 'NODE_ENV' || key.startsWith('npm_')) continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

export async function startNpmStart(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<NpmStartServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
  // A stand-in H5 build, so start.ts does not run `npm run build:h5` first.
  const staticDir = path.join(dataDir, 'h5');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>h5</title>');
  const port = await freePort();
  const host = '127.0.0.1';
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: plainEnv({
      PORT: String(port),
      HOST: host,
      DATA_DIR: path.join(dataDir, 'data'),
      STATIC_DIR: staticDir,
      LOG_LEVEL: 'info',
      SCHEDULER_INTERVAL_MS: '0',
      ...options.env,
    }),
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://${host}:${port}`;

  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    }
    return exited;
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== undefined) throw new Error(`npm start exited with ${exitCode} before /healthz answered:\n${out}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`npm start did not answer /healthz in time:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, dataDir, child, output: () => out, stop };
}
