/**
 * What a commit of group-committed gifts writes under each SQLite table layout (about 10 s;
 * `BENCH_ONLY=table-layout npm run bench`). The store's layout (`ensureCollectionTable`: rowid
 * tables with a unique id) against the layout it replaced (WITHOUT ROWID, keyed by id), on the
 * tables a gift writes (`requests`, `transfers`, `movements`, with their indexes) and with the
 * service's key shapes: 32 gifts per commit from 32 callers over 8 givers, documents of the sizes
 * the service writes. Checkpoints are off during the timed commits, so the WAL's growth is exactly
 * the frames the commits wrote. Layouts alternate in rounds; ratios are new layout / old layout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureCollectionIndexes, ensureCollectionTable } from '../cloudfunctions/core/store/sqlite/migrations';
import { SCALE, emit } from './_figures';

const TABLES = ['requests', 'transfers', 'movements'] as const;
const PER_COMMIT = 32;
const PAGE = 4096;
const FRAME = PAGE + 24;

type Layout = 'rowid' | 'keyed';

/** The layout before user_version 2, as the adapter created it. */
function keyedTable(db: Database.Database, name: (typeof TABLES)[number]): void {
  db.exec(`CREATE TABLE "${name}" (id TEXT PRIMARY KEY, doc TEXT NOT NULL CHECK (json_valid(doc))) WITHOUT ROWID`);
  ensureCollectionIndexes(db, name);
}

interface Measured {
  framesPerCommit: number;
  commitUs: number;
  bodyUs: number;
}

function measure(layout: Layout, commits: number, round: number): Measured {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `table-layout-${layout}-`));
  const file = path.join(dir, 'layout.db');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    for (const t of TABLES) {
      if (layout === 'rowid') ensureCollectionTable(db, t);
      else keyedTable(db, t);
    }
    const insert = Object.fromEntries(TABLES.map((t) => [t, db.prepare(`INSERT INTO "${t}" (id, doc) VALUES (?, ?)`)]));
    const seqs = new Map<string, number>();
    const pad = (n: number) => 'x'.repeat(n);
    let n = 0;
    const gift = (lane: number) => {
      n += 1;
      const giver = `u_bench_g${lane % 8}`;
      const requestId = `bench-r${round}-${lane}-${n}`;
      const at = new Date(Date.UTC(2026, 11, 5) + n).toISOString();
      insert.requests!.run(`bench-giver-${lane % 8}|timebank.gift|${requestId}`, JSON.stringify({ createdAt: at, inputHash: pad(32), result: pad(480) }));
      const transferId = `gift:${giver}:${requestId}`;
      insert.transfers!.run(transferId, JSON.stringify({ kind: 'gift', createdAt: at, memo: pad(200) }));
      for (const accountId of [`user:${giver}`, `user:u_bench_r${lane % 8}`]) {
        const seq = (seqs.get(accountId) ?? 0) + 1;
        seqs.set(accountId, seq);
        insert.movements!.run(`${accountId}:${String(seq).padStart(10, '0')}`, JSON.stringify({ accountId, seq, transferId, createdAt: at, pad: pad(180) }));
      }
    };
    const commit = () => {
      db.exec('BEGIN IMMEDIATE');
      for (let lane = 0; lane < PER_COMMIT; lane += 1) gift(lane);
      db.exec('COMMIT');
    };
    // A ledger that already holds some history, checkpointed, so the timed commits start a fresh WAL.
    for (let k = 0; k < 300; k += 1) commit();
    db.pragma('wal_checkpoint(TRUNCATE)');
    let bodyNs = 0n;
    let commitNs = 0n;
    for (let k = 0; k < commits; k += 1) {
      const t0 = process.hrtime.bigint();
      db.exec('BEGIN IMMEDIATE');
      for (let lane = 0; lane < PER_COMMIT; lane += 1) gift(lane);
      const t1 = process.hrtime.bigint();
      db.exec('COMMIT');
      bodyNs += t1 - t0;
      commitNs += process.hrtime.bigint() - t1;
    }
    const frames = fs.statSync(`${file}-wal`).size / FRAME;
    return { framesPerCommit: frames / commits, commitUs: Number(commitNs) / 1000 / commits, bodyUs: Number(bodyNs) / 1000 / commits };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `min ${Math.min(...xs).toFixed(3)} median ${median(xs).toFixed(3)} max ${Math.max(...xs).toFixed(3)}`;

export async function run(): Promise<void> {
  const rounds = 3;
  const commits = Math.max(50, Math.round(300 * SCALE));
  const seen: Record<Layout, Measured[]> = { rowid: [], keyed: [] };
  for (let r = 0; r < rounds; r += 1) {
    for (const layout of ['keyed', 'rowid'] as const) seen[layout].push(measure(layout, commits, r));
  }
  const figure = (name: string, unit: string, pick: (m: Measured) => number) => {
    const ratios = seen.rowid.map((m, i) => pick(m) / pick(seen.keyed[i]!));
    emit({
      name,
      value: median(seen.rowid.map(pick)),
      unit: `${unit}, rowid tables (baseline: WITHOUT ROWID keyed by id; ${rounds} interleaved rounds: ${spread(ratios)})`,
      baseline: median(seen.keyed.map(pick)),
      ratio: median(ratios),
    });
  };
  figure('table_layout.wal_frames_per_commit', `WAL frames per commit of ${PER_COMMIT} gifts`, (m) => m.framesPerCommit);
  figure('table_layout.commit_us', `µs per COMMIT of ${PER_COMMIT} gifts`, (m) => m.commitUs);
  figure('table_layout.writes_us', `µs writing ${PER_COMMIT} gifts before the COMMIT`, (m) => m.bodyUs);
}

if (require.main === module) {
  run().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
