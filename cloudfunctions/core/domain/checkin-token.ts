/**
 * The check-in QR code: a token that rotates every 60 seconds and is bound to one activity.
 *
 *   token = "ck1." + activityId + "." + window + "." + HMAC("checkin:<activityId>:<window>")[:22]
 *   window = floor(unix seconds / 60)
 *
 * A token is accepted during its own window and the next one (so a code scanned just as it
 * rotates still works), i.e. for 60 to 120 seconds, and only for the activity it names: the
 * signature covers the activity id, so neither the id nor the window can be changed. On H5, where
 * a code cannot be scanned, the leader's screen also shows a 6-digit code derived the same way;
 * it is checked against the activity the volunteer is checking into. Pure: the keyed hash is
 * passed in (ctx.secrets.sign), so no key lives here.
 */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_WINDOW_SECONDS = 60;
const PREFIX = 'ck1';
const SIG_LENGTH = 22;

type Sign = (payload: string) => string;

const windowOf = (now: Date): number => Math.floor(now.getTime() / 1000 / TOKEN_WINDOW_SECONDS);

const tokenSig = (sign: Sign, activityId: string, window: number) => sign(`checkin:${activityId}:${window}`).slice(0, SIG_LENGTH);

/** Six digits from the keyed hash of (activity, window). */
function shortCode(sign: Sign, activityId: string, window: number): string {
  const digest = Buffer.from(sign(`checkin-code:${activityId}:${window}`), 'base64url');
  return String(digest.readUIntBE(0, 6) % 1_000_000).padStart(6, '0');
}

interface IssuedToken {
  token: string;
  code: string;
  window: number;
  /** When the leader's screen should show the next code. */
  rotatesAt: string;
  /** The last moment this token is accepted. */
  validUntil: string;
}

export function issueToken(sign: Sign, activityId: string, now: Date): IssuedToken {
  const window = windowOf(now);
  const rotates = (window + 1) * TOKEN_WINDOW_SECONDS * 1000;
  return {
    token: `${PREFIX}.${activityId}.${window}.${tokenSig(sign, activityId, window)}`,
    code: shortCode(sign, activityId, window),
    window,
    rotatesAt: new Date(rotates).toISOString(),
    validUntil: new Date(rotates + TOKEN_WINDOW_SECONDS * 1000 - 1).toISOString(),
  };
}

type TokenCheck = { ok: true; via: 'qr' | 'code' } | { ok: false; reason: 'invalid' | 'expired' | 'foreign' };

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Checks a scanned token (or a typed 6-digit code) for `activityId` at `now`. */
export function checkToken(sign: Sign, token: string, activityId: string, now: Date): TokenCheck {
  const current = windowOf(now);
  const live = [current, current - 1];
  const text = token.trim();
  if (/^\d{6}$/.test(text)) {
    return live.some((w) => sameText(shortCode(sign, activityId, w), text)) ? { ok: true, via: 'code' } : { ok: false, reason: 'invalid' };
  }
  const parts = text.split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX || !/^\d{1,12}$/.test(parts[2]!)) return { ok: false, reason: 'invalid' };
  const [, tokenActivity, windowText, sig] = parts as [string, string, string, string];
  const window = Number(windowText);
  // A forged or altered token says nothing about which activity it belongs to.
  if (!tokenActivity || !sameText(tokenSig(sign, tokenActivity, window), sig)) return { ok: false, reason: 'invalid' };
  if (tokenActivity !== activityId) return { ok: false, reason: 'foreign' };
  if (window > current) return { ok: false, reason: 'invalid' };
  if (!live.includes(window)) return { ok: false, reason: 'expired' };
  return { ok: true, via: 'qr' };
}

/** The activity a token names, for a scan that starts from the code alone (unverified: checkToken decides). */
export function activityOfToken(token: string): string | null {
  const parts = token.trim().split('.');
  return parts.length === 4 && parts[0] === PREFIX && /^[A-Za-z0-9_:-]{1,64}$/.test(parts[1]!) ? parts[1]! : null;
}

/**
 * Typed codes are six digits, so they could be guessed by trying: after `max` wrong codes within
 * `windowMinutes` a person's typed codes for that activity are refused for `lockMinutes` (the QR
 * token, signed with 132 bits, needs no such limit and keeps working; so does the leader's roster).
 */
export const CODE_ATTEMPTS = { max: 5, windowMinutes: 10, lockMinutes: 10 } as const;

interface CodeAttempts {
  /** Times of the wrong codes still inside the window, oldest first. */
  failures: string[];
  lockedUntil: string | null;
}

export const isTypedCode = (token: string): boolean => /^\d{6}$/.test(token.trim());

export const lockedUntil = (a: CodeAttempts | null, now: Date): Date | null =>
  a?.lockedUntil && Date.parse(a.lockedUntil) > now.getTime() ? new Date(a.lockedUntil) : null;

/** The attempts after one more wrong code at `now`: old failures drop out, the `max`-th locks. */
export function afterWrongCode(a: CodeAttempts | null, now: Date): CodeAttempts {
  const since = now.getTime() - CODE_ATTEMPTS.windowMinutes * 60_000;
  const failures = [...(a?.failures ?? []).filter((t) => Date.parse(t) > since), now.toISOString()];
  if (failures.length < CODE_ATTEMPTS.max) return { failures, lockedUntil: a?.lockedUntil ?? null };
  return { failures: [], lockedUntil: new Date(now.getTime() + CODE_ATTEMPTS.lockMinutes * 60_000).toISOString() };
}

/** Wrong typed codes of one person at one activity: `attempts/checkin:<activityId>:<userId>`. */
export type AttemptsDoc = CodeAttempts & { _id: string; updatedAt: string };
