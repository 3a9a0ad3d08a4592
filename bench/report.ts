/**
 * Street report benchmark (`npm run bench`; alone: `BENCH_ONLY=report npm run bench`). Prints one JSON
 * object per line: {"name","value","unit","baseline"?,"ratio"?}.
 *
 * A year of a large street on SQLite (bulk-inserted through one store transaction): 2,000
 * volunteers, 40,000 approved service records over 4 teams and 8 categories, one earn transfer per
 * record, 600 activities, 300 seniors with 12,000 老伙伴 contacts. Times `admin.report`'s
 * computation (services/report.ts: every figure from indexed queries, a page of 100 at a time) for a
 * month and for the whole year (no ratio: nothing else computes the same figures). Like with like:
 * the service-hours figure alone, read through the store port as the report reads it (approved
 * records dated in the period, pages of 100 on the (state, date) index), next to one SQL aggregate
 * over the same rows (what that figure would cost with no store port at all).
 *
 * BENCH_SCALE (default 1) scales the number of records, transfers and contacts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { personAccountId, issuanceAccountFor, transferId } from '../cloudfunctions/core/domain/ledger';
import { addDays, localToUtc } from '../cloudfunctions/core/domain/schedule';
import { report } from '../cloudfunctions/core/services/report';
import { openSqliteStore } from '../cloudfunctions/core/store/sqlite';
import { emit, prng, SCALE } from './_figures';

const YEAR = '2026';
const TEAMS = ['t_patrol', 't_paws', 't_waterfront', 't_partners'];
const CATEGORIES = ['daily', 'emotional', 'escort', 'culture', 'health', 'legal', 'training', 'community'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(runs: number, body: () => unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await body();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(ms);
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-'));
  const store = openSqliteStore(path.join(dir, 'street.db'));
  const random = prng(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const day = () => addDays(`${YEAR}-01-01`, Math.floor(random() * 365));
  const at = (date: string) => localToUtc(date, '10:00').toISOString();
  const records = Math.round(40_000 * SCALE);
  const contacts = Math.round(12_000 * SCALE);
  try {
    await store.transaction(async (tx) => {
      for (const t of TEAMS) await tx.set('teams', { _id: t, name: `队伍 ${t}`, description: '', order: 1, leaderIds: [], createdAt: at(`${YEAR}-01-01`) });
      for (let v = 0; v < 2000; v++) {
        await tx.set('users', {
          _id: `u${v}`,
          name: 'bench',
          phoneEnc: '',
          phoneHash: '',
          phoneMasked: '',
          birthYear: 1960,
          committeeId: 'c1',
          elderMode: false,
          consent: { version: 'b', at: at(`${YEAR}-01-01`) },
          grants: [],
          roles: ['volunteer'],
          createdAt: at(day()),
          updatedAt: at(day()),
        });
      }
      for (let i = 0; i < records; i++) {
        const date = day();
        const volunteerId = `u${Math.floor(random() * 2000)}`;
        const minutes = 30 + Math.floor(random() * 150);
        const id = `r${i}`;
        await tx.set('serviceRecords', {
          _id: id,
          volunteerId,
          teamId: pick(TEAMS),
          category: pick(CATEGORIES),
          categoryName: '类别',
          earnsCredits: true,
          date,
          place: '',
          content: '',
          served: '',
          minutes,
          state: 'approved',
          recorderId: 'u0',
          approverId: 'u0',
          transferId: transferId.earn(id),
          reversalId: null,
          reason: null,
          createdAt: at(date),
          decidedAt: at(date),
          updatedAt: at(date),
        });
        await tx.set('transfers', {
          _id: transferId.earn(id),
          kind: 'earn',
          phase: 'posted',
          debitAccountId: issuanceAccountFor(transferId.earn(id)),
          creditAccountId: personAccountId(volunteerId),
          amount: minutes,
          pendingId: null,
          reversesId: null,
          actorId: 'u0',
          memo: '',
          refs: {},
          createdAt: at(date),
        });
      }
      for (let a = 0; a < 600; a++) {
        const date = day();
        await tx.set('activities', {
          _id: `a${a}`,
          teamId: pick(TEAMS),
          status: random() < 0.05 ? 'cancelled' : 'scheduled',
          startAt: at(date),
          endAt: at(date),
          signed: ['u1', 'u2', 'u3'],
          attendance: 'closed',
        });
      }
      for (let s = 0; s < 300; s++) {
        await tx.set('seniors', { _id: `s${s}`, committeeId: 'c1', livingAlone: s % 5 !== 0, createdAt: at(`${YEAR}-01-01`) });
        await tx.set('care', { _id: `s${s}`, committeeId: 'c1', paired: s % 3 !== 0, anchorAt: at(`${YEAR}-01-01`), updatedAt: at(`${YEAR}-01-01`) });
      }
      for (let c = 0; c < contacts; c++) {
        const date = day();
        await tx.set('contacts', {
          _id: `c${c}`,
          seniorId: `s${c % 300}`,
          volunteerId: 'u1',
          committeeId: 'c1',
          at: at(date),
          channel: random() < 0.4 ? 'visit' : 'phone',
          outcome: random() < 0.03 ? 'unreachable' : 'ok',
          recordState: 'none',
        });
      }
    });

    const sql = store.rawReader.prepare(
      "SELECT count(*) AS n, sum(json_extract(doc, '$.minutes')) AS m FROM serviceRecords WHERE json_extract(doc, '$.state') = 'approved' AND json_extract(doc, '$.date') BETWEEN ? AND ?",
    );
    const month = { from: `${YEAR}-06-01`, to: `${YEAR}-06-30` };
    const year = { from: `${YEAR}-01-01`, to: `${YEAR}-12-31` };
    const now = new Date(`${YEAR}-12-31T12:00:00Z`);
    // Same answer first: the report's service figure is the table's.
    const check = sql.get(year.from, year.to) as { n: number; m: number };
    const full = await report(store, year, now);
    if (full.service.approved.count !== check.n || full.service.approved.minutes !== check.m) throw new Error('report disagrees with the table');

    /** The service-hours figure through the port: every approved record dated in the period, 100 a page. */
    const serviceHours = async (period: { from: string; to: string }) => {
      let minutes = 0;
      let count = 0;
      let after: string | undefined;
      do {
        const page = await store.find<{ _id: string; minutes: number }>('serviceRecords', {
          where: { state: 'approved', date: { gte: period.from, lte: period.to } },
          orderBy: { field: 'date', direction: 'asc' },
          limit: 100,
          after,
        });
        for (const r of page.items) {
          minutes += r.minutes;
          count += 1;
        }
        after = page.next ?? undefined;
      } while (after);
      return { n: count, m: minutes };
    };
    const viaPort = await serviceHours(year);
    if (viaPort.n !== check.n || viaPort.m !== check.m) throw new Error('the port disagrees with the table');

    emit({ name: `report: one month of a street with ${records} records a year (ms)`, value: await time(5, () => report(store, month, now)), unit: 'ms' });
    emit({
      name: `report: the whole year, ${records} records, ${records} transfers, ${contacts} contacts (ms)`,
      value: await time(3, () => report(store, year, now)),
      unit: 'ms',
    });
    for (const [label, period, runs] of [
      ['one month', month, 5],
      ['the whole year', year, 3],
    ] as const) {
      const portMs = await time(runs, () => serviceHours(period));
      const sqlMs = await time(runs, () => sql.get(period.from, period.to));
      emit({
        name: `report: service hours of ${label} through the store port (ms)`,
        value: portMs,
        unit: 'ms (baseline: one SQL aggregate over the same rows)',
        baseline: sqlMs,
        ratio: portMs / sqlMs,
      });
    }
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  run().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
