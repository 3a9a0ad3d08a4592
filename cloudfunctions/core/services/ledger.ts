/**
 * The ledger engine: posts one transfer inside the caller's store transaction.
 *
 * Every read and write addresses a document by id (transfer, both accounts, the policy, the
 * resolved pending transfer, the two new movements), so the same code runs in SQLite's
 * BEGIN IMMEDIATE and in CloudBase's runTransaction, which allows no queries. The body has no side
 * effects outside `tx`, so a CloudBase retry simply runs it again.
 */
import { AppError } from '../errors';
import {
  POOL_ACCOUNT,
  applyEffect,
  effectOf,
  formatHours,
  isValidAmount,
  isViolation,
  kindOfAccount,
  movementOf,
  newAccount,
  sameTransfer,
  transferId,
  type AccountDoc,
  type Counters,
  type LedgerViolation,
  type Phase,
  type TransferDoc,
  type TransferKind,
  type TransferRefs,
} from '../domain/ledger';
import type { TimebankPolicy } from '../domain/policy';
import type { Tx } from '../store/port';
import { loadPolicy } from './policy';

/** The policy is read through services/policy.ts; re-exported here for the services that still import it from the ledger. */

/** Chinese messages for a refused transfer, worded for whoever is on the refused side. */
export interface RefusalWords {
  insufficient?: (v: Extract<LedgerViolation, { rule: 'insufficient' }>) => string;
  cap?: (v: Extract<LedgerViolation, { rule: 'cap' }>) => string;
}

function refuse(v: LedgerViolation, words: RefusalWords | undefined): never {
  if (v.rule === 'insufficient') {
    const message =
      words?.insufficient?.(v) ??
      (v.accountId === POOL_ACCOUNT
        ? `公益池余额不足：可用 ${formatHours(v.available)}，需要 ${formatHours(v.needed)}`
        : `可用时间币不足：可用 ${formatHours(v.available)}，需要 ${formatHours(v.needed)}`);
    throw new AppError('INSUFFICIENT_BALANCE', message, { accountId: v.accountId, availableMinutes: v.available, neededMinutes: v.needed });
  }
  if (v.rule === 'cap') {
    const message = words?.cap?.(v) ?? `对方账户已接近上限 ${formatHours(v.cap)}，最多还能转入 ${formatHours(v.room)}；多余的时间币可以捐赠到公益池`;
    throw new AppError('CAP_EXCEEDED', message, { accountId: v.accountId, capMinutes: v.cap, roomMinutes: v.room });
  }
  throw new AppError('CONFLICT', '预留的时间币状态不一致，请刷新后重试', { accountId: v.accountId });
}

async function loadAccount(tx: Tx, accountId: string, at: string): Promise<AccountDoc> {
  if (!kindOfAccount(accountId)) throw new AppError('NOT_FOUND', '账户不存在', { accountId });
  return (await tx.get<AccountDoc>('accounts', accountId)) ?? newAccount(accountId, at);
}

export interface PostResult {
  transfer: TransferDoc;
  /** False when the id already existed with the same content (an idempotent repeat). */
  created: boolean;
  /** Both accounts as they are after this transaction. */
  debit: AccountDoc;
  credit: AccountDoc;
}

/** An existing transfer under this id: the same one again is a no-op, a different one a conflict. */
async function existing(tx: Tx, wanted: TransferDoc): Promise<PostResult | null> {
  const prior = await tx.get<TransferDoc>('transfers', wanted._id);
  if (!prior) return null;
  if (!sameTransfer(prior, wanted)) {
    throw new AppError('CONFLICT', '这个转账编号已被另一笔不同的转账使用', { transferId: wanted._id });
  }
  return {
    transfer: prior,
    created: false,
    debit: await loadAccount(tx, prior.debitAccountId, prior.createdAt),
    credit: await loadAccount(tx, prior.creditAccountId, prior.createdAt),
  };
}

/** Applies a transfer to both accounts and writes the transfer, the accounts and two movements. */
async function commit(tx: Tx, transfer: TransferDoc, policy: TimebankPolicy, words?: RefusalWords): Promise<PostResult> {
  const debit = await loadAccount(tx, transfer.debitAccountId, transfer.createdAt);
  const credit = await loadAccount(tx, transfer.creditAccountId, transfer.createdAt);
  const cap = policy.capMinutes;
  const debitAfter = applyEffect(debit, effectOf(transfer.phase, 'debit', transfer.amount), cap);
  if (isViolation(debitAfter)) refuse(debitAfter, words);
  const creditAfter = applyEffect(credit, effectOf(transfer.phase, 'credit', transfer.amount), cap);
  if (isViolation(creditAfter)) refuse(creditAfter, words);

  await tx.create('transfers', transfer);
  return {
    transfer,
    created: true,
    debit: await writeSide(tx, transfer, 'debit', debit, debitAfter, cap),
    credit: await writeSide(tx, transfer, 'credit', credit, creditAfter, cap),
  };
}

async function writeSide(
  tx: Tx,
  transfer: TransferDoc,
  side: 'debit' | 'credit',
  before: AccountDoc,
  after: Counters,
  cap: number | null,
): Promise<AccountDoc> {
  const movement = movementOf(transfer, side, before, after, cap);
  const account: AccountDoc = { ...before, ...after, seq: movement.seq, updatedAt: transfer.createdAt };
  await tx.set<AccountDoc>('accounts', account);
  await tx.create('movements', movement);
  return account;
}

interface TransferInput {
  id: string;
  kind: Exclude<TransferKind, 'reversal'>;
  /** 'pending' holds the amount (two-phase); resolve it with resolvePending. */
  phase: 'posted' | 'pending';
  debitAccountId: string;
  creditAccountId: string;
  amount: number;
  actorId: string;
  memo: string;
  refs?: TransferRefs;
  at: string;
}

function checkShape(debitAccountId: string, creditAccountId: string, amount: number): void {
  if (!isValidAmount(amount)) {
    throw new AppError('VALIDATION', '时间必须是 1 到 90000 之间的整数分钟', [{ path: 'minutes', message: '金额不正确' }]);
  }
  if (debitAccountId === creditAccountId) throw new AppError('VALIDATION', '不能转给自己');
}

/**
 * Posts (or holds) one transfer inside `tx`. The id is the idempotency key: the same transfer
 * again returns the first one, a different transfer under the same id is a CONFLICT.
 */
export async function postTransfer(tx: Tx, input: TransferInput, policy?: TimebankPolicy, words?: RefusalWords): Promise<PostResult> {
  checkShape(input.debitAccountId, input.creditAccountId, input.amount);
  const transfer: TransferDoc = {
    _id: input.id,
    kind: input.kind,
    phase: input.phase,
    debitAccountId: input.debitAccountId,
    creditAccountId: input.creditAccountId,
    amount: input.amount,
    pendingId: null,
    reversesId: null,
    actorId: input.actorId,
    memo: input.memo,
    refs: input.refs ?? {},
    createdAt: input.at,
  };
  const prior = await existing(tx, transfer);
  if (prior) return prior;
  return commit(tx, transfer, policy ?? (await loadPolicy(tx)), words);
}

/** Posts or voids a pending transfer (the second phase). Resolving twice the same way is a no-op. */
export async function resolvePending(
  tx: Tx,
  pendingId: string,
  resolution: 'post' | 'void',
  meta: { actorId: string; memo: string; at: string },
): Promise<PostResult> {
  const pending = await tx.get<TransferDoc>('transfers', pendingId);
  if (!pending || pending.phase !== 'pending') throw new AppError('NOT_FOUND', '找不到这笔预留的时间币', { transferId: pendingId });
  const phase: Phase = resolution === 'post' ? 'post_pending' : 'void_pending';
  const transfer: TransferDoc = {
    _id: resolution === 'post' ? transferId.post(pendingId) : transferId.void(pendingId),
    kind: pending.kind,
    phase,
    debitAccountId: pending.debitAccountId,
    creditAccountId: pending.creditAccountId,
    amount: pending.amount,
    pendingId,
    reversesId: null,
    actorId: meta.actorId,
    memo: meta.memo,
    refs: pending.refs,
    createdAt: meta.at,
  };
  const prior = await existing(tx, transfer);
  if (prior) return prior;
  const other = resolution === 'post' ? transferId.void(pendingId) : transferId.post(pendingId);
  if (await tx.get('transfers', other)) {
    throw new AppError('CONFLICT', resolution === 'post' ? '这笔预留的时间币已经退回，不能再付出' : '这笔预留的时间币已经付出，不能再退回', {
      transferId: pendingId,
    });
  }
  // Resolving a hold never breaks a rule (it only releases or moves what was held), so no policy words.
  return commit(tx, transfer, await loadPolicy(tx));
}

/**
 * Reverses a posted transfer with a new one in the opposite direction (`reverse:<id>`).
 * Reversals themselves and pending holds cannot be reversed (void a hold instead).
 */
export async function reverseTransfer(
  tx: Tx,
  originalId: string,
  meta: { actorId: string; memo: string; at: string },
  words?: RefusalWords,
): Promise<PostResult> {
  const original = await tx.get<TransferDoc>('transfers', originalId);
  if (!original) throw new AppError('NOT_FOUND', '找不到这笔转账', { transferId: originalId });
  if (original.kind === 'reversal') throw new AppError('VALIDATION', '冲正记录不能再冲正；如需更正，请做一笔调整');
  if (original.phase === 'pending' || original.phase === 'void_pending') {
    throw new AppError('VALIDATION', '预留中的时间币不能冲正，请先退回');
  }
  const transfer: TransferDoc = {
    _id: transferId.reverse(originalId),
    kind: 'reversal',
    phase: 'posted',
    debitAccountId: original.creditAccountId,
    creditAccountId: original.debitAccountId,
    amount: original.amount,
    pendingId: null,
    reversesId: originalId,
    actorId: meta.actorId,
    memo: meta.memo,
    refs: original.refs,
    createdAt: meta.at,
  };
  const prior = await existing(tx, transfer);
  if (prior) return prior;
  return commit(tx, transfer, await loadPolicy(tx), words);
}

export { POOL_ACCOUNT };
