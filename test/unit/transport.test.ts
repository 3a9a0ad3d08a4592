/**
 * The small transportation solver (cloudfunctions/core/domain/transport.ts) that prices the cells of
 * the street before pairing: its total equals the exact assignment of the same problem written out
 * unit by unit, and its potentials say which places are dear.
 */
import { solveExact } from '../../cloudfunctions/core/domain/assignment';
import { mulberry32 } from '../../cloudfunctions/core/domain/prng';
import { transport } from '../../cloudfunctions/core/domain/transport';

/** The same problem as one row per unit of supply, for the exact solver (its own "nobody" never pays). */
function unitByUnit(supply: Int32Array, capacity: Int32Array, cost: Float64Array): number {
  const B = capacity.length;
  const rows = Array.from(supply).flatMap((amount, a) => Array.from({ length: amount }, () => a));
  const n = rows.length;
  const width = B + 1;
  const unit = new Int32Array(n * width);
  rows.forEach((a, i) => {
    for (let b = 0; b < B; b++) unit[i * width + b] = cost[a * B + b]!;
    // Dearer than any whole assignment of these costs (under 500 a unit), within 32 bits.
    unit[i * width + B] = 1e9;
  });
  const room = Int32Array.from([...capacity, n]);
  const solved = solveExact(n, B, unit, room, B);
  let total = 0;
  for (let i = 0; i < n; i++) total += unit[i * width + solved.of[i]!]!;
  return total;
}

describe('transport', () => {
  it('sends every supply at the least total cost (against the exact solver, unit by unit)', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const r = mulberry32(seed);
      const A = 1 + Math.floor(r() * 6);
      const B = 1 + Math.floor(r() * 6);
      const supply = Int32Array.from({ length: A }, () => Math.floor(r() * 9));
      // The last sink takes anything, dearly: every instance can be sent.
      const total = supply.reduce((x, y) => x + y, 0);
      const capacity = Int32Array.from({ length: B + 1 }, (_, b) => (b === B ? total : Math.floor(r() * 7)));
      const cost = Float64Array.from({ length: A * (B + 1) }, (_, e) => (e % (B + 1) === B ? 100_000 : r() < 0.15 ? -1 : Math.floor(r() * 500)));
      expect({ seed, cost: transport(supply, capacity, cost).cost }).toEqual({ seed, cost: unitByUnit(supply, capacity, cost) });
    }
  });

  it('prices a place by what it saves: a full near place is dearer than a far one with room', () => {
    // Two units at one source; the near sink holds one (cost 1), the far one holds five (cost 10).
    const { cost, potentials } = transport(Int32Array.from([2]), Int32Array.from([1, 5]), Float64Array.from([1, 10]));
    expect(cost).toBe(11);
    expect(Array.from(potentials)).toEqual([-9, 0]);
  });

  it('refuses a supply that cannot all be sent', () => {
    expect(() => transport(Int32Array.from([3]), Int32Array.from([2]), Float64Array.from([1]))).toThrow('transport');
  });
});
