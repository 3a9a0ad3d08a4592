/**
 * 老伙伴 pairing (cloudfunctions/core/domain/pairing.ts): exact against brute force on small random
 * instances (seeded), capacities and existing pairs respected, deterministic for the same input.
 */
import {
  DEFAULT_PAIRING_OPTIONS,
  greedyPairs,
  pairCost,
  resolveOptions,
  suggestPairs,
  walkMeters,
  type PairRef,
  type PairingInput,
  type PairingSenior,
  type PairingVolunteer,
} from '../../cloudfunctions/core/domain/pairing';
import { distanceMeters, type LatLng } from '../../cloudfunctions/core/domain/geo';
import { mulberry32 } from '../../cloudfunctions/core/domain/prng';

/** The same instances on every run. */
const prng = mulberry32;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function instance(seed: number, maxSeniors = 7, maxVolunteers = 4): PairingInput {
  const r = prng(seed);
  const n = 1 + Math.floor(r() * maxSeniors);
  const m = 1 + Math.floor(r() * maxVolunteers);
  const place = () => (r() < 0.1 ? null : { latitude: 31.23 + r() * 0.02, longitude: 121.48 + r() * 0.02 });
  const dialects = () => (r() < 0.4 ? ['上海话'] : r() < 0.2 ? ['上海话', '苏北话'] : r() < 0.2 ? ['宁波话'] : []);
  const seniors: PairingSenior[] = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    committeeId: pick(r, ['c1', 'c2']),
    location: place(),
    genderPreference: r() < 0.3 ? pick(r, ['female', 'male'] as const) : null,
    dialects: dialects(),
  }));
  const volunteers: PairingVolunteer[] = Array.from({ length: m }, (_, j) => ({
    id: `v${j}`,
    committeeId: pick(r, ['c1', 'c2']),
    location: place(),
    gender: r() < 0.15 ? null : pick(r, ['female', 'male'] as const),
    dialects: dialects(),
    capacity: Math.floor(r() * 4),
  }));
  const existing: PairRef[] = [];
  const forbidden: PairRef[] = [];
  for (const s of seniors) {
    if (r() < 0.15) existing.push({ seniorId: s.id, volunteerId: pick(r, volunteers).id });
    else if (r() < 0.2) forbidden.push({ seniorId: s.id, volunteerId: pick(r, volunteers).id });
  }
  // Some instances make distance decide what is allowed at all.
  const maxDistanceM = r() < 0.3 ? 800 + Math.floor(r() * 1200) : DEFAULT_PAIRING_OPTIONS.maxDistanceM;
  return { seniors, volunteers, existing, forbidden, options: { maxDistanceM } };
}

/** Every assignment (each free senior to nobody or an allowed volunteer with room): most pairs, then least cost. */
function bruteForce(input: PairingInput): { count: number; cost: number } {
  const o = resolveOptions(input.options);
  const paired = new Set((input.existing ?? []).map((p) => p.seniorId));
  const banned = new Set((input.forbidden ?? []).map((p) => `${p.seniorId}|${p.volunteerId}`));
  const seniors = input.seniors.filter((s) => !paired.has(s.id));
  const room = input.volunteers.map((v) => v.capacity - (input.existing ?? []).filter((p) => p.volunteerId === v.id).length);
  const costs = seniors.map((s) => input.volunteers.map((v) => (banned.has(`${s.id}|${v.id}`) ? null : (pairCost(s, v, o)?.cost ?? null))));
  let best = { count: -1, cost: Infinity };
  const walk = (i: number, count: number, cost: number) => {
    if (i === seniors.length) {
      if (count > best.count || (count === best.count && cost < best.cost)) best = { count, cost };
      return;
    }
    walk(i + 1, count, cost);
    for (let j = 0; j < input.volunteers.length; j++) {
      const c = costs[i]![j];
      if (c === null || c === undefined || room[j]! <= 0) continue;
      room[j]! -= 1;
      walk(i + 1, count + 1, cost + c);
      room[j]! += 1;
    }
  };
  walk(0, 0, 0);
  return best;
}

/**
 * A seeded street of n seniors and m partner volunteers (capacity 5) at the places given: a north and
 * a south 居委, a fifth of the seniors wishing for a woman, half speaking Shanghainese; optionally
 * every k-th senior without a location.
 */
function seededStreet(
  r: () => number,
  n: number,
  m: number,
  at: { senior: () => LatLng; volunteer: () => LatLng; north: number; unlocatedEvery?: number },
): PairingInput {
  const committeeOf = (location: LatLng) => (location.latitude > at.north ? 'north' : 'south');
  return {
    seniors: Array.from({ length: n }, (_, i) => {
      const location = at.senior();
      return {
        id: `s${i}`,
        committeeId: committeeOf(location),
        location: at.unlocatedEvery && i % at.unlocatedEvery === 0 ? null : location,
        genderPreference: r() < 0.2 ? ('female' as const) : null,
        dialects: r() < 0.5 ? ['上海话'] : [],
      };
    }),
    volunteers: Array.from({ length: m }, (_, j) => {
      const location = at.volunteer();
      return {
        id: `v${j}`,
        committeeId: committeeOf(location),
        location,
        gender: r() < 0.65 ? ('female' as const) : ('male' as const),
        dialects: r() < 0.6 ? ['上海话'] : [],
        capacity: 5,
      };
    }),
  };
}

function checkFeasible(input: PairingInput, result: ReturnType<typeof suggestPairs>): void {
  const o = resolveOptions(input.options);
  const existing = input.existing ?? [];
  const banned = new Set((input.forbidden ?? []).map((p) => `${p.seniorId}|${p.volunteerId}`));
  // Existing pairs are kept as they are and their seniors get nothing new.
  expect(result.kept).toEqual(existing);
  const keptSeniors = new Set(existing.map((p) => p.seniorId));
  const seen = new Set<string>();
  for (const s of result.suggestions) {
    expect(keptSeniors.has(s.seniorId)).toBe(false);
    expect(seen.has(s.seniorId)).toBe(false);
    seen.add(s.seniorId);
    expect(banned.has(`${s.seniorId}|${s.volunteerId}`)).toBe(false);
    const senior = input.seniors.find((x) => x.id === s.seniorId)!;
    const volunteer = input.volunteers.find((x) => x.id === s.volunteerId)!;
    expect(s.cost).toBe(pairCost(senior, volunteer, o)!.cost);
  }
  // No volunteer above capacity, counting the pairs kept.
  for (const v of input.volunteers) {
    const load = existing.filter((p) => p.volunteerId === v.id).length;
    const added = result.suggestions.filter((p) => p.volunteerId === v.id).length;
    if (added > 0) expect(load + added).toBeLessThanOrEqual(v.capacity);
  }
  expect(result.totalCost).toBe(result.suggestions.reduce((sum, s) => sum + s.cost, 0));
  const free = input.seniors.filter((s) => !keptSeniors.has(s.id)).length;
  expect(result.suggestions.length + result.unassigned.length).toBe(free);
}

describe('pairing cost', () => {
  it('prices distance plus each unmet wish, and refuses pairs beyond walking distance', () => {
    const here = { latitude: 31.236, longitude: 121.4897 };
    const near = { latitude: 31.238, longitude: 121.4897 };
    const senior: PairingSenior = { id: 's', committeeId: 'c1', location: here, genderPreference: 'female', dialects: ['上海话'] };
    const ideal: PairingVolunteer = { id: 'v', committeeId: 'c1', location: near, gender: 'female', dialects: ['上海话'], capacity: 5 };
    const base = pairCost(senior, ideal)!;
    expect(base.distanceM).toBe(walkMeters(here, near));
    expect(base.cost).toBe(base.distanceM);
    expect(pairCost(senior, { ...ideal, committeeId: 'c2' })!.cost).toBe(base.cost + DEFAULT_PAIRING_OPTIONS.committeePenaltyM);
    expect(pairCost(senior, { ...ideal, gender: 'male' })!.cost).toBe(base.cost + DEFAULT_PAIRING_OPTIONS.genderPenaltyM);
    expect(pairCost(senior, { ...ideal, gender: null })!.genderMet).toBe(false);
    expect(pairCost(senior, { ...ideal, dialects: [] })!.cost).toBe(base.cost + DEFAULT_PAIRING_OPTIONS.dialectPenaltyM);
    expect(pairCost({ ...senior, dialects: [], genderPreference: null }, { ...ideal, gender: 'male', dialects: [] })!.cost).toBe(base.cost);
    expect(pairCost(senior, { ...ideal, location: null })!.cost).toBe(DEFAULT_PAIRING_OPTIONS.unknownDistanceM);
    expect(pairCost(senior, { ...ideal, location: { latitude: 31.3, longitude: 121.4897 } })).toBeNull();
  });

  it('measures walking distance within a metre of the great circle at street scale', () => {
    const a = { latitude: 31.2361, longitude: 121.4897 };
    const b = { latitude: 31.2512, longitude: 121.5102 };
    expect(Math.abs(walkMeters(a, b) - distanceMeters(a, b))).toBeLessThanOrEqual(1);
  });
});

describe('optimal pairing', () => {
  const seeds = Array.from({ length: 300 }, (_, i) => 1000 + i);

  it('matches brute force (most seniors paired, then least total cost) on 300 random instances', () => {
    let withRounds = 0;
    let strictlyBetterThanGreedy = 0;
    const proofs = new Set<string>();
    for (const seed of seeds) {
      const input = instance(seed);
      const best = bruteForce(input);
      const result = suggestPairs(input);
      checkFeasible(input, result);
      expect({ seed, count: result.suggestions.length, cost: result.totalCost }).toEqual({ seed, count: best.count, cost: best.cost });
      // One candidate per senior forces the certificate check to add pairs and solve again:
      // the answer must not change.
      const narrow = suggestPairs({ ...input, options: { ...input.options, candidates: 1 } });
      checkFeasible(input, narrow);
      expect({ seed, count: narrow.suggestions.length, cost: narrow.totalCost }).toEqual({ seed, count: best.count, cost: best.cost });
      if (narrow.rounds > 1) withRounds += 1;
      proofs.add(narrow.proof);
      // Two candidates and plenty of room: the sparse path, its certificate and its repair.
      const roomy = suggestPairs({
        ...input,
        volunteers: input.volunteers.map((v) => ({ ...v, capacity: v.capacity + 3 })),
        options: { ...input.options, candidates: 2 },
      });
      const roomyBest = bruteForce({ ...input, volunteers: input.volunteers.map((v) => ({ ...v, capacity: v.capacity + 3 })) });
      expect({ seed, count: roomy.suggestions.length, cost: roomy.totalCost }).toEqual({ seed, count: roomyBest.count, cost: roomyBest.cost });
      proofs.add(roomy.proof);
      const greedy = greedyPairs(input);
      if (greedy.pairs.length === best.count && greedy.totalCost > best.cost) strictlyBetterThanGreedy += 1;
    }
    // The repair path and the gap to greedy are really exercised by these instances.
    expect(withRounds).toBeGreaterThan(10);
    expect([...proofs].sort()).toEqual(['dense', 'potentials', 'repaired']);
    expect(strictlyBetterThanGreedy).toBeGreaterThan(0);
  });

  it('is exact on larger instances too, whatever the number of candidates tried first', () => {
    for (const seed of [7, 8, 9, 10, 11]) {
      const input = instance(seed, 40, 12);
      const dense = suggestPairs({ ...input, options: { ...input.options, candidates: 1000 } });
      expect(dense.rounds).toBe(1);
      for (const candidates of [1, 2, 5]) {
        const sparse = suggestPairs({ ...input, options: { ...input.options, candidates } });
        checkFeasible(input, sparse);
        expect([sparse.suggestions.length, sparse.totalCost]).toEqual([dense.suggestions.length, dense.totalCost]);
      }
    }
  });

  it('proves optimality over every pair three ways, each giving the dense optimum (medium instances)', () => {
    const proofs: Record<string, number> = {};
    for (let seed = 0; seed < 60; seed++) {
      const r = prng(seed);
      const n = 20 + Math.floor(r() * 60);
      const m = 5 + Math.floor(r() * 20);
      const place = () => ({ latitude: 31.23 + r() * 0.02, longitude: 121.48 + r() * 0.02 });
      const input: PairingInput = {
        seniors: Array.from({ length: n }, (_, i) => ({
          id: `s${i}`,
          committeeId: r() < 0.5 ? 'a' : 'b',
          location: place(),
          genderPreference: r() < 0.3 ? ('female' as const) : null,
          dialects: r() < 0.5 ? ['上海话'] : [],
        })),
        volunteers: Array.from({ length: m }, (_, j) => ({
          id: `v${j}`,
          committeeId: r() < 0.5 ? 'a' : 'b',
          location: place(),
          gender: r() < 0.6 ? ('female' as const) : ('male' as const),
          dialects: r() < 0.5 ? ['上海话'] : [],
          capacity: 1 + Math.floor(r() * 8),
        })),
      };
      const dense = suggestPairs({ ...input, options: { candidates: 1000 } });
      expect(dense.proof).toBe('dense');
      for (const candidates of [1, 2, 3]) {
        const sparse = suggestPairs({ ...input, options: { candidates } });
        checkFeasible(input, sparse);
        expect({ seed, candidates, count: sparse.suggestions.length, cost: sparse.totalCost }).toEqual({
          seed,
          candidates,
          count: dense.suggestions.length,
          cost: dense.totalCost,
        });
        proofs[sparse.proof] = (proofs[sparse.proof] ?? 0) + 1;
      }
    }
    expect(Object.keys(proofs).sort()).toEqual(['potentials', 'repaired']);
  });

  it('gives the every-pair optimum on the default path (candidates, nearest, widened rounds), places tight or short', () => {
    let widened = 0;
    for (const seed of [1, 2, 3, 4]) {
      for (const extraSeniors of [0, 25]) {
        const r = prng(seed);
        const m = 60;
        const n = 5 * m + extraSeniors;
        const place = () => ({ latitude: 31.225 + r() * 0.012, longitude: 121.475 + r() * 0.012 });
        const input = seededStreet(r, n, m, { senior: place, volunteer: place, north: 31.231 });
        const byDefault = suggestPairs(input);
        const everyPair = suggestPairs({ ...input, options: { candidates: Number.POSITIVE_INFINITY } });
        checkFeasible(input, byDefault);
        if (byDefault.rounds > 1) widened += 1;
        expect(byDefault.proof).not.toBe('dense');
        expect(byDefault.proofCheck.minReducedCost).toBeGreaterThanOrEqual(0);
        expect({ seed, extraSeniors, count: byDefault.suggestions.length, cost: byDefault.totalCost }).toEqual({
          seed,
          extraSeniors,
          count: everyPair.suggestions.length,
          cost: everyPair.totalCost,
        });
      }
    }
    expect(widened).toBeGreaterThan(0);
  });

  it('prices the street in cells first on a large problem, and still gives the every-pair optimum (places tight or short)', () => {
    for (const [seed, extraSeniors] of [
      [7, 0],
      [8, 40],
    ] as const) {
      const r = prng(seed);
      const m = 230;
      const n = 5 * m + extraSeniors;
      // Seniors crowd one corner, so the places there run out and some must walk across the street.
      const place = (crowded: boolean) => ({
        latitude: 31.225 + (crowded ? r() * r() : r()) * 0.03,
        longitude: 121.475 + (crowded ? r() * r() : r()) * 0.034,
      });
      const input = seededStreet(r, n, m, { senior: () => place(true), volunteer: () => place(false), north: 31.24, unlocatedEvery: 97 });
      const byDefault = suggestPairs(input);
      const everyPair = suggestPairs({ ...input, options: { candidates: Number.POSITIVE_INFINITY } });
      checkFeasible(input, byDefault);
      expect(byDefault.pricedCells).toBeGreaterThan(0);
      expect(everyPair.pricedCells).toBe(0);
      expect(byDefault.proofCheck.minReducedCost).toBeGreaterThanOrEqual(0);
      expect({ seed, count: byDefault.suggestions.length, cost: byDefault.totalCost }).toEqual({
        seed,
        count: everyPair.suggestions.length,
        cost: everyPair.totalCost,
      });
    }
  });

  it('prices only near each senior on a large problem (no matrix) and still gives the every-pair optimum, ranks and reasons', () => {
    const r = prng(21);
    const m = 250;
    const n = 1300;
    const place = () => ({ latitude: 31.225 + r() * 0.03, longitude: 121.475 + r() * 0.034 });
    // Every 41st senior lives a few kilometres off, out of everyone's reach; places run short.
    let count = 0;
    const seniorPlace = () => (++count % 41 === 0 ? { latitude: 31.3, longitude: 121.475 + r() * 0.034 } : place());
    const street = seededStreet(r, n, m, { senior: seniorPlace, volunteer: place, north: 31.24, unlocatedEvery: 53 });
    // A short walking limit (some seniors have nobody near), rejected pairs, full volunteers, pairs kept.
    const volunteers = street.volunteers.map((v, j) => ({ ...v, capacity: j % 17 === 0 ? 0 : v.capacity }));
    const existing: PairRef[] = Array.from({ length: 40 }, (_, t) => ({ seniorId: `s${t * 7}`, volunteerId: `v${(t * 11) % m}` }));
    const forbidden: PairRef[] = Array.from({ length: 300 }, (_, t) => ({ seniorId: `s${(t * 13) % n}`, volunteerId: `v${(t * 29) % m}` }));
    const input: PairingInput = { ...street, volunteers, existing, forbidden, options: { maxDistanceM: 700 } };
    const o = resolveOptions(input.options);
    const everyPair = suggestPairs({ ...input, options: { ...input.options, candidates: Number.POSITIVE_INFINITY } });
    for (const options of [input.options, { ...input.options, candidates: 3 }]) {
      const nearby = suggestPairs({ ...input, options });
      checkFeasible(input, nearby);
      expect(nearby.proof).toBe('potentials');
      expect({ count: nearby.suggestions.length, cost: nearby.totalCost }).toEqual({ count: everyPair.suggestions.length, cost: everyPair.totalCost });
      expect(nearby.unassigned.map((u) => u.reason).sort()).toEqual(everyPair.unassigned.map((u) => u.reason).sort());
      expect(new Set(nearby.unassigned.map((u) => u.reason))).toEqual(new Set(['no_candidate', 'no_capacity']));
      // Each rank counts the volunteers with room who would have cost the senior less.
      const banned = new Set(forbidden.map((p) => `${p.seniorId}|${p.volunteerId}`));
      const load = new Map<string, number>();
      for (const p of existing) load.set(p.volunteerId, (load.get(p.volunteerId) ?? 0) + 1);
      const wrongRanks = nearby.suggestions.filter((s, t) => {
        if (t % 10 !== 0) return false;
        const senior = input.seniors.find((x) => x.id === s.seniorId)!;
        const cheaper = volunteers.filter((v) => {
          if (v.capacity - (load.get(v.id) ?? 0) <= 0 || banned.has(`${s.seniorId}|${v.id}`)) return false;
          const c = pairCost(senior, v, o);
          return c !== null && c.cost < s.cost;
        }).length;
        return s.rank !== 1 + cheaper;
      });
      expect(wrongRanks).toEqual([]);
    }
  });

  it('beats greedy nearest-first where greedy takes the shared volunteer first', () => {
    // v1 is nearest to both; s1 has v2 as a fair second choice, s2 has nobody else within reach.
    const p = (lat: number) => ({ latitude: 31.23 + lat, longitude: 121.48 });
    const input: PairingInput = {
      seniors: [
        { id: 's1', committeeId: 'c', location: p(0), genderPreference: null, dialects: [] },
        { id: 's2', committeeId: 'c', location: p(0.004), genderPreference: null, dialects: [] },
      ],
      volunteers: [
        { id: 'v1', committeeId: 'c', location: p(0.001), gender: null, dialects: [], capacity: 1 },
        { id: 'v2', committeeId: 'c', location: p(-0.002), gender: null, dialects: [], capacity: 1 },
      ],
      options: { maxDistanceM: 400 },
    };
    const greedy = greedyPairs(input);
    expect(greedy.pairs).toEqual([{ seniorId: 's1', volunteerId: 'v1' }]);
    const best = suggestPairs(input);
    expect(best.suggestions.map((s) => [s.seniorId, s.volunteerId])).toEqual([
      ['s1', 'v2'],
      ['s2', 'v1'],
    ]);
    expect(best.suggestions[0]!.rank).toBe(2);
    expect(best.suggestions[0]!.reasons.join('；')).toContain('第 2 合适');
    expect(best.unassigned).toEqual([]);
  });

  it('keeps existing pairs and counts them against capacity', () => {
    const here = { latitude: 31.236, longitude: 121.4897 };
    const input: PairingInput = {
      seniors: ['s1', 's2', 's3'].map((id) => ({ id, committeeId: 'c', location: here, genderPreference: null, dialects: [] })),
      volunteers: [
        { id: 'near', committeeId: 'c', location: here, gender: null, dialects: [], capacity: 2 },
        { id: 'far', committeeId: 'c', location: { latitude: 31.245, longitude: 121.4897 }, gender: null, dialects: [], capacity: 5 },
      ],
      existing: [{ seniorId: 's1', volunteerId: 'near' }],
    };
    const result = suggestPairs(input);
    expect(result.kept).toEqual([{ seniorId: 's1', volunteerId: 'near' }]);
    expect(result.suggestions.find((s) => s.seniorId === 's1')).toBeUndefined();
    expect(result.suggestions.filter((s) => s.volunteerId === 'near')).toHaveLength(1);
    expect(result.suggestions.filter((s) => s.volunteerId === 'far')).toHaveLength(1);
  });

  it('says why a senior is left without a partner', () => {
    const here = { latitude: 31.236, longitude: 121.4897 };
    const result = suggestPairs({
      seniors: [
        { id: 'a', committeeId: 'c', location: here, genderPreference: null, dialects: [] },
        { id: 'b', committeeId: 'c', location: here, genderPreference: null, dialects: [] },
        { id: 'z', committeeId: 'c', location: { latitude: 31.4, longitude: 121.4897 }, genderPreference: null, dialects: [] },
      ],
      volunteers: [{ id: 'v', committeeId: 'c', location: here, gender: null, dialects: [], capacity: 1 }],
    });
    expect(result.suggestions).toHaveLength(1);
    expect(result.unassigned.map((u) => [u.seniorId, u.reason]).sort()).toEqual([
      [result.suggestions[0]!.seniorId === 'a' ? 'b' : 'a', 'no_capacity'],
      ['z', 'no_candidate'],
    ]);
  });

  it('keeps costs in whole metres within 32 bits, and refuses options or a size that would not fit', () => {
    const here = { latitude: 31.236, longitude: 121.4897 };
    const seniors: PairingSenior[] = [
      { id: 'a', committeeId: 'c', location: null, genderPreference: null, dialects: [] },
      { id: 'b', committeeId: 'c', location: here, genderPreference: null, dialects: [] },
    ];
    const volunteers: PairingVolunteer[] = [{ id: 'v', committeeId: 'c', location: here, gender: null, dialects: [], capacity: 2 }];
    // A fractional penalty would be cut to a whole metre silently: refused instead.
    expect(() => suggestPairs({ seniors, volunteers, options: { dialectPenaltyM: 0.5 } })).toThrow('dialectPenaltyM must be a whole number');
    expect(() => greedyPairs({ seniors, volunteers, options: { committeePenaltyM: -1 } })).toThrow('committeePenaltyM must be a whole number');
    // (2 + 1) × (2^30 + 1) does not fit 32 bits: "nobody" could not be priced above every pair.
    expect(() => suggestPairs({ seniors, volunteers, options: { unknownDistanceM: 2 ** 30 } })).toThrow('too many to pair at once');
    // The largest that fits is solved exactly.
    const fits = suggestPairs({ seniors, volunteers, options: { unknownDistanceM: 2 ** 29 } });
    expect(fits.suggestions.map((x) => [x.seniorId, x.distanceM])).toEqual([
      ['a', null],
      ['b', 0],
    ]);
    expect(fits.totalCost).toBe(2 ** 29);
  });

  it('explains each suggestion: distance, 居委, gender and dialect', () => {
    const result = suggestPairs({
      seniors: [{ id: 's', committeeId: 'c1', location: { latitude: 31.236, longitude: 121.4897 }, genderPreference: 'female', dialects: ['上海话'] }],
      volunteers: [{ id: 'v', committeeId: 'c2', location: { latitude: 31.237, longitude: 121.4897 }, gender: 'male', dialects: ['上海话'], capacity: 5 }],
    });
    const s = result.suggestions[0]!;
    expect(s.distanceM).toBe(111);
    // The only volunteer in reach is said to be that, not "the best".
    expect(s.reasons).toEqual(['相距约 111 米', '不同居委', '老人希望女性伙伴，未满足', '都会说上海话', '是步行范围内唯一有名额的老伙伴']);
  });

  it('says the best of several, and the rank when a better one is kept for another senior', () => {
    const at = (lat: number) => ({ latitude: lat, longitude: 121.4897 });
    const result = suggestPairs({
      seniors: [
        { id: 's1', committeeId: 'c1', location: at(31.236), genderPreference: null, dialects: [] },
        { id: 's2', committeeId: 'c1', location: at(31.2365), genderPreference: null, dialects: [] },
      ],
      volunteers: [
        { id: 'near', committeeId: 'c1', location: at(31.2362), gender: 'female', dialects: [], capacity: 1 },
        { id: 'far', committeeId: 'c1', location: at(31.245), gender: 'female', dialects: [], capacity: 1 },
      ],
    });
    const last = (id: string) => result.suggestions.find((x) => x.seniorId === id)!.reasons.at(-1);
    expect([last('s1'), last('s2')].sort()).toEqual(['是第 2 合适的人选（更合适的人选名额要留给其他老人）', '是这位老人最合适的人选']);
  });
});

describe('determinism', () => {
  it('gives the same answer for the same input, in any order', () => {
    for (const seed of [21, 22, 23, 24, 25]) {
      const input = instance(seed, 30, 10);
      const first = suggestPairs(input);
      expect(suggestPairs(input)).toEqual(first);
      const r = prng(seed * 7);
      const shuffle = <T>(xs: readonly T[]) =>
        [...xs]
          .map((x) => [r(), x] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, x]) => x);
      expect(suggestPairs({ ...input, seniors: shuffle(input.seniors), volunteers: shuffle(input.volunteers) })).toEqual(first);
    }
  });

  it('breaks ties the same way every time (identical seniors and volunteers)', () => {
    const here = { latitude: 31.236, longitude: 121.4897 };
    const seniors = ['s3', 's1', 's2'].map((id) => ({ id, committeeId: 'c', location: here, genderPreference: null, dialects: [] }));
    const volunteers = ['v2', 'v1'].map((id) => ({ id, committeeId: 'c', location: here, gender: null, dialects: [], capacity: 1 }));
    const a = suggestPairs({ seniors, volunteers });
    const b = suggestPairs({ seniors: [...seniors].reverse(), volunteers: [...volunteers].reverse() });
    expect(a.suggestions.map((s) => `${s.seniorId}-${s.volunteerId}`)).toEqual(b.suggestions.map((s) => `${s.seniorId}-${s.volunteerId}`));
    expect(a.unassigned.map((u) => u.seniorId)).toEqual(b.unassigned.map((u) => u.seniorId));
  });
});
