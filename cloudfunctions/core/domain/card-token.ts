/**
 * The QR on the electronic volunteer card (电子志愿者证): a token that rotates every 60 seconds
 * and is bound to one volunteer.
 *
 *   token = "vc1." + userId + "." + window + "." + HMAC("card:<userId>:<window>")[:22]
 *   window = floor(unix seconds / 60)
 *
 * Accepted during its own window and the next (60 to 120 seconds), like the activity QR
 * (domain/checkin-token.ts), so a screenshot passed around stops working within two minutes. The
 * signature covers the volunteer id and the window, and its payload has its own prefix ("card:"),
 * so an activity token can never pass as a card and a card never as another person's. Pure: the
 * keyed hash is passed in (ctx.secrets.sign), so no key lives here.
 */
import { timingSafeEqual } from 'node:crypto';

export const CARD_WINDOW_SECONDS = 60;
const PREFIX = 'vc1';
const SIG_LENGTH = 22;

type Sign = (payload: string) => string;

const windowOf = (now: Date): number => Math.floor(now.getTime() / 1000 / CARD_WINDOW_SECONDS);

const cardSig = (sign: Sign, userId: string, window: number) => sign(`card:${userId}:${window}`).slice(0, SIG_LENGTH);

export interface IssuedCardToken {
  token: string;
  /** When the card should show the next token. */
  rotatesAt: string;
  /** The last moment this token is accepted. */
  validUntil: string;
  windowSeconds: number;
}

export function issueCardToken(sign: Sign, userId: string, now: Date): IssuedCardToken {
  const window = windowOf(now);
  const rotates = (window + 1) * CARD_WINDOW_SECONDS * 1000;
  return {
    token: `${PREFIX}.${userId}.${window}.${cardSig(sign, userId, window)}`,
    rotatesAt: new Date(rotates).toISOString(),
    validUntil: new Date(rotates + CARD_WINDOW_SECONDS * 1000 - 1).toISOString(),
    windowSeconds: CARD_WINDOW_SECONDS,
  };
}

export type CardCheck = { ok: true; userId: string } | { ok: false; reason: 'invalid' | 'expired' };

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Whose card a scanned token is, at `now`: forged, altered or truncated tokens are `invalid`, old ones `expired`. */
export function checkCardToken(sign: Sign, token: string, now: Date): CardCheck {
  const parts = token.trim().split('.');
  if (parts.length !== 4 || parts[0] !== PREFIX) return { ok: false, reason: 'invalid' };
  const [, userId, windowText, sig] = parts as [string, string, string, string];
  if (!/^[A-Za-z0-9_:-]{1,64}$/.test(userId) || !/^\d{1,12}$/.test(windowText)) return { ok: false, reason: 'invalid' };
  const window = Number(windowText);
  if (!sameText(cardSig(sign, userId, window), sig)) return { ok: false, reason: 'invalid' };
  const current = windowOf(now);
  // A window from the future was not issued by this clock: treat it as forged, not as early.
  if (window > current) return { ok: false, reason: 'invalid' };
  if (window < current - 1) return { ok: false, reason: 'expired' };
  return { ok: true, userId };
}

/** Looks like a card token (for a scanner that may be handed an activity QR or anything else). */
export const isCardToken = (text: string): boolean => text.trim().startsWith(`${PREFIX}.`);
