/**
 * The exact solver (cloudfunctions/core/domain/assignment.ts) on seeded random cost matrices: the
 * sparse path (a few candidates per row, widened until the certificate holds) gives the dense
 * optimum, with tight, scarce and roomy capacities; every answer carries a certificate that an
 * independent check accepts, and a tampered one is refused.
 */
import { certifies, solveExact } from '../../cloudfunctions/core/domain/assignment';
import { mulberry32 } from '../../cloudfunctions/core/domain/prng';

/** The same instances on every run. */
const prng = mulberry32;

type Places = 'tight' | 'scarce' | 'roomy';

/**
 * Rows and columns on a unit square, cost = distance (integer) plus a penalty when the two are in
 * different halves (like a 居委 boundary); some pairs not allowed. Column m is "nobody".
 */
function instance(seed: number, places: Places): { n: number; m: number; cost: Int32Array; capacity: Int32Array } {
  const r = prng(seed);
  const m = 8 + Math.floor(r() * 25);
  const perColumn = 1 + Math.floor(r() * 5);
  const n = places === 'tight' ? m * perColumn : places === 'scarce' ? m * perColumn + 1 + Math.floor(r() * 10) : Math.max(1, Math.floor((m * perColumn) / 2));
  const width = m + 1;
  const rows = Array.from({ length: n }, () => [r(), r()] as const);
  const cols = Array.from({ length: m }, () => [r(), r()] as const);
  const cost = new Int32Array(n * width);
  let maxCost = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const [x, y] = rows[i]!;
      const [u, v] = cols[j]!;
      const c = Math.round(1000 * Math.hypot(x - u, y - v)) + (x < 0.5 !== u < 0.5 ? 400 : 0);
      cost[i * width + j] = r() < 0.05 ? -1 : c;
      if (c > maxCost) maxCost = c;
    }
  }
  for (let i = 0; i < n; i++) cost[i * width + m] = (n + 1) * (maxCost + 1);
  const capacity = new Int32Array(width).fill(perColumn);
  capacity[m] = n;
  return { n, m, cost, capacity };
}

function totalCost(n: number, m: number, cost: Int32Array, of: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += cost[i * (m + 1) + of[i]!]!;
  return sum;
}

describe('exact assignment', () => {
  const cases = (['tight', 'scarce', 'roomy'] as const).flatMap((places) => Array.from({ length: 12 }, (_, s) => ({ places, seed: 100 + s })));

  it.each(cases)('gives the dense optimum from few candidates ($places places, seed $seed)', ({ places, seed }) => {
    const { n, m, cost, capacity } = instance(seed, places);
    const dense = solveExact(n, m, cost, capacity, m);
    expect(dense.proof).toBe('dense');
    expect(certifies(n, m, cost, capacity, dense)).toBe(true);
    for (const k of [1, 2, 4]) {
      const sparse = solveExact(n, m, cost, capacity, k);
      expect(certifies(n, m, cost, capacity, sparse)).toBe(true);
      expect({ k, cost: totalCost(n, m, cost, sparse.of) }).toEqual({ k, cost: totalCost(n, m, cost, dense.of) });
    }
  });

  it('widens rounds from the previous answer when tight capacity sends rows past their first candidates', () => {
    let widened = 0;
    for (let seed = 200; seed < 220; seed++) {
      const { n, m, cost, capacity } = instance(seed, 'tight');
      const sparse = solveExact(n, m, cost, capacity, 2);
      if (sparse.rounds > 1) widened += 1;
      expect(sparse.check.prunedPairs).toBeGreaterThan(0);
      expect(sparse.check.minReducedCost).toBeGreaterThanOrEqual(0);
    }
    expect(widened).toBeGreaterThan(5);
  });

  it('gives the same optimum whatever prices it is hinted, right, wrong or absurd (a hint changes the speed only)', () => {
    for (let seed = 300; seed < 312; seed++) {
      const { n, m, cost, capacity } = instance(seed, seed % 2 ? 'tight' : 'scarce');
      const dense = solveExact(n, m, cost, capacity, m);
      const r = prng(seed);
      const hints = [
        // The dense optimum's own column potentials: the best a hint can be.
        Float64Array.from(dense.piCol.subarray(0, m)),
        Float64Array.from({ length: m }, () => -Math.floor(r() * 3000)),
        Float64Array.from({ length: m }, (_, j) => (j % 2 ? 1e6 : -1e6)),
      ];
      for (const [h, price] of hints.entries()) {
        const hinted = solveExact(n, m, cost, capacity, 2, [], { price, count: 2 });
        expect(certifies(n, m, cost, capacity, hinted)).toBe(true);
        expect({ seed, h, cost: totalCost(n, m, cost, hinted.of) }).toEqual({ seed, h, cost: totalCost(n, m, cost, dense.of) });
      }
    }
  });

  it('refuses a certificate with a wrong potential or a worse assignment', () => {
    const { n, m, cost, capacity } = instance(7, 'tight');
    const good = solveExact(n, m, cost, capacity, 3);
    expect(certifies(n, m, cost, capacity, good)).toBe(true);

    // A row's potential nudged: its pair in use is no longer tight.
    const piRow = Float64Array.from(good.piRow);
    piRow[0]! += 1;
    expect(certifies(n, m, cost, capacity, { ...good, piRow })).toBe(false);

    // A column with room given a price.
    const piCol = Float64Array.from(good.piCol);
    piCol[m] = -1;
    expect(certifies(n, m, cost, capacity, { ...good, piCol })).toBe(false);

    // Two rows on different columns swapped: same capacities, but some pair in use is not tight,
    // whatever it costs; the potentials cannot prove it.
    const of = Int32Array.from(good.of);
    const a = 0;
    const b = of.findIndex((j, i) => i > a && j !== of[a] && cost[i * (m + 1) + of[a]!]! >= 0 && cost[a * (m + 1) + j]! >= 0);
    expect(b).toBeGreaterThan(0);
    [of[a], of[b]] = [of[b]!, of[a]!];
    expect(certifies(n, m, cost, capacity, { ...good, of })).toBe(false);
  });
});
