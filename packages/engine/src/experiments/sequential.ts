/**
 * The mixture sequential probability ratio test (mSPRT) for a difference of means that is asymptotically normal
 * (Johari, Pekelis & Walsh, "Always valid inference", 2017; Johari et al., KDD 2017): with a N(0, τ²) mixture over
 * the true difference, the likelihood ratio after observing an estimate d with variance V is
 *
 *   Λ = sqrt(V / (V + τ²)) · exp(τ² d² / (2 V (V + τ²)))
 *
 * which is a martingale under the null, so by Ville's inequality P(Λ ever ≥ 1/α) ≤ α. The always-valid p-value is
 * min(1, 1/Λ) at each look; stopping the first time it falls below α keeps the false-positive rate at α however
 * often one looks.
 */
export interface SequentialResult {
  /** Always-valid p-value at this look. */
  p: number;
  /** Always-valid confidence interval for the difference at level 1 − alpha. */
  ci: [number, number];
}

export function msprt(d: number, variance: number, tau2: number, alpha: number): SequentialResult {
  if (!(variance > 0) || !(tau2 > 0)) return { p: d === 0 || !(tau2 > 0) ? 1 : 0, ci: [d, d] };
  const s = variance + tau2;
  const logLambda = 0.5 * Math.log(variance / s) + (tau2 * d * d) / (2 * variance * s);
  const p = Math.min(1, Math.exp(-logLambda));
  const half = Math.sqrt(((variance * s) / tau2) * (Math.log(s / variance) - 2 * Math.log(alpha)));
  return { p, ci: [d - half, d + half] };
}
