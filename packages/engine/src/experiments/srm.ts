import { chiSquareSurvival } from './distributions.ts';

export interface SrmResult {
  observed: number[];
  expected: number[];
  chiSquare: number;
  p: number;
  /** p below the threshold: the split is not what was configured, so the readout cannot be trusted. */
  mismatch: boolean;
}

/** Sample-ratio-mismatch check: Pearson's chi-square of exposed units per variant against the configured weights. */
export function sampleRatioCheck(observed: readonly number[], weights: readonly number[], threshold = 0.001): SrmResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => (total * w) / wsum);
  let chi = 0;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i] as number;
    if (e > 0) chi += ((observed[i] as number) - e) ** 2 / e;
  }
  const p = total === 0 || observed.length < 2 ? 1 : chiSquareSurvival(chi, observed.length - 1);
  return { observed: [...observed], expected, chiSquare: chi, p, mismatch: p < threshold };
}
