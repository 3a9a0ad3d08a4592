/** How ledger documents are shown: minutes with hours, balances, statement lines, names. */
import type { BalanceView, MinutesView, StatementLine, TransferView } from '../../api/timebank';
import type { PageResult } from '../../api/common';
import {
  ISSUANCE_ACCOUNTS,
  KIND_LABELS,
  POOL_ACCOUNT,
  ZERO,
  addCounters,
  availableOf,
  balanceOf,
  formatHours,
  formatSignedHours,
  isIssuanceAccount,
  userIdOfAccount,
  type AccountDoc,
  type Counters,
  type MovementDoc,
  type TransferDoc,
  type TransferKind,
} from '../../domain/ledger';
import type { TimebankPolicy } from '../../domain/policy';
import { AppError } from '../../errors';
import type { Store } from '../../store/port';
import type { UserDoc } from '../../domain/people';
import { inWords, terms, type Wording } from '../../domain/words';

export const minutesView = (minutes: number): MinutesView => ({ minutes, display: formatHours(minutes) });
export const signedView = (minutes: number) => ({ ...minutesView(minutes), signed: formatSignedHours(minutes) });

export function balanceView(accountId: string, account: Counters | null, policy: TimebankPolicy | null): BalanceView {
  const c = account ?? ZERO;
  const capped = (account as AccountDoc | null)?.flags?.capped ?? accountId.startsWith('user:');
  return {
    accountId,
    balance: minutesView(balanceOf(c)),
    pending: minutesView(c.debitsPending),
    available: minutesView(availableOf(c)),
    incoming: minutesView(c.creditsPending),
    cap: capped && policy && policy.capMinutes !== null ? minutesView(policy.capMinutes) : null,
  };
}

export async function accountBalance(store: Store, accountId: string, policy: TimebankPolicy | null): Promise<BalanceView> {
  return balanceView(accountId, await store.get<AccountDoc>('accounts', accountId), policy);
}

/**
 * Issuance as one account: the counters of the legacy document and every shard added up (by id,
 * so it also works inside a transaction). Its balance is minus the credits in circulation.
 */
export async function issuanceTotals(reader: Pick<Store, 'get'>): Promise<Counters> {
  const docs = await Promise.all(ISSUANCE_ACCOUNTS.map((id) => reader.get<AccountDoc>('accounts', id)));
  return docs.reduce<Counters>((sum, a) => (a ? addCounters(sum, a) : sum), ZERO);
}

/** Names of people and accounts, read once per call. */
export class Names {
  private readonly users = new Map<string, Promise<UserDoc | null>>();
  /**
   * Reads by id only, so it also works inside a transaction (pass the transaction: on SQLite its
   * reads use the writer's warm cache). People the caller has already read are passed as `known`
   * and not read again.
   */
  constructor(
    private readonly store: Pick<Store, 'get'>,
    known: ReadonlyArray<UserDoc | null> = [],
  ) {
    for (const user of known) if (user) this.users.set(user._id, Promise.resolve(user));
  }

  user(userId: string): Promise<UserDoc | null> {
    let p = this.users.get(userId);
    if (!p) {
      p = this.store.get<UserDoc>('users', userId);
      this.users.set(userId, p);
    }
    return p;
  }

  async userName(userId: string | null): Promise<string> {
    if (!userId || userId === 'system') return '系统';
    return (await this.user(userId))?.name ?? '已注销用户';
  }

  async account(accountId: string, wording: Wording = 'staff'): Promise<string> {
    if (accountId === POOL_ACCOUNT) return terms(wording).pool;
    if (isIssuanceAccount(accountId)) return '时间银行';
    return this.userName(userIdOfAccount(accountId));
  }
}

/**
 * A line's title by kind and side, in the reader's words (domain/words.ts): the senior side reads
 * 用时间换帮助 and 街道公共时间 where staff read 兑换服务 and 公益池. Kinds without a side title read
 * the kind's label.
 */
function kindTitle(kind: TransferKind, side: 'debit' | 'credit', wording: Wording): string {
  const t = terms(wording);
  switch (kind) {
    case 'earn':
      return side === 'debit' ? '发放志愿服务时间币' : KIND_LABELS.earn;
    case 'redeem':
      return t.redeemService;
    case 'gift':
      return side === 'debit' ? '转赠给亲属' : '收到亲属转赠';
    case 'donate':
      return side === 'debit' ? (wording === 'plain' ? '捐给街道公共时间' : '捐赠到公益池') : '收到捐赠';
    case 'grant':
      return side === 'debit' ? `${t.pool}资助` : `获得${t.pool}资助`;
    case 'adjust':
      // The senior side does not know an admin; it knows the street.
      return wording === 'plain' ? '街道调整' : KIND_LABELS.adjust;
    case 'reversal':
      // 冲正 is the bookkeepers' word; the owner of the account reads what happened to it (the memo says why).
      return side === 'debit' ? '更正：扣回' : '更正：退还';
    default:
      return KIND_LABELS[kind];
  }
}

/**
 * Words of the two-phase lines, the same as the help pages use ("冻结" read as a penalty to the
 * seniors of the user test): a hold sets credits aside for a help request (预留：兑换服务; the senior
 * side reads 先留出：用时间换帮助), its release gives them back (退回 / 还回来), and its post pays with
 * them (从预留中付出 / 从先留出的里付出).
 */
export function lineTitle(m: Pick<MovementDoc, 'kind' | 'phase' | 'side'>, wording: Wording = 'staff'): string {
  const t = terms(wording);
  const base = kindTitle(m.kind, m.side, wording);
  if (m.phase === 'pending') return `${t.hold}：${base}`;
  if (m.phase === 'void_pending') return `${t.release}：${base}`;
  if (m.phase === 'post_pending') return `${base}（${t.paidFromHold}）`;
  return base;
}

/**
 * The line's amount, signed from the account's side. A hold or its release leaves the posted
 * balance as it was (the movement's `delta` is 0) and moves the held amount instead, which is what
 * the owner can no longer use (or can use again): the movement's `amount`, negative for a hold of
 * the account's own credits, positive for its release (the other way round on the receiving side).
 * Every other line is the change of the posted balance.
 */
export function lineDelta(m: Pick<MovementDoc, 'phase' | 'side' | 'amount' | 'delta'>): number {
  const sign = m.side === 'debit' ? -1 : 1;
  if (m.phase === 'pending') return sign * m.amount;
  if (m.phase === 'void_pending') return -sign * m.amount;
  return m.delta;
}

/**
 * The hold a line belongs to, from its transfer id alone (no read): a hold is its own, and its
 * payment or release (`post:<holdId>` / `void:<holdId>`, TRANSFER_IDS) names it.
 */
export function holdIdOf(m: Pick<MovementDoc, 'phase' | 'transferId'>): string | null {
  if (m.phase === 'pending') return m.transferId;
  if (m.phase === 'post_pending' || m.phase === 'void_pending') return m.transferId.slice(m.transferId.indexOf(':') + 1);
  return null;
}

async function statementLine(m: MovementDoc, names: Names, wording: Wording): Promise<StatementLine> {
  return {
    id: m._id,
    seq: m.seq,
    transferId: m.transferId,
    kind: m.kind,
    phase: m.phase,
    title: lineTitle(m, wording),
    counterparty: m.kind === 'earn' && m.side === 'credit' ? '志愿服务' : await names.account(m.counterpartyAccountId, wording),
    // Stored once for every reader, in staff words (兑换：…): the senior side reads it in hers.
    memo: inWords(m.memo, wording),
    delta: signedView(lineDelta(m)),
    balanceAfter: minutesView(m.balanceAfter),
    pendingAfter: minutesView(m.debitsPendingAfter),
    holdId: holdIdOf(m),
    at: m.at,
  };
}

/**
 * The cursor of a statement page is the sequence number of its last line ("s1234"): seq is unique
 * within an account, so the next page is the range `accountId = ? AND seq < ?` of the
 * (accountId, seq) index, a seek however deep the page, on SQLite and on CloudBase alike.
 */
export const statementCursor = (seq: number): string => `s${seq}`;

function parseStatementCursor(cursor: string): number {
  const match = /^s(\d{1,12})$/.exec(cursor);
  if (!match) throw new AppError('VALIDATION', '翻页位置无效，请从第一页重新开始', [{ path: 'after', message: '游标无效' }]);
  return Number(match[1]);
}

/**
 * Newest first, by the account's movement sequence; an index range read, paged by cursor (never skip).
 * `wording`: whose words the lines are in, decided by the caller for its reader (services/timebank.ts).
 */
export async function statementPage(
  store: Store,
  accountId: string,
  page: { limit?: number; after?: string },
  wording: Wording = 'staff',
  names = new Names(store),
): Promise<PageResult<StatementLine>> {
  const before = page.after === undefined ? null : parseStatementCursor(page.after);
  const found = await store.find<MovementDoc>('movements', {
    where: before === null ? { accountId } : { accountId, seq: { lt: before } },
    orderBy: { field: 'seq', direction: 'desc' },
    limit: page.limit ?? 20,
  });
  const last = found.items[found.items.length - 1];
  return {
    items: await Promise.all(found.items.map((m) => statementLine(m, names, wording))),
    next: found.next && last ? statementCursor(last.seq) : null,
  };
}

export async function transferView(t: TransferDoc, names: Names, wording: Wording = 'staff'): Promise<TransferView> {
  return {
    id: t._id,
    kind: t.kind,
    phase: t.phase,
    from: await names.account(t.debitAccountId, wording),
    to: await names.account(t.creditAccountId, wording),
    amount: minutesView(t.amount),
    memo: t.memo,
    at: t.createdAt,
  };
}

/** 张三明 → 张*明, 李四 → 李*: enough for a relative to recognise, not enough to expose. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
