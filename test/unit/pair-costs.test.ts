/**
 * The pairing's two cost sources (cloudfunctions/core/domain/pair-costs.ts) on seeded random streets:
 * the grid that prices pairs on demand (nearbyCosts) gives every pair the same cost as the whole
 * matrix, counts the same allowed pairs, finds the same nearest volunteers, and a scan never skips
 * a pair below its limit nor reports a bound above a pair it skipped. Streets with people without a
 * location, rejected pairs, volunteers without room, more dialects than fit one word, a walking
 * limit shorter than the street, and seniors outside the volunteers' area.
 */
import { buildCostMatrix, nearbyCosts, nobodyCost, type PricedSenior, type PricedVolunteer } from '../../cloudfunctions/core/domain/pair-costs';
import { DEFAULT_PAIRING_OPTIONS } from '../../cloudfunctions/core/domain/pairing';
import { mulberry32 } from '../../cloudfunctions/core/domain/prng';

interface Street {
  seniors: PricedSenior[];
  volunteers: PricedVolunteer[];
  room: Int32Array;
  forbidden: Set<string>;
  options: typeof DEFAULT_PAIRING_OPTIONS;
}

function street(seed: number): Street {
  const r = mulberry32(seed);
  const n = 20 + Math.floor(r() * 60);
  const m = 10 + Math.floor(r() * 90);
  // Many dialects on some streets, so that a senior's or volunteer's take more than one 30-bit word.
  const dialectCount = r() < 0.3 ? 40 : 3;
  const dialects = () => Array.from({ length: Math.floor(r() * 3) }, () => `d${Math.floor(r() * dialectCount)}`);
  const place = (spread: number) => (r() < 0.08 ? null : { latitude: 31.22 + (r() - 0.25) * spread, longitude: 121.47 + (r() - 0.25) * spread });
  const committee = () => `c${Math.floor(r() * 3)}`;
  const gender = () => (r() < 0.1 ? null : r() < 0.6 ? ('female' as const) : ('male' as const));
  // Seniors spread wider than the volunteers: some live outside the grid's box.
  const seniors: PricedSenior[] = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    committeeId: committee(),
    location: place(0.06),
    genderPreference: r() < 0.3 ? gender() : null,
    dialects: dialects(),
  }));
  const volunteers: PricedVolunteer[] = Array.from({ length: m }, (_, j) => ({
    id: `v${j}`,
    committeeId: committee(),
    location: place(0.04),
    gender: gender(),
    dialects: dialects(),
  }));
  const room = Int32Array.from({ length: m + 1 }, () => (r() < 0.1 ? 0 : 1 + Math.floor(r() * 5)));
  const forbidden = new Set<string>();
  for (let t = 0; t < n / 4; t++) forbidden.add(`s${Math.floor(r() * n)}\u0000v${Math.floor(r() * m)}`);
  const maxDistanceM = r() < 0.5 ? 1000 + Math.floor(r() * 3000) : DEFAULT_PAIRING_OPTIONS.maxDistanceM;
  return { seniors, volunteers, room, forbidden, options: { ...DEFAULT_PAIRING_OPTIONS, maxDistanceM } };
}

const seeds = Array.from({ length: 40 }, (_, s) => 500 + s);

describe('pair costs without a matrix (nearbyCosts)', () => {
  it.each(seeds)('prices every pair as the whole matrix does, and counts the same allowed pairs (seed %i)', (seed) => {
    const s = street(seed);
    const n = s.seniors.length;
    const m = s.volunteers.length;
    const matrix = buildCostMatrix(s.seniors, s.volunteers, s.room, s.forbidden, s.options);
    const nearby = nearbyCosts(s.seniors, s.volunteers, s.room, s.forbidden, s.options);
    let allowedPairs = 0;
    for (let i = 0; i < n; i++) {
      const row = Array.from(matrix.cost.subarray(i * (m + 1), i * (m + 1) + m));
      expect({ i, row: Array.from({ length: m }, (_, j) => nearby.at(i, j)) }).toEqual({ i, row });
      const allowed = row.filter((c) => c >= 0).length;
      expect({ i, allowed: nearby.allowed(i) }).toEqual({ i, allowed });
      allowedPairs += allowed;
    }
    // Some pairs allowed and some not, or the street tests little.
    expect(allowedPairs).toBeGreaterThan(0);
    expect(allowedPairs).toBeLessThan(n * m);
    // "Nobody" stays dearer than any real assignment could differ by.
    expect(nearby.maxCost).toBeGreaterThanOrEqual(matrix.maxCost);
    expect(nearby.at(0, m)).toBe(nobodyCost(n, nearby.maxCost));
  });

  it.each(seeds)('never skips a pair below the limit, and bounds the pairs it skips (seed %i)', (seed) => {
    const s = street(seed);
    const n = s.seniors.length;
    const m = s.volunteers.length;
    const r = mulberry32(seed * 7 + 1);
    const { cost } = buildCostMatrix(s.seniors, s.volunteers, s.room, s.forbidden, s.options);
    const nearby = nearbyCosts(s.seniors, s.volunteers, s.room, s.forbidden, s.options);
    // Column terms as the solver passes them: prices or potentials, negative and positive.
    const values = Float64Array.from({ length: m + 1 }, () => Math.round((r() - 0.7) * 2000));
    const terms = nearby.terms(values);
    let skippedSome = 0;
    const wrong: object[] = [];
    for (let i = 0; i < n; i++) {
      for (const withTerms of [false, true]) {
        const limit = Math.round(r() * 3000) - (withTerms ? 500 : 0);
        const seen = new Map<number, number>();
        const visitor = {
          limit,
          visit(j: number, c: number) {
            if (seen.has(j)) wrong.push({ i, j, twice: true });
            seen.set(j, c);
          },
        };
        const bound = nearby.scan(i, withTerms ? terms : null, visitor);
        for (let j = 0; j < m; j++) {
          const c = cost[i * (m + 1) + j]!;
          const key = c - (withTerms ? values[j]! : 0);
          if (c < 0) {
            if (seen.has(j)) wrong.push({ i, j, notAllowedButVisited: true });
          } else if (seen.has(j)) {
            if (seen.get(j) !== c) wrong.push({ i, j, c, visitedAt: seen.get(j) });
          } else {
            skippedSome += 1;
            if (key < limit || bound > key) wrong.push({ i, j, key, limit, bound });
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(skippedSome).toBeGreaterThan(0);
  });

  it.each(seeds)('finds the k cheapest as the matrix does when the visitor lowers its limit, and the same nearest by distance (seed %i)', (seed) => {
    const s = street(seed);
    const n = s.seniors.length;
    const m = s.volunteers.length;
    const matrix = buildCostMatrix(s.seniors, s.volunteers, s.room, s.forbidden, s.options, 4);
    const nearby = nearbyCosts(s.seniors, s.volunteers, s.room, s.forbidden, s.options);
    expect(nearby.nearest(4).map((list) => Array.from(list))).toEqual(matrix.nearest.map((list) => Array.from(list)));
    const k = 5;
    for (let i = 0; i < n; i++) {
      const kept: Array<[number, number]> = [];
      const visitor = {
        limit: Infinity,
        visit(j: number, c: number) {
          kept.push([c, j]);
          kept.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          kept.length = Math.min(kept.length, k);
          if (kept.length === k) visitor.limit = kept[k - 1]![0] + 1;
        },
      };
      nearby.scan(i, null, visitor);
      const expected: Array<[number, number]> = [];
      for (let j = 0; j < m; j++) if (matrix.cost[i * (m + 1) + j]! >= 0) expected.push([matrix.cost[i * (m + 1) + j]!, j]);
      expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      expect(kept).toEqual(expected.slice(0, k));
    }
  });
});
