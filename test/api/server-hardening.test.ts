/**
 * The local host as it really runs: production mode decided once and
 * strictly (spawned processes, as `npm start` runs), the envelope on the answers Fastify gives by
 * itself (a too-long path, a header overflow, a call during shutdown), and the security headers on
 * every kind of answer (API, /healthz, /files, the H5 app, errors).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { createSecrets, generateMasterKey } from '../../cloudfunctions/core/crypto';
import { createLocalFiles } from '../../cloudfunctions/core/files/local';
import { buildApp } from '../../server/app';
import { isProduction, StartupError } from '../../server/config';
import { openDataDir } from '../../server/data-dir';
import { seedDemoStreet } from '../../server/seed';
import { spawnServer } from '../support/process';
import { callApi, login, post, tempDataDir } from '../support/server';

type HeaderBag = { get(name: string): string | null };

function expectSecurityHeaders(headers: HeaderBag) {
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('x-frame-options')).toBe('DENY');
  expect(headers.get('referrer-policy')).toBe('no-referrer');
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self'[^;]*;/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('upgrade-insecure-requests');
  expect(headers.get('x-powered-by')).toBeNull();
}

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** The responses in what a raw socket received (Content-Length bodies, as this server sends). */
function parseResponses(raw: Buffer): RawResponse[] {
  const out: RawResponse[] = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const [statusLine, ...lines] = raw.subarray(at, end).toString('latin1').split('\r\n');
    const headers = new Map(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()] as const));
    const length = Number(headers.get('content-length') ?? 0);
    out.push({ status: Number(statusLine!.split(' ')[1]), headers, body: raw.subarray(end + 4, end + 4 + length).toString('utf8') });
    at = end + 4 + length;
  }
  return out;
}

const bag = (headers: Map<string, string>): HeaderBag => ({ get: (name) => headers.get(name) ?? null });

/** Sends raw bytes and collects everything until the server closes the connection. */
function rawExchange(port: number, request: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.write(request);
  });
}

const postText = (url: string, body: string) =>
  `POST ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('production mode is decided once, strictly', () => {
  it('only exactly "production" is production; unset, development and test are not; anything else refuses', () => {
    expect(isProduction('production')).toBe(true);
    for (const dev of [undefined, '', 'development', 'test']) expect(isProduction(dev)).toBe(false);
    for (const odd of ['Production', 'PRODUCTION', 'prod', ' production', 'production ', 'staging']) {
      expect(() => isProduction(odd)).toThrow(StartupError);
      expect(() => isProduction(odd)).toThrow(/NODE_ENV=production/);
    }
  });

  it('NODE_ENV=Production (capital P) refuses to start, saying what to set, and never opens the dev login', async () => {
    const dataDir = tempDataDir('prod-casing');
    try {
      for (const value of ['Production', 'prod']) {
        // A server that starts anyway is stopped at once, so the test fails instead of leaving it running.
        const message = await spawnServer(dataDir, { NODE_ENV: value }).then(
          async (s) => {
            await s.stop();
            return 'started';
          },
          (e: Error) => e.message,
        );
        expect(message).toMatch(/exited with 1 before listening/);
        expect(message).toContain(`NODE_ENV=${JSON.stringify(value)} is not a mode this server knows`);
        expect(message).not.toMatch(/\n\s+at /); // the message, not a stack trace
      }
      expect(fs.existsSync(path.join(dataDir, 'street.db'))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a fresh production data folder without DATA_KEY refuses to start, and makes no key or database', async () => {
    const dataDir = tempDataDir('prod-nokey');
    try {
      const started = spawnServer(dataDir, { NODE_ENV: 'production', DATA_KEY: '' });
      const message = await started.then(
        async (s) => {
          await s.stop();
          return 'started';
        },
        (e: Error) => e.message,
      );
      expect(message).toContain('Production mode needs the master key');
      expect(message).toContain('DATA_KEY=');
      expect(message).toContain(path.join(dataDir, 'master.key'));
      expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'street.db'))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('with DATA_KEY a fresh production folder starts, without the dev login', async () => {
    const dataDir = tempDataDir('prod-key');
    const server = await spawnServer(dataDir, { NODE_ENV: 'production', DATA_KEY: generateMasterKey() });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const devLogin = await post(`${server.url}/api/auth`, { action: 'devLogin', data: { openid: 'demo-admin' } });
      expect(devLogin.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_FUNCTION' } });
      expect(fs.existsSync(path.join(dataDir, 'master.key'))).toBe(false);
    } finally {
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a dev login token stops working when the same data folder restarts in production', async () => {
    const dataDir = tempDataDir('prod-restart');
    try {
      const dev = await spawnServer(dataDir, { NODE_ENV: 'development', SEED_PARTNERS: '0', DATA_KEY: '' });
      let token: string;
      try {
        token = (await login(dev.url, 'demo-admin')).token;
        const me = await callApi(dev.url, token, 'account', 'me');
        expect(me.body.ok).toBe(true);
      } finally {
        expect(await dev.stop()).toBe(0);
      }
      // The same folder, so the same master.key: the token's signature still verifies.
      const prod = await spawnServer(dataDir, { NODE_ENV: 'production', DATA_KEY: '' });
      try {
        const me = await callApi(prod.url, token, 'account', 'me');
        expect(me.status).toBe(401);
        expect(me.body).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } });
      } finally {
        await prod.stop();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('one app over HTTP: framework answers and headers', () => {
  let dataDir: string;
  let base: string;
  let port: number;
  let close: () => Promise<void>;
  let files: ReturnType<typeof createLocalFiles>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const INLINE = 'document.documentElement.style.fontSize="20px"';
  const hold = { entered: () => {}, release: () => {} };
  let enteredHold: Promise<void>;
  let releaseHold: Promise<void>;
  let closingBegun: Promise<void>;

  beforeAll(async () => {
    dataDir = tempDataDir('hardening');
    const staticDir = path.join(dataDir, 'h5');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(
      path.join(staticDir, 'index.html'),
      `<!doctype html><html><head><script>${INLINE}</script><script defer src="/app.js"></script></head><body><div id="app"></div></body></html>`,
    );
    fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
    const opened = openDataDir(dataDir);
    const secrets = createSecrets(opened.masterKey);
    const log = pino({ level: 'silent' });
    await seedDemoStreet({ store: opened.store, secrets, log }, { partners: false });
    files = createLocalFiles(path.join(dataDir, 'files'), secrets);
    app = await buildApp({ store: opened.store, secrets, log, files, production: false, staticDir });
    // A call the test holds in flight, to shut down around it.
    enteredHold = new Promise((r) => (hold.entered = r));
    releaseHold = new Promise((r) => (hold.release = r));
    app.post('/test/hold', async () => {
      hold.entered();
      await releaseHold;
      return { ok: true, data: null };
    });
    let begun = () => {};
    closingBegun = new Promise((r) => (begun = r));
    app.addHook('preClose', (done) => {
      begun();
      done();
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    base = `http://127.0.0.1:${port}`;
    let closing: Promise<void> | null = null;
    close = () =>
      (closing ??= (async () => {
        await app.close();
        await opened.store.close();
      })());
  }, 60_000);

  afterAll(async () => {
    hold.release();
    await close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a 3,000-character function name answers the envelope (not Fastify 414 FST_ERR_MAX_PARAM_LENGTH), with the headers', async () => {
    const response = await fetch(`${base}/api/${'a'.repeat(3000)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'UNKNOWN_FUNCTION', message: '没有这项服务' } });
    expectSecurityHeaders(response.headers);
  });

  it('a too-long file path and an unknown route answer the envelope', async () => {
    const long = await fetch(`${base}/files/${'x'.repeat(3000)}/y.xlsx`);
    expect(long.status).toBe(404);
    expect(await long.json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '找不到相关内容' } });
    expectSecurityHeaders(long.headers);
    const unknown = await fetch(`${base}/no/such/page`, { method: 'DELETE' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expectSecurityHeaders(unknown.headers);
  });

  it('request headers too large for Node answer the envelope (431), not a bare body', async () => {
    const raw = await rawExchange(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [response] = parseResponses(raw);
    expect(response?.status).toBe(431);
    expect(JSON.parse(response!.body)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: '请求头太大' } });
  });

  it('every kind of answer carries the security headers: /api, /healthz, /files, the H5 app and its scripts', async () => {
    const api = await post(`${base}/api/account`, { action: 'me' });
    expect(api.status).toBe(401);
    const apiHeaders = await fetch(`${base}/api/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"me"}' });
    expectSecurityHeaders(apiHeaders.headers);
    const { token } = await login(base, 'demo-v01');
    const me = await fetch(`${base}/api/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"action":"me"}',
    });
    expect(me.status).toBe(200);
    expectSecurityHeaders(me.headers);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expectSecurityHeaders(health.headers);

    const stored = await files.put({
      folder: 'exports',
      name: '服务记录',
      kind: 'xlsx',
      body: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]),
    });
    const link = await files.link(stored.fileId, 60);
    const download = await fetch(`${base}${link.url}`);
    expect(download.status).toBe(200);
    expectSecurityHeaders(download.headers);
    const refused = await fetch(`${base}${link.url.replace(/sig=[^&]+/, 'sig=forged')}`);
    expect(refused.status).toBe(403);
    expectSecurityHeaders(refused.headers);

    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="app">');
    expectSecurityHeaders(index.headers);
    // The build's one inline script is allowed by its hash, not by 'unsafe-inline'.
    const hash = createHash('sha256').update(INLINE).digest('base64');
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    const script = await fetch(`${base}/app.js`);
    expect(script.status).toBe(200);
    expectSecurityHeaders(script.headers);
  });

  // Last: it shuts the app down.
  it('a call arriving during shutdown answers BUSY in the envelope, while the call in flight finishes', async () => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // A call in flight keeps this connection busy, so shutdown does not close it.
    socket.write(postText('/test/hold', '{}'));
    await enteredHold;
    const closed = close();
    await closingBegun;
    // A second call on the busy connection arrives while the server is closing.
    const arrived = new Promise<void>((resolve) =>
      app.server.on('request', (req: { url?: string }) => {
        if (req.url === '/api/account') resolve();
      }),
    );
    socket.write(postText('/api/account', '{"action":"me"}'));
    await arrived;
    hold.release();
    await ended;
    await closed;
    const [first, second] = parseResponses(Buffer.concat(chunks));
    expect(first?.status).toBe(200);
    expect(JSON.parse(first!.body)).toEqual({ ok: true, data: null });
    expect(second?.status).toBe(503);
    expect(JSON.parse(second!.body)).toEqual({ ok: false, error: { code: 'BUSY', message: '系统正在重启，请稍后再试' } });
    expect(second!.headers.get('connection')).toBe('close');
    expectSecurityHeaders(bag(second!.headers));
  });
});
