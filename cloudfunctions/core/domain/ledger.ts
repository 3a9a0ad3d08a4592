/**
 * The time-bank ledger's rules, modelled on TigerBeetle: accounts with four counters, transfers
 * whose id is their idempotency key, two-phase (pending → post / void) transfers, and balance
 * flags that make a broken invariant impossible to write rather than something found afterwards.
 * Pure: no I/O. services/ledger.ts runs these rules inside one store transaction.
 *
 * Amounts are integer minutes. For every account:
 *   balance   = creditsPosted − debitsPosted
 *   available = balance − debitsPending          (what a person may still spend or hold)
 *   projected = balance + creditsPending         (what the balance becomes if every hold posts; the cap applies to it)
 */
import { AppError } from '../errors';
import type { Doc } from './doc';
import { breaksCap, roomUnderCap } from './balance-cap';
import { MAX_TRANSFER_MINUTES } from './ledger-limits';

type AccountKind = 'person' | 'pool' | 'issuance';

/** The community pool (公益池): donations in, grants to seniors without credits out. */
export const POOL_ACCOUNT = 'pool';

/*
 * Issuance mints earned credits and retires redeemed ones; together its accounts' balance is minus
 * the credits in circulation. It is one logical account kept in several documents (shards) because
 * every earn, adjustment and redemption writes it: on CloudBase (optimistic transactions) one
 * document written by many leaders approving at once is a hot spot whose conflicts exhaust the
 * retry budget (BUSY). Each transfer touches one shard, chosen from its id, so concurrent
 * transfers mostly write different documents. Issuance has no balance rule (it goes negative),
 * so any shard may take any transfer and nothing needs rebalancing.
 */

/**
 * Number of issuance shards. A burst of n transfers on one document costs about n²/2 conflicts
 * (each commit sends the others round again), so the point is to keep the busiest shard small.
 * With 16, 40 leaders approving at once put about 2.5 on each shard: on the CloudBase stand-in
 * no call needed more than 5 of the adapter's 8 retries (one document: up to 8, i.e. at the edge
 * of BUSY; 8 shards: up to 6). A total of issuance costs 17 reads by id, and only views of
 * issuance as a whole need one. Raise it if needed; never lower it: totals and verify know
 * shards 0..N-1 only.
 */
export const ISSUANCE_SHARDS = 16;
/**
 * The single issuance document of ledgers written before sharding. It stays a valid issuance
 * account (its history, holds and reversals live there) but no new transfer chooses it.
 */
export const LEGACY_ISSUANCE_ACCOUNT = 'issuance';
export const issuanceShardId = (shard: number): string => `${LEGACY_ISSUANCE_ACCOUNT}:${shard}`;
/** Every issuance document: the legacy one, then the shards. Totals sum all of them. */
export const ISSUANCE_ACCOUNTS: readonly string[] = [LEGACY_ISSUANCE_ACCOUNT, ...Array.from({ length: ISSUANCE_SHARDS }, (_, i) => issuanceShardId(i))];
const ISSUANCE_SET = new Set(ISSUANCE_ACCOUNTS);

export const isIssuanceAccount = (accountId: string): boolean => ISSUANCE_SET.has(accountId);

/**
 * A stable 32-bit hash: FNV-1a over the UTF-16 code units, then murmur3's finaliser so the low
 * bits (what `% shards` keeps) depend on every character. Kept fixed (a unit test pins it), so a
 * transfer retried by another code version still lands on the shard the first attempt chose.
 */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shard of a transfer id; `shards` other than the default only for benches and tests comparing counts. */
export const issuanceShardOf = (transferId: string, shards = ISSUANCE_SHARDS): number => stableHash(transferId) % shards;

/**
 * The issuance account a new transfer with this id debits or credits. The same id always gives the
 * same shard. Reversals and the post/void of a hold do not call this: the engine copies the
 * original's accounts, so they land on its shard (or on the legacy account for old transfers).
 */
export const issuanceAccountFor = (transferId: string): string => issuanceShardId(issuanceShardOf(transferId));

export const personAccountId = (userId: string): string => `user:${userId}`;

export function userIdOfAccount(accountId: string): string | null {
  return accountId.startsWith('user:') ? accountId.slice(5) : null;
}

export function kindOfAccount(accountId: string): AccountKind | null {
  if (accountId === POOL_ACCOUNT) return 'pool';
  if (isIssuanceAccount(accountId)) return 'issuance';
  const userId = userIdOfAccount(accountId);
  return userId && /^[A-Za-z0-9_-]{1,64}$/.test(userId) ? 'person' : null;
}

export interface Counters {
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
}

interface AccountFlags {
  /** available (balance − debitsPending) may never go below zero: people and the pool. */
  debitsMustNotExceedCredits: boolean;
  /** The policy cap applies to projected balance: people only. */
  capped: boolean;
}

export interface AccountDoc extends Doc, Counters {
  kind: AccountKind;
  userId: string | null;
  flags: AccountFlags;
  /** Number of movements written for this account; the next one gets seq + 1. */
  seq: number;
  createdAt: string;
  updatedAt: string;
}

export const TRANSFER_KINDS = ['earn', 'redeem', 'gift', 'donate', 'grant', 'adjust', 'reversal'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/**
 * posted: moves credits at once. pending: holds them (two-phase). post_pending / void_pending:
 * resolve an earlier pending transfer; they carry its accounts and amount.
 */
export type Phase = 'posted' | 'pending' | 'post_pending' | 'void_pending';

export const KIND_LABELS: Record<TransferKind, string> = {
  earn: '志愿服务所得',
  redeem: '兑换服务',
  gift: '亲属转赠',
  donate: '捐赠公益池',
  grant: '公益池资助',
  adjust: '管理员调整',
  reversal: '冲正',
};

export interface TransferRefs {
  serviceRecordId?: string;
  helpRequestId?: string;
  requestId?: string;
}

/** Immutable once written: corrections are reversing transfers, holds resolve by new transfers. */
export interface TransferDoc extends Doc {
  kind: TransferKind;
  phase: Phase;
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  /** For post_pending / void_pending: the pending transfer resolved. */
  pendingId: string | null;
  /** For reversals: the transfer reversed. */
  reversesId: string | null;
  /** The user who caused it (or 'system'); for acts on behalf of someone, who really did it. */
  actorId: string;
  memo: string;
  refs: TransferRefs;
  createdAt: string;
}

/** One line of an account's statement: what one transfer did to that account. */
export interface MovementDoc extends Doc {
  accountId: string;
  seq: number;
  transferId: string;
  kind: TransferKind;
  phase: Phase;
  side: 'debit' | 'credit';
  amount: number;
  /** Change of the posted balance (signed). */
  delta: number;
  balanceAfter: number;
  debitsPendingAfter: number;
  creditsPendingAfter: number;
  counterpartyAccountId: string;
  memo: string;
  /** The cap in force when written, for capped accounts; verify checks credits against it. */
  cap: number | null;
  at: string;
}

export { MAX_TRANSFER_MINUTES };

export const ZERO: Counters = { debitsPosted: 0, creditsPosted: 0, debitsPending: 0, creditsPending: 0 };

export const balanceOf = (c: Counters): number => c.creditsPosted - c.debitsPosted;
export const availableOf = (c: Counters): number => balanceOf(c) - c.debitsPending;
export const projectedOf = (c: Counters): number => balanceOf(c) + c.creditsPending;

export function isValidAmount(amount: unknown): amount is number {
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_TRANSFER_MINUTES;
}

export function newAccount(accountId: string, at: string): AccountDoc {
  const kind = kindOfAccount(accountId);
  if (!kind) throw new AppError('NOT_FOUND', '账户不存在', { accountId });
  return {
    _id: accountId,
    kind,
    userId: userIdOfAccount(accountId),
    flags: { debitsMustNotExceedCredits: kind !== 'issuance', capped: kind === 'person' },
    ...ZERO,
    seq: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** What a transfer of `phase` does to the counters of the account on `side`. */
export function effectOf(phase: Phase, side: 'debit' | 'credit', amount: number): Counters {
  const e = { ...ZERO };
  const posted = side === 'debit' ? 'debitsPosted' : 'creditsPosted';
  const pending = side === 'debit' ? 'debitsPending' : 'creditsPending';
  if (phase === 'posted') e[posted] = amount;
  if (phase === 'pending') e[pending] = amount;
  if (phase === 'post_pending') {
    e[pending] = -amount;
    e[posted] = amount;
  }
  if (phase === 'void_pending') e[pending] = -amount;
  return e;
}

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    debitsPosted: a.debitsPosted + b.debitsPosted,
    creditsPosted: a.creditsPosted + b.creditsPosted,
    debitsPending: a.debitsPending + b.debitsPending,
    creditsPending: a.creditsPending + b.creditsPending,
  };
}

export type LedgerViolation =
  | { rule: 'insufficient'; accountId: string; available: number; needed: number }
  | { rule: 'cap'; accountId: string; cap: number; projected: number; room: number }
  | { rule: 'negative'; accountId: string };

/**
 * The counters of `account` after the effect, or the rule it would break. A rule is only
 * enforced against a change that worsens it, so an account left above a since-lowered cap can
 * still spend, and resolving a hold never fails.
 */
export function applyEffect(account: AccountDoc, effect: Counters, cap: number | null): Counters | LedgerViolation {
  const after = addCounters(account, effect);
  if (after.debitsPending < 0 || after.creditsPending < 0) return { rule: 'negative', accountId: account._id };
  const availableDelta = availableOf(after) - availableOf(account);
  if (account.flags.debitsMustNotExceedCredits && availableDelta < 0 && availableOf(after) < 0) {
    return { rule: 'insufficient', accountId: account._id, available: availableOf(account), needed: -availableDelta };
  }
  if (breaksCap(account.flags.capped, cap, projectedOf(account), projectedOf(after))) {
    return { rule: 'cap', accountId: account._id, cap: cap!, projected: projectedOf(account), room: roomUnderCap(cap!, projectedOf(account)) };
  }
  return after;
}

export const isViolation = (x: Counters | LedgerViolation): x is LedgerViolation => 'rule' in x;

/**
 * Two account ids that are the same account for idempotency: equal, or both issuance (which shard
 * a transfer used is bookkeeping, not content). So a repeat of a transfer first posted to the
 * legacy document, or under another shard count, returns the first one instead of a CONFLICT.
 */
const sameAccount = (a: string, b: string): boolean => a === b || (isIssuanceAccount(a) && isIssuanceAccount(b));

/** The fields that make two transfers the same; an id reused with different ones is a conflict. */
export function sameTransfer(a: TransferDoc, b: TransferDoc): boolean {
  return (
    a._id === b._id &&
    a.kind === b.kind &&
    a.phase === b.phase &&
    sameAccount(a.debitAccountId, b.debitAccountId) &&
    sameAccount(a.creditAccountId, b.creditAccountId) &&
    a.amount === b.amount &&
    a.pendingId === b.pendingId &&
    a.reversesId === b.reversesId
  );
}

/** Transfer ids: the idempotency key, derived from what caused the transfer. */
export const transferId = {
  earn: (serviceRecordId: string) => `earn:${serviceRecordId}`,
  // Transfers caused by a request are scoped by the caller: requestIds are chosen by clients, so
  // an unscoped id would let one person's requestId block (CONFLICT) another person's transfer.
  gift: (callerId: string, requestId: string) => `gift:${callerId}:${requestId}`,
  donate: (callerId: string, requestId: string) => `donate:${callerId}:${requestId}`,
  grant: (callerId: string, requestId: string) => `grant:${callerId}:${requestId}`,
  adjust: (callerId: string, requestId: string) => `adjust:${callerId}:${requestId}`,
  redeem: (helpRequestId: string) => `redeem:${helpRequestId}`,
  reverse: (id: string) => `reverse:${id}`,
  post: (pendingId: string) => `post:${pendingId}`,
  void: (pendingId: string) => `void:${pendingId}`,
};

const SEQ_WIDTH = 10;
export const movementId = (accountId: string, seq: number): string => `${accountId}:${String(seq).padStart(SEQ_WIDTH, '0')}`;

/** The movement one side of a transfer writes, given the account before and after. */
export function movementOf(transfer: TransferDoc, side: 'debit' | 'credit', before: AccountDoc, after: Counters, cap: number | null): MovementDoc {
  const seq = before.seq + 1;
  const accountId = before._id;
  return {
    _id: movementId(accountId, seq),
    accountId,
    seq,
    transferId: transfer._id,
    kind: transfer.kind,
    phase: transfer.phase,
    side,
    amount: transfer.amount,
    delta: balanceOf(after) - balanceOf(before),
    balanceAfter: balanceOf(after),
    debitsPendingAfter: after.debitsPending,
    creditsPendingAfter: after.creditsPending,
    counterpartyAccountId: side === 'debit' ? transfer.creditAccountId : transfer.debitAccountId,
    memo: transfer.memo,
    cap: before.flags.capped ? cap : null,
    at: transfer.createdAt,
  };
}

/** Minutes as hours and minutes, the way people say them: 114 → "1小时54分", 120 → "2小时", 30 → "30分", 0 → "0小时". */
export function formatHours(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const sign = minutes < 0 && total > 0 ? '-' : '';
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (m === 0) return `${sign}${h}小时`;
  return h === 0 ? `${sign}${m}分` : `${sign}${h}小时${m}分`;
}

/** With an explicit sign for statement lines: "+2小时30分", "-1小时". */
export function formatSignedHours(minutes: number): string {
  return minutes > 0 ? `+${formatHours(minutes)}` : formatHours(minutes);
}
