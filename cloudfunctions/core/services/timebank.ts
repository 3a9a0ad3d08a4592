/**
 * The time bank: balances and statements, relative links, gifts and donations, pool grants,
 * admin adjustments and reversals, policy. Every mutation is one `ctx.mutate` transaction that
 * posts one transfer operation (services/transfers/) through services/ledger.ts; every read derives
 * from the ledger documents.
 */
import type { AdjustmentView, LinkState, LinkView, ParsedInput, TimebankResults } from '../api';
import { AppError } from '../errors';
import { POOL_ACCOUNT, formatHours, isIssuanceAccount, personAccountId, transferId, userIdOfAccount, type TransferDoc } from '../domain/ledger';
import { POLICY_DOC_ID, mergePolicy, policyProblems, type StoredPolicy, type TimebankPolicy } from '../domain/policy';
import { assertStaffFor } from '../domain/scope';
import { starProgress } from '../domain/stars';
import type { Tx } from '../store/port';
import { requireUser, type ServiceContext } from './shared/context';
import { auditByCaller } from './shared/audit';
import type { UserDoc } from '../domain/people';
import { loadPolicy } from './policy';
import { postAdjustment, postDonation, postGift, postGrant, postReversal } from './transfers';
import { Names, accountBalance, balanceView, maskName, minutesView, signedView, statementPage, transferView } from './shared/ledger-views';
import { servedTotals } from './records';
import { isInviteId, type PhoneInviteDoc } from '../domain/invites';
import { pendingInvites, phoneLookup, putInvite, settleInvite, userByPhoneHash } from './phone-invites';
import { relationFor, type LinkDoc } from '../domain/links';
import { notify } from './inbox';
import { actingFor, readsPlain } from './shared/acting';
import type { Wording } from '../domain/words';

// ---------------------------------------------------------------- helpers

export function requestIdOf(ctx: ServiceContext): string {
  if (!ctx.requestId) throw new AppError('VALIDATION', '缺少 requestId：每次提交都需要一个请求编号');
  return ctx.requestId;
}

/** A social worker acts for the people of the 居委 they serve; an admin for everyone. */
function assertServes(actor: UserDoc, subject: UserDoc): void {
  assertStaffFor(actor, subject.committeeId, '只能为本居委的居民办理');
}

async function requirePerson(reader: Pick<Tx, 'get'>, userId: string, what = '找不到这个人'): Promise<UserDoc> {
  const user = await reader.get<UserDoc>('users', userId);
  if (!user) throw new AppError('NOT_FOUND', what, { userId });
  return user;
}

// ---------------------------------------------------------------- reading

/**
 * The person account a balance or statement read is of: the caller's own, or with `seniorId` that
 * senior's, for whoever may act for her (`actingFor`: herself, a confirmed proxy, staff of her 居委,
 * an admin; anyone else FORBIDDEN, a closed record NOT_FOUND). Like `seniors.home`, which shows staff
 * and proxies the same balance, the read writes nothing: no audit line, no 办理记录 (docs/privacy.md).
 */
/** A person reading or moving their own credits: a senior reads plain words (domain/words.ts), everyone else the ledger's. */
const ownWording = (me: UserDoc): Wording => (me.roles.includes('senior') ? 'plain' : 'staff');

async function readableAccount(ctx: ServiceContext, seniorId: string | undefined): Promise<{ accountId: string; wording: Wording }> {
  if (!seniorId) {
    const me = requireUser(ctx);
    return { accountId: personAccountId(me._id), wording: ownWording(me) };
  }
  const { senior, via } = await actingFor(ctx, ctx.store, seniorId);
  return { accountId: personAccountId(senior._id), wording: readsPlain(via) ? 'plain' : 'staff' };
}

export async function balance(ctx: ServiceContext, input: ParsedInput<'timebank', 'balance'>): Promise<TimebankResults['balance']> {
  const { accountId } = await readableAccount(ctx, input.seniorId);
  return accountBalance(ctx.store, accountId, await loadPolicy(ctx.store));
}

/**
 * A senior's statement reaches the senior side in plain words (先留出：用时间换帮助, 街道公共时间): her
 * own read, or a proxy's of hers. Staff reading her account, and everyone else reading their own,
 * keep the ledger's words (预留：兑换服务, 公益池).
 */
export async function statement(ctx: ServiceContext, input: ParsedInput<'timebank', 'statement'>): Promise<TimebankResults['statement']> {
  const { accountId, wording } = await readableAccount(ctx, input.seniorId);
  return statementPage(ctx.store, accountId, input, wording);
}

export async function stars(ctx: ServiceContext): Promise<TimebankResults['stars']> {
  const user = requireUser(ctx);
  const policy = await loadPolicy(ctx.store);
  const served = await servedTotals(ctx.store, user._id);
  return {
    ...starProgress(served.totalMinutes, policy.starThresholdsHours),
    thresholdsHours: policy.starThresholdsHours,
    served: minutesView(served.totalMinutes),
  };
}

export async function account(ctx: ServiceContext, input: ParsedInput<'timebank', 'account'>): Promise<TimebankResults['account']> {
  const actor = requireUser(ctx);
  const subject = await requirePerson(ctx.store, input.userId);
  assertServes(actor, subject);
  const accountId = personAccountId(subject._id);
  const policy = await loadPolicy(ctx.store);
  return {
    userId: subject._id,
    name: subject.name,
    balance: await accountBalance(ctx.store, accountId, policy),
    statement: await statementPage(ctx.store, accountId, input),
  };
}

export async function pool(ctx: ServiceContext, input: ParsedInput<'timebank', 'pool'>): Promise<TimebankResults['pool']> {
  return {
    balance: await accountBalance(ctx.store, POOL_ACCOUNT, null),
    statement: await statementPage(ctx.store, POOL_ACCOUNT, input),
  };
}

export async function adjustments(ctx: ServiceContext, input: ParsedInput<'timebank', 'adjustments'>): Promise<TimebankResults['adjustments']> {
  const page = await ctx.store.find<TransferDoc>('transfers', {
    where: { kind: 'adjust' },
    orderBy: { field: 'createdAt', direction: 'desc' },
    limit: input.limit ?? 20,
    after: input.after,
  });
  const names = new Names(ctx.store);
  const items: AdjustmentView[] = await Promise.all(
    page.items.map(async (t) => {
      const credit = isIssuanceAccount(t.debitAccountId);
      const accountId = credit ? t.creditAccountId : t.debitAccountId;
      return {
        transferId: t._id,
        accountId,
        accountName: await names.account(accountId),
        amount: signedView(credit ? t.amount : -t.amount),
        reason: t.memo,
        actorName: await names.userName(t.actorId),
        reversed: !!(await ctx.store.get('transfers', transferId.reverse(t._id))),
        at: t.createdAt,
      };
    }),
  );
  return { items, next: page.next };
}

// ---------------------------------------------------------------- policy

async function policyResult(reader: Pick<Tx, 'get'>): Promise<TimebankResults['policy']> {
  const stored = await reader.get<StoredPolicy>('settings', POLICY_DOC_ID);
  return { ...mergePolicy(stored), updatedAt: stored?.updatedAt ?? null };
}

export async function policy(ctx: ServiceContext): Promise<TimebankResults['policy']> {
  return policyResult(ctx.store);
}

export async function setPolicy(ctx: ServiceContext, input: ParsedInput<'timebank', 'setPolicy'>): Promise<TimebankResults['setPolicy']> {
  const admin = requireUser(ctx);
  const patch: Partial<TimebankPolicy> = {};
  for (const [key, value] of Object.entries(input)) if (value !== undefined) (patch as Record<string, unknown>)[key] = value;
  return ctx.mutate(async (tx) => {
    const stored = await tx.get<StoredPolicy>('settings', POLICY_DOC_ID);
    const before = mergePolicy(stored);
    const after = mergePolicy({ ...stored, ...patch });
    const problems = policyProblems(after);
    if (problems.length) throw new AppError('VALIDATION', problems[0]!.message, problems);
    const at = ctx.now().toISOString();
    const doc: StoredPolicy = { ...(stored ?? {}), ...patch, _id: POLICY_DOC_ID, updatedAt: at, updatedBy: admin._id };
    await tx.set('settings', doc);
    const old: Record<string, unknown> = {};
    for (const key of Object.keys(patch)) old[key] = before[key as keyof TimebankPolicy];
    await auditByCaller(tx, ctx, POLICY_DOC_ID, 'policy.set', { before: old, after: patch });
    return { ...after, updatedAt: at };
  });
}

// ---------------------------------------------------------------- relative links

/** One link document per pair of people, whoever proposed it. */
export const linkId = (a: string, b: string): string => (a < b ? `link:${a}:${b}` : `link:${b}:${a}`);

/** An invitation I sent, as my list shows it until confirmed: nothing about whom it reached. */
function inviteLinkView(invite: PhoneInviteDoc, state: LinkState = 'proposed'): LinkView {
  return {
    id: invite._id,
    otherUserId: null,
    otherName: '',
    otherPhoneMasked: invite.phoneMasked,
    relation: invite.relation,
    state,
    direction: 'sent',
    createdAt: invite.createdAt,
    confirmedAt: null,
  };
}

/** Each side sees the relation from its own side: the proposer their words, the other the inverse (domain/links.ts). */
async function linkView(link: LinkDoc, me: string, names: Names): Promise<LinkView> {
  const otherUserId = link.userA === me ? link.userB : link.userA;
  const relation = relationFor(link, me);
  if (link.state === 'proposed' && link.proposedBy === me) {
    // Sent before invitations existed: still nothing about the other person until they confirm.
    return {
      id: link._id,
      otherUserId: null,
      otherName: '',
      otherPhoneMasked: '',
      relation,
      state: link.state,
      direction: 'sent',
      createdAt: link.createdAt,
      confirmedAt: null,
    };
  }
  const other = await names.user(otherUserId);
  const name = other?.name ?? '已注销用户';
  return {
    id: link._id,
    otherUserId,
    otherName: link.state === 'confirmed' ? name : maskName(name),
    otherPhoneMasked: other?.phoneMasked ?? '',
    relation,
    state: link.state,
    direction: link.proposedBy === me ? 'sent' : 'received',
    createdAt: link.createdAt,
    confirmedAt: link.confirmedAt,
  };
}

export async function links(ctx: ServiceContext): Promise<TimebankResults['links']> {
  const me = requireUser(ctx)._id;
  const names = new Names(ctx.store);
  const found: LinkDoc[] = [];
  for (const side of ['userA', 'userB'] as const) {
    let after: string | undefined;
    do {
      const page = await ctx.store.find<LinkDoc>('links', { where: { [side]: me }, orderBy: { field: 'createdAt', direction: 'desc' }, limit: 100, after });
      // A link I proposed shows as my invitation (below) until the other side confirms.
      found.push(...page.items.filter((l) => l.state !== 'removed' && !(l.state === 'proposed' && l.proposedBy === me && l.inviteId)));
      after = page.next ?? undefined;
    } while (after);
  }
  const items = [...(await Promise.all(found.map((l) => linkView(l, me, names)))), ...(await pendingInvites(ctx, me, 'link')).map((i) => inviteLinkView(i))];
  items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return { items };
}

// Inbox messages of links and gifts (kinds link.invited, link.confirmed, gift.received: no WeChat
// template fits them, so the inbox only). Each is written in the transaction of the change it
// announces, with an event key from that change, so a retried or repeated request writes it once.

/** To the invited person (only ever a registered one): who asks, masked as on their list, and where to answer. */
async function tellInvited(tx: Tx, inviter: UserDoc, link: LinkDoc, invitedId: string, at: string): Promise<void> {
  const who = maskName(inviter.name);
  await notify(
    tx,
    {
      userId: invitedId,
      kind: 'link.invited',
      title: `${who}邀请您关联为亲属`,
      body: `${who}（${inviter.phoneMasked}，您的${relationFor(link, invitedId)}）邀请您关联为亲属，关联后可以互相转赠时间币。请到“亲属关联”里确认；如果不是您的亲属，请拒绝。`,
      ref: link._id,
      eventKey: `link.invited:${link._id}:${link.inviteId ?? ''}:${at}`,
    },
    at,
  );
}

/** To the proposer, once the other side confirmed: in the proposer's own words for the relation. */
async function tellConfirmed(tx: Tx, link: LinkDoc, confirmer: UserDoc, at: string): Promise<void> {
  await notify(
    tx,
    {
      userId: link.proposedBy,
      kind: 'link.confirmed',
      title: `${confirmer.name}确认了亲属关联`,
      body: `${confirmer.name}（${relationFor(link, link.proposedBy)}）确认了您的亲属关联邀请，现在你们可以互相转赠时间币了。`,
      ref: link._id,
      eventKey: `link.confirmed:${link._id}:${at}`,
    },
    at,
  );
}

/**
 * Invites a relative by phone number. The answer is the same whether or not the number is
 * registered (the masked number typed and "waiting"), nobody learns whom it reached until they
 * confirm, and lookups are rate-limited per caller (services/phone-invites.ts).
 */
export async function proposeLink(ctx: ServiceContext, input: ParsedInput<'timebank', 'proposeLink'>): Promise<TimebankResults['proposeLink']> {
  const lookup = await phoneLookup(ctx, 'link', input.phone);
  const me = lookup.me._id;
  if (lookup.me.phoneHash && lookup.me.phoneHash === lookup.phoneHash) {
    throw new AppError('VALIDATION', '不能关联自己', [{ path: 'phone', message: '这是您自己的手机号' }]);
  }
  return ctx.mutate(async (tx) => {
    const at = ctx.now().toISOString();
    const other = await userByPhoneHash(tx, lookup.phoneHash);
    if (!other || other._id === me) return inviteLinkView(await putInvite(tx, lookup, 'link', input.relation, null, 'pending', at));
    const id = linkId(me, other._id);
    const link = await tx.get<LinkDoc>('links', id);
    if (link && link.state === 'confirmed') {
      // Already linked: I know who this is.
      await putInvite(tx, lookup, 'link', input.relation, id, 'confirmed', at);
      return linkView(link, me, new Names(ctx.store));
    }
    if (link && link.state === 'proposed' && link.proposedBy !== me) {
      // They asked first (their invitation is in my list) and now I ask too: both sides have agreed.
      const result: LinkDoc = { ...link, state: 'confirmed', confirmedAt: at };
      await tx.update('links', id, { state: 'confirmed', confirmedAt: at });
      await settleInvite(tx, link.inviteId, at);
      await putInvite(tx, lookup, 'link', input.relation, id, 'confirmed', at);
      await tellConfirmed(tx, result, lookup.me, at);
      return linkView(result, me, new Names(ctx.store));
    }
    const invite = await putInvite(tx, lookup, 'link', input.relation, id, 'pending', at);
    if (!link || link.state !== 'proposed' || link.inviteId !== invite._id) {
      const [userA, userB] = me < other._id ? [me, other._id] : [other._id, me];
      const doc: LinkDoc = {
        _id: id,
        userA,
        userB,
        proposedBy: me,
        relation: invite.relation,
        state: 'proposed',
        createdAt: link?.state === 'proposed' ? link.createdAt : at,
        confirmedAt: null,
        removedAt: null,
        removedBy: null,
        inviteId: invite._id,
      };
      await tx.set('links', doc);
      // A new proposal (not the same invitation sent again): the registered person is told once.
      await tellInvited(tx, lookup.me, doc, other._id, at);
    }
    return inviteLinkView(invite);
  });
}

/**
 * A link by its id, or by an invitation id: the requester gets their invitation (and the link it
 * made, if any); the invited person gets the link, as if they had named it.
 */
async function linkRef(tx: Tx, id: string, me: string): Promise<{ invite: PhoneInviteDoc | null; link: LinkDoc | null }> {
  if (!isInviteId(id)) return { invite: null, link: await myLink(tx, id, me) };
  const invite = await tx.get<PhoneInviteDoc>('phoneInvites', id);
  if (!invite || invite.kind !== 'link') throw new AppError('NOT_FOUND', '找不到这条亲属关联');
  const link = invite.targetId ? await tx.get<LinkDoc>('links', invite.targetId) : null;
  if (invite.requesterId === me) return { invite, link };
  if (!link || (link.userA !== me && link.userB !== me) || link.inviteId !== invite._id) throw new AppError('NOT_FOUND', '找不到这条亲属关联');
  return { invite, link };
}

async function myLink(tx: Tx, id: string, me: string): Promise<LinkDoc> {
  const link = await tx.get<LinkDoc>('links', id);
  if (!link || (link.userA !== me && link.userB !== me)) throw new AppError('NOT_FOUND', '找不到这条亲属关联');
  return link;
}

export async function confirmLink(ctx: ServiceContext, input: ParsedInput<'timebank', 'confirmLink'>): Promise<TimebankResults['confirmLink']> {
  const meUser = requireUser(ctx);
  const me = meUser._id;
  return ctx.mutate(async (tx) => {
    const ref = await linkRef(tx, input.linkId, me);
    if (ref.invite?.requesterId === me) {
      if (ref.link?.state === 'confirmed' && ref.invite.state !== 'withdrawn') return linkView(ref.link, me, new Names(ctx.store));
      throw new AppError('FORBIDDEN', '需要由对方确认这条关联');
    }
    const link = ref.link!;
    if (link.state === 'removed') throw new AppError('CONFLICT', '这条关联已经解除，请重新发起');
    if (link.state === 'proposed') {
      if (link.proposedBy === me) throw new AppError('FORBIDDEN', '需要由对方确认这条关联');
      const at = ctx.now().toISOString();
      await tx.update('links', link._id, { state: 'confirmed', confirmedAt: at });
      await settleInvite(tx, link.inviteId, at);
      link.state = 'confirmed';
      link.confirmedAt = at;
      await tellConfirmed(tx, link, meUser, at);
    }
    return linkView(link, me, new Names(ctx.store));
  });
}

export async function removeLink(ctx: ServiceContext, input: ParsedInput<'timebank', 'removeLink'>): Promise<TimebankResults['removeLink']> {
  const me = requireUser(ctx)._id;
  return ctx.mutate(async (tx) => {
    const ref = await linkRef(tx, input.linkId, me);
    if (ref.invite?.requesterId === me && !(ref.invite.state === 'confirmed' && ref.link?.state === 'confirmed')) {
      // Withdrawing my invitation: the link it made goes too while it is only proposed.
      const at = ctx.now().toISOString();
      const invite = ref.invite;
      if (invite.state === 'pending') await tx.update('phoneInvites', invite._id, { state: 'withdrawn', updatedAt: at });
      if (ref.link && ref.link.state === 'proposed' && ref.link.inviteId === invite._id) {
        await tx.update('links', ref.link._id, { state: 'removed', removedAt: at, removedBy: me });
      }
      return inviteLinkView(invite, 'removed');
    }
    const link = ref.link!;
    if (link.state !== 'removed') {
      const at = ctx.now().toISOString();
      await tx.update('links', link._id, { state: 'removed', removedAt: at, removedBy: me });
      Object.assign(link, { state: 'removed', removedAt: at, removedBy: me });
    }
    return linkView(link, me, new Names(ctx.store));
  });
}

// ---------------------------------------------------------------- moving credits
// Each action checks who may do it, posts one transfer operation (services/transfers/), and answers
// with the transfer and, where the caller's own balance changed, the balance.

/** Gifts go only to a relative both sides have confirmed. */
async function requireConfirmedLink(tx: Tx, me: string, other: string): Promise<LinkDoc> {
  const link = await tx.get<LinkDoc>('links', linkId(me, other));
  if (!link || link.state !== 'confirmed') throw new AppError('NOT_LINKED', '只能转赠给双方都已确认关联的亲属；请先在“亲属关联”里邀请对方并等待确认');
  return link;
}

export async function gift(ctx: ServiceContext, input: ParsedInput<'timebank', 'gift'>): Promise<TimebankResults['gift']> {
  const me = requireUser(ctx);
  if (input.toUserId === me._id) throw new AppError('VALIDATION', '不能转赠给自己', [{ path: 'toUserId', message: '不能是自己' }]);
  const requestId = requestIdOf(ctx);
  return ctx.mutate(async (tx) => {
    const to = await requirePerson(tx, input.toUserId, '找不到这位亲属');
    const link = await requireConfirmedLink(tx, me._id, to._id);
    const policy = await loadPolicy(tx);
    const req = { callerId: me._id, requestId, at: ctx.now().toISOString() };
    const note = input.note ?? '';
    const posted = await postGift(tx, req, to, input.minutes, note, policy, ownWording(me));
    if (posted.created) {
      // The recipient is told the amount and who gave it (the relation in the recipient's words).
      await notify(
        tx,
        {
          userId: to._id,
          kind: 'gift.received',
          title: `${me.name}转赠给您时间币`,
          body: `${me.name}（${relationFor(link, to._id)}）转赠给您 ${formatHours(input.minutes)} 时间币${note ? `，附言：${note}` : ''}。可以在“我的时间”查看。`,
          ref: posted.transfer._id,
          eventKey: `gift.received:${posted.transfer._id}`,
        },
        req.at,
      );
    }
    return {
      transfer: await transferView(posted.transfer, new Names(tx, [me, to]), ownWording(me)),
      balance: balanceView(posted.debit._id, posted.debit, policy),
    };
  });
}

export async function donate(ctx: ServiceContext, input: ParsedInput<'timebank', 'donate'>): Promise<TimebankResults['donate']> {
  const me = requireUser(ctx);
  const requestId = requestIdOf(ctx);
  return ctx.mutate(async (tx) => {
    const policy = await loadPolicy(tx);
    const req = { callerId: me._id, requestId, at: ctx.now().toISOString() };
    const posted = await postDonation(tx, req, input.minutes, input.note ?? '', policy, ownWording(me));
    return { transfer: await transferView(posted.transfer, new Names(tx, [me]), ownWording(me)), balance: balanceView(posted.debit._id, posted.debit, policy) };
  });
}

export async function grant(ctx: ServiceContext, input: ParsedInput<'timebank', 'grant'>): Promise<TimebankResults['grant']> {
  const actor = requireUser(ctx);
  const requestId = requestIdOf(ctx);
  return ctx.mutate(async (tx) => {
    const to = await requirePerson(tx, input.toUserId, '找不到这位居民');
    assertServes(actor, to);
    const posted = await postGrant(tx, { callerId: actor._id, requestId, at: ctx.now().toISOString() }, to, input.minutes, input.reason);
    if (posted.created) await auditByCaller(tx, ctx, to._id, 'ledger.grant', { transferId: posted.transfer._id, minutes: input.minutes, reason: input.reason });
    return { transfer: await transferView(posted.transfer, new Names(tx, [to])) };
  });
}

export async function adjust(ctx: ServiceContext, input: ParsedInput<'timebank', 'adjust'>): Promise<TimebankResults['adjust']> {
  const admin = requireUser(ctx);
  const requestId = requestIdOf(ctx);
  const target = input.accountId;
  return ctx.mutate(async (tx) => {
    const userId = userIdOfAccount(target);
    const subject = userId ? await requirePerson(tx, userId, '找不到这个账户的主人') : null;
    const policy = await loadPolicy(tx);
    const posted = await postAdjustment(tx, { callerId: admin._id, requestId, at: ctx.now().toISOString() }, target, input.minutes, input.reason, policy);
    if (posted.created) {
      await auditByCaller(tx, ctx, subject?._id ?? target, 'ledger.adjust', {
        transferId: posted.transfer._id,
        accountId: target,
        minutes: input.minutes,
        reason: input.reason,
      });
    }
    return { transfer: await transferView(posted.transfer, new Names(tx, [subject])), balance: balanceView(posted.account._id, posted.account, policy) };
  });
}

export async function reverse(ctx: ServiceContext, input: ParsedInput<'timebank', 'reverse'>): Promise<TimebankResults['reverse']> {
  const admin = requireUser(ctx);
  return ctx.mutate(async (tx) => {
    const original = await tx.get<TransferDoc>('transfers', input.transferId);
    if (!original) throw new AppError('NOT_FOUND', '找不到这笔转账');
    if (original.kind === 'earn') throw new AppError('VALIDATION', '志愿服务所得请在服务记录里撤销，记录和时间币会一起更正');
    const posted = await postReversal(tx, original._id, { actorId: admin._id, memo: input.reason, at: ctx.now().toISOString() });
    if (posted.created) {
      await auditByCaller(tx, ctx, userIdOfAccount(original.creditAccountId) ?? original.creditAccountId, 'ledger.reverse', {
        transferId: posted.transfer._id,
        reverses: original._id,
        reason: input.reason,
      });
    }
    return { transfer: await transferView(posted.transfer, new Names(ctx.store)) };
  });
}
