import { normalQuantile } from './distributions.ts';

export interface PlanInput {
  /** The primary metric's current value and per-unit variance (of its linearised form, for ratios). */
  mean: number;
  variance: number;
  /** Relative minimum detectable effect, e.g. 0.05. */
  mde: number;
  alpha: number;
  power: number;
  /** Variant weights; the first is the control, each other arm is compared with it. */
  weights: readonly number[];
  /** Eligible units per day entering the experiment (after its traffic share); 0 when unknown. */
  dailyUnits: number;
}

/**
 * Units needed for a two-sided z-test at `alpha` to detect a relative change `mde` with probability `power` in
 * every treatment-vs-control comparison: n_total = (z₁₋α/₂ + z_power)² σ² (1/w_c + 1/w_t) / (mde·μ)², maximised
 * over treatments; and the days of traffic that takes.
 */
export function planSampleSize(p: PlanInput): { sampleSize: number; days: number | null } {
  const delta = Math.abs(p.mde * p.mean);
  if (!(delta > 0) || !(p.variance > 0)) return { sampleSize: 0, days: null };
  const z = normalQuantile(1 - p.alpha / 2) + normalQuantile(p.power);
  const wsum = p.weights.reduce((a, b) => a + b, 0);
  const wc = (p.weights[0] as number) / wsum;
  let worst = 0;
  for (const w of p.weights.slice(1)) worst = Math.max(worst, 1 / wc + 1 / (w / wsum));
  const sampleSize = Math.ceil((z * z * p.variance * worst) / (delta * delta));
  return { sampleSize, days: p.dailyUnits > 0 ? Math.ceil(sampleSize / p.dailyUnits) : null };
}
