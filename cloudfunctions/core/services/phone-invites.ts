/**
 * Looking a person up by a phone number the caller typed, without telling the caller whether the
 * number is registered: every lookup is rate-limited per caller (services/rate-limit.ts,
 * one persisted counter), logged without the number, and leaves an invite document that the
 * requester sees the same way whatever the number reached (domain/invites.ts).
 */
import { maskPhone } from '../domain/people';
import { PHONE_LOOKUP } from '../domain/rate-limit';
import { INVITE_ID_PREFIX, type InviteKind, type PhoneInviteDoc } from '../domain/invites';
import type { Reader } from './shared/acting';
import { takeRateLimited } from './rate-limit';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import type { Tx } from '../store/port';

interface PhoneLookup {
  me: UserDoc;
  phoneHash: string;
  phoneMasked: string;
  inviteId: string;
}

/**
 * The gate before any lookup by a typed number: counts the attempt (RATE_LIMITED past the limit)
 * and logs it with a hash prefix and the masked number only.
 */
export async function phoneLookup(ctx: ServiceContext, kind: InviteKind, phone: string): Promise<PhoneLookup> {
  const me = requireUser(ctx);
  const phoneHash = ctx.secrets.lookupHash('phone', phone);
  const phoneMasked = maskPhone(phone);
  await takeRateLimited(ctx.store, ctx.log, PHONE_LOOKUP, ctx.actor.openid, ctx.now(), {
    subjectId: me._id,
    detail: { kind, phoneHash: phoneHash.slice(0, 10), phoneMasked },
  });
  const inviteId = `${INVITE_ID_PREFIX}${ctx.secrets.lookupHash('invite', `${kind}:${me._id}:${phoneHash}`).slice(0, 32)}`;
  return { me, phoneHash, phoneMasked, inviteId };
}

/** The registered person behind a phone number, or null; read by id (fine inside a transaction). */
export async function userByPhoneHash(reader: Reader, phoneHash: string): Promise<UserDoc | null> {
  const claim = await reader.get<{ _id: string; userId: string }>('uniques', `phone:${phoneHash}`);
  const user = claim ? await reader.get<UserDoc>('users', claim.userId) : null;
  return user && !user.closedAt ? user : null;
}

/**
 * Writes the invite (a new one, or the same one again: its createdAt stays while it is pending) and
 * returns it. `targetId` is whatever the number reached, null for nobody.
 */
export async function putInvite(
  tx: Tx,
  lookup: PhoneLookup,
  kind: InviteKind,
  relation: string,
  targetId: string | null,
  state: PhoneInviteDoc['state'],
  at: string,
): Promise<PhoneInviteDoc> {
  const prior = await tx.get<PhoneInviteDoc>('phoneInvites', lookup.inviteId);
  const doc: PhoneInviteDoc = {
    _id: lookup.inviteId,
    kind,
    requesterId: lookup.me._id,
    phoneHash: lookup.phoneHash,
    phoneMasked: lookup.phoneMasked,
    relation: prior && prior.state === 'pending' ? prior.relation : relation,
    targetId,
    state,
    createdAt: prior && prior.state === 'pending' ? prior.createdAt : at,
    updatedAt: at,
  };
  await tx.set('phoneInvites', doc);
  return doc;
}

/** The requester's invites of one kind still waiting, newest first. */
export async function pendingInvites(ctx: ServiceContext, requesterId: string, kind: InviteKind): Promise<PhoneInviteDoc[]> {
  const found: PhoneInviteDoc[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.store.find<PhoneInviteDoc>('phoneInvites', {
      where: { requesterId, kind },
      orderBy: { field: 'createdAt', direction: 'desc' },
      limit: 100,
      after,
    });
    found.push(...page.items.filter((i) => i.state === 'pending'));
    after = page.next ?? undefined;
  } while (after);
  return found;
}

/** Marks an invite confirmed (the other side agreed); missing or settled invites are left alone. */
export async function settleInvite(tx: Tx, inviteId: string | null | undefined, at: string): Promise<void> {
  if (!inviteId) return;
  const invite = await tx.get<PhoneInviteDoc>('phoneInvites', inviteId);
  if (invite && invite.state === 'pending') await tx.update('phoneInvites', inviteId, { state: 'confirmed', updatedAt: at });
}
