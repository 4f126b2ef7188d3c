import { SeededRng } from '@notewave/engine';

/*
 * Every generated record draws from its own stream, derived from (seed, stream, index) alone. That keeps
 * output identical whatever order or subset of records a caller asks for, and lets the big streams
 * (notes, events) be produced lazily without replaying everything before them.
 */

/** Integer hash of a few integers (murmur3 finaliser per step): stable stream keys. */
export function mix(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Named streams so two generators never share random numbers by accident. */
export const STREAM = {
  plan: 1,
  user: 2,
  userName: 3,
  note: 4,
  noteText: 5,
  follow: 6,
  day: 7,
  session: 8,
  cover: 9,
} as const;

/** The random stream for record `index` of `stream` under `seed`. */
export function rngFor(seed: number, stream: number, index = 0): SeededRng {
  return new SeededRng(mix(seed, stream, index));
}

/** Picks an index with probability proportional to `weights`. */
export function pickWeighted(rng: SeededRng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** Running totals of `weights`, for repeated draws with pickCumulative. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

/** Like pickWeighted over precomputed running totals (short tables: a linear scan beats bisection). */
export function pickCumulative(rng: SeededRng, cum: Float64Array): number {
  const r = rng.next() * cum[cum.length - 1]!;
  for (let i = 0; i < cum.length - 1; i++) if (r < cum[i]!) return i;
  return cum.length - 1;
}

/** Index of the first cumulative weight above `r` (cum is non-decreasing, length >= 1). */
export function searchCumulative(cum: Float64Array, r: number, end = cum.length): number {
  let lo = 0;
  let hi = end - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cum[mid] as number) > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Number of entries of a sorted array that are <= `x`. */
export function countAtMost(sorted: Float64Array | Uint32Array, x: number, end = sorted.length): number {
  let lo = 0;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Poisson sample; Knuth for small means, a rounded normal beyond (only the rough shape matters here). */
export function poisson(rng: SeededRng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
  const l = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > l) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Log-normal with the given median: heavy-tailed activity, durations, popularity. */
export function logNormal(rng: SeededRng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

/** x limited to [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
