/**
 * 老伙伴 benchmark (`npm run bench`; alone: `npx tsx bench/partners.ts`). Prints one JSON object
 * per line: {"name","value","unit","baseline"?,"ratio"?}.
 *
 * 1. Pairing a whole street at once: 5,000 seniors and 1,000 partner volunteers of capacity 5 (so
 *    every place is needed), on a seeded random street of about 3 × 3 km in four 居委 quadrants, with
 *    gender and dialect wishes. The exact solver (domain/pairing.ts, default: candidates per senior
 *    with the proof against every pair) next to greedy nearest-first on the same instance in the
 *    same run: wall and CPU time, the proof and what it checked, total cost (metres plus penalties),
 *    mean walking distance per pair. The same street solved on every pair at once (candidates:
 *    Infinity) must give the same total; the bench fails otherwise. Then the same street with
 *    capacity 8 (room to spare), default against every pair at once, same check.
 * 2. The scheduler's alarm ladder over a street of 5,000 paired seniors on SQLite (bulk-inserted
 *    through one store transaction): the first run, which reminds and escalates the overdue ones
 *    (one transaction each), a second run at the same moment, which finds nothing to do, and then
 *    the whole scheduler run (ladder, activities' absentees, the help sweep).
 *
 * BENCH_SCALE (default 1) scales the number of seniors and volunteers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { greedyPairs, suggestPairs, walkMeters, type PairingInput, type PairingSenior, type PairingVolunteer } from '../cloudfunctions/core/domain/pairing';
import { roleSet, type RoleGrant } from '../cloudfunctions/core/domain/roles';
import type { SeniorDoc } from '../cloudfunctions/core/domain/seniors';
import type { UserDoc } from '../cloudfunctions/core/domain/people';
import { PROGRAMME_DOC_ID } from '../cloudfunctions/core/services/partners';
import type { CareDoc, PartnerDoc, ProgrammeDoc } from '../cloudfunctions/core/domain/partners';
import { runLadder, runScheduler } from '../cloudfunctions/core/services/scheduler';
import { openSqliteStore } from '../cloudfunctions/core/store/sqlite';
import { emit, prng, SCALE } from './_figures';

const LAT0 = 31.225;
const LNG0 = 121.475;
/** About 3.3 km north-south and 3.2 km east-west. */
const SPAN_LAT = 0.03;
const SPAN_LNG = 0.034;

function streetInstance(seniors: number, volunteers: number, seed = 6): PairingInput {
  const r = prng(seed);
  const place = () => {
    const latitude = LAT0 + r() * SPAN_LAT;
    const longitude = LNG0 + r() * SPAN_LNG;
    // Four 居委 by quadrant, as the estates of a street are laid out.
    const committeeId = `c${(latitude > LAT0 + SPAN_LAT / 2 ? 2 : 0) + (longitude > LNG0 + SPAN_LNG / 2 ? 1 : 0)}`;
    return { location: { latitude, longitude }, committeeId };
  };
  const ss: PairingSenior[] = Array.from({ length: seniors }, (_, i) => {
    const p = place();
    return {
      id: `s${String(i).padStart(5, '0')}`,
      ...p,
      genderPreference: r() < 0.2 ? 'female' : r() < 0.05 ? 'male' : null,
      dialects: r() < 0.5 ? ['上海话'] : [],
    };
  });
  const vs: PairingVolunteer[] = Array.from({ length: volunteers }, (_, j) => {
    const p = place();
    return { id: `v${String(j).padStart(5, '0')}`, ...p, gender: r() < 0.65 ? 'female' : 'male', dialects: r() < 0.6 ? ['上海话'] : [], capacity: 5 };
  });
  return { seniors: ss, volunteers: vs };
}

function meanWalk(input: PairingInput, pairs: Array<{ seniorId: string; volunteerId: string }>): number {
  const s = new Map(input.seniors.map((x) => [x.id, x]));
  const v = new Map(input.volunteers.map((x) => [x.id, x]));
  let sum = 0;
  for (const p of pairs) sum += walkMeters(s.get(p.seniorId)!.location!, v.get(p.volunteerId)!.location!);
  return pairs.length ? sum / pairs.length : 0;
}

function timedCpu<T>(f: () => T): { ms: number; cpuMs: number; value: T } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, cpuMs: process.cpuUsage(cpu).user / 1000, value };
}

async function benchPairing(): Promise<void> {
  const n = Math.round(5000 * SCALE);
  const m = Math.round(1000 * SCALE);
  const input = streetInstance(n, m);
  // Warm-up (JIT), not measured: two streets of 1,250 × 250, large enough to take the same paths as
  // the measured one (the coarse prices start at 250,000 pairs), as a server that pairs more than
  // once is. The first large solve of a fresh process costs about 0.2 s more (docs/performance.md).
  for (const seed of [1, 2]) suggestPairs(streetInstance(1250, 250, seed));
  greedyPairs(streetInstance(300, 60, 1));

  const exact = timedCpu(() => suggestPairs(input));
  const greedy = timedCpu(() => greedyPairs(input));
  if (greedy.value.pairs.length > exact.value.suggestions.length) throw new Error('pairing: greedy paired more seniors than the optimum');
  const everyPair = timedCpu(() => suggestPairs({ ...input, options: { candidates: Number.POSITIVE_INFINITY } }));
  if (everyPair.value.totalCost !== exact.value.totalCost || everyPair.value.suggestions.length !== exact.value.suggestions.length) {
    throw new Error(`pairing: candidate solver ${exact.value.totalCost} differs from every-pair solver ${everyPair.value.totalCost}`);
  }
  const check = exact.value.proofCheck;
  emit({
    name: `pairing ${n} seniors × ${m} volunteers (cap 5): exact solver, wall time`,
    value: exact.ms,
    unit: 'ms',
    baseline: greedy.ms,
    ratio: exact.ms / greedy.ms,
  });
  emit({
    name: `pairing: exact solver (proof: ${exact.value.proof}, ${exact.value.rounds} rounds, ${exact.value.pricedCells} cells priced first), CPU time (greedy nearest-first as baseline)`,
    value: exact.cpuMs,
    unit: 'ms',
    baseline: greedy.cpuMs,
    ratio: exact.cpuMs / greedy.cpuMs,
  });
  emit({
    name: `pairing: proof: pruned pairs checked (${check.scannedPairs} priced one by one in the last round, the rest by a bound), min reduced cost ${check.minReducedCost} ≥ 0`,
    value: check.prunedPairs,
    unit: 'pairs',
  });
  emit({
    name: 'pairing: same street on every pair at once (same total cost), CPU time vs the default',
    value: everyPair.cpuMs,
    unit: 'ms',
    baseline: exact.cpuMs,
    ratio: everyPair.cpuMs / exact.cpuMs,
  });
  emit({
    name: 'pairing: total cost (metres + penalties), exact vs greedy nearest-first',
    value: exact.value.totalCost,
    unit: 'm',
    baseline: greedy.value.totalCost,
    ratio: exact.value.totalCost / greedy.value.totalCost,
  });
  emit({
    name: 'pairing: mean walking distance per pair, exact vs greedy',
    value: meanWalk(input, exact.value.suggestions),
    unit: 'm',
    baseline: meanWalk(input, greedy.value.pairs),
    ratio: meanWalk(input, exact.value.suggestions) / meanWalk(input, greedy.value.pairs),
  });
  emit({ name: 'pairing: seniors paired, exact vs greedy', value: exact.value.suggestions.length, unit: 'seniors', baseline: greedy.value.pairs.length });
  emit({
    name: `pairing: augmenting paths searched (${exact.value.rounds} rounds, proof: ${exact.value.proof})`,
    value: exact.value.augmentations,
    unit: 'paths',
  });

  // With room to spare (capacity 8): the default against every pair at once, same optimum.
  const roomy: PairingInput = { ...input, volunteers: input.volunteers.map((v) => ({ ...v, capacity: 8 })) };
  const sparse = timedCpu(() => suggestPairs(roomy));
  const dense = timedCpu(() => suggestPairs({ ...roomy, options: { candidates: Number.POSITIVE_INFINITY } }));
  const greedyRoomy = timedCpu(() => greedyPairs(roomy));
  if (dense.value.totalCost !== sparse.value.totalCost || dense.value.suggestions.length !== sparse.value.suggestions.length) {
    throw new Error(`pairing: candidate solver ${sparse.value.totalCost} differs from dense ${dense.value.totalCost}`);
  }
  emit({
    name: `pairing ${n} × ${m} (cap 8): exact, default (proof: ${sparse.value.proof}), CPU time vs every pair at once`,
    value: sparse.cpuMs,
    unit: 'ms',
    baseline: dense.cpuMs,
    ratio: sparse.cpuMs / dense.cpuMs,
  });
  emit({
    name: 'pairing (cap 8): total cost, exact vs greedy nearest-first',
    value: sparse.value.totalCost,
    unit: 'm',
    baseline: greedyRoomy.value.totalCost,
    ratio: sparse.value.totalCost / greedyRoomy.value.totalCost,
  });
  emit({ name: 'pairing (cap 8): greedy nearest-first CPU time', value: greedyRoomy.cpuMs, unit: 'ms' });
}

async function benchScheduler(): Promise<void> {
  const n = Math.round(5000 * SCALE);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-partners-'));
  const store = openSqliteStore(path.join(dataDir, 'street.db'));
  try {
    const now = new Date('2026-12-01T02:00:00.000Z');
    const at = now.toISOString();
    const r = prng(9);
    const committees = ['c0', 'c1', 'c2', 'c3'];
    const user = (id: string, name: string, committeeId: string, grants: RoleGrant[]): UserDoc => ({
      _id: id,
      name,
      phoneEnc: '',
      phoneHash: '',
      phoneMasked: '',
      birthYear: 1940,
      committeeId,
      elderMode: false,
      consent: { version: 'bench', at },
      grants,
      roles: roleSet(grants),
      createdAt: at,
      updatedAt: at,
    });
    const partners = Math.ceil(n / 5);
    const t0 = performance.now();
    await store.transaction(async (tx) => {
      await tx.set<ProgrammeDoc>('settings', { _id: PROGRAMME_DOC_ID, teamId: null, perWeek: 2, weather: null, updatedAt: at, updatedBy: 'bench' });
      for (const c of committees) {
        const sw = `sw_${c}`;
        await tx.create('users', user(sw, `社工${c}`, c, [{ role: 'socialWorker', committeeId: c, grantedBy: 'bench', grantedAt: at }]));
        await tx.create('desks', { _id: c, socialWorkerIds: [sw], updatedAt: at });
      }
      for (let j = 0; j < partners; j++) {
        const id = `pv${j}`;
        const committeeId = committees[j % 4]!;
        await tx.create('users', user(id, `伙伴${j}`, committeeId, [{ role: 'volunteer', grantedBy: 'bench', grantedAt: at }]));
        const seniorIds = Array.from({ length: 5 }, (_, k) => `ps${j * 5 + k}`).filter((_, k) => j * 5 + k < n);
        const doc: PartnerDoc = {
          _id: id,
          committeeId,
          state: 'active',
          capacity: 5,
          estate: '小区',
          building: '',
          location: null,
          gender: 'female',
          dialects: [],
          availability: ['weekend'],
          availabilityNote: '',
          seniorIds,
          joinedAt: at,
          updatedAt: at,
        };
        await tx.create('partners', doc);
      }
      for (let i = 0; i < n; i++) {
        const id = `ps${i}`;
        const committeeId = committees[Math.floor(i / 5) % 4]!;
        await tx.create('users', user(id, `老人${i}`, committeeId, [{ role: 'senior', grantedBy: 'bench', grantedAt: at }]));
        const senior: Partial<SeniorDoc> & { _id: string } = {
          _id: id,
          committeeId,
          addressEnc: '',
          addressHint: '',
          location: null,
          livingAlone: true,
          specialDifficulty: false,
          emergencyEnc: '',
          emergencyCount: 0,
          proxyIds: [],
          partnerId: `pv${Math.floor(i / 5)}`,
          openAlertId: null,
          registeredBy: 'bench',
          createdAt: at,
          updatedAt: at,
        };
        await tx.create('seniors', senior);
        // Last contact spread over the past 6 days: about 40 % are due (84 h), 17 % overdue by a day.
        const last = new Date(now.getTime() - r() * 6 * 24 * 3600_000).toISOString();
        const pairedAt = new Date(now.getTime() - 30 * 24 * 3600_000).toISOString();
        const care: CareDoc = {
          _id: id,
          committeeId,
          paired: true,
          partnerId: `pv${Math.floor(i / 5)}`,
          pairId: `pr_${i}`,
          pairedAt,
          lastContactAt: last,
          lastContactId: null,
          lastOutcome: 'ok',
          anchorAt: last,
          ladder: [],
          overdueAlertId: null,
          openAlertIds: [],
          genderPreference: null,
          dialects: [],
          rejected: [],
          updatedAt: at,
        };
        await tx.create('care', care);
      }
    });
    const loadMs = performance.now() - t0;

    const first = performance.now();
    const run1 = await runLadder(store, now);
    const firstMs = performance.now() - first;
    const second = performance.now();
    const run2 = await runLadder(store, now);
    const secondMs = performance.now() - second;
    if (run2.reminded || run2.escalated) throw new Error('scheduler: the second run alerted again');
    const whole = performance.now();
    const all = await runScheduler({ store }, now);
    const wholeMs = performance.now() - whole;
    if (all.errors.length || all.partners.reminded || all.partners.escalated) throw new Error(`scheduler: ${all.errors.join('; ')}`);
    emit({
      name: `scheduler ladder over ${n} paired seniors: first run (${run1.reminded} reminders, ${run1.escalated} escalations)`,
      value: firstMs,
      unit: 'ms',
    });
    emit({
      name: `scheduler ladder: second run at the same moment (nothing to do; ${run2.scanned} scanned)`,
      value: secondMs,
      unit: 'ms',
      baseline: firstMs,
      ratio: secondMs / firstMs,
    });
    emit({ name: 'scheduler ladder: second run per senior', value: (secondMs * 1000) / n, unit: 'µs' });
    emit({ name: 'scheduler: whole run after that (ladder + activities + help sweep with desk refresh over every user)', value: wholeMs, unit: 'ms' });
    emit({ name: `scheduler bench street bulk insert (${n} seniors, ${partners} partners)`, value: loadMs, unit: 'ms' });
  } finally {
    await store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  await benchPairing();
  await benchScheduler();
}

if (require.main === module) {
  run().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
