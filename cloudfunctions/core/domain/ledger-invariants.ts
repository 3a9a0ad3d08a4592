/**
 * The ledger invariants: what must hold of the time-bank's books at every moment, checked over the
 * documents themselves (accounts, transfers, movements, service records). Transfers are well formed;
 * all balances sum to zero; each account equals the sum of its transfers and the replay of its
 * movement chain; every hold is resolved at most once and every reversal mirrors one transfer; no
 * person or pool account goes below zero; credits kept capped accounts within the cap in force; and
 * each approved service record earned exactly once. Pure: the caller loads the documents
 * (services/ledger-verify.ts `verifyLedger`, `npm run ledger:verify`).
 */
import {
  ISSUANCE_ACCOUNTS,
  ISSUANCE_SHARDS,
  TRANSFER_KINDS,
  ZERO,
  addCounters,
  availableOf,
  balanceOf,
  effectOf,
  isValidAmount,
  kindOfAccount,
  personAccountId,
  projectedOf,
  transferId as ids,
  type AccountDoc,
  type Counters,
  type MovementDoc,
  type Phase,
  type TransferDoc,
} from './ledger';
import { aboveCap, breaksCap } from './balance-cap';
import type { ServiceRecordDoc } from './records';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** The first few problems found (at most MAX_PROBLEMS). */
  problems: string[];
}

export interface VerifyReport {
  ok: boolean;
  checks: Check[];
  counts: { accounts: number; transfers: number; movements: number; serviceRecords: number };
}

const MAX_PROBLEMS = 10;
const PHASES: readonly Phase[] = ['posted', 'pending', 'post_pending', 'void_pending'];

/** The documents the checks read; any iterable, sync or async (a snapshot may stream them). */
interface LedgerDocuments {
  accounts: Iterable<AccountDoc> | AsyncIterable<AccountDoc>;
  transfers: Iterable<TransferDoc> | AsyncIterable<TransferDoc>;
  movements: Iterable<MovementDoc> | AsyncIterable<MovementDoc>;
  serviceRecords: Iterable<ServiceRecordDoc> | AsyncIterable<ServiceRecordDoc>;
}

class Checker {
  readonly checks: Check[] = [];
  private current: Check | null = null;

  start(name: string): void {
    this.current = { name, ok: true, detail: '', problems: [] };
    this.checks.push(this.current);
  }

  fail(problem: string): void {
    const c = this.current!;
    c.ok = false;
    if (c.problems.length < MAX_PROBLEMS) c.problems.push(problem);
    else if (c.problems.length === MAX_PROBLEMS) c.problems.push('…');
  }

  done(detail: string): void {
    this.current!.detail = detail;
  }
}

interface TransferInfo {
  kind: string;
  phase: Phase;
  debit: string;
  credit: string;
  amount: number;
  /** Bit 1: debit movement seen, bit 2: credit movement seen. */
  seen: number;
}

const countersEqual = (a: Counters, b: Counters) =>
  a.debitsPosted === b.debitsPosted && a.creditsPosted === b.creditsPosted && a.debitsPending === b.debitsPending && a.creditsPending === b.creditsPending;

const showCounters = (c: Counters) => `dp=${c.debitsPosted} cp=${c.creditsPosted} dpend=${c.debitsPending} cpend=${c.creditsPending}`;

/**
 * Runs every check over the ledger's documents and returns the report (it prints nothing). The four
 * collections are read in the order given (accounts, transfers, movements, service records), each
 * once, so a caller may stream them from a snapshot. `capMinutes` is the cap in force now.
 */
export async function checkLedger(docs: LedgerDocuments, capMinutes: number | null): Promise<VerifyReport> {
  const c = new Checker();

  // ---- accounts
  const accounts = new Map<string, AccountDoc>();
  for await (const a of docs.accounts) accounts.set(a._id, a);

  // ---- transfers: shape, and the sums each account's counters must equal
  c.start('transfers are well formed (integer minutes, known accounts, kinds and phases)');
  const transfers = new Map<string, TransferInfo>();
  const expected = new Map<string, Counters>();
  const add = (accountId: string, e: Counters) => expected.set(accountId, addCounters(expected.get(accountId) ?? ZERO, e));
  const pendings: TransferDoc[] = [];
  const resolutions: TransferDoc[] = [];
  const reversals: TransferDoc[] = [];
  const earns: TransferDoc[] = [];
  for await (const t of docs.transfers) {
    let sound = true;
    const unsound = (problem: string) => {
      sound = false;
      c.fail(problem);
    };
    if (!isValidAmount(t.amount)) unsound(`${t._id}: amount ${t.amount} is not 1..90000 whole minutes`);
    if (!(TRANSFER_KINDS as readonly string[]).includes(t.kind)) unsound(`${t._id}: unknown kind ${t.kind}`);
    if (!PHASES.includes(t.phase)) unsound(`${t._id}: unknown phase ${t.phase}`);
    if (!kindOfAccount(t.debitAccountId) || !kindOfAccount(t.creditAccountId)) unsound(`${t._id}: unknown account`);
    if (t.debitAccountId === t.creditAccountId) unsound(`${t._id}: debit and credit are the same account`);
    transfers.set(t._id, { kind: t.kind, phase: t.phase, debit: t.debitAccountId, credit: t.creditAccountId, amount: t.amount, seen: 0 });
    if (!sound) continue;
    add(t.debitAccountId, effectOf(t.phase, 'debit', t.amount));
    add(t.creditAccountId, effectOf(t.phase, 'credit', t.amount));
    if (t.phase === 'pending') pendings.push(t);
    if (t.phase === 'post_pending' || t.phase === 'void_pending') resolutions.push(t);
    if (t.kind === 'reversal') reversals.push(t);
    if (t.kind === 'earn') earns.push(t);
  }
  c.done(`${transfers.size} transfers`);

  // ---- zero sum
  c.start('all balances sum to zero');
  let sum = ZERO;
  for (const a of accounts.values()) sum = addCounters(sum, a);
  if (balanceOf(sum) !== 0) c.fail(`balances sum to ${balanceOf(sum)} minutes`);
  if (sum.debitsPending !== sum.creditsPending) c.fail(`pending debits ${sum.debitsPending} ≠ pending credits ${sum.creditsPending}`);
  c.done(`${accounts.size} accounts, ${sum.creditsPosted} minutes posted, ${sum.debitsPending} minutes held`);

  // ---- account kinds; issuance is one account kept in the legacy document and its shards
  c.start('every account is a person, the pool or issuance (the legacy document or a shard)');
  let issuance = ZERO;
  let issuanceDocs = 0;
  for (const a of accounts.values()) {
    const kind = kindOfAccount(a._id);
    if (!kind) {
      c.fail(`${a._id}: not a person, the pool or an issuance shard`);
      continue;
    }
    if (a.kind !== kind) c.fail(`${a._id}: kind ${a.kind}, expected ${kind}`);
    if (kind === 'issuance') {
      issuanceDocs++;
      issuance = addCounters(issuance, a);
    }
  }
  c.done(
    `${-balanceOf(issuance)} minutes in circulation, issued through ${issuanceDocs} of ${ISSUANCE_ACCOUNTS.length} issuance documents (legacy + ${ISSUANCE_SHARDS} shards)`,
  );

  // ---- each account equals the sum of its transfers
  c.start("each account's balance equals the sum of its posted transfers");
  const pendingCheck: string[] = [];
  for (const id of new Set([...accounts.keys(), ...expected.keys()])) {
    const a = accounts.get(id);
    const e = expected.get(id) ?? ZERO;
    if (!a) {
      c.fail(`${id}: has transfers but no account document`);
      continue;
    }
    if (a.debitsPosted !== e.debitsPosted || a.creditsPosted !== e.creditsPosted) {
      c.fail(`${id}: account ${showCounters(a)} but transfers give ${showCounters(e)}`);
    }
    if (a.debitsPending !== e.debitsPending || a.creditsPending !== e.creditsPending) {
      pendingCheck.push(`${id}: account ${showCounters(a)} but open holds give ${showCounters(e)}`);
    }
  }
  c.done(`${accounts.size} accounts`);
  c.start("each account's pending equals the sum of its open holds");
  for (const p of pendingCheck) c.fail(p);
  c.done(`${pendings.length} holds, ${resolutions.length} resolved`);

  // ---- two-phase
  c.start('every post/void resolves one existing hold with the same accounts and amount, at most once');
  const resolvedBy = new Map<string, string>();
  for (const r of resolutions) {
    const p = r.pendingId ? transfers.get(r.pendingId) : undefined;
    const wantedId = r.phase === 'post_pending' ? ids.post(r.pendingId ?? '') : ids.void(r.pendingId ?? '');
    if (!p || p.phase !== 'pending') c.fail(`${r._id}: resolves ${r.pendingId}, which is not a hold`);
    else if (p.debit !== r.debitAccountId || p.credit !== r.creditAccountId || p.amount !== r.amount) c.fail(`${r._id}: differs from its hold`);
    if (r._id !== wantedId) c.fail(`${r._id}: id should be ${wantedId}`);
    const prior = resolvedBy.get(r.pendingId ?? '');
    if (prior) c.fail(`${r.pendingId}: resolved twice (${prior}, ${r._id})`);
    resolvedBy.set(r.pendingId ?? '', r._id);
  }
  c.done(`${resolutions.length} resolutions`);

  // ---- reversals
  c.start('every reversal mirrors one posted transfer');
  for (const r of reversals) {
    const o = r.reversesId ? transfers.get(r.reversesId) : undefined;
    if (!o) c.fail(`${r._id}: reverses missing ${r.reversesId}`);
    else if (o.kind === 'reversal' || o.phase === 'pending' || o.phase === 'void_pending') c.fail(`${r._id}: reverses a ${o.kind}/${o.phase}`);
    else if (o.debit !== r.creditAccountId || o.credit !== r.debitAccountId || o.amount !== r.amount) c.fail(`${r._id}: does not mirror ${r.reversesId}`);
    if (r._id !== ids.reverse(r.reversesId ?? '')) c.fail(`${r._id}: id should be reverse:${r.reversesId}`);
    if (r.phase !== 'posted') c.fail(`${r._id}: a reversal must be posted at once`);
  }
  c.done(`${reversals.length} reversals`);

  // ---- no negative available (issuance, every shard of it, may go below zero)
  c.start('no person or pool account has available below zero');
  let guarded = 0;
  for (const a of accounts.values()) {
    const kind = kindOfAccount(a._id);
    if (kind !== 'issuance') {
      guarded++;
      if (!a.flags?.debitsMustNotExceedCredits) c.fail(`${a._id}: lacks the debits-must-not-exceed-credits flag`);
      if (availableOf(a) < 0) c.fail(`${a._id}: available ${availableOf(a)} minutes`);
      if (balanceOf(a) < 0) c.fail(`${a._id}: balance ${balanceOf(a)} minutes`);
    }
    if (a.debitsPending < 0 || a.creditsPending < 0) c.fail(`${a._id}: negative pending counter`);
  }
  c.done(`${guarded} guarded accounts`);

  // ---- movements: chains, running balances, caps
  c.start('each movement chain is gapless and its running balance consistent');
  const capProblems: string[] = [];
  let capChecked = 0;
  const chain = new Map<string, { seq: number; counters: Counters }>();
  let movements = 0;
  for await (const m of docs.movements) {
    movements++;
    const prev = chain.get(m.accountId) ?? { seq: 0, counters: ZERO };
    if (m.seq !== prev.seq + 1) c.fail(`${m.accountId}: movement ${m.seq} follows ${prev.seq}`);
    const t = transfers.get(m.transferId);
    let effect = ZERO;
    if (!t) {
      c.fail(`${m._id}: transfer ${m.transferId} is missing`);
    } else {
      const bit = m.side === 'debit' ? 1 : 2;
      if ((m.side === 'debit' ? t.debit : t.credit) !== m.accountId) c.fail(`${m._id}: not the ${m.side} account of ${m.transferId}`);
      if (t.amount !== m.amount || t.phase !== m.phase || t.kind !== m.kind) c.fail(`${m._id}: differs from ${m.transferId}`);
      if (t.seen & bit) c.fail(`${m.transferId}: two ${m.side} movements`);
      t.seen |= bit;
      effect = effectOf(m.phase, m.side, m.amount);
    }
    const after = addCounters(prev.counters, effect);
    if (m.balanceAfter !== balanceOf(after) || m.debitsPendingAfter !== after.debitsPending || m.creditsPendingAfter !== after.creditsPending) {
      c.fail(`${m._id}: running balance ${m.balanceAfter} (held ${m.debitsPendingAfter}) but replay gives ${balanceOf(after)} (held ${after.debitsPending})`);
    }
    if (m.delta !== balanceOf(after) - balanceOf(prev.counters)) c.fail(`${m._id}: delta ${m.delta} is inconsistent`);
    // Caps: a movement that raised the projected balance of a capped account must stay within the cap then in force.
    if (m.cap !== null && m.cap !== undefined && projectedOf(after) > projectedOf(prev.counters)) {
      capChecked++;
      if (breaksCap(true, m.cap, projectedOf(prev.counters), projectedOf(after)))
        capProblems.push(`${m._id}: projected balance ${projectedOf(after)} above cap ${m.cap}`);
    }
    chain.set(m.accountId, { seq: m.seq, counters: after });
  }
  for (const [id, t] of transfers) if (t.seen !== 3) c.fail(`${id}: has ${t.seen === 0 ? 'no' : 'only one'} movement(s)`);
  for (const a of accounts.values()) {
    const end = chain.get(a._id) ?? { seq: 0, counters: ZERO };
    if (end.seq !== a.seq) c.fail(`${a._id}: account seq ${a.seq} but ${end.seq} movements`);
    if (!countersEqual(end.counters, a)) c.fail(`${a._id}: movements replay to ${showCounters(end.counters)}, account has ${showCounters(a)}`);
  }
  for (const id of chain.keys()) if (!accounts.has(id)) c.fail(`${id}: movements without an account`);
  c.done(`${movements} movements over ${chain.size} accounts`);

  c.start('caps hold (every credit kept a capped account within the cap in force)');
  for (const p of capProblems) c.fail(p);
  const over: string[] = [];
  for (const a of accounts.values()) if (aboveCap(!!a.flags?.capped, capMinutes, projectedOf(a))) over.push(a._id);
  c.done(
    `${capChecked} credits checked; current cap ${capMinutes ?? 'none'}` +
      (over.length ? `; ${over.length} account(s) above it from before it was lowered (they may only spend)` : ''),
  );

  // ---- service records ↔ earn transfers
  c.start('each approved service record earned exactly once; each reversal undid it');
  let records = 0;
  const recordIds = new Map<string, ServiceRecordDoc['state']>();
  for await (const r of docs.serviceRecords) {
    records++;
    recordIds.set(r._id, r.state);
    const earnId = ids.earn(r._id);
    const earn = transfers.get(earnId);
    const reversal = transfers.get(ids.reverse(earnId));
    const shouldEarn = r.earnsCredits && (r.state === 'approved' || r.state === 'reversed');
    if (shouldEarn) {
      if (!earn) c.fail(`${r._id}: ${r.state} but ${earnId} is missing`);
      else if (earn.amount !== r.minutes || earn.credit !== personAccountId(r.volunteerId)) c.fail(`${r._id}: ${earnId} does not match the record`);
      if (r.transferId !== earnId) c.fail(`${r._id}: transferId ${r.transferId}, expected ${earnId}`);
    } else if (earn) {
      c.fail(`${r._id}: ${r.state}${r.earnsCredits ? '' : ' (earns no credits)'} but ${earnId} exists`);
    }
    if (r.state === 'reversed' && earn && !reversal) c.fail(`${r._id}: reversed but its earn was not reversed`);
    if (r.state !== 'reversed' && reversal) c.fail(`${r._id}: ${r.state} but its earn was reversed`);
  }
  for (const e of earns) {
    const recordId = e.refs?.serviceRecordId;
    if (!recordId || e._id !== ids.earn(recordId) || !recordIds.has(recordId)) c.fail(`${e._id}: no service record behind it`);
  }
  c.done(`${records} records, ${earns.length} earn transfers`);

  return {
    ok: c.checks.every((x) => x.ok),
    checks: c.checks,
    counts: { accounts: accounts.size, transfers: transfers.size, movements, serviceRecords: records },
  };
}

export function formatReport(report: VerifyReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(`${check.ok ? '✓' : '✗'} ${check.name} — ${check.detail}`);
    for (const p of check.problems) lines.push(`    ${p}`);
  }
  lines.push(report.ok ? 'ledger OK' : 'ledger BROKEN: see ✗ above');
  return lines.join('\n');
}
