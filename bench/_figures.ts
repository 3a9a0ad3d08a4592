/**
 * What every benchmark module shares: the figure it prints (one JSON line each), the scale knob
 * and a seeded PRNG so every run builds the same data. Modules starting with `_` are not run.
 */
import { mulberry32 } from '../cloudfunctions/core/domain/prng';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

/** BENCH_SCALE multiplies the work of every bench (default 1). */
export const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;

export function emit(f: Figure): void {
  const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000);
  const out: Figure = { name: f.name, value: round(f.value), unit: f.unit };
  if (f.baseline !== undefined) out.baseline = round(f.baseline);
  if (f.ratio !== undefined) out.ratio = Math.round(f.ratio * 1000) / 1000;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Deterministic pseudo-random numbers (mulberry32, domain/prng.ts). */
export const prng = mulberry32;
