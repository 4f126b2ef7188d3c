import type { UnitValue } from './metrics.ts';

/** Sums over one group's units from which ratio estimates, their delta-method variances and CUPED are read. */
export interface UnitSums {
  count: number;
  y: number; n: number; x: number; m: number;
  yy: number; nn: number; yn: number;
  xx: number; mm: number; xm: number;
  yx: number; ym: number; nx: number; nm: number;
}

export function sumUnits(units: readonly UnitValue[]): UnitSums {
  const s: UnitSums = { count: 0, y: 0, n: 0, x: 0, m: 0, yy: 0, nn: 0, yn: 0, xx: 0, mm: 0, xm: 0, yx: 0, ym: 0, nx: 0, nm: 0 };
  for (const u of units) {
    s.count++;
    s.y += u.y; s.n += u.n; s.x += u.x; s.m += u.m;
    s.yy += u.y * u.y; s.nn += u.n * u.n; s.yn += u.y * u.n;
    s.xx += u.x * u.x; s.mm += u.m * u.m; s.xm += u.x * u.m;
    s.yx += u.y * u.x; s.ym += u.y * u.m; s.nx += u.n * u.x; s.nm += u.n * u.m;
  }
  return s;
}

/** Moments of the linearised metric L = (y − R·n)/n̄ and covariate K = (x − Rx·m)/m̄ of one group. */
interface Linearised {
  count: number;
  ratio: number;
  preRatio: number;
  varL: number;
  varK: number;
  covLK: number;
  /** Whether the group has pre-period data at all (m̄ > 0). */
  hasPre: boolean;
}

function linearise(s: UnitSums): Linearised | null {
  const k = s.count;
  if (k < 2 || s.n <= 0) return null;
  const cov = (sab: number, sa: number, sb: number): number => (sab - (sa * sb) / k) / (k - 1);
  const nbar = s.n / k;
  const R = s.y / s.n;
  const varL = (cov(s.yy, s.y, s.y) - 2 * R * cov(s.yn, s.y, s.n) + R * R * cov(s.nn, s.n, s.n)) / (nbar * nbar);
  if (s.m <= 0) return { count: k, ratio: R, preRatio: 0, varL: Math.max(0, varL), varK: 0, covLK: 0, hasPre: false };
  const mbar = s.m / k;
  const Rx = s.x / s.m;
  const varK = (cov(s.xx, s.x, s.x) - 2 * Rx * cov(s.xm, s.x, s.m) + Rx * Rx * cov(s.mm, s.m, s.m)) / (mbar * mbar);
  const covLK = (cov(s.yx, s.y, s.x) - Rx * cov(s.ym, s.y, s.m) - R * cov(s.nx, s.n, s.x) + R * Rx * cov(s.nm, s.n, s.m)) / (nbar * mbar);
  return { count: k, ratio: R, preRatio: Rx, varL: Math.max(0, varL), varK: Math.max(0, varK), covLK, hasPre: true };
}

export interface GroupEstimate {
  units: number;
  /** The plain ratio Σy / Σn. */
  raw: number;
  /** The CUPED-adjusted ratio (equal to `raw` when there is no pre-period data). */
  value: number;
  /** Delta-method variance of `value`. */
  variance: number;
  /** Variance of the raw ratio, to show what CUPED saved. */
  rawVariance: number;
  /** Per-unit variance of the linearised metric (for planning). */
  unitVariance: number;
}

/**
 * Ratio estimates of every group with delta-method variances (Deng, Knoblich & Lu, KDD 2018 appendix) and CUPED
 * (Deng, Xu, Kohavi & Walker, WSDM 2013): each group's linearised metric is adjusted by the linearised pre-period
 * covariate with one θ pooled over groups, and centred on the pooled pre-period ratio. Null for a group with fewer
 * than two units or no denominator.
 */
export function estimateGroups(groups: readonly UnitSums[], cuped = true): (GroupEstimate | null)[] {
  const lin = groups.map(linearise);
  let covSum = 0;
  let varSum = 0;
  let xAll = 0;
  let mAll = 0;
  for (let i = 0; i < groups.length; i++) {
    const l = lin[i];
    const s = groups[i] as UnitSums;
    if (!l || !l.hasPre) continue;
    covSum += l.covLK * (l.count - 1);
    varSum += l.varK * (l.count - 1);
    xAll += s.x;
    mAll += s.m;
  }
  const theta = cuped && varSum > 0 ? covSum / varSum : 0;
  const pooledPre = mAll > 0 ? xAll / mAll : 0;
  return lin.map((l) => {
    if (!l) return null;
    const rawVariance = l.varL / l.count;
    if (!l.hasPre || theta === 0) return { units: l.count, raw: l.ratio, value: l.ratio, variance: rawVariance, rawVariance, unitVariance: l.varL };
    const adjusted = Math.max(0, l.varL - 2 * theta * l.covLK + theta * theta * l.varK);
    return {
      units: l.count,
      raw: l.ratio,
      value: l.ratio - theta * (l.preRatio - pooledPre),
      variance: adjusted / l.count,
      rawVariance,
      unitVariance: l.varL,
    };
  });
}
