/**
 * Ledger benchmark (`npm run bench`; alone: `npx tsx bench/ledger.ts`). Prints one JSON object
 * per line: {"name","value","unit","baseline"?,"ratio"?}.
 *
 * 1. Transfers posted per second through the service (the real dispatcher: zod, permission,
 *    idempotency record, link check, ledger posting with two movements) next to plain single-row
 *    SQLite transactions and to the same-layout prototype (the same writes by hand, no service) on
 *    the same file in the same run, phases interleaved in rounds: 1 sequential caller, and 32 calls
 *    in flight (group commit) against the prototype with 32 per commit; then 1 writer and 8 writers
 *    (8 worker threads, each with its own connections).
 * 2. Statement page latency (p50, p99) for an account with 100,000 transfers in a ledger of
 *    1,000,000, generated with batched SQL inserts of exactly the adapter's rows, read through the
 *    service (first page and pages deep in the history, by cursor).
 * 3. Memory (peak RSS and heap of this process).
 * 4. Issuance shards on the CloudBase stand-in (interleaving, so conflicts really happen): bursts
 *    of simultaneous earns (issuance → different people, as leaders approving different records)
 *    all on one issuance document, next to the same earns over ISSUANCE_SHARDS shards, same run:
 *    conflicts per earn and earns per second for 40 at once, and how many of 200 at once end in
 *    BUSY on the adapter's default retry budget. Run last, so the in-memory stand-in does not
 *    count in the memory figures.
 *
 * BENCH_SCALE (default 1) scales the ledger size, the duration of each throughput phase and the
 * number of bursts.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createSecrets, generateMasterKey, parseMasterKey } from '../cloudfunctions/core/crypto';
import {
  ISSUANCE_SHARDS,
  POOL_ACCOUNT,
  applyEffect,
  effectOf,
  isViolation,
  issuanceAccountFor,
  issuanceShardId,
  issuanceShardOf,
  movementOf,
  newAccount,
  personAccountId,
  type AccountDoc,
  type TransferDoc,
} from '../cloudfunctions/core/domain/ledger';
import { DEFAULT_POLICY } from '../cloudfunctions/core/domain/policy';
import { roleSet, type RoleGrant } from '../cloudfunctions/core/domain/roles';
import { dispatch, type RuntimeDeps } from '../cloudfunctions/core/runtime/dispatch';
import type { MessageDoc } from '../cloudfunctions/core/domain/messages';
import type { UserDoc } from '../cloudfunctions/core/domain/people';
import { isAppError } from '../cloudfunctions/core/errors';
import { postTransfer } from '../cloudfunctions/core/services/ledger';
import { issuanceTotals, statementCursor } from '../cloudfunctions/core/services/shared/ledger-views';
import { createCloudbaseStore, type CloudbaseDatabase } from '../cloudfunctions/core/store/cloudbase';
import { COLLECTIONS, COLLECTION_NAMES } from '../cloudfunctions/core/store/schema';
import { createCloudbaseStandin } from '../test/support/cloudbase-standin';
import type { Doc } from '../cloudfunctions/core/domain/doc';
import { openSqliteStore, type SqliteStore } from '../cloudfunctions/core/store/sqlite';
import { Checkpointer } from '../cloudfunctions/core/store/sqlite/checkpointer';
import { ensureCollectionTable, indexName } from '../cloudfunctions/core/store/sqlite/migrations';
import { REGISTRY } from '../cloudfunctions/registry';
import { emit, SCALE } from './_figures';

const GENERATE = '--generate-ledger';
const silent = { info() {}, warn() {}, error() {} };

let peakRss = 0;
/** Peak outside the 8-thread phase: what one server process doing this work holds. */
let peakRssSerial = 0;
let inParallel = false;
const sampleMemory = () => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  if (!inParallel) peakRssSerial = Math.max(peakRssSerial, rss);
};

// ------------------------------------------------------------------ fixtures written as documents

const AT = '2026-11-01T00:00:00.000Z';

function userDoc(id: string, name: string, roles: RoleGrant['role'][] = ['volunteer']): UserDoc {
  const grants: RoleGrant[] = roles.map((role) => ({ role, grantedBy: 'bench', grantedAt: AT }));
  return {
    _id: id,
    name,
    phoneEnc: 'bench',
    phoneHash: `bench-${id}`,
    phoneMasked: '138****0000',
    birthYear: 1960,
    committeeId: 'c_bench',
    elderMode: false,
    consent: { version: 'bench', at: AT },
    grants,
    roles: roleSet(grants),
    createdAt: AT,
    updatedAt: AT,
  };
}

/** Giver and relative w (linked, giver funded) for throughput writers. */
export async function seedWriters(store: SqliteStore, writers: number, fund: number): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.get('committees', 'c_bench'))) await tx.create('committees', { _id: 'c_bench', name: '测试居委', order: 1 });
    for (let w = 0; w < writers; w++) {
      const g = `u_bench_g${w}`;
      const r = `u_bench_r${w}`;
      await tx.set('users', userDoc(g, '赠送人'));
      await tx.set('users', userDoc(r, '接收人'));
      await tx.set('identities', { _id: `bench-giver-${w}`, userId: g });
      await tx.set('links', {
        _id: `link:${g}:${r}`,
        userA: g,
        userB: r,
        proposedBy: g,
        relation: '亲属',
        state: 'confirmed',
        createdAt: AT,
        confirmedAt: AT,
        removedAt: null,
        removedBy: null,
      });
      const id = `adjust:bench-fund-${w}-${Date.now()}`;
      await postTransfer(tx, {
        id,
        kind: 'adjust',
        phase: 'posted',
        debitAccountId: issuanceAccountFor(id),
        creditAccountId: personAccountId(g),
        amount: fund,
        actorId: 'bench',
        memo: 'bench',
        at: AT,
      });
    }
  });
}

function deps(store: SqliteStore): RuntimeDeps {
  return { store, secrets: createSecrets(parseMasterKey(generateMasterKey())), log: silent };
}

// ------------------------------------------------------------------ throughput (one writer's loop)

interface LoopResult {
  count: number;
  ms: number;
  errors: number;
}

/** Gifts of one minute through the dispatcher until the deadline. */
export async function serviceLoop(file: string, writer: number, ms: number, tag: string): Promise<LoopResult> {
  const store = openSqliteStore(file, { busyTimeoutMs: 60_000 });
  const d = deps(store);
  const to = `u_bench_r${writer}`;
  let count = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + ms;
  while (performance.now() < deadline) {
    const r = await dispatch(
      'timebank',
      REGISTRY.timebank,
      { action: 'gift', data: { toUserId: to, minutes: 1 }, requestId: `bench-${tag}-${writer}-${count + errors}` },
      `bench-giver-${writer}`,
      d,
    );
    if (r.ok) count++;
    else errors++;
  }
  const elapsed = performance.now() - start;
  await store.close();
  return { count, ms: elapsed, errors };
}

/**
 * Gifts of one minute through the dispatcher with `inFlight` calls always waiting on one store in
 * this process (as a busy server's requests are): the adapter's group commit shares their commits.
 */
export async function inFlightLoop(file: string, inFlight: number, ms: number, tag: string): Promise<LoopResult & { batches: number }> {
  const store = openSqliteStore(file, { busyTimeoutMs: 60_000 });
  const d = deps(store);
  let count = 0;
  let errors = 0;
  let seq = 0;
  const start = performance.now();
  const deadline = start + ms;
  const lane = async (n: number) => {
    const writer = n % 8;
    while (performance.now() < deadline) {
      seq += 1;
      const r = await dispatch(
        'timebank',
        REGISTRY.timebank,
        { action: 'gift', data: { toUserId: `u_bench_r${writer}`, minutes: 1 }, requestId: `bench-${tag}-${n}-${seq}` },
        `bench-giver-${writer}`,
        d,
      );
      if (r.ok) count++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, n) => lane(n)));
  const elapsed = performance.now() - start;
  const batches = store.commits.batches;
  await store.close();
  return { count, ms: elapsed, errors, batches };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `min ${Math.min(...xs).toFixed(3)} median ${median(xs).toFixed(3)} max ${Math.max(...xs).toFixed(3)}`;

/**
 * The ledger's throughput figures, all in one run, phases interleaved in rounds (plain, prototype,
 * one caller, prototype 32 per commit, 32 in flight) so a change in the machine's load touches them
 * all; each ratio is printed as min/median/max over the rounds:
 * - 1 sequential caller through the service vs plain single-row transactions (1 writer);
 * - 1 sequential caller through the service vs the same-layout prototype, one transfer per commit,
 *   and vs the prototype that also writes the recipient's inbox message, as a gift now does;
 * - 32 calls in flight on one store in one process (group commit) vs plain;
 * - 32 in flight vs the prototype sharing its commits 32 at a time.
 */
async function groupCommit(file: string, ms: number): Promise<void> {
  const rounds = 3;
  const plain: number[] = [];
  const proto: number[] = [];
  const protoMessage: number[] = [];
  const protoBatched: number[] = [];
  const one: number[] = [];
  const many: number[] = [];
  let perCommit = 0;
  const rate = (r: LoopResult) => r.count / (r.ms / 1000);
  for (let r = 0; r < rounds; r += 1) {
    plain.push(rate(plainLoop(file, 0, ms)));
    proto.push(rate(await prototypeLoop(file, ms, `p1-${r}`)));
    protoMessage.push(rate(await prototypeLoop(file, ms, `pm1-${r}`, 1, true)));
    one.push(rate(await serviceLoop(file, 0, ms, `gc1-${r}`)));
    protoBatched.push(rate(await prototypeLoop(file, ms, `p32-${r}`, 32)));
    const s32 = await inFlightLoop(file, 32, ms, `gc32-${r}`);
    many.push(rate(s32));
    perCommit = Math.max(perCommit, (s32.count + s32.errors) / Math.max(1, s32.batches));
    if (s32.errors) process.stderr.write(`ledger bench: ${s32.errors} refused calls with 32 in flight\n`);
  }
  const ratio = (xs: number[], base: number[]) => xs.map((v, i) => v / base[i]!);
  const figure = (name: string, xs: number[], base: number[], what: string, baseName: string) => {
    const ratios = ratio(xs, base);
    emit({
      name,
      value: median(xs),
      unit: `${what} (ratio to ${baseName}, ${rounds} interleaved rounds: ${spread(ratios)})`,
      baseline: median(base),
      ratio: median(ratios),
    });
  };
  figure('ledger.sqlite.transfers_per_s.1_caller_rounds', one, plain, 'transfers/s, 1 sequential caller', 'plain single-row transactions');
  figure('ledger.sqlite.transfers_per_s.1_caller_vs_prototype', one, proto, 'transfers/s, 1 sequential caller', 'the same-layout prototype, 1 per commit');
  // The issue's prototype predates the recipient's inbox message a gift now writes; this one writes it too.
  figure(
    'ledger.sqlite.transfers_per_s.1_caller_vs_prototype_with_message',
    one,
    protoMessage,
    'transfers/s, 1 sequential caller',
    "the prototype that also writes the recipient's message, 1 per commit",
  );
  figure(
    'ledger.sqlite.transfers_per_s.prototype_32_per_commit',
    protoBatched,
    plain,
    'transfers/s, prototype, 32 per commit',
    'plain single-row transactions',
  );
  figure(
    'ledger.sqlite.transfers_per_s.32_in_flight',
    many,
    plain,
    `transfers/s, group commit, up to ${perCommit.toFixed(1)} per commit`,
    'plain single-row transactions',
  );
  figure('ledger.sqlite.transfers_per_s.32_in_flight_vs_prototype', many, protoBatched, 'transfers/s, group commit', 'the prototype, 32 per commit');
}

/**
 * The same-layout prototype: what a gift writes, written by hand in one transaction on tables of the
 * store's own layout (ensureCollectionTable: rowid tables with a unique id, JSON doc, the same
 * expression indexes) and with the service's own keys, without the service around it: read the
 * idempotency row and both accounts, then write the idempotency row, the transfer, two movements
 * and both accounts; `withMessage` adds the recipient's inbox message (gift.received), as the service
 * has written since 2026-12-06.
 * `perCommit` transfers share a BEGIN IMMEDIATE … COMMIT, without savepoints as the adapter's group
 * commit runs a batch in which no body throws, and then come from `perCommit` callers over 8 givers, as the
 * service's 32 calls in flight do: where the keys land decides how many pages a commit writes (the
 * first version of this prototype used one caller's keys for its batches and wrote a sixth of the
 * pages). Its tables are prefixed `proto_` so the service's ledger stays verifiable.
 */
export async function prototypeLoop(file: string, ms: number, tag: string, perCommit = 1, withMessage = false): Promise<LoopResult> {
  const db = new Database(file, { timeout: 60_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  for (const name of ['requests', 'accounts', 'transfers', 'movements', 'messages'] as const) ensureCollectionTable(db, name, 'proto_');
  const get = (t: string) => db.prepare(`SELECT id, doc FROM "proto_${t}" WHERE id = ?`);
  const insert = (t: string) => db.prepare(`INSERT INTO "proto_${t}" (id, doc) VALUES (?, ?)`);
  const getRequest = get('requests');
  const getAccount = get('accounts');
  const putRequest = insert('requests');
  const putTransfer = insert('transfers');
  const putMovement = insert('movements');
  const getMessage = get('messages');
  const putMessage = insert('messages');
  const putAccount = db.prepare('INSERT INTO "proto_accounts" (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc');
  // The adapter's WAL checkpoints, off the commit path in the same way.
  const checkpointer = new Checkpointer(file, db);
  const write = <T extends Doc>(stmt: Database.Statement, doc: T) => {
    const { _id, ...rest } = doc;
    stmt.run(_id, JSON.stringify(rest));
  };
  const load = (id: string): AccountDoc => {
    const row = getAccount.get(id) as { id: string; doc: string } | undefined;
    return row ? { _id: row.id, ...JSON.parse(row.doc) } : newAccount(id, AT);
  };
  for (let w = 0; w < 8; w += 1) {
    const giver = personAccountId(`u_bench_g${w}`);
    if (!getAccount.get(giver)) write(putAccount, { ...newAccount(giver, AT), creditsPosted: 1e9 });
  }
  const gift = (lane: number, seq: number) => {
    const writer = lane % 8;
    const callerId = `u_bench_g${writer}`;
    const giver = personAccountId(callerId);
    const receiver = personAccountId(`u_bench_r${writer}`);
    const requestId = `bench-${tag}-${lane}-${seq}`;
    const key = `bench-giver-${writer}|timebank.gift|${requestId}`;
    if (getRequest.get(key)) throw new Error('prototype request ids repeat');
    const at = new Date().toISOString();
    const transfer: TransferDoc = {
      _id: `gift:${callerId}:${requestId}`,
      kind: 'gift',
      phase: 'posted',
      debitAccountId: giver,
      creditAccountId: receiver,
      amount: 1,
      pendingId: null,
      reversesId: null,
      actorId: callerId,
      memo: '',
      refs: {},
      createdAt: at,
    };
    const debit = load(giver);
    const credit = load(receiver);
    const debitAfter = applyEffect(debit, effectOf('posted', 'debit', 1), null);
    const creditAfter = applyEffect(credit, effectOf('posted', 'credit', 1), null);
    if (isViolation(debitAfter) || isViolation(creditAfter)) throw new Error('prototype transfer refused');
    write(putTransfer, transfer);
    const debitMovement = movementOf(transfer, 'debit', debit, debitAfter, null);
    const creditMovement = movementOf(transfer, 'credit', credit, creditAfter, null);
    write(putAccount, { ...debit, ...debitAfter, seq: debitMovement.seq, updatedAt: at });
    write(putMovement, debitMovement);
    write(putAccount, { ...credit, ...creditAfter, seq: creditMovement.seq, updatedAt: at });
    write(putMovement, creditMovement);
    write(putRequest, {
      _id: key,
      // The answer a retry gets, about the size of the service's (the transfer and the balance).
      result: { transfer, balance: debitAfter },
      inputHash: 'x'.repeat(32),
      createdAt: at,
    });
    if (withMessage) {
      // The recipient's inbox message, as services/timebank.ts writes it (kind gift.received, no WeChat
      // template): its id derives from the transfer's, looked up first as services/inbox.ts does.
      const messageId = `m_${createHash('sha256').update(`gift.received:${transfer._id}|gift.received|u_bench_r${writer}`).digest('hex').slice(0, 24)}`;
      if (getMessage.get(messageId)) throw new Error('prototype message ids repeat');
      const message: MessageDoc = {
        _id: messageId,
        userId: `u_bench_r${writer}`,
        kind: 'gift.received',
        title: `赠送者${writer}转赠给您时间币`,
        body: `赠送者${writer}（子女）转赠给您 1分钟 时间币。可以在“我的时间”查看。`,
        activityId: null,
        teamId: null,
        refId: transfer._id,
        seniorId: null,
        read: false,
        readAt: null,
        createdAt: at,
      };
      write(putMessage, message);
    }
  };
  let count = 0;
  let seq = 0;
  const start = performance.now();
  const deadline = start + ms;
  while (performance.now() < deadline) {
    db.exec('BEGIN IMMEDIATE');
    seq += 1;
    // No savepoints, as the adapter's batches run while no body throws.
    for (let lane = 0; lane < perCommit; lane += 1) {
      gift(lane, seq);
      count += 1;
    }
    db.exec('COMMIT');
    checkpointer.committed();
  }
  const elapsed = performance.now() - start;
  await checkpointer.close();
  db.close();
  return { count, ms: elapsed, errors: 0 };
}

/** Plain single-row transactions on the same file: BEGIN IMMEDIATE; UPDATE one row; COMMIT. */
export function plainLoop(file: string, writer: number, ms: number): LoopResult {
  const db = new Database(file, { timeout: 60_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS bench_plain (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
  db.prepare('INSERT OR IGNORE INTO bench_plain (id, n) VALUES (?, 0)').run(writer);
  const update = db.prepare('UPDATE bench_plain SET n = n + 1 WHERE id = ?');
  let count = 0;
  const start = performance.now();
  const deadline = start + ms;
  while (performance.now() < deadline) {
    db.exec('BEGIN IMMEDIATE');
    update.run(writer);
    db.exec('COMMIT');
    count++;
  }
  const elapsed = performance.now() - start;
  db.close();
  return { count, ms: elapsed, errors: 0 };
}

interface WorkerJob {
  kind: 'ledger-bench';
  mode: 'service' | 'plain';
  file: string;
  writer: number;
  ms: number;
  tag: string;
  /** Shared start gate: all workers begin together. */
  gate: SharedArrayBuffer;
}

async function workerMain(job: WorkerJob): Promise<void> {
  const gate = new Int32Array(job.gate);
  Atomics.add(gate, 1, 1);
  Atomics.wait(gate, 0, 0);
  const result = job.mode === 'service' ? await serviceLoop(job.file, job.writer, job.ms, job.tag) : plainLoop(job.file, job.writer, job.ms);
  parentPort!.postMessage(result);
}

async function parallel(mode: 'service' | 'plain', file: string, writers: number, ms: number, tag: string): Promise<number> {
  const gate = new SharedArrayBuffer(8);
  const counters = new Int32Array(gate);
  const workers = Array.from({ length: writers }, (_, writer) => {
    const job: WorkerJob = { kind: 'ledger-bench', mode, file, writer, ms, tag, gate };
    // The worker loads this TypeScript file through tsx's CommonJS hook.
    const boot = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(__filename)});`;
    return new Worker(boot, { eval: true, workerData: job });
  });
  const results = workers.map(
    (w) =>
      new Promise<LoopResult>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
      }),
  );
  while (Atomics.load(counters, 1) < writers) await new Promise((r) => setTimeout(r, 10));
  const start = performance.now();
  Atomics.store(counters, 0, 1);
  Atomics.notify(counters, 0);
  const done = await Promise.all(results);
  const elapsed = performance.now() - start;
  await Promise.all(workers.map((w) => w.terminate()));
  sampleMemory();
  const total = done.reduce((a, r) => a + r.count, 0);
  const errors = done.reduce((a, r) => a + r.errors, 0);
  if (errors) process.stderr.write(`ledger bench: ${errors} refused calls in ${mode} x${writers}\n`);
  return total / (elapsed / 1000);
}

async function throughput(dir: string): Promise<void> {
  const file = path.join(dir, 'throughput.db');
  const store = openSqliteStore(file);
  const ms = Math.max(1000, 4000 * SCALE);
  await seedWriters(store, 8, 80_000);
  await store.close();

  // 1 writer: the service in this thread, then plain transactions on the same file.
  const svc = await serviceLoop(file, 0, ms, 'one');
  sampleMemory();
  const plain = plainLoop(file, 0, ms);
  const svcRate = svc.count / (svc.ms / 1000);
  const plainRate = plain.count / (plain.ms / 1000);
  emit({ name: 'ledger.sqlite.transfers_per_s.1_writer', value: svcRate, unit: 'transfers/s', baseline: plainRate, ratio: svcRate / plainRate });

  await groupCommit(file, Math.max(500, 1500 * SCALE));

  // 8 writers: 8 worker threads, each with its own connections to the same file.
  sampleMemory();
  inParallel = true;
  const svc8 = await parallel('service', file, 8, ms, 'eight');
  const plain8 = await parallel('plain', file, 8, ms, 'eight');
  inParallel = false;
  emit({ name: 'ledger.sqlite.transfers_per_s.8_writers', value: svc8, unit: 'transfers/s', baseline: plain8, ratio: svc8 / plain8 });

  const check = openSqliteStore(file);
  const { verifyLedger } = await import('../cloudfunctions/core/services/ledger-verify');
  const report = await verifyLedger(check);
  await check.close();
  if (!report.ok) throw new Error('ledger bench: the throughput ledger fails verify');
}

// ------------------------------------------------------------------ a large ledger, generated

export interface GenerateOptions {
  /** Transfers in the whole ledger. */
  transfers: number;
  /** Transfers that touch the target account. */
  targetTransfers: number;
  /** Other people sharing the rest. */
  people: number;
}

export const TARGET_USER = 'u_bench_target';
export const TARGET_OPENID = 'bench-target';

/**
 * Writes a ledger straight into a SQLite file with batched INSERTs of exactly the rows the adapter
 * writes (id, JSON doc without _id), computed by the same domain functions the service uses:
 * alternating `adjust` (issuance → person, 30 min) and `donate` (person → pool, 30 min) transfers,
 * so every rule holds and `ledger:verify` passes. Indexes are dropped for the load and rebuilt by
 * the adapter's own migration when the store is reopened.
 */
export async function generateLedger(file: string, options: GenerateOptions): Promise<SqliteStore> {
  (await openSqliteStore(file)).close(); // tables and indexes as the adapter makes them
  const db = new Database(file);
  // A bulk load: no journal, a large page cache; the file goes back to WAL before the store reopens it.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288');
  for (const c of ['transfers', 'movements', 'accounts'] as const) {
    for (const fields of COLLECTIONS[c].indexes as readonly (readonly string[])[]) db.exec(`DROP INDEX IF EXISTS "${indexName(c, fields)}"`);
  }
  const row = (doc: Doc) => {
    const { _id, ...rest } = doc;
    return [_id, JSON.stringify(rest)] as const;
  };
  const insert = (c: string) => db.prepare(`INSERT INTO "${c}" (id, doc) VALUES (?, ?)`);
  const insUser = insert('users');
  const insTransfer = insert('transfers');
  const insMovement = insert('movements');
  const insAccount = insert('accounts');

  const accounts = new Map<string, AccountDoc>();
  const account = (id: string) => {
    let a = accounts.get(id);
    if (!a) accounts.set(id, (a = newAccount(id, AT)));
    return a;
  };
  const people = Array.from({ length: options.people }, (_, i) => `u_bench_p${i}`);
  db.transaction(() => {
    insUser.run(...row(userDoc(TARGET_USER, '统计目标')));
    db.prepare(`INSERT INTO identities (id, doc) VALUES (?, ?)`).run(TARGET_OPENID, JSON.stringify({ userId: TARGET_USER }));
    for (const p of people) insUser.run(...row(userDoc(p, '志愿者')));
  })();

  const cap = DEFAULT_POLICY.capMinutes;
  const every = Math.max(1, Math.round(options.transfers / Math.max(1, options.targetTransfers)));
  const base = Date.parse(AT);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const userId = i % every === 0 ? TARGET_USER : people[i % people.length]!;
      const acct = personAccountId(userId);
      const up = account(acct).creditsPosted === account(acct).debitsPosted; // balance 0 → earn 30, else donate 30
      const id = `${up ? 'adjust' : 'donate'}:bench-${String(i).padStart(8, '0')}`;
      const t: TransferDoc = {
        _id: id,
        kind: up ? 'adjust' : 'donate',
        phase: 'posted',
        debitAccountId: up ? issuanceAccountFor(id) : acct,
        creditAccountId: up ? acct : POOL_ACCOUNT,
        amount: 30,
        pendingId: null,
        reversesId: null,
        actorId: userId,
        memo: up ? '补录纸质记录' : '',
        refs: { requestId: `bench-${i}` },
        createdAt: new Date(base + i * 1000).toISOString(),
      };
      insTransfer.run(...row(t));
      for (const side of ['debit', 'credit'] as const) {
        const before = account(side === 'debit' ? t.debitAccountId : t.creditAccountId);
        const after = applyEffect(before, effectOf('posted', side, t.amount), cap);
        if (isViolation(after)) throw new Error(`generator broke a rule: ${after.rule}`);
        const m = movementOf(t, side, before, after, cap);
        insMovement.run(...row(m));
        accounts.set(before._id, { ...before, ...after, seq: m.seq, updatedAt: t.createdAt });
      }
    }
  });
  const BATCH = 20_000;
  for (let from = 0; from < options.transfers; from += BATCH) {
    batch(from, Math.min(options.transfers, from + BATCH));
    sampleMemory();
  }
  db.transaction(() => {
    for (const a of accounts.values()) insAccount.run(...row(a));
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  return openSqliteStore(file); // rebuilds the dropped indexes
}

// ------------------------------------------------------------------ statement latency

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
}

async function statements(dir: string): Promise<void> {
  const transfers = Math.round(1_000_000 * SCALE);
  const targetTransfers = Math.round(100_000 * SCALE);
  const file = path.join(dir, 'statement.db');
  const started = performance.now();
  // Generated in a child process, so its bulk-load page cache does not count as this process's memory.
  const child = spawnSync(process.execPath, [require.resolve('tsx/cli'), __filename, GENERATE, file, String(transfers), String(targetTransfers), '2000'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`ledger bench: generating the ledger failed (${child.status})`);
  emit({ name: 'ledger.generate.seconds', value: (performance.now() - started) / 1000, unit: `s for ${transfers} transfers` });
  const store = openSqliteStore(file);
  const d = deps(store);
  const target = await store.get<AccountDoc>('accounts', personAccountId(TARGET_USER));
  const seqs = target!.seq;

  const call = async (data: object) => {
    const t0 = performance.now();
    const r = await dispatch('timebank', REGISTRY.timebank, { action: 'statement', data }, TARGET_OPENID, d);
    const ms = performance.now() - t0;
    if (!r.ok || (r.data as { items: unknown[] }).items.length !== 20) throw new Error('statement page failed');
    return ms;
  };
  for (let i = 0; i < 20; i++) await call({ limit: 20 }); // warm up
  const first: number[] = [];
  for (let i = 0; i < 500; i++) first.push(await call({ limit: 20 }));
  // Deep pages: a cursor at a random point of the account's history (what "next" hands out).
  const deep: number[] = [];
  let x = 12345;
  for (let i = 0; i < 500; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const seq = 21 + (x % (seqs - 40));
    deep.push(await call({ limit: 20, after: statementCursor(seq) }));
  }
  sampleMemory();
  first.sort((a, b) => a - b);
  deep.sort((a, b) => a - b);
  emit({ name: 'ledger.statement_page_ms.first.p50', value: percentile(first, 50), unit: 'ms' });
  emit({ name: 'ledger.statement_page_ms.first.p99', value: percentile(first, 99), unit: 'ms' });
  emit({ name: 'ledger.statement_page_ms.deep.p50', value: percentile(deep, 50), unit: 'ms' });
  emit({ name: 'ledger.statement_page_ms.deep.p99', value: percentile(deep, 99), unit: 'ms' });
  emit({ name: 'ledger.statement.account_movements', value: seqs, unit: 'movements' });
  emit({ name: 'ledger.statement.db_size', value: fs.statSync(file).size / 1024 / 1024, unit: 'MB' });
  await store.close();
}

// ------------------------------------------------------------------ CloudBase: issuance shards

interface BurstRun {
  posted: number;
  busy: number;
  conflicts: number;
  ms: number;
}

/**
 * `rounds` bursts of `burst` simultaneous issuance → person transfers (as leaders approving
 * different records at once) on a fresh interleaving stand-in, each on shard
 * issuanceShardOf(id, shards): 1 puts every one on the same document, as before sharding.
 * `maxRetries` undefined is the adapter's default budget. The ledger must verify afterwards, and
 * issuance must show exactly what was posted.
 */
export async function burstRun(shards: number, rounds: number, burst: number, maxRetries?: number): Promise<BurstRun> {
  const standin = createCloudbaseStandin({ collections: COLLECTION_NAMES, interleave: true, seed: 11 });
  const store = createCloudbaseStore(standin.db as CloudbaseDatabase, maxRetries === undefined ? {} : { maxRetries });
  const out: BurstRun = { posted: 0, busy: 0, conflicts: 0, ms: 0 };
  try {
    for (let round = 0; round < rounds; round++) {
      const before = standin.engine.stats.conflicts;
      const t0 = performance.now();
      const results = await Promise.allSettled(
        Array.from({ length: burst }, (_, i) => {
          const id = `adjust:bench-burst-${round}-${i}`;
          return store.transaction((tx) =>
            postTransfer(tx, {
              id,
              kind: 'adjust',
              phase: 'posted',
              debitAccountId: issuanceShardId(issuanceShardOf(id, shards)),
              creditAccountId: personAccountId(`u_burst_${i}`),
              amount: 30,
              actorId: 'bench',
              memo: 'bench',
              at: AT,
            }),
          );
        }),
      );
      out.ms += performance.now() - t0;
      out.conflicts += standin.engine.stats.conflicts - before;
      for (const r of results) {
        if (r.status === 'fulfilled') out.posted++;
        else if (isAppError(r.reason) && r.reason.code === 'BUSY') out.busy++;
        else throw r.reason;
      }
    }
    standin.engine.setInterleave(false);
    const issued = await issuanceTotals(store);
    if (issued.debitsPosted - issued.creditsPosted !== out.posted * 30) throw new Error('ledger bench: issuance does not show what was posted');
    const { verifyLedger, formatReport } = await import('../cloudfunctions/core/services/ledger-verify');
    const report = await verifyLedger(store);
    if (!report.ok) throw new Error(`ledger bench: the stand-in ledger fails verify\n${formatReport(report)}`);
  } finally {
    await store.close();
    standin.dispose();
  }
  return out;
}

export async function cloudbaseShards(): Promise<void> {
  const n = ISSUANCE_SHARDS;
  // 40 at once with a budget nothing exhausts: what each earn costs when all must go through.
  const rounds = Math.max(3, Math.round(10 * SCALE));
  const one = await burstRun(1, rounds, 40, 10_000);
  const many = await burstRun(n, rounds, 40, 10_000);
  const earns = rounds * 40;
  emit({
    name: 'ledger.cloudbase.issuance_shards.conflicts_per_earn.40_at_once',
    value: many.conflicts / earns,
    unit: `conflicts/earn, ${n} shards (baseline: 1 issuance document)`,
    baseline: one.conflicts / earns,
    ratio: many.conflicts / Math.max(1, one.conflicts),
  });
  const rate = (r: BurstRun) => r.posted / (r.ms / 1000);
  emit({
    name: 'ledger.cloudbase.issuance_shards.earns_per_s.40_at_once',
    value: rate(many),
    unit: `earns/s on the stand-in, ${n} shards (baseline: 1 issuance document)`,
    baseline: rate(one),
    ratio: rate(many) / rate(one),
  });
  // 200 at once on the adapter's default retry budget: how many a caller would see end in BUSY.
  const bigRounds = Math.max(2, Math.round(5 * SCALE));
  const oneBusy = await burstRun(1, bigRounds, 200);
  const manyBusy = await burstRun(n, bigRounds, 200);
  emit({
    name: 'ledger.cloudbase.issuance_shards.busy.200_at_once',
    value: manyBusy.busy,
    unit: `of ${bigRounds * 200} earns ended BUSY on the default retry budget, ${n} shards (baseline: 1 issuance document)`,
    baseline: oneBusy.busy,
  });
}

// ------------------------------------------------------------------ entry

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const sampler = setInterval(sampleMemory, 100);
  try {
    sampleMemory();
    await throughput(dir);
    await statements(dir);
    sampleMemory();
    emit({ name: 'ledger.memory.peak_rss.serial', value: peakRssSerial / 1024 / 1024, unit: 'MB (1 writer, statement reads on the 1M ledger)' });
    emit({ name: 'ledger.memory.peak_rss.8_writers', value: peakRss / 1024 / 1024, unit: 'MB (process with 8 writer threads)' });
    emit({ name: 'ledger.memory.heap_used', value: process.memoryUsage().heapUsed / 1024 / 1024, unit: 'MB' });
    clearInterval(sampler);
    // After the memory figures: the in-memory stand-in keeps every version of every document.
    await cloudbaseShards();
  } finally {
    clearInterval(sampler);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (!isMainThread && (workerData as WorkerJob | undefined)?.kind === 'ledger-bench') {
  workerMain(workerData as WorkerJob).catch((e) => {
    throw e;
  });
} else if (isMainThread && require.main === module && process.argv[2] === GENERATE) {
  const [file, transfers, targetTransfers, people] = process.argv.slice(3);
  generateLedger(file!, { transfers: Number(transfers), targetTransfers: Number(targetTransfers), people: Number(people) })
    .then((store) => store.close())
    .catch((e) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    });
} else if (isMainThread && require.main === module) {
  run().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
