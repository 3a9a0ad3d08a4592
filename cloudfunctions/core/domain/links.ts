/** Relative links (亲属关联) between two people, the condition for gifts between them: one document per pair. */
import type { Doc } from './doc';

export type LinkState = 'proposed' | 'confirmed' | 'removed';

export interface LinkDoc extends Doc {
  userA: string;
  userB: string;
  proposedBy: string;
  relation: string;
  state: LinkState;
  createdAt: string;
  confirmedAt: string | null;
  removedAt: string | null;
  removedBy: string | null;
  /** The proposer's invitation (services/phone-invites.ts), settled when the link is confirmed. */
  inviteId?: string;
}
