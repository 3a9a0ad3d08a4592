/**
 * The local runtime's HTTP host: the same function entries the cloud runs, over
 * `POST /api/<function>`, plus `GET /healthz`, the dev login and the H5 build.
 */
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Server, Socket } from 'node:net';
import fastifyStatic from '@fastify/static';
import type { Logger as PinoLogger } from 'pino';
import { AppError, httpStatusOf, type ErrorCode } from '../cloudfunctions/core/errors';
import { issueSessionToken, readSessionToken, type Secrets, type SessionMode } from '../cloudfunctions/core/crypto';
import { dispatch, type RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import { FUNCTION_NAMES, type Envelope, type FunctionName } from '../cloudfunctions/core/api';
import { REGISTRY } from '../cloudfunctions/registry';
import type { Store } from '../cloudfunctions/core/store/port';
import { devPeople } from './dev-login';
import type { LocalFiles } from '../cloudfunctions/core/files/local';
import type { Notifier } from '../cloudfunctions/core/notifier/port';
import { createLocalNotifier } from '../cloudfunctions/core/notifier/local';
import { MAX_PHOTO_BYTES } from '../cloudfunctions/core/domain/photos';
import { securityHeaders } from './security-headers';
import { verifyPage } from './verify-page';

const BODY_LIMIT = 1024 * 1024;
/** A photo upload (MAX_PHOTO_BYTES) with room for the check to say 太大 rather than the host. */
const UPLOAD_LIMIT = MAX_PHOTO_BYTES + 1024 * 1024;
const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

interface AppOptions {
  store: Store;
  secrets: Secrets;
  log: PinoLogger;
  /** Decided once, by `isProduction` in server/config.ts: no dev login, and only production tokens. */
  production: boolean;
  staticDir?: string;
  now?: () => Date;
  /** DATA_DIR/files, served at GET /files/<folder>/<file>?exp=&sig= through the links the functions make. */
  files: LocalFiles;
  /** Subscription messages; the local outbox (core/notifier/local.ts) unless a test passes its own. */
  notifier?: Notifier;
  /** VERIFY_URL_BASE; unset, the QR on a proof points to this server's own address once it listens. */
  verifyUrlBase?: string;
}

/**
 * The URL of a listening server, from its address: a wildcard means this machine, IPv6 goes in
 * brackets. Null before it listens (or on a pipe).
 */
export function listeningUrl(address: ReturnType<Server['address']>): string | null {
  if (!address || typeof address !== 'object') return null;
  const host = address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function send(reply: FastifyReply, envelope: Envelope<unknown>): FastifyReply {
  const status = envelope.ok ? 200 : httpStatusOf(envelope.error.code as ErrorCode);
  return reply.code(status).type('application/json; charset=utf-8').send(envelope);
}

function sendError(reply: FastifyReply, code: ErrorCode, message?: string): FastifyReply {
  return send(reply, { ok: false, error: new AppError(code, message).toBody() });
}

/** The openid behind a bearer token, or null; a present but invalid token (or one of the other mode) is an error. */
function openidOf(secrets: Secrets, header: string | undefined, nowMs: number, mode: SessionMode): string | null | 'invalid' {
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9_.-]{10,2048})$/.exec(header);
  if (!match) return 'invalid';
  return readSessionToken(secrets, match[1]!, nowMs, mode) ?? 'invalid';
}

/** The envelope of the answers Fastify itself gives before any route or hook runs. */
function frameworkError(error: { code?: string }, request: FastifyRequest): { code: ErrorCode; message: string } {
  const api = request.raw.url?.startsWith('/api/') ?? false;
  switch (error.code) {
    // A path segment over maxParamLength (e.g. a 3,000-character function name): no such service.
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return api ? { code: 'UNKNOWN_FUNCTION', message: '没有这项服务' } : { code: 'NOT_FOUND', message: '找不到相关内容' };
    case 'FST_ERR_BAD_URL':
      return { code: 'BAD_REQUEST', message: '请求地址不正确' };
    default:
      return { code: 'BAD_REQUEST', message: '请求格式不正确' };
  }
}

/**
 * A request Node's HTTP parser refuses (headers too large, malformed request line): Fastify's
 * default writes a bare JSON body; this writes the envelope, with the same status.
 */
function clientError(error: Error & { code?: string }, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = status === 431 ? '请求头太大' : status === 408 ? '请求超时，请重试' : '请求格式不正确';
  const body = JSON.stringify({ ok: false, error: new AppError(status === 408 ? 'BUSY' : 'BAD_REQUEST', message).toBody() });
  socket.end(
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export async function buildApp(options: AppOptions) {
  const { store, secrets, log, production } = options;
  const mode: SessionMode = production ? 'production' : 'development';
  const now = options.now ?? (() => new Date());
  const applySecurityHeaders = securityHeaders({ staticDir: options.staticDir });
  const app = Fastify({
    loggerInstance: log,
    bodyLimit: BODY_LIMIT,
    // The dispatcher logs each call with its function, action, outcome and time.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    // Calls arriving during shutdown are answered BUSY in the envelope by the onRequest hook below;
    // Fastify's own 503 is a bare body written before any hook (no envelope, no security headers).
    return503OnClosing: false,
    // Answers Fastify gives before routing (a too-long or malformed path): the envelope too.
    frameworkErrors: (error, request, reply) => {
      applySecurityHeaders(request.raw, reply.raw);
      const { code, message } = frameworkError(error, request);
      return sendError(reply, code, message);
    },
    clientErrorHandler: clientError,
    // Fastify keeps idle connections 72 s; app.close() closes only those already idle when it runs,
    // so a socket whose last response was still finishing kept shutdown (and a CI test) waiting
    // over a minute. Node's own 5 s bounds that wait.
    keepAliveTimeout: 5_000,
  });
  const deps: RuntimeDeps = {
    store,
    secrets,
    log,
    now,
    files: options.files,
    notifier: options.notifier ?? createLocalNotifier(),
    verifyUrlBase: options.verifyUrlBase,
  };
  // The port is known only once the server listens (PORT=0 in tests picks any).
  app.addHook('onListen', (done) => {
    deps.verifyUrlBase ??= listeningUrl(app.server.address()) ?? undefined;
    done();
  });

  // Shutdown (app.close()): calls already running finish (their transactions commit); calls that still
  // arrive, on a connection that was busy when it began, are told to come back later.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });

  // First of all hooks: the security headers on every answer (errors and 404s included), then the
  // shutdown check.
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request.raw, reply.raw);
    if (closing) {
      reply.header('Connection', 'close');
      sendError(reply, 'BUSY', '系统正在重启，请稍后再试');
      return;
    }
    done();
  });

  // Malformed JSON, wrong content type, oversized bodies: the envelope, never a stack trace.
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 'PAYLOAD_TOO_LARGE');
    if (status === 415) return sendError(reply, 'BAD_REQUEST', '请求需要 JSON 格式（Content-Type: application/json）');
    if (status >= 400 && status < 500) {
      const message = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? '请求内容不是有效的 JSON' : undefined;
      return sendError(reply, 'BAD_REQUEST', message);
    }
    request.log.error({ err: error }, 'unhandled');
    return sendError(reply, 'INTERNAL');
  });

  app.get('/healthz', async (_request, reply) => send(reply, { ok: true, data: { status: 'ok', store: store.kind } }));

  // A file the functions made, through the signed, short-lived link they returned (core/files/local.ts).
  app.get('/files/:folder/:name', async (request, reply) => {
    const { folder, name } = request.params as { folder: string; name: string };
    const { exp, sig } = request.query as { exp?: string; sig?: string };
    const file = exp && sig ? options.files.open({ file: `${folder}/${name}`, exp, sig }, now().getTime()) : null;
    if (!file) return sendError(reply, 'FORBIDDEN', '下载链接无效或已过期，请重新导出');
    // RFC 6266: an ASCII fallback name and the UTF-8 name, so Chinese names survive every browser.
    const disposition = `attachment; filename="download.${file.name.split('.').pop()}"; filename*=UTF-8''${encodeURIComponent(file.name)}`;
    return reply
      .code(200)
      .header('Content-Type', file.contentType)
      .header('Content-Length', String(file.bytes))
      .header('Content-Disposition', disposition)
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(fs.createReadStream(file.path));
  });

  // Verification of a 志愿服务记录证明 by anyone, from the QR on a locally issued proof (server/verify-page.ts).
  app.get<{ Params: { code: string } }>('/verify/:code', async (request, reply) => {
    const { status, html } = await verifyPage(request.params.code, request.ip, deps);
    return reply.code(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
  });

  app.post('/api/auth', async (request, reply) => {
    if (production) return sendError(reply, 'UNKNOWN_FUNCTION', '生产环境没有开发登录');
    const body = (request.body ?? {}) as { action?: unknown; data?: { openid?: unknown } };
    if (body.action === 'devPeople') return send(reply, { ok: true, data: { people: await devPeople(store) } });
    if (body.action === 'devLogin') {
      const wanted = body.data?.openid;
      if (wanted !== undefined && (typeof wanted !== 'string' || !/^[A-Za-z0-9_-]{3,64}$/.test(wanted))) {
        return sendError(reply, 'VALIDATION', 'openid 格式不正确');
      }
      // No openid: a brand-new WeChat user, as when someone opens the mini-program for the first time.
      const openid = wanted ?? `dev-${randomUUID().slice(0, 12)}`;
      return send(reply, { ok: true, data: { openid, token: issueSessionToken(secrets, openid, now().getTime(), SESSION_TTL_MS, 'development') } });
    }
    return sendError(reply, 'UNKNOWN_ACTION', '开发登录只有 devPeople 和 devLogin 两个操作');
  });

  // A photo on its way to activities.addPhoto: the local stand-in for WeChat's direct upload to cloud
  // storage. Any bytes up to the limit, from a signed-in caller only; the function checks them later
  // and deletes the upload either way (services/photos.ts).
  app.addContentTypeParser(
    ['application/octet-stream', 'image/jpeg', 'image/png', 'image/webp'],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_request, body, done) => done(null, body),
  );
  app.post('/api/upload', { bodyLimit: UPLOAD_LIMIT }, async (request, reply) => {
    const openid = openidOf(secrets, request.headers.authorization, now().getTime(), mode);
    if (!openid || openid === 'invalid') return sendError(reply, 'UNAUTHENTICATED', '请先登录再上传');
    if (!Buffer.isBuffer(request.body) || request.body.length === 0)
      return sendError(reply, 'BAD_REQUEST', '上传的内容是空的（Content-Type: application/octet-stream）');
    const stored = await options.files.put({ folder: 'uploads', name: 'upload', kind: 'upload', body: request.body });
    return send(reply, { ok: true, data: { fileId: stored.fileId } });
  });

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const fn = request.params.fn;
    if (!(FUNCTION_NAMES as string[]).includes(fn)) return sendError(reply, 'UNKNOWN_FUNCTION', `没有这项服务：${fn}`);
    const openid = openidOf(secrets, request.headers.authorization, now().getTime(), mode);
    if (openid === 'invalid') return sendError(reply, 'UNAUTHENTICATED', '登录已失效，请重新登录');
    const name = fn as FunctionName;
    return send(reply, await dispatch(name, REGISTRY[name] as never, request.body, openid, deps));
  });

  if (options.staticDir && fs.existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', wildcard: true, index: ['index.html'] });
  }

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return sendError(reply, 'UNKNOWN_FUNCTION');
    return sendError(reply, 'NOT_FOUND');
  });

  return app;
}
