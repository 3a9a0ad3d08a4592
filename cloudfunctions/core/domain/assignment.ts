/**
 * Exact assignment with capacities: min-cost flow by successive shortest paths with node
 * potentials (the Hungarian method for a transportation problem), on a sparse candidate set whose
 * result is proved optimal for the dense problem by LP duality (domain/pairing.ts says what the
 * costs mean; docs/partners.md the method). Rows are seniors, columns volunteers, plus "nobody".
 * Pure; no I/O.
 */
/**
 * How optimality over every pair was shown: 'dense' every allowed pair was a candidate; 'potentials'
 * the solver's own potentials priced every pair left out at a non-negative reduced cost;
 * 'repaired' other potentials for the same assignment did (betterPotentials).
 */
export type Proof = 'dense' | 'potentials' | 'repaired';

/**
 * The costs of the pairs, as the solver reads them: rows 0..n−1, real columns 0..m−1, column m
 * "nobody"; −1 marks a pair that is not allowed. Either a whole matrix (matrixCosts), or a source
 * that prices pairs when asked and can skip the ones a lower bound clears (domain/pair-costs.ts),
 * so that a large problem never writes its n × m pairs.
 */
export interface PairCosts {
  readonly n: number;
  readonly m: number;
  /** Row-major, width m + 1, when the whole matrix was built; the every-pair solver needs it. */
  readonly matrix: Int32Array | null;
  /** The cost of one pair (column m included), or −1. */
  at(i: number, j: number): number;
  /** How many real columns row i may take. */
  allowed(i: number): number;
  /** Per-column values (a price, a potential) prepared for scans that subtract them. */
  terms(values: Float64Array): ColumnTerms;
  /**
   * Calls visitor.visit(j, c) for the allowed real pairs of row i, at least each one whose
   * c − term(j) is below visitor.limit (which the visitor may lower as it goes; others may be
   * visited too). Returns a lower bound on c − term(j) over the allowed pairs it skipped
   * (Infinity when it skipped none).
   */
  scan(i: number, terms: ColumnTerms | null, visitor: PairVisitor): number;
}

export interface PairVisitor {
  limit: number;
  visit(j: number, c: number): void;
}

/** Per-column values, with what a cost source precomputes from them (e.g. their maximum per area). */
export interface ColumnTerms {
  readonly values: Float64Array;
  readonly groupMax: Float64Array;
  readonly overallMax: number;
}

/** A whole cost matrix as a cost source: every scan visits the whole row. */
export function matrixCosts(n: number, m: number, matrix: Int32Array): PairCosts {
  const width = m + 1;
  const allowed = new Int32Array(n).fill(-1);
  return {
    n,
    m,
    matrix,
    at: (i, j) => matrix[i * width + j]!,
    allowed(i) {
      if (allowed[i]! < 0) {
        let count = 0;
        for (let j = 0; j < m; j++) if (matrix[i * width + j]! >= 0) count += 1;
        allowed[i] = count;
      }
      return allowed[i]!;
    },
    terms: (values) => ({ values, groupMax: new Float64Array(0), overallMax: values.reduce((a, b) => Math.max(a, b), -Infinity) }),
    scan(i, _terms, visitor) {
      const base = i * width;
      for (let j = 0; j < m; j++) {
        const c = matrix[base + j]!;
        if (c >= 0) visitor.visit(j, c);
      }
      return Infinity;
    },
  };
}

/** Candidate pairs: row i's columns are colOf[rowStart[i] .. rowStart[i + 1]), with their costs. */
interface Candidates {
  rowStart: Int32Array;
  colOf: Int32Array;
  costOf: Float64Array;
  /** Whether row i lists every allowed column (then nothing outside it needs checking). */
  complete: Uint8Array;
  /** The dearest listed real column of row i (every unlisted allowed column costs at least this). */
  bound: Float64Array;
  /** Allowed real columns of row i, listed or not. */
  allowed: Int32Array;
}

/**
 * Rearranges keys[lo..hi] so that the k smallest come first (in any order): quickselect with a
 * median-of-three pivot, average linear time.
 */
function selectSmallest(keys: Float64Array, k: number): void {
  let lo = 0;
  let hi = keys.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >> 1;
    const a = keys[lo]!;
    const b = keys[mid]!;
    const c = keys[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const t = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else return;
  }
}

/**
 * The k smallest of a stream of distinct keys, kept as a max-heap in heap[0 .. size): a key goes in
 * only while there is room or when it beats the largest kept (heap[0]), so a row of a thousand costs
 * mostly one comparison per key, where sorting or partitioning it would move every key.
 */
function keepSmallest(heap: Float64Array, size: number, key: number): number {
  let i: number;
  if (size < heap.length) {
    // Room left: sift the new key up from the end.
    i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! >= key) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = key;
    return size;
  }
  // Full: the key replaces the largest and sifts down.
  i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && heap[r]! > heap[l]! ? r : l;
    if (heap[c]! <= key) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = key;
  return size;
}

/** The k cheapest allowed volunteers of each senior (ties by index); rows with at most k allowed are complete. */
interface BaseCandidates {
  lists: Int32Array[];
  complete: Uint8Array;
  bound: Float64Array;
  /** Allowed real columns of row i. */
  allowed: Int32Array;
}

/**
 * Keeps the `size` smallest keys (cost or reduced cost, then column: c * width + j) of one row's
 * scan in a max-heap; its limit is what a pair must beat to get in.
 */
class SmallestOfRow implements PairVisitor {
  limit = Infinity;
  size = 0;
  readonly heap: Float64Array;
  private term: Float64Array | null = null;
  constructor(
    count: number,
    private readonly width: number,
  ) {
    this.heap = new Float64Array(count);
  }
  reset(term: Float64Array | null): void {
    this.size = 0;
    this.limit = Infinity;
    this.term = term;
  }
  visit(j: number, c: number): void {
    const key = (this.term ? c - this.term[j]! : c) * this.width + j;
    if (this.size < this.heap.length || key < this.heap[0]!) {
      this.size = keepSmallest(this.heap, this.size, key);
      // Full: a pair must now beat the largest kept, whose value is floor(key / width); an equal
      // value with a lower column still would.
      if (this.size === this.heap.length) this.limit = Math.floor(this.heap[0]! / this.width) + 1;
    }
  }
  /** The columns kept, in heap order. */
  columns(): Int32Array {
    const width = this.width;
    return Int32Array.from(this.heap.subarray(0, this.size), (key) => ((key % width) + width) % width);
  }
}

function cheapestOf(costs: PairCosts, k: number): BaseCandidates {
  const { n, m } = costs;
  const width = m + 1;
  const lists: Int32Array[] = [];
  const complete = new Uint8Array(n);
  const bound = new Float64Array(n);
  const allowedOf = new Int32Array(n);
  const row = new SmallestOfRow(k, width);
  for (let i = 0; i < n; i++) {
    row.reset(null);
    costs.scan(i, null, row);
    const allowed = costs.allowed(i);
    allowedOf[i] = allowed;
    lists.push(row.columns());
    if (allowed <= k) complete[i] = 1;
    else bound[i] = Math.floor(row.heap[0]! / width);
  }
  return { lists, complete, bound, allowed: allowedOf };
}

/** The base candidates plus any extra columns per row, plus "nobody", as one compact table. */
function candidatesOf(
  costs: PairCosts,
  base: BaseCandidates,
  extra: ReadonlyArray<readonly number[]>,
  previous: { cand: Candidates; changed: ReadonlyMap<number, unknown> } | null = null,
): Candidates {
  const { n, m } = costs;
  const rowStart = new Int32Array(n + 1);
  // Every allowed pair is a candidate: the solver reads the cost matrix itself, no table needed.
  if (costs.matrix && base.complete.every((x) => x === 1)) {
    return { rowStart, colOf: new Int32Array(0), costOf: new Float64Array(0), complete: base.complete, bound: base.bound, allowed: base.allowed };
  }
  // Rows of the previous table that gained no pair are copied as they are, costs included.
  const lists: Array<Int32Array | null> = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (previous && !previous.changed.has(i)) {
      lists.push(null);
      total += previous.cand.rowStart[i + 1]! - previous.cand.rowStart[i]!;
      rowStart[i + 1] = total;
      continue;
    }
    const more = extra[i]!;
    const list = new Int32Array(base.lists[i]!.length + more.length + 1);
    list.set(base.lists[i]!);
    let t = base.lists[i]!.length;
    for (const j of more) list[t++] = j;
    list[t] = m;
    list.sort();
    // A column may come from both the base list and the extra pairs: keep it once.
    let kept = 0;
    for (let u = 0; u < list.length; u++) if (u === 0 || list[u] !== list[u - 1]) list[kept++] = list[u]!;
    lists.push(list.subarray(0, kept));
    total += kept;
    rowStart[i + 1] = total;
  }
  const colOf = new Int32Array(total);
  const costOf = new Float64Array(total);
  for (let i = 0; i < n; i++) {
    const list = lists[i] ?? null;
    if (list === null) {
      const { rowStart: from, colOf: cols, costOf: costed } = previous!.cand;
      colOf.set(cols.subarray(from[i]!, from[i + 1]!), rowStart[i]!);
      costOf.set(costed.subarray(from[i]!, from[i + 1]!), rowStart[i]!);
      continue;
    }
    colOf.set(list, rowStart[i]!);
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) costOf[e] = costs.at(i, colOf[e]!);
  }
  return { rowStart, colOf, costOf, complete: base.complete, bound: base.bound, allowed: base.allowed };
}

/**
 * A binary heap of columns keyed by (distance, column), each column at most once: a shorter
 * distance moves the column up where it is (decrease-key). A flooding search improves the same
 * columns many times, and one entry per improvement made the heap, and every pop, larger.
 */
class ColumnHeap {
  private readonly dist: Float64Array;
  private readonly col: Int32Array;
  /** Where each column sits in the heap, or -1. */
  private readonly at: Int32Array;
  size = 0;
  constructor(columns: number) {
    this.dist = new Float64Array(columns);
    this.col = new Int32Array(columns);
    this.at = new Int32Array(columns).fill(-1);
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.at[this.col[i]!] = -1;
    this.size = 0;
  }
  private less(a: number, b: number): boolean {
    return this.dist[a]! < this.dist[b]! || (this.dist[a] === this.dist[b] && this.col[a]! < this.col[b]!);
  }
  private place(i: number, d: number, c: number): void {
    this.dist[i] = d;
    this.col[i] = c;
    this.at[c] = i;
  }
  /** Inserts column c at distance d, or lowers its distance to d (never raises it). */
  push(d: number, c: number): void {
    let i = this.at[c]!;
    if (i < 0) i = this.size++;
    this.dist[i] = d;
    this.col[i] = c;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.place(i, this.dist[parent]!, this.col[parent]!);
      this.dist[parent] = d;
      this.col[parent] = c;
      i = parent;
    }
    this.at[c] = i;
  }
  topDist(): number {
    return this.dist[0]!;
  }
  pop(): number {
    const top = this.col[0]!;
    this.at[top] = -1;
    this.size -= 1;
    if (this.size > 0) {
      const d = this.dist[this.size]!;
      const c = this.col[this.size]!;
      this.dist[0] = d;
      this.col[0] = c;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < this.size && this.less(l, best)) best = l;
        if (r < this.size && this.less(r, best)) best = r;
        if (best === i) break;
        this.place(i, this.dist[best]!, this.col[best]!);
        this.dist[best] = d;
        this.col[best] = c;
        i = best;
      }
      this.at[c] = i;
    }
    return top;
  }
}

export interface Solved {
  of: Int32Array;
  piRow: Float64Array;
  piCol: Float64Array;
  augmentations: number;
}

/**
 * Min-cost assignment of n unit supplies (rows) to m + 1 capacitated columns (the last one is
 * "nobody" and always has room) over the candidate pairs, kept across rounds of candidates.
 *
 * Residual graph: row → column for every candidate pair not in use (cost c), column → row for every
 * pair in use (cost −c), column → sink while the column has room (cost 0), sink → column for
 * columns in use (cost 0). Potentials keep every residual reduced cost non-negative, so each
 * shortest path is found by Dijkstra, which stops as soon as its target is settled.
 */
/** The solver's state: the assignment (rows held by each column), the potentials, and one search's labels. */
class AssignmentFlow {
  augmentations = 0;
  /** Pairs not yet visible to the searches (widen), or null when all are. */
  private hidden: Uint8Array | null = null;
  readonly of: Int32Array;
  private readonly ofCost: Float64Array;
  private readonly used: Int32Array;
  // Rows held by each column, as doubly linked lists.
  private readonly head: Int32Array;
  private readonly nextRow: Int32Array;
  private readonly prevRow: Int32Array;
  readonly piRow: Float64Array;
  readonly piCol: Float64Array;
  // The sink's potential: 0 after each round (finish); a search from the sink (pullInto) moves it.
  private piSink = 0;
  /** Every allowed pair a candidate: rows are read from the cost matrix directly (no indirection). */
  private readonly whole: boolean;
  /** Nearly every relaxation improves a column: the closest one is found by a scan, not a heap. */
  private readonly dense: boolean;
  // One search's labels, reset between searches through the touched lists.
  private readonly distCol: Float64Array;
  private readonly distRow: Float64Array;
  private readonly done: Uint8Array;
  private readonly reachedRow: Uint8Array;
  private readonly predCol: Int32Array;
  private readonly predCost: Float64Array;
  private readonly touchedRows: number[] = [];
  private readonly touchedCols: number[] = [];
  private readonly heap: ColumnHeap;
  private closestDist = Infinity;

  constructor(
    private readonly n: number,
    private readonly cols: number,
    private cand: Candidates,
    private readonly capacity: Int32Array,
    private readonly matrix: Int32Array,
  ) {
    this.of = new Int32Array(n).fill(-1);
    this.ofCost = new Float64Array(n);
    this.used = new Int32Array(cols);
    this.head = new Int32Array(cols).fill(-1);
    this.nextRow = new Int32Array(n).fill(-1);
    this.prevRow = new Int32Array(n).fill(-1);
    this.piRow = new Float64Array(n);
    this.piCol = new Float64Array(cols);
    // An empty matrix: the costs were not built as one (candidatesOf then always lists the pairs).
    this.whole = matrix.length > 0 && cand.complete.every((x) => x === 1);
    this.dense = this.whole || cand.colOf.length * 4 > n * cols;
    this.distCol = new Float64Array(cols);
    this.distRow = new Float64Array(n);
    this.done = new Uint8Array(cols);
    this.reachedRow = new Uint8Array(n);
    this.predCol = new Int32Array(cols);
    this.predCost = new Float64Array(cols);
    this.heap = new ColumnHeap(cols);
  }

  private link(i: number, j: number, c: number): void {
    const { head, nextRow, prevRow } = this;
    this.of[i] = j;
    this.ofCost[i] = c;
    prevRow[i] = -1;
    nextRow[i] = head[j]!;
    if (head[j]! >= 0) prevRow[head[j]!] = i;
    head[j] = i;
    this.used[j]! += 1;
  }

  private unlink(i: number): void {
    const { head, nextRow, prevRow } = this;
    const j = this.of[i]!;
    if (prevRow[i]! >= 0) nextRow[prevRow[i]!] = nextRow[i]!;
    else head[j] = nextRow[i]!;
    if (nextRow[i]! >= 0) prevRow[nextRow[i]!] = prevRow[i]!;
    nextRow[i] = -1;
    prevRow[i] = -1;
    this.used[j]! -= 1;
    this.of[i] = -1;
  }

  /**
   * Greedy start: a row whose cheapest column still has room takes it. With piRow = −(that cost)
   * and piCol = piSink = 0, the row's other edges have reduced cost c − min ≥ 0, its used edge 0,
   * free rows' edges c ≥ 0 and the sink edges 0: a valid start.
   */
  greedyStart(): void {
    // Fresh state only: piRow stays 0 for the rows not placed here, as the searches expect.
    const { n, cols, matrix, capacity, used, piRow } = this;
    const { rowStart, colOf, costOf } = this.cand;
    for (let i = 0; i < n; i++) {
      let best = -1;
      let bestCost = Infinity;
      if (this.whole) {
        for (let j = 0; j < cols; j++) {
          const c = matrix[i * cols + j]!;
          if (c >= 0 && c < bestCost) {
            bestCost = c;
            best = j;
          }
        }
      }
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        if (costOf[e]! < bestCost) {
          bestCost = costOf[e]!;
          best = colOf[e]!;
        }
      }
      if (best >= 0 && used[best]! < capacity[best]!) {
        this.link(i, best, bestCost);
        piRow[i] = -bestCost;
      }
    }
  }

  /** Labels the columns reachable from row i (at distance d) through an edge not in use. */
  private relaxFrom(i: number, d: number): void {
    const { cols, matrix, piCol, distCol, predCol, predCost, done, dense, heap } = this;
    const pr = this.piRow[i]!;
    const mine = this.of[i]!;
    if (this.whole) {
      const base = i * cols;
      for (let j = 0; j < cols; j++) {
        const c = matrix[base + j]!;
        if (c < 0 || done[j] || j === mine) continue;
        const nd = d + c + pr - piCol[j]!;
        if (nd < distCol[j]!) {
          distCol[j] = nd;
          predCol[j] = i;
          predCost[j] = c;
          if (!dense) heap.push(nd, j);
        }
      }
      return;
    }
    const { rowStart, colOf, costOf } = this.cand;
    const hidden = this.hidden;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const j = colOf[e]!;
      if (done[j] || j === mine || (hidden && hidden[e])) continue;
      const nd = d + costOf[e]! + pr - piCol[j]!;
      if (nd < distCol[j]!) {
        distCol[j] = nd;
        predCol[j] = i;
        predCost[j] = costOf[e]!;
        if (!dense) heap.push(nd, j);
      }
    }
  }

  /**
   * The closest unsettled column and its distance (-1 when none): from the heap, or by a scan when
   * the graph is dense (then nearly every relaxation improves a column and pushing each would cost
   * more than scanning).
   */
  private closestColumn(): number {
    const { distCol, done, heap } = this;
    let j = -1;
    let dj = Infinity;
    if (this.dense) {
      for (let k = 0; k < this.cols; k++) {
        if (!done[k] && distCol[k]! < dj) {
          dj = distCol[k]!;
          j = k;
        }
      }
    } else {
      while (heap.size > 0) {
        const top = heap.topDist();
        const k = heap.pop();
        if (done[k] || top !== distCol[k]) continue;
        j = k;
        dj = top;
        break;
      }
    }
    // The distance goes in a field: a tuple per settled column would be garbage by the million.
    this.closestDist = dj;
    return j;
  }

  private resetSearch(): void {
    for (const c of this.touchedCols) this.done[c] = 0;
    this.touchedCols.length = 0;
    this.distCol.fill(Infinity);
    for (const r of this.touchedRows) this.reachedRow[r] = 0;
    this.touchedRows.length = 0;
    this.heap.clear();
  }

  /**
   * One search per free senior (the Hungarian method, row by row): the shortest augmenting path
   * from that senior to any column with room, in reduced costs.
   */
  augmentFreeRows(): void {
    for (let start = 0; start < this.n; start++) if (this.of[start]! < 0) this.augmentRow(start);
  }

  private augmentRow(start: number): void {
    this.augmentations += 1;
    const sinkCol = this.shortestPath(start);
    // Tight up to the column the path leaves by (not the sink, which a place below it would put
    // further): the path's edges become tight, so they can be reversed.
    this.shiftPotentials(this.distCol[sinkCol]!, 0);
    this.augment(sinkCol, start);
  }

  /** The round's answer, with the sink's potential brought back to 0 (what the certificate reads). */
  finish(): Solved {
    this.settleUnusedColumns();
    const shift = this.piSink;
    for (let i = 0; i < this.n; i++) this.piRow[i]! -= shift;
    for (let j = 0; j < this.cols; j++) this.piCol[j]! -= shift;
    this.piSink = 0;
    return { of: this.of, piRow: this.piRow, piCol: this.piCol, augmentations: this.augmentations };
  }

  /**
   * The next round, from this one's assignment and potentials, with the pairs `added` to some rows.
   * Those rows are taken one at a time and their new pairs stay hidden from every search until then,
   * so every edge a search can see keeps a non-negative reduced cost. A row that one of its new
   * pairs would improve (a negative reduced cost) is freed and its potential raised until its edges
   * are non-negative again (it has no incoming edge now); the place it left then has a negative edge
   * to the sink when its column's potential is below the sink's. The search from the freed row
   * allows for that (shortestPath), so it usually ends back in that place, having gone no further
   * than the improvement itself; what is left below the sink is filled or lifted by pullInto.
   */
  widen(cand: Candidates, added: ReadonlyMap<number, readonly number[]>): void {
    const { of, piRow, piCol, used, capacity } = this;
    const { rowStart, colOf, costOf } = cand;
    const rows = [...added.keys()].sort((a, b) => a - b);
    const hidden = new Uint8Array(colOf.length);
    for (const i of rows) {
      const fresh = added.get(i)!;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (fresh.includes(colOf[e]!)) hidden[e] = 1;
    }
    this.cand = cand;
    this.hidden = hidden;
    for (const i of rows) {
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) hidden[e] = 0;
      const mine = of[i]!;
      const pr = piRow[i]!;
      let improves = false;
      let highest = -Infinity;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
        const j = colOf[e]!;
        const gain = piCol[j]! - costOf[e]!;
        if (gain > highest) highest = gain;
        if (j !== mine && costOf[e]! + pr < piCol[j]!) improves = true;
      }
      if (!improves) continue;
      if (mine >= 0) this.unlink(i);
      piRow[i] = highest;
      this.augmentRow(i);
      for (let x = 0; x < this.cols; x++) while (used[x]! < capacity[x]! && piCol[x]! < this.piSink) this.pullInto(x);
    }
    this.hidden = null;
  }

  /**
   * Column x has a free place but a potential below the sink's, so its edge to the sink has a
   * negative reduced cost. Dijkstra from the sink (through the columns in use, each giving up a row)
   * seeks the cheapest way to fill that place, up to the distance that lifts x to the sink's
   * potential: a path found is a negative cycle and is applied (x filled, the path's first column
   * left with the free place, at the sink's potential); otherwise x is lifted, and stays free.
   */
  private pullInto(x: number): void {
    const { cols, used, piCol, distCol, predCol, done, head, nextRow, ofCost, piRow, reachedRow, distRow, touchedRows, touchedCols } = this;
    this.resetSearch();
    const bound = this.piSink - piCol[x]!;
    for (let a = 0; a < cols; a++) {
      if (a === x || used[a] === 0) continue;
      const d = this.piSink - piCol[a]!;
      if (d < bound) {
        distCol[a] = d;
        predCol[a] = -1;
        if (!this.dense) this.heap.push(d, a);
      }
    }
    let reach = bound;
    let found = false;
    for (;;) {
      const j = this.closestColumn();
      const dj = this.closestDist;
      if (j < 0 || dj >= reach) break;
      done[j] = 1;
      touchedCols.push(j);
      if (j === x) {
        reach = dj;
        found = true;
        break;
      }
      for (let i = head[j]!; i >= 0; i = nextRow[i]!) {
        if (reachedRow[i]) continue;
        const d = dj - ofCost[i]! + piCol[j]! - piRow[i]!;
        distRow[i] = d;
        reachedRow[i] = 1;
        touchedRows.push(i);
        this.relaxFrom(i, d);
      }
    }
    this.shiftPotentials(reach, -reach);
    if (!found) return;
    this.augmentations += 1;
    // x takes its predecessor row, whose old column takes the row before ..., back to the column
    // entered from the sink, which keeps the free place.
    let j = x;
    for (;;) {
      const i = predCol[j]!;
      const old = this.of[i]!;
      const c = this.predCost[j]!;
      this.unlink(i);
      this.link(i, j, c);
      j = old;
      if (predCol[j] === -1) break;
    }
  }

  /** Dijkstra from row `start` in reduced costs, stopped as soon as the sink is settled. */
  private shortestPath(start: number): number {
    const { distRow, reachedRow, touchedRows, touchedCols, done, used, capacity, piCol, piRow, head, nextRow, ofCost } = this;
    this.resetSearch();
    // A place freed by widen may sit below the sink (a negative edge into the sink): a column
    // settled later may still give a shorter path by up to that much, so the search goes on further.
    let slack = 0;
    for (let j = 0; j < this.cols; j++) if (used[j]! < capacity[j]! && this.piSink - piCol[j]! > slack) slack = this.piSink - piCol[j]!;
    distRow[start] = 0;
    reachedRow[start] = 1;
    touchedRows.push(start);
    this.relaxFrom(start, 0);

    let distSink = Infinity;
    let sinkCol = -1;
    for (;;) {
      const j = this.closestColumn();
      const dj = this.closestDist;
      if (j < 0 || dj - slack >= distSink) break;
      done[j] = 1;
      touchedCols.push(j);
      if (used[j]! < capacity[j]!) {
        const ds = dj + piCol[j]! - this.piSink;
        if (ds < distSink) {
          distSink = ds;
          sinkCol = j;
        }
      }
      for (let i = head[j]!; i >= 0; i = nextRow[i]!) {
        if (reachedRow[i]) continue;
        // A row has exactly one incoming residual edge (from its column), so it is final on arrival.
        const d = dj - ofCost[i]! + piCol[j]! - piRow[i]!;
        distRow[i] = d;
        reachedRow[i] = 1;
        touchedRows.push(i);
        this.relaxFrom(i, d);
      }
    }
    if (sinkCol < 0) throw new Error('pairing: no augmenting path (the nobody column always has room)');
    return sinkCol;
  }

  /**
   * pi += min(dist, distSink) for every node, unreached and unsettled nodes counting as distSink.
   * Only differences of potentials matter, so subtract distSink from all: then the nodes not
   * reached keep their value and only the reached ones move, by dist − distSink (≤ 0).
   */
  private shiftPotentials(D: number, sinkShift: number): void {
    this.piSink += sinkShift;
    for (const i of this.touchedRows) this.piRow[i]! += Math.min(this.distRow[i]!, D) - D;
    for (const j of this.touchedCols) this.piCol[j]! += Math.min(this.distCol[j]!, D) - D;
  }

  /** Augment: the sink's column takes its predecessor row, whose old column takes the row before ... */
  private augment(sinkCol: number, start: number): void {
    let j = sinkCol;
    for (;;) {
      const i = this.predCol[j]!;
      const old = this.of[i]!;
      const c = this.predCost[j]!;
      if (old >= 0) this.unlink(i);
      this.link(i, j, c);
      if (i === start) break;
      j = old;
    }
  }

  /**
   * A column nobody uses may take the lowest potential its edges allow (the sink's): that keeps
   * every residual reduced cost non-negative and makes it no more attractive than it really is,
   * so the certificate below is not refused because of it.
   */
  private settleUnusedColumns(): void {
    for (let j = 0; j < this.cols; j++) if (this.used[j] === 0) this.piCol[j] = this.piSink;
  }
}

/** What the certificate looked at: every allowed pair left out of the candidates. */
export interface ProofCheck {
  /** Allowed pairs outside the candidate set (each one covered by the check). */
  prunedPairs: number;
  /**
   * Of those, the ones priced one by one in the last round; the rest were cleared by their row's
   * bound, or by the bound the previous round left them (the columns whose potential rose since).
   */
  scannedPairs: number;
  /** A lower bound on their reduced costs (exact for the scanned ones); Infinity when none. */
  minReducedCost: number;
}

/** One row's pairs left out of the candidates whose reduced cost is negative (keys reduced * width + column), and the least one that is not. */
class BrokenOfRow implements PairVisitor {
  limit = 0;
  count = 0;
  scanned = 0;
  kept = Infinity;
  readonly keys: Float64Array;
  private pr = 0;
  constructor(
    m: number,
    private readonly width: number,
    private readonly piCol: Float64Array,
    private readonly listed: Uint8Array,
  ) {
    this.keys = new Float64Array(m);
  }
  reset(pr: number): void {
    this.pr = pr;
    // Only a negative reduced cost breaks the proof: c − piCol < −piRow.
    this.limit = -pr;
    this.count = 0;
    this.scanned = 0;
    this.kept = Infinity;
  }
  visit(j: number, c: number): void {
    if (this.listed[j]) return;
    this.scanned += 1;
    const reduced = c + this.pr - this.piCol[j]!;
    if (reduced < 0) this.keys[this.count++] = reduced * this.width + j;
    else if (reduced < this.kept) this.kept = reduced;
  }
}

/**
 * What the previous round's certificate learnt: the potentials it read and, per row, a lower bound
 * on the reduced cost of every pair of that row still left out (−Infinity: not known).
 */
interface CheckMemory {
  piRow: Float64Array;
  piCol: Float64Array;
  slack: Float64Array;
}

function checkMemory(n: number, m: number): CheckMemory {
  return { piRow: new Float64Array(n), piCol: new Float64Array(m), slack: new Float64Array(n).fill(-Infinity) };
}

/**
 * The optimality certificate for the dense problem: with the final potentials, every allowed pair
 * left out of the candidates must have a non-negative reduced cost c + piRow − piCol. Then the
 * potentials are valid for the dense residual graph, which therefore has no negative cycle, so the
 * assignment is optimal there too (LP duality). Returns, per row, the (at most perRow) columns that
 * break it most, and what was checked. A cost source that prices pairs on demand skips the ones a
 * lower bound clears (e.g. too far apart to be cheaper at any of the area's potentials); its bound
 * then stands for them.
 *
 * With `memory` of the previous round, a row whose pairs left out all had a reduced cost of at
 * least slack then is cleared without pricing when slack + Δrow − (the most any column's potential
 * rose) is still ≥ 0. Potentials are integers (sums of integer costs), so this is exact arithmetic.
 */
function violations(
  costs: PairCosts,
  cand: Candidates,
  solved: Solved,
  perRow: number,
  memory: CheckMemory | null = null,
): { broken: Map<number, number[]>; check: ProofCheck } {
  const { n, m } = costs;
  const width = m + 1;
  let maxPiCol = -Infinity;
  for (let j = 0; j < m; j++) if (solved.piCol[j]! > maxPiCol) maxPiCol = solved.piCol[j]!;
  let maxRise = -Infinity;
  if (memory) for (let j = 0; j < m; j++) maxRise = Math.max(maxRise, solved.piCol[j]! - memory.piCol[j]!);
  const terms = costs.terms(solved.piCol);
  const listed = new Uint8Array(m + 1);
  const row = new BrokenOfRow(m, width, solved.piCol, listed);
  const found = new Map<number, number[]>();
  const check: ProofCheck = { prunedPairs: 0, scannedPairs: 0, minReducedCost: Infinity };
  for (let i = 0; i < n; i++) {
    if (cand.complete[i]) continue;
    const pr = solved.piRow[i]!;
    // Every row lists "nobody", which is not an allowed real column.
    const pruned = cand.allowed[i]! - (cand.rowStart[i + 1]! - cand.rowStart[i]! - 1);
    if (pruned === 0) continue;
    check.prunedPairs += pruned;
    // Every unlisted column costs at least the row's bound: when even the bound clears the highest
    // column potential, no unlisted pair of this row can have a negative reduced cost.
    // Or the previous round's bound, moved by as much as the potentials moved since.
    const carried = memory ? memory.slack[i]! + (pr - memory.piRow[i]!) - maxRise : -Infinity;
    const lowest = Math.max(cand.bound[i]! + pr - maxPiCol, carried);
    if (lowest >= 0) {
      check.minReducedCost = Math.min(check.minReducedCost, lowest);
      if (memory) memory.slack[i] = lowest;
      continue;
    }
    for (let e = cand.rowStart[i]!; e < cand.rowStart[i + 1]!; e++) listed[cand.colOf[e]!] = 1;
    row.reset(pr);
    const skipped = costs.scan(i, terms, row);
    check.scannedPairs += row.scanned;
    // The least reduced cost among the pairs that stay out: those priced, and the bound of those skipped.
    const kept = Math.min(row.kept, skipped + pr);
    check.minReducedCost = Math.min(check.minReducedCost, kept);
    // Broken pairs beyond those reported stay out and still break it: nothing to carry then.
    if (memory) memory.slack[i] = row.count > perRow ? -Infinity : kept;
    // The most negative first: enough to move on, few enough to keep the graph sparse.
    if (row.count > 0) {
      const keys = row.keys.subarray(0, row.count);
      const take = Math.min(perRow, row.count);
      if (row.count > take) selectSmallest(keys, take);
      const worst = keys.subarray(0, take).sort();
      check.minReducedCost = Math.min(check.minReducedCost, Math.floor(worst[0]! / width));
      found.set(
        i,
        Array.from(worst, (key) => ((key % width) + width) % width),
      );
    }
    for (let e = cand.rowStart[i]!; e < cand.rowStart[i + 1]!; e++) listed[cand.colOf[e]!] = 0;
  }
  if (memory) {
    memory.piRow.set(solved.piRow);
    memory.piCol.set(solved.piCol.subarray(0, m));
  }
  return { broken: found, check };
}

/**
 * Fallback candidates, so that the candidate graph can place every senior who can be placed at
 * all without going through "nobody" (an augmenting path to "nobody" costs NOBODY and so floods
 * the whole graph): a greedy pass over the candidate pairs, cheapest first, then each senior left
 * over gets the cheapest allowed volunteer who still has room. These pairs only widen the graph;
 * optimality still comes from the solver and the certificate.
 */
function fallbackOf(costs: PairCosts, base: BaseCandidates, capacity: Int32Array): number[][] {
  const { n, m } = costs;
  const width = m + 1;
  const extra: number[][] = Array.from({ length: n }, () => []);
  let total = 0;
  for (const list of base.lists) total += list.length;
  const span = n * width;
  const keys = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < n; i++) for (const j of base.lists[i]!) keys[k++] = costs.at(i, j) * span + i * width + j;
  keys.sort();
  const room = Int32Array.from(capacity.subarray(0, m));
  const placed = new Uint8Array(n);
  for (const key of keys) {
    const e = key % span;
    const i = Math.floor(e / width);
    const j = e % width;
    if (placed[i] || room[j]! <= 0) continue;
    placed[i] = 1;
    room[j]! -= 1;
  }
  // The cheapest column with room (ties by column); a pair must beat it to be looked at. Columns
  // already full carry a prohibitive term, so that a scan skips the areas where every place is taken
  // (a column filled during this loop keeps its 0: a term too low only makes a scan look further).
  const FULL = 1e12;
  const fullness = Float64Array.from({ length: m + 1 }, (_, j) => (j < m && room[j]! <= 0 ? -FULL : 0));
  const terms = costs.terms(fullness);
  const cheapest = {
    limit: FULL / 2,
    best: -1,
    visit(j: number, c: number): void {
      if (room[j]! > 0 && (c < this.limit - 1 || (c === this.limit - 1 && j < this.best))) {
        this.best = j;
        this.limit = c + 1;
      }
    },
  };
  for (let i = 0; i < n; i++) {
    if (placed[i] || base.complete[i]) continue;
    cheapest.limit = FULL / 2;
    cheapest.best = -1;
    costs.scan(i, terms, cheapest);
    const best = cheapest.best;
    if (best < 0) continue;
    room[best]! -= 1;
    placed[i] = 1;
    extra[i]!.push(best);
  }
  return extra;
}

/**
 * Other potentials for the same assignment, when those of the solver do not certify it: the
 * solver's potentials only have to fit the candidate pairs, and many duals fit one assignment.
 *
 * Collapse the dense residual graph onto the columns: moving senior i from its column x to column
 * y is an edge x → y of reduced cost c(i,y) + piRow(i) − piCol(y) (the edge x → i is tight), plus
 * the sink edges. The assignment is optimal in the dense graph exactly when this graph has no
 * negative cycle, and then its shortest distances d (from a virtual source joined to every node)
 * give potentials piCol + d under which every dense reduced cost is non-negative. Bellman-Ford with
 * a queue, from the solver's potentials (so only the few negative edges need fixing); it gives up
 * (returns false) on a negative cycle or after `budget` node visits, and the caller then adds pairs
 * and solves again. Nothing is trusted: the caller checks the new potentials against every pair.
 */
function betterPotentials(n: number, m: number, cost: Int32Array, solved: Solved, capacity: Int32Array, budget: number): boolean {
  const width = m + 1;
  const cols = m + 1;
  const S = cols; // the sink, at potential 0
  const nodes = cols + 1;
  const { of, piRow, piCol } = solved;
  const used = new Int32Array(cols);
  const head = new Int32Array(cols).fill(-1);
  const next = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const x = of[i]!;
    if (x < 0) return false;
    used[x]! += 1;
    next[i] = head[x]!;
    head[x] = i;
  }
  const dist = new Float64Array(nodes); // all 0: a virtual source reaches every node at 0
  const visits = new Int32Array(nodes);
  const inQueue = new Uint8Array(nodes).fill(1);
  let queue: number[] = Array.from({ length: nodes }, (_, t) => t);
  let work = 0;
  const relax = (y: number, d: number) => {
    if (d < dist[y]!) {
      dist[y] = d;
      if (!inQueue[y]) {
        inQueue[y] = 1;
        queue.push(y);
      }
    }
  };
  for (let q = 0; q < queue.length; q++) {
    const x = queue[q]!;
    inQueue[x] = 0;
    if (++visits[x]! > nodes) return false; // a negative cycle: the assignment is not optimal
    if (++work > budget) return false;
    const dx = dist[x]!;
    if (x === S) {
      for (let y = 0; y < cols; y++) if (used[y]! > 0) relax(y, dx - piCol[y]!);
    } else {
      if (used[x]! < capacity[x]!) relax(S, dx + piCol[x]!);
      for (let i = head[x]!; i >= 0; i = next[i]!) {
        const base = i * width;
        const pr = piRow[i]!;
        for (let y = 0; y < cols; y++) {
          if (y === x) continue;
          const c = cost[base + y]!;
          if (c >= 0) relax(y, dx + c + pr - piCol[y]!);
        }
      }
    }
    if (q > nodes && q > queue.length / 2) {
      queue = queue.slice(q + 1);
      q = -1;
    }
  }
  // New potentials: piCol + d, shifted so the sink stays at 0; rows tight on their column.
  for (let y = 0; y < cols; y++) piCol[y] = piCol[y]! + dist[y]! - dist[S]!;
  for (let i = 0; i < n; i++) piRow[i] = piCol[of[i]!]! - cost[i * width + of[i]!]!;
  return true;
}

/**
 * Checks an answer's certificate against every pair, whatever found it: each row placed on an
 * allowed column (nobody included) within capacity, and the potentials valid on the whole residual
 * graph (sink at 0): reduced cost c + piRow − piCol ≥ 0 on every allowed pair and 0 on the pairs in
 * use, piCol ≤ 0 on a column in use (its edge from the sink), ≥ 0 on a column with room (its edge to
 * the sink). Then no cycle is negative and the assignment is optimal. O(n·m): for tests and the
 * bench, not the solver's path.
 */
export function certifies(n: number, m: number, cost: Int32Array, capacity: Int32Array, answer: Pick<Solved, 'of' | 'piRow' | 'piCol'>): boolean {
  const width = m + 1;
  const { of, piRow, piCol } = answer;
  const used = new Int32Array(width);
  for (let i = 0; i < n; i++) {
    const j = of[i]!;
    if (j < 0 || j > m || cost[i * width + j]! < 0) return false;
    used[j]! += 1;
  }
  for (let j = 0; j <= m; j++) {
    if (used[j]! > capacity[j]! || (used[j]! > 0 && piCol[j]! > 0) || (used[j]! < capacity[j]! && piCol[j]! < 0)) return false;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= m; j++) {
      const c = cost[i * width + j]!;
      if (c < 0) continue;
      const reduced = c + piRow[i]! - piCol[j]!;
      if (j === of[i] ? reduced !== 0 : reduced < 0) return false;
    }
  }
  return true;
}

/**
 * Estimated prices of the columns (integers, ≤ 0 where places are dear, in the potentials' sign),
 * and how many columns each row should also list that are cheapest at those prices: c − price.
 */
export interface PriceHint {
  price: Float64Array;
  count: number;
}

/**
 * Adds to each row's candidates its `count` cheapest columns at the hinted prices. Where every place
 * is needed, a row's best pair may lie far down its list by cost (towards the places that are cheap
 * because few want them); prices known before the first round put those pairs in it, so the first
 * round's potentials come out near the final ones and the repairs stay short.
 */
function cheapestAtPrices(costs: PairCosts, hint: PriceHint, extra: number[][]): void {
  const { n, m } = costs;
  const { price, count } = hint;
  const terms = costs.terms(price);
  // Integer keys (reduced cost, then column), negative ones included: they order as they should.
  const row = new SmallestOfRow(count, m + 1);
  for (let i = 0; i < n; i++) {
    row.reset(price);
    costs.scan(i, terms, row);
    for (const j of row.columns()) extra[i]!.push(j);
  }
}

/** Pairs (seniors × volunteers) up to which betterPotentials is tried before widening. */
const SMALL_PROBLEM = 100_000;

/**
 * Solves on the k cheapest candidates per senior (plus `near`, other pairs worth trying that the
 * caller knows of, and the fallback pairs) and proves the result optimal for every pair (see
 * violations and betterPotentials); when no proof is found, adds the pairs that break it and goes
 * on from the same assignment and potentials (AssignmentFlow.widen), so a round costs only the
 * rows it frees. The result is optimal for the dense problem; k only changes how fast it is found.
 */
export function solveExact(
  n: number,
  m: number,
  cost: Int32Array | PairCosts,
  capacity: Int32Array,
  k: number,
  near: readonly Int32Array[] = [],
  priced: PriceHint | null = null,
): Solved & { rounds: number; proof: Proof; check: ProofCheck } {
  const costs = cost instanceof Int32Array ? matrixCosts(n, m, cost) : cost;
  const everyPair = (): BaseCandidates => ({ lists: [], complete: new Uint8Array(n).fill(1), bound: new Float64Array(n), allowed: new Int32Array(n) });
  // Every pair at once needs the whole matrix; a source without one lists every row's pairs instead.
  const base = k >= m && costs.matrix ? everyPair() : cheapestOf(costs, Math.min(k, m));
  // Extra columns per row (duplicates allowed: candidatesOf keeps each column once).
  const extra = base.lists.length ? fallbackOf(costs, base, capacity) : Array.from({ length: n }, (): number[] => []);
  if (base.lists.length) near.forEach((list, i) => extra[i]!.push(...list));
  if (base.lists.length && priced) cheapestAtPrices(costs, priced, extra);
  let cand = candidatesOf(costs, base, extra);
  const flow = new AssignmentFlow(n, m + 1, cand, capacity, costs.matrix ?? new Int32Array(0));
  flow.greedyStart();
  flow.augmentFreeRows();
  const memory = checkMemory(n, m);
  for (let rounds = 1; ; rounds++) {
    const solved = flow.finish();
    const { broken, check } = violations(costs, cand, solved, k, memory);
    if (broken.size === 0) return { ...solved, rounds, check, proof: cand.complete.every((x) => x === 1) ? 'dense' : 'potentials' };
    // On a small problem other potentials for the same assignment may prove it at once; on a large
    // one that search (over every pair of the rows it visits) costs more than widening the few
    // rows that break the proof.
    if (n * m <= SMALL_PROBLEM && costs.matrix) {
      const retry: Solved = { ...solved, piRow: Float64Array.from(solved.piRow), piCol: Float64Array.from(solved.piCol) };
      if (betterPotentials(n, m, costs.matrix, retry, capacity, 50 * (m + 2))) {
        const again = violations(costs, cand, retry, 1);
        if (again.broken.size === 0) return { ...retry, rounds, check: again.check, proof: 'repaired' };
      }
    }
    for (const [i, js] of broken) extra[i]!.push(...js);
    cand = candidatesOf(costs, base, extra, { cand, changed: broken });
    flow.widen(cand, broken);
  }
}

// ---------------------------------------------------------------- the baseline
