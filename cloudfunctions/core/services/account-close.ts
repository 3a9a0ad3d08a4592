/**
 * Withdrawing consent and closing one's own account (注销账号), as PIPL asks: the personal
 * information goes (name, phone and its look-up claim, guardian, the WeChat binding, the inbox,
 * team memberships, relative links, the 老伙伴 profile), while what others rely on stays without
 * naming the person: service records and the time-bank ledger (which never deletes) now point at
 * "已注销用户". Credits left on the account go to the community pool in the same transaction.
 *
 * Some things cannot be dropped half-way: a team to lead, credits held for a help request, sign-ups
 * still to come, help accepted, records awaiting approval, seniors looked after, seniors acted for.
 * `closeCheck` lists them in plain words; `close` refuses with CLOSE_BLOCKED while any remains.
 * Seniors close through their 居委 social worker, who holds their consent records.
 */
import type { AccountResults, CloseBlocker, ParsedInput } from '../api';
import type { MembershipDoc } from '../domain/activities';
import { ACTIVE_STATES, type HelpRequestDoc } from '../domain/help';
import { availableOf, MAX_TRANSFER_MINUTES, personAccountId, POOL_ACCOUNT, transferId, type AccountDoc } from '../domain/ledger';
import type { ProxyDoc } from '../domain/seniors';
import { AppError } from '../errors';
import type { Store, Tx } from '../store/port';
import type { Doc } from '../domain/doc';
import { scanAll } from '../store/scan';
import { audit } from './shared/audit';
import { closeAgenda, liveAgenda } from './shared/agenda';
import { requireUser, type ServiceContext } from './shared/context';
import type { UserDoc } from '../domain/people';
import { postTransfer } from './ledger';
import { timeBudget } from './budget';
import { dropRetryAnswersNaming } from './retry-answers';
import { loadPolicy } from './policy';
import { minutesView } from './shared/ledger-views';
import type { LinkDoc } from '../domain/links';
import type { ServiceRecordDoc } from '../domain/records';
import { isAdmin } from '../domain/scope';
import type { PartnerDoc } from '../domain/partners';

/** Messages removed inside the closing transaction; a fuller inbox is emptied right after it. */
const MESSAGES_IN_CLOSE = 400;

/** How long account.close spends on the kept answers naming the person, inside the function's 5 s. */
const RETRY_ANSWERS_IN_CLOSE_MS = 1_500;

/** The name every view shows for a closed account. */
export const CLOSED_NAME = '已注销用户';

type PartnerProfileDoc = Pick<PartnerDoc, '_id' | 'state' | 'seniorIds'>;

type CountedKind = Exclude<CloseBlocker['kind'], 'role'>;

/** Who reads the blockers: the person closing their own account, or the 居委 closing a senior's record. */
export type Voice = 'self' | 'staff';

const BLOCKER_TEXT: Record<Voice, Record<CountedKind, (n: number) => string>> = {
  self: {
    ledgerHold: () => '您有时间币已预留给进行中的求助，请等求助完成或取消后再注销',
    signups: (n) => `您还报名了 ${n} 个没开始或没结束的活动，请先取消报名或退出候补`,
    helpAccepted: (n) => `您接下的 ${n} 个求助还没完成，请先完成或交还`,
    pendingRecords: (n) => `您有 ${n} 条服务记录在等队长审核，审核后时长才能计入，请联系队长尽快审核`,
    partnerSeniors: (n) => `您正在结对照看 ${n} 位老人，请先请社工为他们安排新的老伙伴`,
    proxyFor: (n) => `您是 ${n} 位老人的家属代理人，请先在“家属代理”页解除代理`,
  },
  staff: {
    ledgerHold: () => '老人有时间币已预留给进行中的求助，请等求助结束或取消后再注销',
    signups: (n) => `老人自己还报名了 ${n} 个没结束的活动，请先替老人取消报名或退出候补`,
    helpAccepted: (n) => `老人自己作为志愿者接下的 ${n} 个求助还没完成，请先完成或交还`,
    pendingRecords: (n) => `老人自己有 ${n} 条服务记录在等队长审核，请联系队长先审核`,
    partnerSeniors: (n) => `老人自己是 ${n} 位老人的老伙伴，请先为那几位老人安排新的老伙伴`,
    proxyFor: (n) => `老人自己是 ${n} 位老人的家属代理人，请先解除这些代理`,
  },
};

/** Roles that another person has to take over first, with what to say. A senior's own role is no blocker for the 居委. */
function roleBlockers(user: UserDoc, voice: Voice): CloseBlocker[] {
  const out: CloseBlocker[] = [];
  const leads = user.grants.filter((g) => g.role === 'leader').length;
  const who = voice === 'self' ? '您' : '老人自己';
  if (leads) out.push({ kind: 'role', count: leads, text: `${who}是 ${leads} 个队伍的队长，请先请街道管理员更换队长` });
  if (isAdmin(user)) out.push({ kind: 'role', count: 1, text: `${who}是街道管理员，请先由另一位管理员撤销管理员身份` });
  if (voice === 'self' && user.roles.includes('senior')) {
    out.push({ kind: 'role', count: 1, text: '老人的账户请由居委社工办理注销，请联系您所在的居委' });
  }
  return out;
}

/** Blockers only a query can find (checked just before the closing transaction). */
export async function queriedBlockers(store: Store, userId: string, voice: Voice = 'self'): Promise<CloseBlocker[]> {
  const [helpAccepted, pendingRecords, proxies] = await Promise.all([
    scanAll<HelpRequestDoc>(store, 'helpRequests', { volunteerId: userId }, 'startAt').then((l) => l.filter((h) => ACTIVE_STATES.includes(h.state))),
    scanAll<ServiceRecordDoc>(store, 'serviceRecords', { volunteerId: userId, state: 'pending' }, 'date'),
    scanAll<ProxyDoc>(store, 'proxies', { userId }, 'createdAt').then((l) => l.filter((p) => p.state !== 'removed')),
  ]);
  const counted: Array<[CountedKind, number]> = [
    ['helpAccepted', helpAccepted.length],
    ['pendingRecords', pendingRecords.length],
    ['proxyFor', proxies.length],
  ];
  return counted.filter(([, n]) => n > 0).map(([kind, n]) => ({ kind, count: n, text: BLOCKER_TEXT[voice][kind](n) }));
}

/** What closing removes or ends that only a query finds (re-read by id inside the transaction). */
export async function belongings(store: Store, userId: string) {
  const [memberships, linksA, linksB, messages, linkInvites, proxyInvites] = await Promise.all([
    scanAll<MembershipDoc>(store, 'memberships', { userId, state: { in: ['member', 'pending'] } }, 'createdAt'),
    scanAll<LinkDoc>(store, 'links', { userA: userId }, 'createdAt'),
    scanAll<LinkDoc>(store, 'links', { userB: userId }, 'createdAt'),
    scanAll<Doc>(store, 'messages', { userId }, 'createdAt'),
    scanAll<Doc>(store, 'phoneInvites', { requesterId: userId, kind: 'link' }, 'createdAt'),
    scanAll<Doc>(store, 'phoneInvites', { requesterId: userId, kind: 'proxy' }, 'createdAt'),
  ]);
  return {
    memberships,
    links: [...linksA, ...linksB].filter((l) => l.state !== 'removed'),
    messages,
    // Requests by a typed number: the masked number and its keyed hash are the other person's.
    invites: [...linkInvites, ...proxyInvites],
  };
}

export type Belongings = Awaited<ReturnType<typeof belongings>>;

/** Blockers that can be read by id, so the transaction re-checks them at the moment of closing. */
export async function liveBlockers(reader: Pick<Tx, 'get'>, user: UserDoc, now: Date, voice: Voice = 'self'): Promise<CloseBlocker[]> {
  const text = BLOCKER_TEXT[voice];
  const out = roleBlockers(user, voice);
  const account = await reader.get<AccountDoc>('accounts', personAccountId(user._id));
  if (account && (account.debitsPending > 0 || account.creditsPending > 0)) out.push({ kind: 'ledgerHold', count: 1, text: text.ledgerHold(1) });
  // Sign-ups still to come, as the sign-up's own conflict check sees them.
  const signups = (await liveAgenda(reader, user._id, now)).activityIds.length;
  if (signups) out.push({ kind: 'signups', count: signups, text: text.signups(signups) });
  const partner = await reader.get<PartnerProfileDoc>('partners', user._id);
  if (partner?.state === 'active' && partner.seniorIds.length) {
    out.push({ kind: 'partnerSeniors', count: partner.seniorIds.length, text: text.partnerSeniors(partner.seniorIds.length) });
  }
  return out;
}

/** Credits the person could still spend (0 when there is no account). */
export async function leftoverCredits(tx: Pick<Tx, 'get'>, userId: string): Promise<number> {
  const account = await tx.get<AccountDoc>('accounts', personAccountId(userId));
  return account ? availableOf(account) : 0;
}

/** Credits left go to the community pool, in chunks no larger than one transfer may carry. */
export async function donateLeftover(tx: Tx, userId: string, leftover: number, at: string, memo = '注销账号时捐给公益池'): Promise<void> {
  if (leftover <= 0) return;
  const policy = await loadPolicy(tx);
  for (let k = 0, rest = leftover; rest > 0; k++, rest -= MAX_TRANSFER_MINUTES) {
    await postTransfer(
      tx,
      {
        id: transferId.donate(userId, `close-${k}`),
        kind: 'donate',
        phase: 'posted',
        debitAccountId: personAccountId(userId),
        creditAccountId: POOL_ACCOUNT,
        amount: Math.min(rest, MAX_TRANSFER_MINUTES),
        actorId: userId,
        memo,
        at,
      },
      policy,
    );
  }
}

/**
 * Memberships end as if the person left each team; relative links are removed; the inbox goes; the
 * 老伙伴 profile is emptied. `found` must have been read before the query for pending records: a
 * record a leader wrote since then marks its membership (recordedAt), and the close is refused as
 * the query would have refused it.
 */
export async function dropBelongings(tx: Tx, found: Belongings, userId: string, at: string, voice: Voice = 'self'): Promise<void> {
  for (const m of found.memberships) {
    const current = await tx.get<MembershipDoc>('memberships', m._id);
    if (!current || (current.state !== 'member' && current.state !== 'pending')) continue;
    if (current.recordedAt !== m.recordedAt) {
      const blocker: CloseBlocker = { kind: 'pendingRecords', count: 1, text: BLOCKER_TEXT[voice].pendingRecords(1) };
      throw new AppError('CLOSE_BLOCKED', blocker.text, { blockers: [blocker] });
    }
    await tx.update('memberships', m._id, { state: 'left', updatedAt: at });
    if (current.state === 'member') {
      const team = await tx.get<{ _id: string; memberCount?: number }>('teams', current.teamId);
      if (team) await tx.update('teams', team._id, { memberCount: Math.max(0, (team.memberCount ?? 1) - 1) });
    }
  }
  for (const l of found.links) await tx.update('links', l._id, { state: 'removed', removedAt: at, removedBy: userId });
  for (const m of found.messages.slice(0, MESSAGES_IN_CLOSE)) await removeMessage(tx, m._id);
  for (const i of found.invites) if (await tx.get('phoneInvites', i._id)) await tx.remove('phoneInvites', i._id);
  const partner = await tx.get<PartnerProfileDoc>('partners', userId);
  // The 老伙伴 profile stays only as the id past pairs point at: home, languages and times go.
  if (partner) {
    await tx.update('partners', userId, {
      state: 'left',
      estate: '',
      estateId: null,
      building: '',
      location: null,
      locationFrom: null,
      dialects: [],
      availability: [],
      availabilityNote: '',
      updatedAt: at,
    });
  }
}

/** The person's own document without anything that names them; the phone's claim goes, so they may register again. */
export async function anonymise(tx: Tx, user: UserDoc, at: string): Promise<void> {
  if (user.phoneHash) await tx.remove('uniques', `phone:${user.phoneHash}`);
  // A sign-up or an accept racing the close conflicts on the agenda, then finds it closed.
  await closeAgenda(tx, user._id, at);
  const closed: UserDoc = {
    _id: user._id,
    name: CLOSED_NAME,
    phoneEnc: '',
    phoneHash: '',
    phoneMasked: '',
    // Only the decade stays, for the age statistics of past service.
    birthYear: Math.floor(user.birthYear / 10) * 10,
    committeeId: user.committeeId,
    elderMode: false,
    consent: { ...user.consent, withdrawnAt: at },
    grants: [],
    roles: [],
    createdAt: user.createdAt,
    updatedAt: at,
    closedAt: at,
  };
  await tx.set('users', closed);
}

/**
 * One of the closing person's messages, and the WeChat notice written with it (services/inbox.ts:
 * `ob_` + the same suffix), which carries the same title and text and would otherwise outlive it.
 */
async function removeMessage(tx: Tx, messageId: string): Promise<void> {
  if (await tx.get('messages', messageId)) await tx.remove('messages', messageId);
  const outboxId = `ob_${messageId.slice('m_'.length)}`;
  if (await tx.get('outbox', outboxId)) await tx.remove('outbox', outboxId);
}

/** A very full inbox is emptied after the close, a page per transaction (nobody can read it now). */
export async function emptyInboxAfter(store: Store, found: Belongings): Promise<void> {
  const rest = found.messages.slice(MESSAGES_IN_CLOSE);
  for (let i = 0; i < rest.length; i += 100) {
    const page = rest.slice(i, i + 100);
    await store.transaction(async (tx) => {
      for (const m of page) await removeMessage(tx, m._id);
    });
  }
}

export async function closeCheck(ctx: ServiceContext): Promise<AccountResults['closeCheck']> {
  const user = requireUser(ctx);
  const account = await ctx.store.get<AccountDoc>('accounts', personAccountId(user._id));
  const blockers = [...(await liveBlockers(ctx.store, user, ctx.now())), ...(await queriedBlockers(ctx.store, user._id))];
  return { available: minutesView(account ? Math.max(0, availableOf(account)) : 0), blockers, canClose: blockers.length === 0 };
}

export async function close(ctx: ServiceContext, input: ParsedInput<'account', 'close'>): Promise<AccountResults['close']> {
  const me = requireUser(ctx);
  const now = ctx.now();
  const at = now.toISOString();
  // Belongings first, then the query: a record written after the query marks a membership read here.
  const found = await belongings(ctx.store, me._id);
  const early = await queriedBlockers(ctx.store, me._id);
  if (early.length) throw new AppError('CLOSE_BLOCKED', early[0]!.text, { blockers: early });
  const result = await ctx.mutate(async (tx) => {
    const user = await tx.get<UserDoc>('users', me._id);
    if (!user) throw new AppError('NOT_FOUND');
    const blockers = await liveBlockers(tx, user, now);
    if (blockers.length) throw new AppError('CLOSE_BLOCKED', blockers[0]!.text, { blockers });

    const leftover = await leftoverCredits(tx, user._id);
    if (leftover > 0 && input.leftover !== 'donate') {
      throw new AppError('VALIDATION', `您还有 ${minutesView(leftover).display}时间币，注销前请确认捐给社区公益池（也可以先转赠给亲属）`, [
        { path: 'leftover', message: '请选择如何处理剩余时间币' },
      ]);
    }
    await donateLeftover(tx, user._id, leftover, at);
    await dropBelongings(tx, found, user._id, at);
    // The WeChat binding and the phone's claim go, so the same person may register again later.
    await tx.remove('identities', ctx.actor.openid);
    await anonymise(tx, user, at);
    await audit(
      tx,
      user._id,
      user._id,
      'account.close',
      {
        donatedMinutes: Math.max(0, leftover),
        memberships: found.memberships.length,
        links: found.links.length,
        messages: found.messages.length,
        invites: found.invites.length,
      },
      at,
    );
    return { closedAt: at, donated: leftover > 0 ? minutesView(leftover) : null };
  });
  await emptyInboxAfter(ctx.store, found);
  // Answers kept for retries that carry the person's id go now (what this call's time allows; the
  // scheduler's retention takes the rest), but the close's own, which answers its retries.
  await dropRetryAnswersNaming(ctx.store, me._id, timeBudget(RETRY_ANSWERS_IN_CLOSE_MS), (key) => key.includes('|account.close|')).catch((e: unknown) =>
    ctx.log.warn({ err: String(e) }, 'retry answers not dropped on close; the retention sweep takes them'),
  );
  return result;
}
