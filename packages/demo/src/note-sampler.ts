import type { SeededRng } from '@notewave/engine';
import { DAY_MS } from './options.ts';
import type { NotePlan } from './note-plan.ts';
import { countAtMost } from './random.ts';

/**
 * Picks notes the way a feed would surface them at time t: only notes that already exist, biased to fresh
 * ones, and the better of two draws so latent quality turns into a popularity tail.
 */
export class NoteSampler {
  constructor(private readonly notes: NotePlan) {}

  /** Number of notes created at or before t (notes are in creation order, so they are indices [0, n)). */
  availableAt(t: number): number {
    return countAtMost(this.notes.createdAt, t);
  }

  /** A note of `leaf` among the first `available`; -1 when the leaf has none yet. */
  inLeaf(rng: SeededRng, leaf: number, available: number, videoOnly = false): number {
    const arr = this.notes.byLeaf[leaf]!;
    const c = countAtMost(arr, available - 1);
    if (c === 0) return -1;
    for (let tries = 0; tries < (videoOnly ? 4 : 1); tries++) {
      const a = arr[recentIndex(rng, c)]!;
      const b = arr[recentIndex(rng, c)]!;
      const n = this.notes.quality[a]! >= this.notes.quality[b]! ? a : b;
      if (!videoOnly || this.notes.video[n] === 1) return n;
    }
    return -1;
  }

  /** What is hot right now: the best of three notes from the last three days (any category). */
  trending(rng: SeededRng, t: number, available: number, videoOnly = false): number {
    if (available === 0) return -1;
    let lo = countAtMost(this.notes.createdAt, t - 3 * DAY_MS);
    if (lo >= available) lo = 0;
    let best = -1;
    for (let k = 0; k < (videoOnly ? 8 : 3); k++) {
      const n = lo + rng.int(available - lo);
      if (videoOnly && this.notes.video[n] !== 1) continue;
      if (best < 0 || this.notes.quality[n]! > this.notes.quality[best]!) best = n;
    }
    return best;
  }
}

/** Half uniform over history, half strongly skewed to the newest. */
function recentIndex(rng: SeededRng, c: number): number {
  const u = rng.next();
  return rng.next() < 0.5 ? Math.floor(u * c) : c - 1 - Math.floor(u * u * u * c);
}
