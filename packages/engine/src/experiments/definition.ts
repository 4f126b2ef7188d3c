import { EngineError } from '../errors.ts';
import type { Experiment, ExperimentTargeting, ExperimentVariant, PipelineOverride } from './experiment.ts';
import { EXPERIMENT_NAME_PATTERN, isExperimentMetric } from './experiment.ts';
import { EXPERIMENT_METRICS, type ExperimentMetric } from './metrics.ts';

/** An experiment as an operator writes it; everything else (id, salt, status, times) the server fills in. */
export interface ExperimentSpec {
  name: string;
  hypothesis: string;
  surface: string;
  layer?: string;
  traffic?: number;
  variants: { name: string; weight?: number; strategy: string; override?: PipelineOverride }[];
  targeting?: ExperimentTargeting;
  primaryMetric: string;
  guardrailMetrics?: string[];
  /** Relative minimum detectable effect on the primary metric, for the planned size. */
  mde?: number;
  alpha?: number;
  power?: number;
}

/** What a definition is checked against: the engine's surfaces and strategies, and a way to build a pipeline. */
export interface DefinitionContext {
  surfaces: readonly string[];
  strategies: readonly string[];
  /** Builds the variant's pipeline and throws (EngineError) when a component or parameter is wrong. */
  checkPipeline(strategy: string, override: PipelineOverride): void;
}

export type ValidatedSpec = Pick<Experiment, 'name' | 'hypothesis' | 'surface' | 'layer' | 'traffic' | 'variants' | 'targeting' | 'primaryMetric' | 'guardrailMetrics'> & {
  mde: number;
  alpha: number;
  power: number;
};

const VARIANT_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const MAX_VARIANTS = 8;
const MAX_LIST = 50;

function invalid(message: string): never {
  throw new EngineError('validation_failed', message);
}

/** Checks an experiment definition; every problem is a validation error naming the field. */
export function validateExperimentSpec(spec: ExperimentSpec, ctx: DefinitionContext): ValidatedSpec {
  if (!EXPERIMENT_NAME_PATTERN.test(spec.name)) invalid('name must be 1–63 lower-case letters, digits, - or _, starting with a letter or digit');
  const hypothesis = spec.hypothesis.trim();
  if (hypothesis.length === 0 || hypothesis.length > 2000) invalid('hypothesis must be 1–2000 characters');
  if (!ctx.surfaces.includes(spec.surface)) invalid(`surface must be one of ${ctx.surfaces.join(', ')}`);
  const layer = spec.layer ?? spec.surface;
  if (!EXPERIMENT_NAME_PATTERN.test(layer)) invalid('layer must be 1–63 lower-case letters, digits, - or _');
  const traffic = spec.traffic ?? 1;
  if (!(traffic > 0 && traffic <= 1)) invalid('traffic must be a share in (0, 1]');
  if (spec.variants.length < 2 || spec.variants.length > MAX_VARIANTS) invalid(`an experiment has 2–${MAX_VARIANTS} variants; the first is the control`);
  const seen = new Set<string>();
  const variants: ExperimentVariant[] = spec.variants.map((v, i) => {
    if (!VARIANT_NAME.test(v.name)) invalid(`variants[${i}].name must be 1–32 lower-case letters, digits, - or _`);
    if (seen.has(v.name)) invalid(`variant name '${v.name}' is used twice`);
    seen.add(v.name);
    const weight = v.weight ?? 1;
    if (!(Number.isFinite(weight) && weight > 0 && weight <= 1000)) invalid(`variants[${i}].weight must be a number in (0, 1000]`);
    if (!ctx.strategies.includes(v.strategy)) invalid(`variants[${i}].strategy '${v.strategy}' is not a configured strategy (${ctx.strategies.join(', ')})`);
    if (v.override !== undefined) {
      try {
        ctx.checkPipeline(v.strategy, v.override);
      } catch (e) {
        invalid(`variants[${i}].override: ${e instanceof Error ? e.message : String(e)}`);
      }
      return { name: v.name, weight, strategy: v.strategy, override: v.override };
    }
    return { name: v.name, weight, strategy: v.strategy };
  });
  const targeting = checkTargeting(spec.targeting ?? {});
  const primaryMetric = metric(spec.primaryMetric, 'primaryMetric');
  const guardrailMetrics = [...new Set((spec.guardrailMetrics ?? []).map((m, i) => metric(m, `guardrailMetrics[${i}]`)))].filter((m) => m !== primaryMetric);
  const mde = spec.mde ?? 0.05;
  if (!(mde > 0 && mde <= 10)) invalid('mde must be a relative effect in (0, 10]');
  const alpha = spec.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 0.5)) invalid('alpha must be in (0, 0.5)');
  const power = spec.power ?? 0.8;
  if (!(power >= 0.5 && power < 1)) invalid('power must be in [0.5, 1)');
  return { name: spec.name, hypothesis, surface: spec.surface, layer, traffic, variants, targeting, primaryMetric, guardrailMetrics, mde, alpha, power };
}

function metric(m: string, field: string): ExperimentMetric {
  if (!isExperimentMetric(m)) invalid(`${field} must be one of ${EXPERIMENT_METRICS.join(', ')}`);
  return m;
}

function checkTargeting(t: ExperimentTargeting): ExperimentTargeting {
  const out: ExperimentTargeting = {};
  for (const k of ['markets', 'signupSources', 'segments'] as const) {
    const list = t[k];
    if (list === undefined) continue;
    if (list.length > MAX_LIST || list.some((s) => s.length === 0 || s.length > 64)) invalid(`targeting.${k} must list at most ${MAX_LIST} values of 1–64 characters`);
    if (list.length > 0) out[k] = [...new Set(list)];
  }
  if (t.newUsersOnly) out.newUsersOnly = true;
  return out;
}
