/**
 * Binding a senior's own WeChat to the record the 居委 registered for her (seniors registered at the
 * desk have no WeChat behind them). The social worker asks for a code; the senior, or a family member
 * on her phone, types it when the mini-program first opens. The code is six digits derived from a
 * keyed hash of the senior, the moment it was issued and a nonce, so it is never stored: the record
 * keeps those and the claim on the code's own keyed hash (`uniques`), which is how the typed code
 * is found. No I/O.
 */

/** How long a code works: the daughter may only get to it in the evening. */
export const BIND_CODE_HOURS = 24;

export const BIND_CODE = /^\d{6}$/;

/** What the record keeps of the code in force. */
export interface BindCodeState {
  /** The `uniques` id of the code's claim, removed when it is used or replaced. */
  key: string;
  /** Random, so that two codes issued in the same millisecond differ; no use without the hash key. */
  nonce: string;
  issuedAt: string;
  expiresAt: string;
  issuedBy: string;
}

/** The WeChat bound through a code (not bindings made by the resident's own registration). */
export interface WechatBinding {
  openid: string;
  boundAt: string;
}

/** The claim a code takes in `uniques`: `bind:` and the code's keyed hash. */
export interface BindClaimDoc {
  _id: string;
  userId: string;
  expiresAt: string;
}

export const bindClaimKey = (codeHash: string): string => `bind:${codeHash}`;

/** What the keyed hash is taken of, for the code of `seniorId` issued at `issuedAt`. */
export const bindCodeSource = (seniorId: string, issuedAt: string, nonce: string): string => `${seniorId}@${issuedAt}@${nonce}`;

/** Six digits from a keyed hash (base64url): its first 48 bits modulo a million. */
export function bindCodeDigits(hash: string): string {
  const bytes = Buffer.from(hash, 'base64url');
  return String(bytes.readUIntBE(0, 6) % 1_000_000).padStart(6, '0');
}

export const bindCodeExpiry = (issuedAt: Date): string => new Date(issuedAt.getTime() + BIND_CODE_HOURS * 3_600_000).toISOString();

export const isLive = (expiresAt: string, now: Date): boolean => Date.parse(expiresAt) > now.getTime();
