import type { PipelineConfig } from '../recommend/pipeline/pipeline.ts';
import { EXPERIMENT_METRICS, type ExperimentMetric } from './metrics.ts';

export const EXPERIMENT_STATUSES = ['draft', 'running', 'paused', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

/** Changes to a named pipeline: objects merge, arrays and scalars replace (see `mergeRecommendConfig`). */
export type PipelineOverride = Partial<PipelineConfig>;

/** What one arm serves: a named strategy, or a named strategy with parts of its pipeline replaced. */
export interface ExperimentVariant {
  name: string;
  /** Share of the experiment's traffic, relative to the other variants' weights. */
  weight: number;
  /** A configured strategy (`funnel`, `viral`, …); with `override`, the pipeline the override starts from. */
  strategy: string;
  override?: PipelineOverride;
}

/** Who may enter. Empty lists and absent fields do not restrict; guests only enter untargeted experiments. */
export interface ExperimentTargeting {
  markets?: string[];
  signupSources?: string[];
  /** Audience segments as analytics derives them (`lifestyle`, `entertainment`, `knowledge`). */
  segments?: string[];
  /** Only accounts created after the experiment started. */
  newUsersOnly?: boolean;
}

/** The planned size of an experiment, from a stated minimum detectable effect on its primary metric. */
export interface ExperimentPlan {
  /** Relative minimum detectable effect, e.g. 0.05 for a 5% lift. */
  mde: number;
  alpha: number;
  power: number;
  /** The primary metric's recent value and per-unit variance the plan was computed from. */
  baseline: { mean: number; variance: number; units: number; dailyUnits: number };
  /** Units needed across all variants, and days of traffic to reach them (null when there is no traffic yet). */
  sampleSize: number;
  days: number | null;
}

/** Half-open range of layer buckets [start, end) an experiment owns while running or paused. */
export interface LayerRange {
  start: number;
  end: number;
}

export interface Experiment {
  id: string;
  /** Unique, URL-safe: `funnel-vs-viral`. */
  name: string;
  hypothesis: string;
  /** The feed surface it changes (`discover`, `video`). */
  surface: string;
  /** Experiments in one layer never share a unit: each owns a disjoint range of the layer's buckets. */
  layer: string;
  /** Share of the layer's units in the experiment, (0, 1]. */
  traffic: number;
  /** The first variant is the control. */
  variants: ExperimentVariant[];
  targeting: ExperimentTargeting;
  primaryMetric: ExperimentMetric;
  guardrailMetrics: ExperimentMetric[];
  plan: ExperimentPlan | null;
  /** Mixed into the hash that picks the variant, so two experiments split the same units independently. */
  salt: string;
  status: ExperimentStatus;
  layerRange: LayerRange | null;
  createdBy: string;
  createdAt: number;
  startedAt: number | null;
  pausedAt: number | null;
  stoppedAt: number | null;
}

export const EXPERIMENT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function isExperimentMetric(s: string): s is ExperimentMetric {
  return (EXPERIMENT_METRICS as readonly string[]).includes(s);
}

/** Status changes an operator may make; anything else is a conflict. */
export const STATUS_CHANGES: Readonly<Record<'start' | 'pause' | 'stop', readonly ExperimentStatus[]>> = {
  start: ['draft', 'paused'],
  pause: ['running'],
  stop: ['draft', 'running', 'paused'],
};
