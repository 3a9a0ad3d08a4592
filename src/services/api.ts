/**
 * The one client of the back end, and the only module that knows the transport:
 * - weapp: wx.cloud.callFunction({ name, data: { action, data, requestId } });
 * - H5 (local runtime): POST `${API_BASE}/<function>` with a Bearer session token.
 * Both answer with the envelope `{ ok: true, data } | { ok: false, error }`; `call` returns
 * the data or throws an ApiError carrying the stable code and a Chinese message.
 *
 * Types come from the back-end contract, imported as types only (no zod in the app bundle).
 */
import Taro from '@tarojs/taro';
import type { ActionName, Envelope, FunctionName, Input, Output } from '@core/api';
import { apiMessages } from '../messages/api';

export type { MeResult, ProfileView, RoleView, TeamView, CommitteeView, UserListItem } from '@core/api';
export type { Role, PermissionRole } from '@core/domain/roles';

export class ApiError extends Error {
  readonly code: string;
  readonly details?: unknown;

  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }

  /**
   * True when the change may or may not have been made: no answer (NETWORK), an answer that cannot be
   * read, or the server failing (INTERNAL, BUSY) possibly after its commit. Retry with the same requestId.
   */
  get uncertain(): boolean {
    return UNSETTLED_CODES.has(this.code);
  }

  /** Field-level messages from a VALIDATION error, keyed by path (e.g. `phone`, `guardian.name`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as Array<{ path?: unknown; message?: unknown }>) {
        if (typeof d?.path === 'string' && typeof d.message === 'string' && !(d.path in out)) out[d.path] = d.message;
      }
    }
    return out;
  }
}

const UNSETTLED_CODES = new Set(['NETWORK', 'BAD_RESPONSE', 'INTERNAL', 'BUSY']);

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

/** A readable Chinese message for anything thrown by a call. */
export function errorMessage(e: unknown): string {
  if (isApiError(e)) return e.message;
  return apiMessages.unknown;
}

// ---------------------------------------------------------------- request ids

/**
 * A request id: 8 to 80 characters of [A-Za-z0-9_-], unique enough per caller
 * (the server scopes it by identity, function and action).
 */
export function newRequestId(): string {
  let rand = '';
  for (let i = 0; i < 3; i += 1)
    rand += Math.floor(Math.random() * 0x100000000)
      .toString(36)
      .padStart(7, '0');
  return `r${Date.now().toString(36)}-${rand}`;
}

/**
 * Actions whose outcome is unknown (ApiError.uncertain), by payload: their requestId is kept here, not
 * on the page, so doing the same thing again from a new page (she left, came back and asked again)
 * reuses it and the server answers the first attempt instead of doing it twice. An entry goes once a
 * definite answer comes, or after UNSETTLED_MS (a new action by then, not a retry). The entries are
 * also kept in the phone's storage, so closing and reopening the mini-program (what an older person
 * does when it seems stuck) keeps them too; stored by a hash of the payload, never the payload itself
 * (it may hold an address or health notes).
 */
const UNSETTLED_KEY = 'requests.unsettled';
const UNSETTLED_MS = 10 * 60_000;
let unsettledById: Map<string, { id: string; at: number }> | null = null;

function unsettled(): Map<string, { id: string; at: number }> {
  if (!unsettledById) {
    unsettledById = new Map();
    try {
      const kept: unknown = Taro.getStorageSync(UNSETTLED_KEY);
      if (Array.isArray(kept)) {
        for (const entry of kept as unknown[]) {
          if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
          const v = entry[1] as { id?: unknown; at?: unknown } | null;
          if (v && typeof v.id === 'string' && typeof v.at === 'number') unsettledById.set(entry[0], { id: v.id, at: v.at });
        }
      }
    } catch {
      // No storage (or unreadable): the entries live for this run only.
    }
  }
  return unsettledById;
}

function keepUnsettled(): void {
  const now = Date.now();
  const live = [...unsettled()].filter(([, v]) => now - v.at < UNSETTLED_MS);
  try {
    if (live.length) Taro.setStorageSync(UNSETTLED_KEY, live);
    else Taro.removeStorageSync(UNSETTLED_KEY);
  } catch {
    // Storage full or unavailable: the in-memory entries still serve this run.
  }
}

/** Forgets every kept unknown outcome (the person logs out or another logs in on this phone). */
export function forgetUnsettled(): void {
  unsettledById = new Map();
  keepUnsettled();
}

/**
 * Holds the requestId of one user action. The same action retried after an unknown outcome (same
 * payload), from this page or another, reuses its id, so the server applies it at most once; once the
 * server has answered (success or a definite refusal), the next action gets a new id.
 */
export class RequestIdKeeper {
  private current: { key: string; id: string } | null = null;

  idFor(payload: unknown): string {
    const key = payloadHash(payload);
    const kept = unsettled().get(key);
    const id = kept && Date.now() - kept.at < UNSETTLED_MS ? kept.id : newRequestId();
    this.current = { key, id };
    return id;
  }

  /** Call after the attempt: keep the id while the outcome is unknown, forget it otherwise. */
  settle(error?: unknown): void {
    if (!this.current) return;
    const had = unsettled().has(this.current.key);
    if (error && isApiError(error) && error.uncertain) unsettled().set(this.current.key, { id: this.current.id, at: Date.now() });
    else unsettled().delete(this.current.key);
    if (had || unsettled().has(this.current.key)) keepUnsettled();
    this.current = null;
  }

  /** Forget the id (a brand-new action follows). */
  reset(): void {
    if (this.current && unsettled().delete(this.current.key)) keepUnsettled();
    this.current = null;
  }
}

function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Two 32-bit multiplicative hashes of the payload's stable JSON (FNV-1a, and the same loop with
 * MurmurHash2's multiplier and the length as seed; 64 bits, as hex): what is stored instead of
 * the payload. A collision would at worst reuse an id the server then refuses as IDEMPOTENCY_MISMATCH.
 */
function payloadHash(payload: unknown): string {
  const text = stableKey(payload);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------- session (H5)

const TOKEN_KEY = 'session.token';
const isH5 = process.env.TARO_ENV === 'h5';

/** Whether identity comes from a session token (H5) rather than the WeChat context. */
export const usesDevLogin = isH5;

function getToken(): string {
  if (!isH5) return '';
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY);
    return typeof token === 'string' ? token : '';
  } catch {
    return '';
  }
}

function setToken(token: string): void {
  if (isH5) Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  if (isH5) Taro.removeStorageSync(TOKEN_KEY);
}

export const hasSession = (): boolean => !isH5 || getToken() !== '';

// ---------------------------------------------------------------- transport

type Body = {
  action: string;
  data?: unknown;
  requestId?: string;
};

let cloudReady = false;

function ensureCloud(): void {
  if (cloudReady) return;
  if (CLOUD_ENV) {
    Taro.cloud.init({ env: CLOUD_ENV, traceUser: true });
  } else {
    // Only a development build gets here: a production weapp build refuses to build without
    // TARO_APP_CLOUD_ENV (config/cloudEnv.ts).
    console.warn(
      '[cloud] TARO_APP_CLOUD_ENV was not set at build time: wx.cloud.init uses the default CloudBase environment of this AppID (development build).',
    );
    Taro.cloud.init({ traceUser: true });
  }
  cloudReady = true;
}

function unwrap<T>(envelope: unknown): T {
  const env = envelope as Envelope<T> | null | undefined;
  if (!env || typeof env !== 'object' || typeof env.ok !== 'boolean') {
    throw new ApiError('BAD_RESPONSE', apiMessages.badResponse);
  }
  if (env.ok) return env.data;
  const err = env.error ?? { code: 'INTERNAL', message: '' };
  throw new ApiError(err.code || 'INTERNAL', err.message || apiMessages.unknown, err.details);
}

async function postHttp(path: string, body: Body, auth: boolean): Promise<unknown> {
  const header: Record<string, string> = { 'Content-Type': 'application/json' };
  const token = auth ? getToken() : '';
  if (token) header.Authorization = `Bearer ${token}`;
  let res: Taro.request.SuccessCallbackResult;
  try {
    res = await Taro.request<unknown, Body>({
      url: `${API_BASE}/${path}`,
      method: 'POST',
      header,
      data: body,
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError('NETWORK', apiMessages.network);
  }
  if (res.data === null || res.data === undefined || res.data === '') {
    if (res.statusCode >= 500 || res.statusCode === 0) throw new ApiError('NETWORK', apiMessages.network);
    throw new ApiError('BAD_RESPONSE', apiMessages.badResponse);
  }
  return res.data;
}

async function callCloud(fn: string, body: Body): Promise<unknown> {
  ensureCloud();
  try {
    const res = await Taro.cloud.callFunction({ name: fn, data: body });
    return res.result;
  } catch {
    throw new ApiError('NETWORK', apiMessages.network);
  }
}

interface CallOptions {
  /** The id of the user action this call belongs to (see RequestIdKeeper / useMutation). */
  requestId?: string;
}

/**
 * Call `fn.action` with `data`. Every call carries a requestId (mutations require one; pass
 * the action's id from useMutation so a retry reuses it).
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  data: Input<F, A>,
  options: CallOptions = {},
): Promise<Output<F, A>> {
  const body: Body = { action, data, requestId: options.requestId ?? newRequestId() };
  const envelope = isH5 ? await postHttp(fn, body, true) : await callCloud(fn, body);
  try {
    return unwrap<Output<F, A>>(envelope);
  } catch (e) {
    if (isH5 && isApiError(e) && e.code === 'UNAUTHENTICATED') sessionLost?.();
    throw e;
  }
}

let sessionLost: (() => void) | null = null;

/**
 * What to do when the browser build's session is gone (expired, or the server forgot it): any call,
 * a tap's mutation as much as account.me, then leads to the login page rather than leaving
 * 请先登录 on a page with no way to log in. The WeChat build's identity comes from WeChat itself.
 */
export function onSessionLost(handler: () => void): void {
  sessionLost = handler;
}

// ---------------------------------------------------------------- dev login (H5, local runtime only)

export interface DevPerson {
  openid: string;
  name: string;
  /** Chinese role labels. */
  roles: string[];
}

/** The seeded demo people one may sign in as (local runtime only). */
export async function devPeople(): Promise<DevPerson[]> {
  const out = unwrap<{ people: DevPerson[] }>(await postHttp('auth', { action: 'devPeople' }, false));
  return out.people;
}

/** Sign in as a demo person, or (no openid) as a brand-new WeChat user; keeps the token. */
export async function devLogin(openid?: string): Promise<{ token: string; openid: string }> {
  const out = unwrap<{ token: string; openid: string }>(await postHttp('auth', { action: 'devLogin', data: openid ? { openid } : {} }, false));
  setToken(out.token);
  return out;
}

// ---------------------------------------------------------------- uploads

/** A picked image: its temporary path (weapp) and, in the browser, the File itself. */
export interface PickedFile {
  path: string;
  file?: Blob;
}

/**
 * Puts a picked photo in storage and answers its file id, for an action that checks it afterwards
 * (activities.addPhoto). WeChat uploads straight to cloud storage under uploads/ (which no client
 * can read back); the browser build posts the bytes to the local host's /api/upload.
 */
export async function uploadPhoto(picked: PickedFile): Promise<string> {
  if (!isH5) {
    ensureCloud();
    const cloudPath = `uploads/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.jpg`;
    try {
      const res = await Taro.cloud.uploadFile({ cloudPath, filePath: picked.path });
      return res.fileID;
    } catch {
      throw new ApiError('NETWORK', apiMessages.uploadFailed);
    }
  }
  if (!picked.file) throw new ApiError('BAD_REQUEST', apiMessages.uploadFailed);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${getToken()}`, 'Content-Type': 'application/octet-stream' },
      body: picked.file,
    });
  } catch {
    throw new ApiError('NETWORK', apiMessages.uploadFailed);
  }
  const answer = unwrap<{ fileId: string }>(await res.json().catch(() => null));
  return answer.fileId;
}
