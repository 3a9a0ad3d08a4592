/**
 * mulberry32: a small, fast pseudo-random generator that gives the same sequence for the same seed on
 * every machine. For whatever must be reproducible: the demo street's year of history, benches, test
 * instances, the CloudBase stand-in's interleaving. Never for anything secret.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
