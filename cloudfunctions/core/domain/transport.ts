/**
 * A small transportation problem solved exactly: integer supplies at a few source nodes, integer
 * capacities at a few sink nodes, a cost per arc. Successive shortest paths with node potentials
 * (Dijkstra on the dense residual graph, O(V²) per search), each path carrying as much as its
 * narrowest arc allows, so the number of searches grows with the nodes, not with the amounts.
 *
 * Its use is the coarse problem of domain/pairing.ts: seniors and places counted per cell of the
 * street, whose potentials say how dear each cell's places are before the exact solver starts.
 * Pure; no I/O.
 */

export interface Transported {
  /** The least total cost of sending every supply. */
  cost: number;
  /**
   * Potentials of the sink nodes, relative to the sink: ≤ 0 for a node whose capacity is all used
   * (the more negative, the dearer its places), 0 for one partly used, ≥ 0 for one unused.
   */
  potentials: Float64Array;
}

/**
 * Every supply sent at least cost (the caller makes that possible, e.g. with a sink node of ample
 * capacity and a high cost).
 *
 * @param supply amount at each source node
 * @param capacity room at each sink node
 * @param cost source-major: cost[a * sinks + b] for a unit from a to b, or a negative number for no arc
 */
export function transport(supply: Int32Array, capacity: Int32Array, cost: Float64Array): Transported {
  const A = supply.length;
  const B = capacity.length;
  // Nodes: 0 the source, 1..A the supply nodes, A+1..A+B the sink nodes, A+B+1 the sink.
  const S = 0;
  const T = A + B + 1;
  const V = T + 1;
  const sent = new Int32Array(A);
  const received = new Int32Array(B);
  const flow = new Float64Array(A * B);
  const pi = new Float64Array(V);
  const dist = new Float64Array(V);
  const done = new Uint8Array(V);
  const pred = new Int32Array(V);
  const relax = (u: number, v: number, c: number): void => {
    const d = dist[u]! + c + pi[u]! - pi[v]!;
    if (!done[v] && d < dist[v]!) {
      dist[v] = d;
      pred[v] = u;
    }
  };
  let left = 0;
  for (let a = 0; a < A; a++) left += supply[a]!;
  while (left > 0) {
    dist.fill(Infinity);
    done.fill(0);
    dist[S] = 0;
    // Dijkstra in reduced costs over the residual arcs: source → supply node while it has some left,
    // supply → sink node (every arc), sink node → supply node while that arc carries some, sink node
    // → sink while it has room. The arcs back into the source and out of the sink are never on a
    // shortest path from one to the other, so they are left out. Dense: V² to pick the nodes, A·B to
    // scan the arcs.
    for (;;) {
      let u = -1;
      for (let x = 0; x < V; x++) if (!done[x] && dist[x]! < Infinity && (u < 0 || dist[x]! < dist[u]!)) u = x;
      if (u < 0) break;
      done[u] = 1;
      // Settled: nodes still unsettled are at least this far, so they move by as much as the sink.
      if (u === T) break;
      if (u === S) {
        for (let a = 0; a < A; a++) if (sent[a]! < supply[a]!) relax(u, 1 + a, 0);
      } else if (u <= A) {
        const a = u - 1;
        for (let b = 0; b < B; b++) if (cost[a * B + b]! >= 0) relax(u, 1 + A + b, cost[a * B + b]!);
      } else {
        const b = u - 1 - A;
        for (let a = 0; a < A; a++) if (flow[a * B + b]! > 0) relax(u, 1 + a, -cost[a * B + b]!);
        if (received[b]! < capacity[b]!) relax(u, T, 0);
      }
    }
    if (dist[T] === Infinity) throw new Error('transport: the supply cannot all be sent');
    // Reduced costs stay non-negative with pi += min(dist, dist(T)), as in the exact solver.
    const reach = dist[T]!;
    for (let x = 0; x < V; x++) pi[x]! += Math.min(dist[x]!, reach);
    // The path leaves the source once and reaches the sink once; in between it goes forward from a
    // supply node to a sink node, or back along an arc that carries some. Its narrowest arc bounds
    // the amount.
    let amount = left;
    for (let v = T; v !== S; v = pred[v]!) {
      const u = pred[v]!;
      if (u === S) amount = Math.min(amount, supply[v - 1]! - sent[v - 1]!);
      else if (v === T) amount = Math.min(amount, capacity[u - 1 - A]! - received[u - 1 - A]!);
      else if (u > A) amount = Math.min(amount, flow[(v - 1) * B + (u - 1 - A)]!);
    }
    for (let v = T; v !== S; v = pred[v]!) {
      const u = pred[v]!;
      if (u === S) sent[v - 1]! += amount;
      else if (v === T) received[u - 1 - A]! += amount;
      else if (u <= A) flow[(u - 1) * B + (v - 1 - A)]! += amount;
      else flow[(v - 1) * B + (u - 1 - A)]! -= amount;
    }
    left -= amount;
  }
  const potentials = new Float64Array(B);
  for (let b = 0; b < B; b++) potentials[b] = pi[1 + A + b]! - pi[T]!;
  let total = 0;
  for (let e = 0; e < A * B; e++) if (flow[e]! > 0) total += flow[e]! * cost[e]!;
  return { cost: total, potentials };
}
