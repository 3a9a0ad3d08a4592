/**
 * What each senior–volunteer pair costs the 老伙伴 pairing (domain/pairing.ts says what the costs
 * mean), in the two forms the solver (domain/assignment.ts) reads:
 *
 * - buildCostMatrix: every pair priced into one n × (m + 1) matrix of whole metres. The solver on
 *   every pair at once needs it, and on a small street it is the cheapest form.
 * - nearbyCosts: no matrix. Volunteers are bucketed into a grid of cells; a pair is priced when the
 *   solver asks for it, and a scan over one senior's pairs skips each cell that a lower bound on its
 *   distance clears. A whole street is 5 million pairs, of which the solver needs a few per senior
 *   and the optimality proof only those that could be cheaper than the prices around them, so
 *   writing the matrix was most of a solve (docs/performance.md).
 *
 * Both price a pair with the same arithmetic (priceColumns), so both give the same metre.
 * Pure; no I/O.
 */
import type { ColumnTerms, PairCosts, PairVisitor } from './assignment';
import type { LatLng } from './geo';

export type Gender = 'female' | 'male';

/** What a pair needs of a senior (domain/pairing.ts: PairingSenior). */
export interface PricedSenior {
  id: string;
  committeeId: string;
  location: LatLng | null;
  genderPreference: Gender | null;
  dialects: readonly string[];
}

/** What a pair needs of a volunteer (domain/pairing.ts: PairingVolunteer). */
export interface PricedVolunteer {
  id: string;
  committeeId: string;
  location: LatLng | null;
  gender: Gender | null;
  dialects: readonly string[];
}

/** What a pair costs, in metres (domain/pairing.ts: PairingOptions, DEFAULT_PAIRING_OPTIONS). */
export interface CostOptions {
  /** Added when the volunteer belongs to another 居委. */
  committeePenaltyM: number;
  /** Added when the senior prefers a gender the volunteer is not (or has not stated). */
  genderPenaltyM: number;
  /** Added when the senior named dialects and the volunteer speaks none of them. */
  dialectPenaltyM: number;
  /** Distance assumed when either location is unknown. */
  unknownDistanceM: number;
  /** Pairs further apart than this are not walkable and never suggested. */
  maxDistanceM: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const INT32_MAX = 2 ** 31 - 1;

/** What leaving a senior with nobody costs: dearer than any difference between two real assignments (at most n × maxCost). */
export const nobodyCost = (n: number, maxCost: number): number => (n + 1) * (maxCost + 1);

/**
 * Straight-line distance in metres on a local flat projection (equirectangular at the mean
 * latitude): within a street it differs from the great circle by far less than a metre, and it is
 * cheap enough to price every senior against every volunteer. Rounded to the metre.
 *
 * The cosine of the mean latitude is cos(a/2)·cos(b/2) − sin(a/2)·sin(b/2), so that pricing takes
 * each point's half-angle terms once instead of a cosine per pair (5 million for a street), with
 * the same arithmetic and so the same metre.
 */
export function walkMeters(a: LatLng, b: LatLng): number {
  const ha = (a.latitude / 2) * RAD;
  const hb = (b.latitude / 2) * RAD;
  const cosMean = Math.cos(ha) * Math.cos(hb) - Math.sin(ha) * Math.sin(hb);
  const x = (b.longitude - a.longitude) * RAD * cosMean;
  const y = (b.latitude - a.latitude) * RAD;
  return Math.round(Math.sqrt(x * x + y * y) * EARTH_RADIUS_M);
}

/** The volunteers' fields as columns (typed arrays), read by priceColumns for every pair. */
interface VolunteerColumns {
  m: number;
  room: Int32Array;
  vHas: Uint8Array;
  vLat: Float64Array;
  vLng: Float64Array;
  vCosHalf: Float64Array;
  vSinHalf: Float64Array;
  vCommittee: Int32Array;
  vGender: Int8Array;
  vWord: Int32Array;
  vDialects: number[][];
}

/** One senior's fields, as priceColumns reads them. */
interface SeniorRow {
  sCosHalf: number;
  sSinHalf: number;
  sLat: number;
  sLng: number;
  located: boolean;
  sc: number;
  pref: number;
  wantsDialect: boolean;
  /** The senior's dialects in one word, or -1 when they take more (then sMask). */
  sWord: number;
  sMask: number[];
  banned: ReadonlySet<number> | null;
}

/** A senior's nearest volunteers by distance alone, the first `count` of the arrays (by distance, then index). */
interface Closest {
  dist: Float64Array;
  col: Int32Array;
  count: number;
}

/** Seniors and volunteers prepared once for pricing: their fields as numbers, dialects as bit masks. */
interface Prepared {
  rows: SeniorRow[];
  columns: VolunteerColumns;
  o: CostOptions;
}

function prepare(
  seniors: readonly PricedSenior[],
  volunteers: readonly PricedVolunteer[],
  room: Int32Array,
  forbidden: ReadonlySet<string>,
  o: CostOptions,
): Prepared {
  // Whole metres in 32 bits: half the memory of doubles (docs/performance.md).
  for (const key of ['committeePenaltyM', 'genderPenaltyM', 'dialectPenaltyM', 'unknownDistanceM'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new Error(`pairing: ${key} must be a whole number of metres`);
  }
  const m = volunteers.length;
  const dialectBit = new Map<string, number>();
  const maskOf = (ds: readonly string[]): number[] => {
    // One bit per dialect, 30 per word, as many words as there are distinct dialects.
    const words: number[] = [];
    for (const d of ds) {
      let bit = dialectBit.get(d);
      if (bit === undefined) dialectBit.set(d, (bit = dialectBit.size));
      const w = Math.floor(bit / 30);
      while (words.length <= w) words.push(0);
      words[w]! |= 1 << (bit % 30);
    }
    return words;
  };
  const committees = new Map<string, number>();
  const committeeOf = (c: string) => committees.get(c) ?? (committees.set(c, committees.size), committees.size - 1);
  const vLat = new Float64Array(m);
  const vLng = new Float64Array(m);
  const vCosHalf = new Float64Array(m);
  const vSinHalf = new Float64Array(m);
  const vHas = new Uint8Array(m);
  const vCommittee = new Int32Array(m);
  const vGender = new Int8Array(m);
  const vDialects = volunteers.map((v) => maskOf(v.dialects));
  volunteers.forEach((v, j) => {
    vHas[j] = v.location ? 1 : 0;
    vLat[j] = v.location?.latitude ?? 0;
    vLng[j] = v.location?.longitude ?? 0;
    vCosHalf[j] = Math.cos((vLat[j]! / 2) * RAD);
    vSinHalf[j] = Math.sin((vLat[j]! / 2) * RAD);
    vCommittee[j] = committeeOf(v.committeeId);
    vGender[j] = v.gender === 'female' ? 1 : v.gender === 'male' ? 2 : 0;
  });
  // Each senior's rejected volunteers as columns (a volunteer not in this run rejects nothing).
  const columnOf = new Map(volunteers.map((v, j) => [v.id, j]));
  const bannedCols = new Map<string, Set<number>>();
  for (const key of forbidden) {
    const [sid, vid] = key.split('\u0000') as [string, string];
    const j = columnOf.get(vid);
    if (j !== undefined) bannedCols.set(sid, (bannedCols.get(sid) ?? new Set()).add(j));
  }
  // Dialects in one word when they fit (the usual case): priceColumns runs for every pair.
  const oneWord = vDialects.every((words) => words.length <= 1);
  const vWord = Int32Array.from(vDialects, (words) => words[0] ?? 0);
  const columns: VolunteerColumns = { m, room, vHas, vLat, vLng, vCosHalf, vSinHalf, vCommittee, vGender, vWord, vDialects };
  const rows = seniors.map((s): SeniorRow => {
    const sMask = maskOf(s.dialects);
    const sLat = s.location?.latitude ?? 0;
    return {
      sCosHalf: Math.cos((sLat / 2) * RAD),
      sSinHalf: Math.sin((sLat / 2) * RAD),
      sLat,
      sLng: s.location?.longitude ?? 0,
      located: s.location !== null && s.location !== undefined,
      sc: committeeOf(s.committeeId),
      pref: s.genderPreference === 'female' ? 1 : s.genderPreference === 'male' ? 2 : 0,
      wantsDialect: s.dialects.length > 0,
      sWord: oneWord && sMask.length <= 1 ? (sMask[0] ?? 0) : -1,
      sMask,
      banned: bannedCols.get(s.id) ?? null,
    };
  });
  return { rows, columns, o };
}

/**
 * One senior's pairs with some volunteers, priced into out[base + j]: the columns from..to−1, or
 * when `list` is given the columns list[from..to−1]. −1 marks a pair that is not allowed (too far,
 * rejected, or no room at all). The senior's nearest volunteers by distance alone go into `nearest`
 * (which keeps what earlier calls found). Returns the dearest allowed pair priced (0 when none). A
 * function of its own so that the engine optimises this loop as a whole rather than on the stack of
 * a larger one.
 */
function priceColumns(
  s: SeniorRow,
  v: VolunteerColumns,
  o: CostOptions,
  out: Int32Array,
  base: number,
  list: Int32Array | null,
  from: number,
  to: number,
  nearest: Closest | null,
): number {
  const { room, vHas, vLat, vLng, vCosHalf, vSinHalf, vCommittee, vGender, vWord, vDialects } = v;
  const { sCosHalf, sSinHalf, sLat, sLng, located, sc, pref, wantsDialect, sWord, sMask, banned } = s;
  const { maxDistanceM, unknownDistanceM, committeePenaltyM, genderPenaltyM, dialectPenaltyM } = o;
  const near = nearest ? nearest.dist.length : 0;
  let nearCount = nearest ? nearest.count : 0;
  let dearest = 0;
  for (let t = from; t < to; t++) {
    const j = list === null ? t : list[t]!;
    if (room[j]! <= 0 || (banned !== null && banned.has(j))) {
      out[base + j] = -1;
      continue;
    }
    let c: number;
    if (located && vHas[j]) {
      // The arithmetic of walkMeters, term for term, so both give the same metre.
      const x = (vLng[j]! - sLng) * RAD * (sCosHalf * vCosHalf[j]! - sSinHalf * vSinHalf[j]!);
      const y = (vLat[j]! - sLat) * RAD;
      const d = Math.round(Math.sqrt(x * x + y * y) * EARTH_RADIUS_M);
      if (d > maxDistanceM) {
        out[base + j] = -1;
        continue;
      }
      c = d;
    } else {
      c = unknownDistanceM;
    }
    if (nearest && (nearCount < near || c < nearest.dist[near - 1]! || (c === nearest.dist[near - 1] && j < nearest.col[near - 1]!))) {
      let at = nearCount < near ? nearCount++ : near - 1;
      for (; at > 0 && (nearest.dist[at - 1]! > c || (nearest.dist[at - 1] === c && nearest.col[at - 1]! > j)); at--) {
        nearest.dist[at] = nearest.dist[at - 1]!;
        nearest.col[at] = nearest.col[at - 1]!;
      }
      nearest.dist[at] = c;
      nearest.col[at] = j;
    }
    if (vCommittee[j] !== sc) c += committeePenaltyM;
    if (pref && vGender[j] !== pref) c += genderPenaltyM;
    if (wantsDialect && sWord >= 0) {
      if ((sWord & vWord[j]!) === 0) c += dialectPenaltyM;
    } else if (wantsDialect) {
      const vm = vDialects[j]!;
      let shared = false;
      for (let w = 0; w < sMask.length && !shared; w++) shared = ((sMask[w] ?? 0) & (vm[w] ?? 0)) !== 0;
      if (!shared) c += dialectPenaltyM;
    }
    out[base + j] = c;
    if (c > dearest) dearest = c;
  }
  if (nearest) nearest.count = nearCount;
  return dearest;
}

/**
 * Every senior against every volunteer, and with `near` > 0 each senior's `near` nearest volunteers
 * by walking distance alone. Column m (nobody) holds nobodyCost; maxCost is the dearest allowed pair.
 */
export function buildCostMatrix(
  seniors: readonly PricedSenior[],
  volunteers: readonly PricedVolunteer[],
  room: Int32Array,
  forbidden: ReadonlySet<string>,
  o: CostOptions,
  near = 0,
): { cost: Int32Array; nearest: Int32Array[]; maxCost: number } {
  const { rows, columns } = prepare(seniors, volunteers, room, forbidden, o);
  const nearest: Int32Array[] = [];
  // The row's `near` closest volunteers, by distance then index.
  const closest: Closest | null = near > 0 ? { dist: new Float64Array(near), col: new Int32Array(near), count: 0 } : null;
  let maxCost = 0;
  const n = seniors.length;
  const m = volunteers.length;
  const width = m + 1;
  const cost = new Int32Array(n * width);
  for (let i = 0; i < n; i++) {
    if (closest) closest.count = 0;
    const dearest = priceColumns(rows[i]!, columns, o, cost, i * width, null, 0, m, closest);
    if (dearest > maxCost) maxCost = dearest;
    if (closest) nearest.push(closest.col.slice(0, closest.count));
  }
  const nobody = checkedNobody(n, maxCost);
  for (let i = 0; i < n; i++) cost[i * width + m] = nobody;
  return { cost, nearest, maxCost };
}

/** Every cost, and "nobody" (dearer than all of them together), must fit 32 bits. */
function checkedNobody(n: number, maxCost: number): number {
  const nobody = nobodyCost(n, maxCost);
  if (nobody > INT32_MAX) throw new Error(`pairing: ${n} seniors at costs up to ${maxCost} are too many to pair at once`);
  return nobody;
}

/** The cells of nearbyCosts' grid in the order a senior's scan visits them, with each one's ring. */
interface CellOrder {
  cells: Int32Array;
  ring: Int32Array;
}

/** Volunteers per cell of nearbyCosts' grid, about: fewer cells cost more pairs, more cells more bounds. */
const MEMBERS_PER_CELL = 6;

/** The costs without a matrix: a grid over the volunteers, pairs priced when asked (see the file's comment). */
export function nearbyCosts(
  seniors: readonly PricedSenior[],
  volunteers: readonly PricedVolunteer[],
  room: Int32Array,
  forbidden: ReadonlySet<string>,
  o: CostOptions,
): NearbyCosts {
  return new NearbyCosts(prepare(seniors, volunteers, room, forbidden, o), seniors.length);
}

/**
 * Volunteers with room, bucketed into G × G cells over their bounding box (those without a location
 * in one more cell, `unlocatedCell`). Each cell keeps the box of its own members, and a scan bounds
 * every pair of a cell from below by the distance from the senior to that box; a pair that is not
 * cheaper than its bound is priced only if the bound does not clear it.
 */
export class NearbyCosts implements PairCosts {
  readonly matrix = null;
  readonly m: number;
  /** What leaving a senior with nobody costs (column m). */
  readonly nobody: number;
  /** A bound on the dearest allowed pair. */
  readonly maxCost: number;
  private readonly G: number;
  private readonly unlocatedCell: number;
  private readonly cellStart: Int32Array;
  private readonly members: Int32Array;
  private readonly latLo: Float64Array;
  private readonly latHi: Float64Array;
  private readonly lngLo: Float64Array;
  private readonly lngHi: Float64Array;
  /** Per cell: its members' one 居委 (−1 when mixed), genders (bit 1 female, bit 2 male), dialects (one word; −1 when unknown). */
  private readonly cellCommittee: Int32Array;
  private readonly cellGenders: Int32Array;
  private readonly cellDialects: Int32Array;
  /** The grid's box, and the least cosine of a mean latitude any pair can have (for the bounds). */
  private readonly south: number;
  private readonly north: number;
  private readonly west: number;
  private readonly east: number;
  private readonly cosLow: number;
  private readonly orders = new Map<number, CellOrder>();
  /** A lower bound on a cell's height and width in metres. */
  private readonly cellMetres: number;
  private readonly allowedOf: Int32Array;
  /** One senior's priced pairs (m + 1 wide, reused: never a fresh page per row). */
  private readonly scratch: Int32Array;
  private readonly one = new Int32Array(1);

  constructor(
    private readonly prepared: Prepared,
    readonly n: number,
  ) {
    const { columns, rows, o } = prepared;
    const m = columns.m;
    this.m = m;
    this.scratch = new Int32Array(m + 1);
    this.allowedOf = new Int32Array(n).fill(-1);
    let south = Infinity;
    let north = -Infinity;
    let west = Infinity;
    let east = -Infinity;
    let withRoom = 0;
    for (let j = 0; j < m; j++) {
      if (columns.room[j]! <= 0) continue;
      withRoom += 1;
      if (!columns.vHas[j]) continue;
      south = Math.min(south, columns.vLat[j]!);
      north = Math.max(north, columns.vLat[j]!);
      west = Math.min(west, columns.vLng[j]!);
      east = Math.max(east, columns.vLng[j]!);
    }
    const G = south === Infinity ? 1 : Math.max(1, Math.round(Math.sqrt(withRoom / MEMBERS_PER_CELL)));
    this.G = G;
    this.south = south;
    this.north = north;
    this.west = west;
    this.east = east;
    this.unlocatedCell = G * G;
    const cells = G * G + 1;
    const cellOf = new Int32Array(m).fill(-1);
    const size = new Int32Array(cells + 1);
    for (let j = 0; j < m; j++) {
      if (columns.room[j]! <= 0) continue;
      cellOf[j] = columns.vHas[j] ? this.gridCell(columns.vLat[j]!, columns.vLng[j]!) : this.unlocatedCell;
      size[cellOf[j]! + 1]! += 1;
    }
    this.cellStart = new Int32Array(cells + 1);
    for (let c = 0; c < cells; c++) this.cellStart[c + 1] = this.cellStart[c]! + size[c + 1]!;
    this.members = new Int32Array(this.cellStart[cells]!);
    const fill = Int32Array.from(this.cellStart.subarray(0, cells));
    this.latLo = new Float64Array(cells).fill(Infinity);
    this.latHi = new Float64Array(cells).fill(-Infinity);
    this.lngLo = new Float64Array(cells).fill(Infinity);
    this.lngHi = new Float64Array(cells).fill(-Infinity);
    this.cellCommittee = new Int32Array(cells).fill(-2);
    this.cellGenders = new Int32Array(cells);
    this.cellDialects = new Int32Array(cells);
    const oneWord = columns.vDialects.every((words) => words.length <= 1);
    // Members in column order within each cell, so that a scan is the same from run to run.
    for (let j = 0; j < m; j++) {
      const c = cellOf[j]!;
      if (c < 0) continue;
      this.members[fill[c]!++] = j;
      const committee = this.cellCommittee[c]!;
      this.cellCommittee[c] = committee === -2 || committee === columns.vCommittee[j] ? columns.vCommittee[j]! : -1;
      this.cellGenders[c]! |= 1 << columns.vGender[j]!;
      this.cellDialects[c] = oneWord ? this.cellDialects[c]! | columns.vWord[j]! : -1;
      if (c === this.unlocatedCell) continue;
      this.latLo[c] = Math.min(this.latLo[c]!, columns.vLat[j]!);
      this.latHi[c] = Math.max(this.latHi[c]!, columns.vLat[j]!);
      this.lngLo[c] = Math.min(this.lngLo[c]!, columns.vLng[j]!);
      this.lngHi[c] = Math.max(this.lngHi[c]!, columns.vLng[j]!);
    }
    // The mean latitude of any pair lies between the lowest and highest latitude of anyone located;
    // its cosine is least at the end further from the equator.
    let lo = south;
    let hi = north;
    for (const r of rows) {
      if (!r.located) continue;
      lo = Math.min(lo, r.sLat);
      hi = Math.max(hi, r.sLat);
    }
    this.cosLow = lo === Infinity ? 1 : Math.min(Math.cos(lo * RAD), Math.cos(hi * RAD));
    this.cellMetres = south === Infinity ? 0 : Math.min(((north - south) / G) * RAD, ((east - west) / G) * RAD * this.cosLow) * EARTH_RADIUS_M;
    // The dearest pair: no further apart than the whole box of people, nor than the walking limit.
    let far = 0;
    if (lo !== Infinity) {
      let w = west;
      let e = east;
      for (const r of rows) {
        if (!r.located) continue;
        w = Math.min(w, r.sLng);
        e = Math.max(e, r.sLng);
      }
      if (w !== Infinity) far = Math.min(o.maxDistanceM, Math.ceil(Math.hypot((e - w) * RAD, (hi - lo) * RAD) * EARTH_RADIUS_M) + 1);
    }
    const anyUnlocated = rows.some((r) => !r.located) || size[this.unlocatedCell + 1]! > 0;
    this.maxCost = Math.max(far, anyUnlocated ? o.unknownDistanceM : 0) + o.committeePenaltyM + o.genderPenaltyM + o.dialectPenaltyM;
    this.nobody = checkedNobody(n, this.maxCost);
  }

  private gridCell(lat: number, lng: number): number {
    const G = this.G;
    const step = (x: number, from: number, to: number) => Math.min(G - 1, Math.max(0, Math.floor(((x - from) / (to - from || 1)) * G)));
    return step(lat, this.south, this.north) * G + step(lng, this.west, this.east);
  }

  at(i: number, j: number): number {
    if (j === this.m) return this.nobody;
    const { rows, columns, o } = this.prepared;
    this.one[0] = j;
    priceColumns(rows[i]!, columns, o, this.scratch, 0, this.one, 0, 1, null);
    return this.scratch[j]!;
  }

  /**
   * A lower bound on the distance part of every pair of senior i with the members of cell c (the
   * distance, or unknownDistanceM when either has no location); −1 when none of them is allowed.
   */
  private distanceBound(i: number, c: number): number {
    const s = this.prepared.rows[i]!;
    if (!s.located || c === this.unlocatedCell) return this.prepared.o.unknownDistanceM;
    const dLat = Math.max(0, this.latLo[c]! - s.sLat, s.sLat - this.latHi[c]!);
    const dLng = Math.max(0, this.lngLo[c]! - s.sLng, s.sLng - this.lngHi[c]!);
    const x = dLng * RAD * this.cosLow;
    const y = dLat * RAD;
    // A hair below the exact bound, so that rounding can never put a pair under it.
    const bound = Math.floor(Math.sqrt(x * x + y * y) * EARTH_RADIUS_M * (1 - 1e-9));
    return bound > this.prepared.o.maxDistanceM ? -1 : bound;
  }

  /**
   * A lower bound on the cost of every pair of senior i with the members of cell c: the distance
   * bound plus each penalty that no member escapes (another 居委 for all of them, none of the wished
   * gender, none speaking the senior's dialects); −1 when none of them is allowed.
   */
  private lowerBound(i: number, c: number): number {
    const distance = this.distanceBound(i, c);
    if (distance < 0) return -1;
    const s = this.prepared.rows[i]!;
    const o = this.prepared.o;
    let bound = distance;
    const committee = this.cellCommittee[c]!;
    if (committee >= 0 && committee !== s.sc) bound += o.committeePenaltyM;
    if (s.pref && (this.cellGenders[c]! & (1 << s.pref)) === 0) bound += o.genderPenaltyM;
    if (s.wantsDialect && s.sWord >= 0 && this.cellDialects[c]! >= 0 && (s.sWord & this.cellDialects[c]!) === 0) bound += o.dialectPenaltyM;
    return bound;
  }

  /** Whether every member of cell c is within walking distance of senior i (an upper bound; false when unsure). */
  private allWithin(i: number, c: number): boolean {
    if (c === this.unlocatedCell) return true;
    return this.boxWithin(i, this.latLo[c]!, this.latHi[c]!, this.lngLo[c]!, this.lngHi[c]!);
  }

  /** Whether every point of a box is within walking distance of senior i (an upper bound; false when unsure). */
  private boxWithin(i: number, latLo: number, latHi: number, lngLo: number, lngHi: number): boolean {
    const s = this.prepared.rows[i]!;
    if (!s.located) return true;
    const dLat = Math.max(Math.abs(s.sLat - latLo), Math.abs(s.sLat - latHi));
    const dLng = Math.max(Math.abs(s.sLng - lngLo), Math.abs(s.sLng - lngHi));
    // The cosine of the mean latitude is at most 1.
    const bound = Math.ceil(Math.hypot(dLng * RAD, dLat * RAD) * EARTH_RADIUS_M * (1 + 1e-9)) + 1;
    return bound <= this.prepared.o.maxDistanceM;
  }

  /**
   * The cells with members, by ring around the senior's own cell on the grid (ring r: r cells away
   * across or along; −1 for the cell of the unlocated, which comes last). Shared by every senior of
   * the same cell.
   */
  private orderFor(i: number): CellOrder {
    const s = this.prepared.rows[i]!;
    const G = this.G;
    const home = s.located && this.south !== Infinity ? this.gridCell(s.sLat, s.sLng) : -1;
    let order = this.orders.get(home);
    if (order) return order;
    const cells: number[] = [];
    for (let c = 0; c < G * G; c++) if (this.cellStart[c + 1]! > this.cellStart[c]!) cells.push(c);
    const ringOf = (c: number) => (home < 0 ? -1 : Math.max(Math.abs(Math.floor(c / G) - Math.floor(home / G)), Math.abs((c % G) - (home % G))));
    cells.sort((a, b) => ringOf(a) - ringOf(b) || a - b);
    if (this.cellStart[this.unlocatedCell + 1]! > this.cellStart[this.unlocatedCell]!) cells.push(this.unlocatedCell);
    order = { cells: Int32Array.from(cells), ring: Int32Array.from(cells, (c) => (c === this.unlocatedCell ? -1 : ringOf(c))) };
    this.orders.set(home, order);
    return order;
  }

  /**
   * A lower bound on the distance from a senior to any volunteer in a cell r rings away: r − 1
   * whole cells lie between them, across or along.
   */
  private ringBound(r: number): number {
    return r < 2 ? 0 : Math.max(0, Math.floor((r - 1) * this.cellMetres * (1 - 1e-6)) - 1);
  }

  /** The index in order.cells after the last located cell (where the cell of the unlocated is, if any). */
  private static endOfLocated(order: CellOrder, t: number): number {
    while (t + 1 < order.cells.length && order.ring[t + 1]! >= 0) t++;
    return t;
  }

  allowed(i: number): number {
    if (this.allowedOf[i]! >= 0) return this.allowedOf[i]!;
    const { rows, columns, o } = this.prepared;
    const s = rows[i]!;
    // The usual street: every volunteer with room is within walking distance of this senior.
    if (s.banned === null && (this.south === Infinity || this.boxWithin(i, this.south, this.north, this.west, this.east))) {
      this.allowedOf[i] = this.members.length;
      return this.members.length;
    }
    let count = 0;
    for (const c of this.orderFor(i).cells) {
      const from = this.cellStart[c]!;
      const to = this.cellStart[c + 1]!;
      if (this.distanceBound(i, c) < 0) continue;
      if (this.allWithin(i, c) && s.banned === null) {
        count += to - from;
        continue;
      }
      priceColumns(s, columns, o, this.scratch, 0, this.members, from, to, null);
      for (let t = from; t < to; t++) if (this.scratch[this.members[t]!]! >= 0) count += 1;
    }
    this.allowedOf[i] = count;
    return count;
  }

  terms(values: Float64Array): ColumnTerms {
    const cells = this.unlocatedCell + 1;
    const groupMax = new Float64Array(cells).fill(-Infinity);
    let overallMax = -Infinity;
    for (let c = 0; c < cells; c++) {
      for (let t = this.cellStart[c]!; t < this.cellStart[c + 1]!; t++) groupMax[c] = Math.max(groupMax[c]!, values[this.members[t]!]!);
      overallMax = Math.max(overallMax, groupMax[c]!);
    }
    return { values, groupMax, overallMax };
  }

  scan(i: number, terms: ColumnTerms | null, visitor: PairVisitor): number {
    const { rows, columns, o } = this.prepared;
    const s = rows[i]!;
    const { scratch, members } = this;
    const order = this.orderFor(i);
    const { cells, ring } = order;
    const highest = terms ? terms.overallMax : 0;
    let skipped = Infinity;
    let lastRing = -1;
    for (let t = 0; t < cells.length; t++) {
      const c = cells[t]!;
      if (ring[t]! > lastRing) {
        // A new ring: when even its bound clears the limit, so does every further ring.
        lastRing = ring[t]!;
        const key = this.ringBound(lastRing) - highest;
        if (key >= visitor.limit) {
          if (key < skipped) skipped = key;
          t = NearbyCosts.endOfLocated(order, t);
          continue;
        }
      }
      const bound = this.lowerBound(i, c);
      if (bound < 0) continue;
      // Every pair of the cell costs at least its bound.
      const key = terms ? bound - terms.groupMax[c]! : bound;
      if (key >= visitor.limit) {
        if (key < skipped) skipped = key;
        continue;
      }
      const from = this.cellStart[c]!;
      const to = this.cellStart[c + 1]!;
      priceColumns(s, columns, o, scratch, 0, members, from, to, null);
      for (let t = from; t < to; t++) {
        const j = members[t]!;
        const cost = scratch[j]!;
        if (cost >= 0) visitor.visit(j, cost);
      }
    }
    return skipped;
  }

  /** Each senior's `count` nearest volunteers by walking distance alone (by distance, then column). */
  nearest(count: number): Int32Array[] {
    const { rows, columns, o } = this.prepared;
    const closest: Closest = { dist: new Float64Array(count), col: new Int32Array(count), count: 0 };
    const lists: Int32Array[] = [];
    for (let i = 0; i < this.n; i++) {
      closest.count = 0;
      const order = this.orderFor(i);
      let lastRing = -1;
      for (let t = 0; t < order.cells.length; t++) {
        const c = order.cells[t]!;
        if (order.ring[t]! > lastRing) {
          lastRing = order.ring[t]!;
          if (closest.count === count && this.ringBound(lastRing) > closest.dist[count - 1]!) {
            t = NearbyCosts.endOfLocated(order, t);
            continue;
          }
        }
        const bound = this.distanceBound(i, c);
        if (bound < 0 || (closest.count === count && bound > closest.dist[count - 1]!)) continue;
        priceColumns(rows[i]!, columns, o, this.scratch, 0, this.members, this.cellStart[c]!, this.cellStart[c + 1]!, closest);
      }
      lists.push(closest.col.slice(0, closest.count));
    }
    return lists;
  }
}
