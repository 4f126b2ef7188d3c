import { Type, type Static } from 'typebox';
import { Timestamp } from './common.schema.ts';

// Mirror the engine's experiment enums; a server test keeps the lists equal.
export const ExperimentMetric = Type.Enum([
  'ctr', 'complete_rate', 'saves_per_impression', 'comments_per_impression', 'shares_per_impression', 'follows_per_impression',
  'session_length', 'sessions_per_user', 'd1_retention', 'd7_retention', 'search_next_feed',
]);
export const ExperimentStatus = Type.Enum(['draft', 'running', 'paused', 'stopped']);

const Name = Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Label = Type.String({ minLength: 1, maxLength: 64 });
const Labels = Type.Array(Label, { maxItems: 50 });

/** A pipeline override: `kinds`, `sources`, `scorer`, `rerankers` replace or merge into the strategy's pipeline. */
const PipelineOverride = Type.Object({
  kinds: Type.Optional(Type.Array(Type.Enum(['image', 'video']), { maxItems: 2 })),
  sources: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }), quota: Type.Number({ minimum: 0, maximum: 10_000 }) }), { maxItems: 32 })),
  scorer: Type.Optional(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) })),
  rerankers: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 64 }) }), { maxItems: 32 })),
}, { additionalProperties: false, description: 'Objects merge into the strategy\'s pipeline, arrays replace; components take their parameters beside `name`' });

const Variant = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z0-9][a-z0-9_-]*$' }),
  weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  strategy: Type.String({ minLength: 1, maxLength: 40 }),
  override: Type.Optional(PipelineOverride),
}, { additionalProperties: false });

const Targeting = Type.Object({
  markets: Type.Optional(Labels),
  signupSources: Type.Optional(Labels),
  segments: Type.Optional(Labels),
  newUsersOnly: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** A new experiment; the first variant is the control. */
export const ExperimentInput = Type.Object({
  name: Name,
  hypothesis: Type.String({ minLength: 1, maxLength: 2000 }),
  surface: Type.Enum(['discover', 'video']),
  layer: Type.Optional(Name),
  traffic: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Share of the layer\'s units in the experiment (default 1)' })),
  variants: Type.Array(Variant, { minItems: 2, maxItems: 8 }),
  targeting: Type.Optional(Targeting),
  primaryMetric: ExperimentMetric,
  guardrailMetrics: Type.Optional(Type.Array(ExperimentMetric, { maxItems: 11 })),
  mde: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Relative minimum detectable effect on the primary metric (default 0.05)' })),
  alpha: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 0.5 })),
  power: Type.Optional(Type.Number({ minimum: 0.5, exclusiveMaximum: 1 })),
}, { additionalProperties: false });
export type ExperimentInput = Static<typeof ExperimentInput>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const ExperimentView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  hypothesis: Type.String(),
  surface: Type.String(),
  layer: Type.String(),
  traffic: Type.Number(),
  variants: Type.Array(Type.Object({
    name: Type.String(),
    weight: Type.Number(),
    strategy: Type.String(),
    override: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  })),
  targeting: Targeting,
  primaryMetric: ExperimentMetric,
  guardrailMetrics: Type.Array(ExperimentMetric),
  plan: Nullable(Type.Object({
    mde: Type.Number(),
    alpha: Type.Number(),
    power: Type.Number(),
    baseline: Type.Object({ mean: Type.Number(), variance: Type.Number(), units: Type.Integer(), dailyUnits: Type.Number() }),
    sampleSize: Type.Integer(),
    days: Nullable(Type.Integer()),
  })),
  /** Mixed into the hash that picks each unit's variant. */
  salt: Type.String(),
  status: ExperimentStatus,
  layerRange: Nullable(Type.Object({ start: Type.Integer(), end: Type.Integer() })),
  createdBy: Type.String(),
  createdAt: Timestamp,
  startedAt: Nullable(Timestamp),
  pausedAt: Nullable(Timestamp),
  stoppedAt: Nullable(Timestamp),
});
export type ExperimentView = Static<typeof ExperimentView>;

export const ExperimentList = Type.Object({ items: Type.Array(ExperimentView) });
export type ExperimentList = Static<typeof ExperimentList>;

export const ExperimentParams = Type.Object({ name: Name });
export type ExperimentParams = Static<typeof ExperimentParams>;

const Interval = Type.Tuple([Type.Number(), Type.Number()]);
const Estimate = Type.Object({ units: Type.Integer(), value: Type.Number(), raw: Type.Number(), se: Type.Number(), rawSe: Type.Number() });

/** Which variant wins on the primary metric, by how much and how sure; every metric per variant; the SRM check. */
export const ExperimentReadout = Type.Object({
  experiment: Type.Object({
    id: Type.String(), name: Type.String(), status: Type.String(), primaryMetric: ExperimentMetric,
    guardrailMetrics: Type.Array(ExperimentMetric), control: Type.String(),
  }),
  asOf: Timestamp,
  alpha: Type.Number(),
  srm: Type.Object({ observed: Type.Array(Type.Number()), expected: Type.Array(Type.Number()), chiSquare: Type.Number(), p: Type.Number(), mismatch: Type.Boolean() }),
  variants: Type.Array(Type.Object({
    name: Type.String(), weight: Type.Number(), exposedUnits: Type.Integer(), analysedUnits: Type.Integer(),
    metrics: Type.Record(Type.String(), Estimate),
  })),
  comparisons: Type.Array(Type.Object({
    metric: ExperimentMetric,
    role: Type.Enum(['primary', 'guardrail', 'secondary']),
    variant: Type.String(),
    control: Type.Number(),
    treatment: Type.Number(),
    absolute: Type.Number(),
    relative: Nullable(Type.Number()),
    ci: Interval,
    relativeCi: Nullable(Interval),
    pFixed: Type.Number(),
    pSequential: Type.Number(),
    sequentialCi: Interval,
    significant: Type.Boolean(),
  })),
  progress: Type.Object({ units: Type.Integer(), planned: Nullable(Type.Integer()), share: Nullable(Type.Number()) }),
  decision: Type.Object({
    verdict: Type.Enum(['winner', 'control_wins', 'inconclusive', 'guardrail_failed', 'sample_ratio_mismatch', 'no_data']),
    winner: Nullable(Type.String()),
    metric: ExperimentMetric,
    relative: Nullable(Type.Number()),
    absolute: Nullable(Type.Number()),
    pSequential: Nullable(Type.Number()),
    summary: Type.String(),
  }),
  metricDescriptions: Type.Record(Type.String(), Type.String()),
  /** Exposure records and events read to compute it. */
  read: Type.Object({ exposures: Type.Integer(), events: Type.Integer() }),
});
export type ExperimentReadout = Static<typeof ExperimentReadout>;
