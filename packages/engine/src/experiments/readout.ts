import { normalCdf, normalQuantile } from './distributions.ts';
import type { Experiment } from './experiment.ts';
import { EXPERIMENT_METRICS, METRIC_DESCRIPTIONS, type ExperimentMetric, type UnitMetrics } from './metrics.ts';
import { estimateGroups, sumUnits, type GroupEstimate } from './ratio-estimate.ts';
import { msprt } from './sequential.ts';
import { sampleRatioCheck, type SrmResult } from './srm.ts';

export interface ReadoutOptions {
  /** Significance level of every test and interval. */
  alpha?: number;
  /** Relative effect the sequential test's mixture is centred on when the experiment has no plan. */
  defaultMde?: number;
  cuped?: boolean;
}

export interface MetricEstimate {
  units: number;
  value: number;
  raw: number;
  se: number;
  /** Standard error without CUPED. */
  rawSe: number;
}

export interface Comparison {
  metric: ExperimentMetric;
  role: 'primary' | 'guardrail' | 'secondary';
  variant: string;
  control: number;
  treatment: number;
  /** treatment − control, and as a share of control (null when control is 0). */
  absolute: number;
  relative: number | null;
  /** Fixed-horizon 1 − alpha interval (valid at the planned size only). */
  ci: [number, number];
  relativeCi: [number, number] | null;
  pFixed: number;
  /** Always-valid p-value and interval: safe at any look. */
  pSequential: number;
  sequentialCi: [number, number];
  significant: boolean;
}

export type Verdict = 'winner' | 'control_wins' | 'inconclusive' | 'guardrail_failed' | 'sample_ratio_mismatch' | 'no_data';

export interface Readout {
  experiment: { id: string; name: string; status: string; primaryMetric: ExperimentMetric; guardrailMetrics: ExperimentMetric[]; control: string };
  asOf: number;
  alpha: number;
  srm: SrmResult;
  variants: { name: string; weight: number; exposedUnits: number; analysedUnits: number; metrics: Partial<Record<ExperimentMetric, MetricEstimate>> }[];
  comparisons: Comparison[];
  progress: { units: number; planned: number | null; share: number | null };
  decision: { verdict: Verdict; winner: string | null; metric: ExperimentMetric; relative: number | null; absolute: number | null; pSequential: number | null; summary: string };
  metricDescriptions: Record<ExperimentMetric, string>;
}

/** Turns per-unit metric values into estimates, comparisons against the control, the SRM check and a verdict. */
export function readout(exp: Experiment, data: UnitMetrics, asOf: number, opts: ReadoutOptions = {}): Readout {
  const alpha = opts.alpha ?? 0.05;
  const z = normalQuantile(1 - alpha / 2);
  const mde = exp.plan?.mde ?? opts.defaultMde ?? 0.05;
  const names = exp.variants.map((v) => v.name);
  const control = names[0] as string;
  const srm = sampleRatioCheck(names.map((n) => data.exposedUnits.get(n) ?? 0), exp.variants.map((v) => v.weight));

  const estimates = new Map<ExperimentMetric, (GroupEstimate | null)[]>();
  for (const metric of EXPERIMENT_METRICS) {
    const sums = names.map((n) => sumUnits(data.values.get(n)?.get(metric) ?? []));
    estimates.set(metric, estimateGroups(sums, opts.cuped ?? true));
  }
  const variants = exp.variants.map((v, i) => {
    const metrics: Partial<Record<ExperimentMetric, MetricEstimate>> = {};
    for (const metric of EXPERIMENT_METRICS) {
      const e = estimates.get(metric)?.[i];
      if (e) metrics[metric] = { units: e.units, value: e.value, raw: e.raw, se: Math.sqrt(e.variance), rawSe: Math.sqrt(e.rawVariance) };
    }
    const analysed = data.values.get(v.name)?.get('sessions_per_user')?.length ?? 0;
    return { name: v.name, weight: v.weight, exposedUnits: data.exposedUnits.get(v.name) ?? 0, analysedUnits: analysed, metrics };
  });

  const roleOf = (m: ExperimentMetric): Comparison['role'] =>
    m === exp.primaryMetric ? 'primary' : exp.guardrailMetrics.includes(m) ? 'guardrail' : 'secondary';
  const comparisons: Comparison[] = [];
  for (const metric of EXPERIMENT_METRICS) {
    const est = estimates.get(metric) as (GroupEstimate | null)[];
    const c = est[0];
    if (!c) continue;
    for (let i = 1; i < names.length; i++) {
      const t = est[i];
      if (!t) continue;
      const d = t.value - c.value;
      const v = t.variance + c.variance;
      const se = Math.sqrt(v);
      const pFixed = se > 0 ? 2 * (1 - normalCdf(Math.abs(d) / se)) : d === 0 ? 1 : 0;
      const tau = Math.abs(mde * c.value) > 0 ? mde * c.value : se;
      const seq = msprt(d, v, tau * tau, alpha);
      let relative: number | null = null;
      let relativeCi: [number, number] | null = null;
      if (c.value !== 0) {
        relative = d / c.value;
        // Delta method for the ratio of two independent estimates.
        const seRel = Math.sqrt(t.variance / c.value ** 2 + (t.value ** 2 * c.variance) / c.value ** 4);
        relativeCi = [relative - z * seRel, relative + z * seRel];
      }
      comparisons.push({
        metric, role: roleOf(metric), variant: names[i] as string, control: c.value, treatment: t.value, absolute: d, relative,
        ci: [d - z * se, d + z * se], relativeCi, pFixed, pSequential: seq.p, sequentialCi: seq.ci, significant: seq.p < alpha,
      });
    }
  }
  const units = srm.observed.reduce((a, b) => a + b, 0);
  const planned = exp.plan?.sampleSize ?? null;
  const progress = { units, planned, share: planned ? Math.min(1, units / planned) : null };
  const metricDescriptions = { ...METRIC_DESCRIPTIONS };
  return {
    experiment: { id: exp.id, name: exp.name, status: exp.status, primaryMetric: exp.primaryMetric, guardrailMetrics: exp.guardrailMetrics, control },
    asOf, alpha, srm, variants, comparisons, progress,
    decision: decide(exp, control, comparisons, srm, units, alpha),
    metricDescriptions,
  };
}

function decide(exp: Experiment, control: string, comparisons: readonly Comparison[], srm: SrmResult, units: number, alpha: number): Readout['decision'] {
  const metric = exp.primaryMetric;
  const none = { winner: null, metric, relative: null, absolute: null, pSequential: null };
  if (units === 0) return { ...none, verdict: 'no_data', summary: 'No unit has been exposed yet.' };
  if (srm.mismatch) {
    return {
      ...none, verdict: 'sample_ratio_mismatch',
      summary: `Sample ratio mismatch: exposed units ${srm.observed.join(' / ')} against expected ${srm.expected.map((e) => e.toFixed(0)).join(' / ')} (p ${fmtP(srm.p)}). Assignment or exposure logging is broken; do not trust this readout.`,
    };
  }
  const failed = new Set(
    comparisons.filter((c) => c.role === 'guardrail' && c.significant && c.absolute < 0).map((c) => c.variant),
  );
  const primary = comparisons.filter((c) => c.role === 'primary');
  const treatments = exp.variants.length - 1;
  if (treatments > 0 && failed.size === treatments && primary.every((c) => !c.significant || c.absolute <= 0 || failed.has(c.variant))) {
    const g = comparisons.find((c) => c.role === 'guardrail' && c.significant && c.absolute < 0) as Comparison;
    return { ...none, verdict: 'guardrail_failed', summary: `Every treatment hurts a guardrail: ${g.variant} lowers ${g.metric} by ${fmtRel(g)} (always-valid p ${fmtP(g.pSequential)}).` };
  }
  const winners = primary.filter((c) => c.significant && c.absolute > 0 && !failed.has(c.variant)).sort((a, b) => b.absolute - a.absolute);
  const best = winners[0];
  if (best) {
    return {
      verdict: 'winner', winner: best.variant, metric, relative: best.relative, absolute: best.absolute, pSequential: best.pSequential,
      summary: `${best.variant} beats ${control} on ${metric}: ${fmt(best.treatment)} vs ${fmt(best.control)} (${fmtRel(best)}: a difference of ${signed(best.absolute)}, always-valid ${pct(1 - alpha)} interval ${signed(best.sequentialCi[0])} to ${signed(best.sequentialCi[1])}, p ${fmtP(best.pSequential)}).`
        + (failed.size > 0 ? ` Guardrails failed for ${[...failed].join(', ')}.` : ''),
    };
  }
  const losers = primary.filter((c) => c.significant && c.absolute < 0);
  if (losers.length === primary.length && losers.length > 0) {
    const worst = [...losers].sort((a, b) => (b.pSequential - a.pSequential))[0] as Comparison;
    return {
      verdict: 'control_wins', winner: control, metric, relative: worst.relative === null ? null : -worst.relative, absolute: -worst.absolute, pSequential: worst.pSequential,
      summary: `${control} beats every treatment on ${metric}; the closest, ${worst.variant}, is ${fmtRel(worst)} (always-valid p ${fmtP(worst.pSequential)}).`,
    };
  }
  const closest = [...primary].sort((a, b) => a.pSequential - b.pSequential)[0];
  if (!closest) return { ...none, verdict: 'inconclusive', summary: `Not enough data on ${metric} yet to compare variants.` };
  return {
    verdict: 'inconclusive', winner: null, metric, relative: closest.relative, absolute: closest.absolute, pSequential: closest.pSequential,
    summary: `No significant difference on ${metric} yet: ${closest.variant} vs ${control} is ${fmtRel(closest)} (always-valid p ${fmtP(closest.pSequential)}). Keep running${exp.plan && exp.plan.sampleSize > 0 ? ` toward the planned ${exp.plan.sampleSize} units` : ''}.`,
  };
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(3) : v.toFixed(4);
}
function signed(v: number): string {
  return `${v >= 0 ? '+' : ''}${fmt(v)}`;
}
function fmtRel(c: Comparison): string {
  return c.relative === null ? `${c.absolute >= 0 ? '+' : ''}${fmt(c.absolute)}` : `${c.relative >= 0 ? '+' : ''}${(c.relative * 100).toFixed(1)}%`;
}
/** `< 0.0001` or `= 0.0123`, to follow a `p`. */
function fmtP(p: number): string {
  return p < 0.0001 ? '< 0.0001' : `= ${p.toFixed(4)}`;
}
function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}
