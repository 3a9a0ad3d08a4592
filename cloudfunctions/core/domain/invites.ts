/**
 * Requests made by a phone number the caller typed: a relative link (亲属关联) or a family proxy
 * (家属代理). The answer, and what the requester sees until the other side confirms, is the same
 * whether or not the number belongs to anyone: the masked number they typed, the relation they gave,
 * "waiting". Whom it reached (targetId) stays on the server. No I/O.
 */
import type { Doc } from './doc';

export type InviteKind = 'link' | 'proxy';
/** pending: sent, not (yet) confirmed, whether or not it reached anyone; confirmed; withdrawn by the requester. */
type InviteState = 'pending' | 'confirmed' | 'withdrawn';

export interface PhoneInviteDoc extends Doc {
  kind: InviteKind;
  requesterId: string;
  /** Keyed hash of the typed number (the same lookup hash as the phone claim). */
  phoneHash: string;
  /** 138****5678 of the number the requester typed. */
  phoneMasked: string;
  relation: string;
  /** The link or proxy document it made, or null when the number reached nobody. Never shown to the requester. */
  targetId: string | null;
  state: InviteState;
  createdAt: string;
  updatedAt: string;
}

export const INVITE_ID_PREFIX = 'inv_';
export const isInviteId = (id: string): boolean => id.startsWith(INVITE_ID_PREFIX);
