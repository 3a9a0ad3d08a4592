/**
 * `npm run ledger:verify`: checks every invariant of the time-bank ledger in the data folder
 * named by DATA_DIR (default ./data, file street.db), prints each check with ✓ or ✗ and exits
 * non-zero when any fails. Tests call `verifyLedger(store)` directly after every concurrent run.
 *
 * On SQLite the whole check reads one snapshot (a read transaction on its own connection), so it
 * may run while servers are writing. On other stores it pages through the collections by id and
 * should run on a quiet store.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
} from '../cloudfunctions/core/domain/ledger';
import { loadPolicy } from '../cloudfunctions/core/services/ledger';
import type { ServiceRecordDoc } from '../cloudfunctions/core/services/records';
import type { CollectionName } from '../cloudfunctions/core/store/schema';
import type { Doc, Store } from '../cloudfunctions/core/store/port';
import { SqliteStore, openSqliteStore } from '../cloudfunctions/core/store/sqlite';

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

type Scan = <T extends Doc>(collection: CollectionName) => AsyncIterable<T>;

/** A consistent snapshot of a SQLite file through its own read-only connection. */
function sqliteScan(file: string): { scan: Scan; close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.exec('BEGIN');
  return {
    scan: <T extends Doc>(collection: CollectionName) =>
      (async function* () {
        const stmt = db.prepare(`SELECT id, doc FROM "${collection}" ORDER BY id`);
        for (const row of stmt.iterate() as IterableIterator<{ id: string; doc: string }>) {
          yield { _id: row.id, ...JSON.parse(row.doc) } as T;
        }
      })(),
    close() {
      db.exec('COMMIT');
      db.close();
    },
  };
}

/** Any Store: pages through the collection by id, 100 at a time. */
function storeScan(store: Store): Scan {
  return <T extends Doc>(collection: CollectionName) =>
    (async function* () {
      let after: string | undefined;
      do {
        const page = await store.find<T>(collection, { orderBy: { field: '_id', direction: 'asc' }, limit: 100, after });
        yield* page.items;
        after = page.next ?? undefined;
      } while (after);
    })();
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

/** Runs every check over one store and returns the report (it prints nothing). */
export async function verifyLedger(store: Store): Promise<VerifyReport> {
  let scan: Scan;
  let close = () => {};
  if (store instanceof SqliteStore) {
    const snapshot = sqliteScan(store.file);
    scan = snapshot.scan;
    close = snapshot.close;
  } else {
    scan = storeScan(store);
  }
  try {
    return await runChecks(store, scan);
  } finally {
    close();
  }
}

async function runChecks(store: Store, scan: Scan): Promise<VerifyReport> {
  const c = new Checker();
  const policy = await loadPolicy(store);

  // ---- accounts
  const accounts = new Map<string, AccountDoc>();
  for await (const a of scan<AccountDoc>('accounts')) accounts.set(a._id, a);

  // ---- transfers: shape, and the sums each account's counters must equal
  c.start('transfers are well formed (integer minutes, known accounts, kinds and phases)');
  const transfers = new Map<string, TransferInfo>();
  const expected = new Map<string, Counters>();
  const add = (accountId: string, e: Counters) => expected.set(accountId, addCounters(expected.get(accountId) ?? ZERO, e));
  const pendings: TransferDoc[] = [];
  const resolutions: TransferDoc[] = [];
  const reversals: TransferDoc[] = [];
  const earns: TransferDoc[] = [];
  for await (const t of scan<TransferDoc>('transfers')) {
    let sound = true;
    if (!isValidAmount(t.amount)) (sound = false), c.fail(`${t._id}: amount ${t.amount} is not 1..90000 whole minutes`);
    if (!(TRANSFER_KINDS as readonly string[]).includes(t.kind)) (sound = false), c.fail(`${t._id}: unknown kind ${t.kind}`);
    if (!PHASES.includes(t.phase)) (sound = false), c.fail(`${t._id}: unknown phase ${t.phase}`);
    if (!kindOfAccount(t.debitAccountId) || !kindOfAccount(t.creditAccountId)) (sound = false), c.fail(`${t._id}: unknown account`);
    if (t.debitAccountId === t.creditAccountId) (sound = false), c.fail(`${t._id}: debit and credit are the same account`);
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
  c.start('each account\'s pending equals the sum of its open holds');
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
  for await (const m of scan<MovementDoc>('movements')) {
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
      if (projectedOf(after) > m.cap) capProblems.push(`${m._id}: projected balance ${projectedOf(after)} above cap ${m.cap}`);
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
  if (policy.capMinutes !== null) {
    for (const a of accounts.values()) if (a.flags?.capped && projectedOf(a) > policy.capMinutes) over.push(a._id);
  }
  c.done(
    `${capChecked} credits checked; current cap ${policy.capMinutes ?? 'none'}` +
      (over.length ? `; ${over.length} account(s) above it from before it was lowered (they may only spend)` : ''),
  );

  // ---- service records ↔ earn transfers
  c.start('each approved service record earned exactly once; each reversal undid it');
  let records = 0;
  const recordIds = new Map<string, ServiceRecordDoc['state']>();
  for await (const r of scan<ServiceRecordDoc>('serviceRecords')) {
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

async function main(): Promise<number> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? 'data');
  const file = path.join(dataDir, 'street.db');
  if (!fs.existsSync(file)) {
    process.stderr.write(`no database at ${file} (set DATA_DIR to the data folder used by npm start)\n`);
    return 2;
  }
  const store = openSqliteStore(file);
  try {
    const started = Date.now();
    const report = await verifyLedger(store);
    process.stdout.write(`ledger:verify ${file}\n${formatReport(report)}\n(${Date.now() - started} ms)\n`);
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`ledger:verify failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
