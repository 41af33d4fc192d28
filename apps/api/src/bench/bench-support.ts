/** Small helpers the benchmarks share. */
import { Prng } from '../common/random/prng.js';

/** The project's seeded PRNG as a plain function: the same seed gives the same synthetic data in every run. */
export function rng(seed: number): () => number {
  const prng = new Prng(seed);
  return () => prng.next();
}

/** The value at percentile p (nearest rank) of a list of timings. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
