import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRng } from '../runtime/rng.ts';
import { chiSquareSurvival, normalCdf, normalQuantile } from './distributions.ts';
import { planSampleSize } from './planning.ts';
import { estimateGroups, sumUnits } from './ratio-estimate.ts';
import { msprt } from './sequential.ts';
import { sampleRatioCheck } from './srm.ts';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

describe('distributions', () => {
  it('match tabulated normal and chi-square values', () => {
    close(normalCdf(0), 0.5, 1e-15);
    close(normalCdf(1.959963984540054), 0.975, 1e-12);
    close(normalCdf(-3), 0.0013498980316301, 1e-13);
    close(normalCdf(-8), 6.22096057427178e-16, 1e-24);
    close(normalQuantile(0.975), 1.959963984540054, 1e-12);
    close(normalQuantile(0.8), 0.8416212335729143, 1e-12);
    close(normalQuantile(1e-6), -4.753424308822899, 1e-10);
    close(chiSquareSurvival(3.841458820694124, 1), 0.05, 1e-10);
    close(chiSquareSurvival(5.991464547107979, 2), 0.05, 1e-10);
    close(chiSquareSurvival(16, 1), 6.334248366623996e-5, 1e-12);
    close(chiSquareSurvival(123.2252, 99), 0.05, 1e-5);
  });
});

describe('ratio estimates', () => {
  it('give the delta-method variance of Σy/Σn worked by hand', () => {
    // R = 3/6 = 0.5, n̄ = 2; L = (y − R·n)/n̄ = 0, −0.25, 0.25; var(L) = 0.125/2; Var(R) = var(L)/3.
    const [e] = estimateGroups([sumUnits([{ y: 1, n: 2, x: 0, m: 0 }, { y: 0, n: 1, x: 0, m: 0 }, { y: 2, n: 3, x: 0, m: 0 }])]);
    close(e!.value, 0.5);
    close(e!.variance, 0.0625 / 3);
    close(e!.rawVariance, e!.variance);
  });

  it('CUPED-adjust each group with one pooled θ, as worked by hand', () => {
    // A: y = 1,2,3, x = 1,2,4 → var(K) = 7/3, cov(L,K) = 1.5. B: y = 2,3,4, x = 2,2,2 → var(K) = 0.
    // θ = 1.5·2 / (7/3·2) = 9/14; pooled pre mean 13/6.
    const a = [1, 2, 3].map((y, i) => ({ y, n: 1, x: [1, 2, 4][i]!, m: 1 }));
    const b = [2, 3, 4].map((y) => ({ y, n: 1, x: 2, m: 1 }));
    const [ea, eb] = estimateGroups([sumUnits(a), sumUnits(b)]);
    close(ea!.value, 53 / 28);
    close(ea!.variance, 1 / 84);
    close(ea!.rawVariance, 1 / 3);
    close(eb!.value, 87 / 28);
    close(eb!.variance, 1 / 3);
    const [plain] = estimateGroups([sumUnits(a), sumUnits(b)], false);
    close(plain!.value, 2);
  });

  it('leave a group without enough units unestimated', () => {
    assert.deepEqual(estimateGroups([sumUnits([{ y: 1, n: 1, x: 0, m: 0 }]), sumUnits([])]), [null, null]);
  });

  it('CUPED shrinks the variance when the pre-period predicts the metric (simulation)', () => {
    const rng = new SeededRng(7);
    const units = Array.from({ length: 2000 }, () => {
      const skill = rng.next() * 10;
      return { y: skill + rng.next(), n: 1, x: skill + rng.next(), m: 1 };
    });
    const [e] = estimateGroups([sumUnits(units.slice(0, 1000)), sumUnits(units.slice(1000))]);
    assert.ok(e!.variance < e!.rawVariance / 5, `${e!.variance} vs ${e!.rawVariance}`);
  });
});

/** Bernoulli sufficient statistics of two arms, peeked at every `every` units per arm. */
function simulate(rng: SeededRng, pA: number, pB: number, perArm: number, every: number, test: (d: number, v: number) => boolean): boolean {
  let sa = 0;
  let sb = 0;
  for (let n = 1; n <= perArm; n++) {
    if (rng.next() < pA) sa++;
    if (rng.next() < pB) sb++;
    if (n % every !== 0) continue;
    const ma = sa / n;
    const mb = sb / n;
    const v = (ma * (1 - ma)) / (n - 1) + (mb * (1 - mb)) / (n - 1);
    if (v > 0 && test(mb - ma, v)) return true;
  }
  return false;
}

describe('sequential test (mSPRT)', () => {
  const alpha = 0.05;
  const tau2 = (0.1 * 0.1) ** 2; // a 10% relative effect on a 10% rate

  it('keeps the false-positive rate at or below 5% on 1,000 A/A runs peeked 50 times each', () => {
    const rng = new SeededRng(2024);
    let sequential = 0;
    let naive = 0;
    for (let run = 0; run < 1000; run++) {
      const seed = rng.int(2 ** 31);
      if (simulate(new SeededRng(seed), 0.1, 0.1, 10_000, 200, (d, v) => msprt(d, v, tau2, alpha).p < alpha)) sequential++;
      // The same data read with a fixed-horizon z-test at every peek: the test this one replaces.
      if (simulate(new SeededRng(seed), 0.1, 0.1, 10_000, 200, (d, v) => Math.abs(d) / Math.sqrt(v) > 1.96)) naive++;
    }
    console.log(`A/A false positives under peeking: mSPRT ${sequential}/1000, fixed-horizon z ${naive}/1000`);
    assert.ok(sequential / 1000 <= 0.05, `sequential false positives ${sequential}/1000`);
    assert.ok(naive / 1000 > 0.1, `peeking a fixed-horizon test should inflate false positives, got ${naive}/1000`);
  });

  it('detects a planted 20% lift in most runs', () => {
    const rng = new SeededRng(99);
    let found = 0;
    for (let run = 0; run < 200; run++) if (simulate(new SeededRng(rng.int(2 ** 31)), 0.1, 0.12, 10_000, 200, (d, v) => msprt(d, v, tau2, alpha).p < alpha)) found++;
    console.log(`planted 20% lift detected in ${found}/200 runs`);
    assert.ok(found / 200 >= 0.9, `detected ${found}/200`);
  });

  it('has an always-valid interval that excludes 0 exactly when p < alpha', () => {
    for (const d of [0, 0.001, 0.01, 0.02, -0.03]) {
      const r = msprt(d, 1e-5, 1e-4, alpha);
      assert.equal(r.p < alpha, r.ci[0] > 0 || r.ci[1] < 0, `d = ${d}`);
      assert.ok(r.ci[0] <= d && d <= r.ci[1]);
    }
    // Λ by hand: V = 1, τ² = 3, d = 2 → sqrt(1/4)·exp(3·4/(2·4)) = 0.5·e^1.5.
    close(msprt(2, 1, 3, alpha).p, 1 / (0.5 * Math.exp(1.5)), 1e-12);
  });
});

describe('sample ratio mismatch', () => {
  it('passes a fair split and flags a skewed one', () => {
    const fair = sampleRatioCheck([5030, 4970], [1, 1]);
    assert.equal(fair.mismatch, false);
    close(fair.chiSquare, 0.36);
    // (5200 − 5000)² / 5000 · 2 = 16 → p = 6.3e-5.
    const skewed = sampleRatioCheck([5200, 4800], [1, 1]);
    close(skewed.chiSquare, 16);
    close(skewed.p, 6.334248366623996e-5, 1e-12);
    assert.equal(skewed.mismatch, true);
    assert.equal(sampleRatioCheck([2500, 2500, 5000], [1, 1, 2]).mismatch, false);
    assert.equal(sampleRatioCheck([3333, 3333, 3334], [1, 1, 2]).mismatch, true);
  });
});

describe('planning', () => {
  it('sizes a two-arm test from a minimum detectable effect, worked by hand', () => {
    // δ = 0.1·0.1 = 0.01; (1.959964 + 0.841621)² · 0.09 · (2 + 2) / 0.0001 = 28 255.96 → 28 256.
    const plan = planSampleSize({ mean: 0.1, variance: 0.09, mde: 0.1, alpha: 0.05, power: 0.8, weights: [1, 1], dailyUnits: 1000 });
    assert.equal(plan.sampleSize, 28_256);
    assert.equal(plan.days, 29);
    // A 1:3 split needs 1/0.25 + 1/0.75 = 5.33 instead of 4.
    const uneven = planSampleSize({ mean: 0.1, variance: 0.09, mde: 0.1, alpha: 0.05, power: 0.8, weights: [1, 3], dailyUnits: 0 });
    assert.equal(uneven.sampleSize, 37_675);
    assert.equal(uneven.days, null);
    assert.deepEqual(planSampleSize({ mean: 0, variance: 1, mde: 0.1, alpha: 0.05, power: 0.8, weights: [1, 1], dailyUnits: 1 }), { sampleSize: 0, days: null });
  });
});
