/**
 * 老伙伴 pairing: an optimal assignment of unpaired seniors to partner volunteers. Pure; no I/O.
 *
 * The cost of putting senior s with volunteer v is the walking distance between their coarse
 * locations in metres plus penalties, also in metres: another 居委, a gender preference the senior
 * stated and the volunteer does not meet, no dialect in common when the senior named dialects. A
 * pair further apart than `maxDistanceM`, or one the social worker rejected, is not allowed.
 *
 * The result is lexicographically optimal: first as many seniors paired as capacities and allowed
 * pairs permit, then, among all such assignments, the least total cost. No volunteer receives more
 * seniors than their remaining capacity (capacity minus the seniors they already look after), and
 * existing pairs are kept as they are.
 *
 * Method: min-cost flow by successive shortest paths with node potentials (the Hungarian method for
 * a transportation problem). Every senior is one unit of supply; every volunteer a node with
 * capacity; a "nobody" node of unlimited capacity costs NOBODY per senior, more than any
 * difference in real costs between two assignments, so it is used only when no real pair is
 * possible (which makes "as many paired as possible" the first criterion). Each augmentation runs
 * Dijkstra over the reduced costs (non-negative thanks to the potentials) from one unassigned
 * senior to the sink and stops as soon as the sink is settled; potentials then move by
 * min(dist, dist(sink)), which keeps every residual reduced cost non-negative.
 *
 * The solver may start from the k cheapest volunteers per senior (plus fallback pairs, and on a
 * large problem those cheapest at the street's coarse prices: coarsePrices) instead of every pair;
 * the result is then proved optimal against every pair by LP duality (reduced costs of
 * the pairs left out, or other potentials for the same assignment), and pairs are added and the
 * solver run again until the proof holds. So `candidates` changes the speed, never the answer.
 * Ties break by id, so the same input (in any order) gives the same answer. The solver is
 * domain/assignment.ts; docs/partners.md.
 */
import type { LatLng } from './geo';
import { matrixCosts, solveExact, type PairCosts, type PriceHint, type Proof, type ProofCheck } from './assignment';
import { buildCostMatrix, nearbyCosts, walkMeters, type CostOptions, type Gender } from './pair-costs';
import { transport } from './transport';

export type { Gender } from './pair-costs';
export { walkMeters } from './pair-costs';

export interface PairingSenior {
  id: string;
  committeeId: string;
  /** Coarse location (about 100 m); null when not recorded. */
  location: LatLng | null;
  /** The senior prefers a partner of this gender; null: no preference. */
  genderPreference: Gender | null;
  /** Dialects the senior speaks and would like to be spoken to in (e.g. 上海话); empty: no wish. */
  dialects: readonly string[];
}

export interface PairingVolunteer {
  id: string;
  committeeId: string;
  location: LatLng | null;
  gender: Gender | null;
  dialects: readonly string[];
  /** How many seniors this volunteer looks after at most (default 5). */
  capacity: number;
}

export interface PairRef {
  seniorId: string;
  volunteerId: string;
}

/** The costs (domain/pair-costs.ts: CostOptions) and how many candidates the solver starts from. */
interface PairingOptions extends CostOptions {
  /**
   * Candidate volunteers per senior tried first (the cheapest ones; with the default, also the 4
   * nearest by distance alone and, on a large problem, the 8 cheapest at the coarse prices). A
   * speed option only: the answer is proved against every pair and is as good for any value (see
   * solveExact); Infinity solves on every pair at once.
   */
  candidates: number;
}

export const DEFAULT_PAIRING_OPTIONS: PairingOptions = {
  committeePenaltyM: 1000,
  genderPenaltyM: 1500,
  dialectPenaltyM: 600,
  unknownDistanceM: 2000,
  maxDistanceM: 5000,
  candidates: 16,
};

/** Nearest volunteers by distance alone added to each senior's candidates on the default path. */
const NEAREST_BY_DISTANCE = 4;

/**
 * The size (seniors × volunteers) from which the candidate path prices pairs only near each senior
 * (nearbyCosts) instead of writing the whole matrix, and, with the default candidates, builds the
 * coarse problem first.
 */
const NEARBY_PAIRS = 250_000;

/**
 * The coarse problem (coarsePrices): cells per side of its grid, the pairs each senior gets from its
 * prices, and how many seniors of each cell are priced against the whole street to estimate it.
 */
const PRICE_GRID = 8;
const PRICED_CANDIDATES = 8;
const SAMPLED_PER_CELL = 8;

export interface PairingInput {
  seniors: readonly PairingSenior[];
  volunteers: readonly PairingVolunteer[];
  /** Pairs in force: kept, and counted against the volunteer's capacity. */
  existing?: readonly PairRef[];
  /** Pairs the social worker rejected: never suggested. */
  forbidden?: readonly PairRef[];
  options?: Partial<PairingOptions>;
}

interface PairCost {
  cost: number;
  distanceM: number | null;
  sameCommittee: boolean;
  /** null: the senior stated no preference. */
  genderMet: boolean | null;
  sharedDialects: string[];
  /** null: the senior named no dialect. */
  dialectMet: boolean | null;
  penalties: { committee: number; gender: number; dialect: number; unknownDistance: number };
}

interface Suggestion extends PairCost {
  seniorId: string;
  volunteerId: string;
  /** 1 + the number of volunteers with room who would have cost this senior less. */
  rank: number;
  /** Why this pair, in words a social worker reads. */
  reasons: string[];
}

interface Unassigned {
  seniorId: string;
  reason: 'no_candidate' | 'no_capacity';
  text: string;
}

interface PairingResult {
  suggestions: Suggestion[];
  unassigned: Unassigned[];
  /** Existing pairs, unchanged. */
  kept: PairRef[];
  /** Sum of the suggestions' costs. */
  totalCost: number;
  /** Augmenting paths searched (one per senior not placed by the greedy start, per round). */
  augmentations: number;
  /** Solver rounds: 1 when the candidate pairs already held the optimum, more when some were added. */
  rounds: number;
  /** How optimality over every pair was shown (see Proof). */
  proof: Proof;
  /** What the certificate checked: the pairs left out of the candidates and their least reduced cost. */
  proofCheck: ProofCheck;
  /** Cells of the coarse problem whose prices added candidates (0: none, e.g. a small problem). */
  pricedCells: number;
}

// ---------------------------------------------------------------- costs

export function resolveOptions(options?: Partial<PairingOptions>): PairingOptions {
  return { ...DEFAULT_PAIRING_OPTIONS, ...(options ?? {}) };
}

/** The cost of a pair, or null when it is not allowed (too far apart). */
export function pairCost(s: PairingSenior, v: PairingVolunteer, o: PairingOptions = DEFAULT_PAIRING_OPTIONS): PairCost | null {
  const distanceM = s.location && v.location ? walkMeters(s.location, v.location) : null;
  if (distanceM !== null && distanceM > o.maxDistanceM) return null;
  const sameCommittee = s.committeeId === v.committeeId;
  const genderMet = s.genderPreference ? v.gender === s.genderPreference : null;
  const sharedDialects = s.dialects.filter((d) => v.dialects.includes(d));
  const dialectMet = s.dialects.length ? sharedDialects.length > 0 : null;
  const penalties = {
    committee: sameCommittee ? 0 : o.committeePenaltyM,
    gender: genderMet === false ? o.genderPenaltyM : 0,
    dialect: dialectMet === false ? o.dialectPenaltyM : 0,
    unknownDistance: distanceM === null ? o.unknownDistanceM : 0,
  };
  const cost = (distanceM ?? 0) + penalties.committee + penalties.gender + penalties.dialect + penalties.unknownDistance;
  return { cost, distanceM, sameCommittee, genderMet, sharedDialects, dialectMet, penalties };
}

const GENDER_WORDS: Record<Gender, string> = { female: '女性', male: '男性' };

/** The explanation of a pair, one short phrase per factor. */
function reasonsOf(c: PairCost, s: PairingSenior, rank: number, candidates: number): string[] {
  const reasons: string[] = [];
  reasons.push(c.distanceM === null ? '位置未登记，距离按 ' + `${c.penalties.unknownDistance} 米计` : `相距约 ${c.distanceM} 米`);
  reasons.push(c.sameCommittee ? '同一居委' : '不同居委');
  if (c.genderMet !== null && s.genderPreference) {
    reasons.push(c.genderMet ? `符合希望的${GENDER_WORDS[s.genderPreference]}伙伴` : `老人希望${GENDER_WORDS[s.genderPreference]}伙伴，未满足`);
  }
  if (c.dialectMet !== null) reasons.push(c.dialectMet ? `都会说${c.sharedDialects.join('、')}` : `不会说老人的${s.dialects.join('、')}`);
  // "The best" of one is no comparison: the only one in reach is said as such.
  reasons.push(
    candidates === 1 ? '是步行范围内唯一有名额的老伙伴' : rank === 1 ? '是这位老人最合适的人选' : `是第 ${rank} 合适的人选（更合适的人选名额要留给其他老人）`,
  );
  return reasons;
}

// ---------------------------------------------------------------- the solver

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const pairKey = (seniorId: string, volunteerId: string) => `${seniorId}\u0000${volunteerId}`;

/**
 * The optimal assignment for these seniors and volunteers. Seniors who already have a pair in
 * `existing` are kept and not reassigned.
 */
export function suggestPairs(input: PairingInput): PairingResult {
  const o = resolveOptions(input.options);
  const existing = [...(input.existing ?? [])];
  const pairedSeniors = new Set(existing.map((p) => p.seniorId));
  const forbidden = new Set((input.forbidden ?? []).map((p) => pairKey(p.seniorId, p.volunteerId)));

  // Sorted copies, duplicates dropped: the answer must not depend on the order of the input.
  const seniors = dedupe([...input.seniors].sort(byId)).filter((s) => !pairedSeniors.has(s.id));
  const volunteers = dedupe([...input.volunteers].sort(byId));
  const load = new Map<string, number>();
  for (const p of existing) load.set(p.volunteerId, (load.get(p.volunteerId) ?? 0) + 1);

  const n = seniors.length;
  const m = volunteers.length;
  const room = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) room[j] = Math.max(0, Math.floor(volunteers[j]!.capacity) - (load.get(volunteers[j]!.id) ?? 0));

  // With room to spare (1.25 places a senior or more) the free places are near and the searches
  // short: every pair at once is then the faster default (docs/performance.md). Speed only.
  let places = 0;
  for (let j = 0; j < m; j++) places += room[j]!;
  const k = Math.max(1, Math.floor(input.options?.candidates === undefined && places >= 1.25 * n ? Number.POSITIVE_INFINITY : o.candidates));
  // With the default candidates, each senior also gets the nearest volunteers by walking distance
  // alone, penalties aside: the pairs across a 居委 boundary or against a wish that the optimum
  // uses where places run short, and that the cheapest-k lists never hold.
  const near = input.options?.candidates === undefined ? NEAREST_BY_DISTANCE : 0;
  // Costs in whole metres, −1 for a pair that is not allowed (too far, rejected, or no room at all):
  // on a large problem solved from candidates, priced near each senior only; otherwise the whole matrix.
  let costs: PairCosts;
  let nearest: Int32Array[];
  let hint: PriceHint | null = null;
  if (k < m && n * m >= NEARBY_PAIRS) {
    const nearby = nearbyCosts(seniors, volunteers, room, forbidden, o);
    costs = nearby;
    nearest = near > 0 ? nearby.nearest(near) : [];
    // On the default path, also the pairs cheapest at the street's coarse prices.
    if (near > 0) hint = coarsePrices(seniors, volunteers, nearby, room);
  } else {
    const built = buildCostMatrix(seniors, volunteers, room, forbidden, o, near);
    costs = matrixCosts(n, m, built.cost);
    nearest = built.nearest;
  }
  room[m] = n; // unlimited in effect
  const assigned = solveExact(n, m, costs, room, k, nearest, hint);

  const suggestions: Suggestion[] = [];
  const unassigned: Unassigned[] = [];
  let totalCost = 0;
  for (let i = 0; i < n; i++) {
    const s = seniors[i]!;
    const j = assigned.of[i]!;
    if (j === m) {
      unassigned.push(
        costs.allowed(i) > 0
          ? { seniorId: s.id, reason: 'no_capacity', text: '步行范围内的伙伴名额已满' }
          : { seniorId: s.id, reason: 'no_candidate', text: `${o.maxDistanceM} 米内没有可结对的老伙伴` },
      );
      continue;
    }
    const v = volunteers[j]!;
    const c = pairCost(s, v, o)!;
    const cheaper = {
      limit: c.cost,
      count: 0,
      visit(_: number, other: number) {
        if (other < c.cost) this.count += 1;
      },
    };
    costs.scan(i, null, cheaper);
    const rank = 1 + cheaper.count;
    totalCost += c.cost;
    suggestions.push({ seniorId: s.id, volunteerId: v.id, rank, ...c, reasons: reasonsOf(c, s, rank, costs.allowed(i)) });
  }
  return {
    suggestions,
    unassigned,
    kept: existing,
    totalCost,
    augmentations: assigned.augmentations,
    rounds: assigned.rounds,
    proof: assigned.proof,
    proofCheck: assigned.check,
    pricedCells: hint ? PRICE_GRID * PRICE_GRID : 0,
  };
}

/**
 * What a place costs in each part of the street, estimated before the exact solver runs: seniors and
 * places counted per cell of a PRICE_GRID × PRICE_GRID grid over the volunteers (the unlocated ones a
 * cell of their own), the cost from a cell of seniors to a cell of places their mean cheapest pair
 * there, and each cell's potential in that small transportation problem (domain/transport.ts), with
 * "nobody" as a last cell of ample room and a prohibitive cost. Where every place is needed the
 * crowded cells come out dear and the thinly-placed ones cheap, by about as much as seniors must
 * walk to even them out. A speed hint only (solveExact proves the answer against every pair); null
 * when no volunteer has a location.
 */
function coarsePrices(seniors: readonly PairingSenior[], volunteers: readonly PairingVolunteer[], costs: PairCosts, room: Int32Array): PriceHint | null {
  const n = seniors.length;
  const m = volunteers.length;
  let south = Infinity;
  let north = -Infinity;
  let west = Infinity;
  let east = -Infinity;
  for (const v of volunteers) {
    if (!v.location) continue;
    south = Math.min(south, v.location.latitude);
    north = Math.max(north, v.location.latitude);
    west = Math.min(west, v.location.longitude);
    east = Math.max(east, v.location.longitude);
  }
  if (south === Infinity) return null;
  const G = PRICE_GRID;
  const cells = G * G + 1;
  const step = (x: number, from: number, to: number) => Math.min(G - 1, Math.max(0, Math.floor(((x - from) / (to - from || 1)) * G)));
  const cellOf = (at: LatLng | null) => (at ? step(at.latitude, south, north) * G + step(at.longitude, west, east) : G * G);
  const vCell = Int32Array.from(volunteers, (v) => cellOf(v.location));
  // Sinks: the cells, then "nobody".
  const sinks = cells + 1;
  const supply = new Int32Array(cells);
  const capacity = new Int32Array(sinks);
  for (let j = 0; j < m; j++) capacity[vCell[j]!]! += room[j]!;
  capacity[cells] = n;
  const sum = new Float64Array(cells * sinks);
  const counted = new Int32Array(cells * sinks);
  const cheapest = new Float64Array(cells);
  // The first few seniors of each cell (by id) stand for it: a hint need not price every pair.
  const sampled = new Int32Array(cells);
  const cheapestPerCell = {
    limit: Infinity,
    visit(j: number, c: number) {
      if (c < cheapest[vCell[j]!]!) cheapest[vCell[j]!] = c;
    },
  };
  let dearest = 0;
  for (let i = 0; i < n; i++) {
    const a = cellOf(seniors[i]!.location);
    supply[a]! += 1;
    if (sampled[a]! >= SAMPLED_PER_CELL) continue;
    sampled[a]! += 1;
    cheapest.fill(Infinity);
    costs.scan(i, null, cheapestPerCell);
    for (let b = 0; b < cells; b++) {
      if (cheapest[b] === Infinity) continue;
      sum[a * sinks + b]! += cheapest[b]!;
      counted[a * sinks + b]! += 1;
      if (cheapest[b]! > dearest) dearest = cheapest[b]!;
    }
  }
  // Integer arc costs, so the potentials (sums of them) make integer prices, as the solver's keys need.
  const arcs = new Float64Array(cells * sinks).fill(-1);
  for (let a = 0; a < cells; a++) {
    for (let b = 0; b < cells; b++) if (counted[a * sinks + b]! > 0) arcs[a * sinks + b] = Math.round(sum[a * sinks + b]! / counted[a * sinks + b]!);
    arcs[a * sinks + cells] = (n + 1) * (dearest + 1);
  }
  const { potentials } = transport(supply, capacity, arcs);
  return { price: Float64Array.from(vCell, (b) => potentials[b]!), count: PRICED_CANDIDATES };
}

function dedupe<T extends { id: string }>(sorted: T[]): T[] {
  return sorted.filter((x, i) => i === 0 || sorted[i - 1]!.id !== x.id);
}

/**
 * Greedy nearest-first, for comparison only: all allowed pairs from cheapest to dearest, each
 * taken when the senior is still free and the volunteer has room. Same costs, same constraints.
 */
export function greedyPairs(input: PairingInput): { pairs: PairRef[]; totalCost: number; unassigned: number } {
  const o = resolveOptions(input.options);
  const pairedSeniors = new Set((input.existing ?? []).map((p) => p.seniorId));
  const forbidden = new Set((input.forbidden ?? []).map((p) => pairKey(p.seniorId, p.volunteerId)));
  const seniors = dedupe([...input.seniors].sort(byId)).filter((s) => !pairedSeniors.has(s.id));
  const volunteers = dedupe([...input.volunteers].sort(byId));
  const n = seniors.length;
  const m = volunteers.length;
  const load = new Map<string, number>();
  for (const p of input.existing ?? []) load.set(p.volunteerId, (load.get(p.volunteerId) ?? 0) + 1);
  const room = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) room[j] = Math.max(0, Math.floor(volunteers[j]!.capacity) - (load.get(volunteers[j]!.id) ?? 0));
  const { cost } = buildCostMatrix(seniors, volunteers, room, forbidden, o);
  const width = m + 1;
  // Sort keys pack cost and pair index into one float, so a native numeric sort orders them.
  const span = n * width;
  let count = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) if (cost[i * width + j]! >= 0) count += 1;
  const keys = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const c = cost[i * width + j]!;
      if (c >= 0) keys[k++] = c * span + i * width + j;
    }
  }
  keys.sort();
  const taken = new Uint8Array(n);
  const pairs: PairRef[] = [];
  let totalCost = 0;
  for (const key of keys) {
    const e = key % span;
    const i = Math.floor(e / width);
    const j = e % width;
    if (taken[i] || room[j]! <= 0) continue;
    room[j]! -= 1;
    taken[i] = 1;
    pairs.push({ seniorId: seniors[i]!.id, volunteerId: volunteers[j]!.id });
    totalCost += cost[e]!;
  }
  return { pairs, totalCost, unassigned: n - pairs.length };
}
