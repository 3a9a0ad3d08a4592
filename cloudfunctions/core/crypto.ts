/**
 * Field encryption (AES-256-GCM), keyed lookups (HMAC-SHA256) and signed session tokens,
 * all derived from one 32-byte master secret with HKDF so each use has its own key.
 * The secret comes from the environment (DATA_KEY, base64) on CloudBase; locally it is
 * generated into the data folder on first start.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 'v1';

export interface Secrets {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** Deterministic keyed hash, for finding or de-duplicating a sensitive value without storing it. */
  lookupHash(kind: string, value: string): string;
  sign(payload: string): string;
  verify(payload: string, signature: string): boolean;
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

export function parseMasterKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('DATA_KEY must be 32 bytes, base64-encoded');
  return key;
}

export function generateMasterKey(): string {
  return randomBytes(32).toString('base64');
}

export function createSecrets(master: Buffer): Secrets {
  const encKey = derive(master, 'field-encryption');
  const hashKey = derive(master, 'lookup-hash');
  const signKey = derive(master, 'session-token');
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join('.');
    },
    decrypt(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('unreadable sealed field');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    lookupHash(kind, value) {
      return createHmac('sha256', hashKey).update(`${kind}:${value}`).digest('base64url');
    },
    sign(payload) {
      return createHmac('sha256', signKey).update(payload).digest('base64url');
    },
    verify(payload, signature) {
      const expected = Buffer.from(this.sign(payload));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/**
 * The mode a session token was issued in. The local runtime signs tokens in development (the dev
 * login) and could in production; a token is only ever accepted in the mode it was issued in, so a
 * dev login's token is refused once the same data folder (same key) runs in production.
 */
export type SessionMode = 'development' | 'production';

/** Session token for the local runtime: base64url(JSON {sub, exp, mode}) + '.' + HMAC. */
export function issueSessionToken(secrets: Secrets, openid: string, nowMs: number, ttlMs: number, mode: SessionMode): string {
  const payload = Buffer.from(JSON.stringify({ sub: openid, exp: nowMs + ttlMs, mode })).toString('base64url');
  return `${payload}.${secrets.sign(payload)}`;
}

/**
 * The openid a token was issued for, or null when it is forged, malformed, expired or issued in
 * another mode (a token without a mode, from before modes existed, is refused everywhere).
 */
export function readSessionToken(secrets: Secrets, token: string, nowMs: number, mode: SessionMode): string | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  if (!secrets.verify(payload, signature)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown; exp?: unknown; mode?: unknown };
    if (typeof claims.sub !== 'string' || typeof claims.exp !== 'number' || claims.exp < nowMs) return null;
    if (claims.mode !== mode) return null;
    return claims.sub;
  } catch {
    return null;
  }
}
