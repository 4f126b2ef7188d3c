import { FloatColumns } from './growable.ts';

export const COUNTER_NAMES = [
  'impressions', 'opens', 'views', 'completes', 'portionSum', 'skips',
  'likes', 'saves', 'comments', 'shares', 'follows', 'reports', 'notInterested',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/** Duration buckets (seconds, upper bounds) for the expected completion of a video of that length. */
export const DURATION_BUCKETS = [15, 30, 60, 120, 300, Infinity] as const;

/**
 * Live per-note engagement counters keyed by catalog `ix`, plus the global totals that smoothing
 * priors are taken from. Updated by every event, read by every scorer.
 */
export class NoteCounters {
  readonly cols = new FloatColumns<CounterName>(COUNTER_NAMES);
  /** Σ impressions and Σ CES over all notes: the prior mean of the engagement rate. */
  totalImpressions = 0;
  totalCes = 0;
  /** Per duration bucket: views and completes, for duration-calibrated completion baselines. */
  readonly bucketViews = new Float64Array(DURATION_BUCKETS.length);
  readonly bucketCompletes = new Float64Array(DURATION_BUCKETS.length);

  get(name: CounterName, ix: number): number {
    return this.cols.get(name, ix);
  }

  add(name: CounterName, ix: number, d = 1): void {
    this.cols.add(name, ix, d);
    if (name === 'impressions') this.totalImpressions += d;
  }

  /** Records a CES contribution so the global prior follows the community. */
  addCes(d: number): void {
    this.totalCes += d;
  }

  recordView(durationSec: number, complete: boolean): void {
    const b = durationBucket(durationSec);
    this.bucketViews[b] = (this.bucketViews[b] as number) + 1;
    if (complete) this.bucketCompletes[b] = (this.bucketCompletes[b] as number) + 1;
  }

  /** Expected completion rate for a video of this duration, smoothed towards a length-based prior. */
  expectedCompletion(durationSec: number): number {
    const b = durationBucket(durationSec);
    // Prior: short clips are usually watched through, long ones rarely (a declining curve).
    const prior = 0.7 / (1 + durationSec / 60);
    const k = 50;
    return ((this.bucketCompletes[b] as number) + k * prior) / ((this.bucketViews[b] as number) + k);
  }
}

export function durationBucket(sec: number): number {
  for (let i = 0; i < DURATION_BUCKETS.length; i++) if (sec <= (DURATION_BUCKETS[i] as number)) return i;
  return DURATION_BUCKETS.length - 1;
}
