import {
  EngineError, estimateGroups, planSampleSize, readout, STATUS_CHANGES, sumUnits, unitMetrics, validateExperimentSpec, allocateLayerRange,
  type Clock, type EngineEvent, type EventLog, type Experiment, type ExperimentPlan, type ExperimentSpec, type ExperimentStore,
  type Exposure, type IdGenerator, type MetricOptions, type PipelineOverride, type Readout, type Recommender,
} from '@notewave/engine';

const PAGE = 5_000;
const DAY_MS = 86_400_000;
/** Days of recent traffic a plan's baseline is measured on, and of pre-experiment behaviour CUPED reads. */
export const BASELINE_DAYS = 14;
export const PRE_DAYS = 7;
const SESSION_GAP_MS = 30 * 60_000;

export interface AdminDeps {
  store: ExperimentStore;
  log: EventLog;
  /** Strategies, surfaces and pipeline checks come from the recommender's configuration. */
  recommender: Recommender;
  clock: Clock;
  ids: IdGenerator;
  /** A note's author, for follows of shown authors. */
  authorOf: (noteId: string) => string | null;
}

export type ExperimentReadoutResult = Readout & { read: { exposures: number; events: number } };

/**
 * Defining, starting, pausing and stopping experiments, and reading them out: the same for the HTTP API and the
 * command line. Everything lives in storage, so every node (and the CLI) sees the same definitions.
 */
export class ExperimentAdmin {
  constructor(private readonly d: AdminDeps) {}

  /** Checks a definition against this engine's surfaces, strategies and pipelines; throws a validation error. */
  check(spec: ExperimentSpec): ReturnType<typeof validateExperimentSpec> {
    const r = this.d.recommender;
    return validateExperimentSpec(spec, {
      surfaces: Object.keys(r.config.surfaces),
      strategies: r.strategies(),
      checkPipeline: (strategy, override) => void r.derivePipeline(strategy, override),
    });
  }

  async create(spec: ExperimentSpec, createdBy: string): Promise<Experiment> {
    const v = this.check(spec);
    if (await this.d.store.getExperimentByName(v.name)) throw new EngineError('conflict', `an experiment named '${v.name}' exists`);
    const now = this.d.clock.now();
    const id = this.d.ids.next('exp');
    const { mde, alpha, power, ...def } = v;
    const exp: Experiment = {
      ...def, id, plan: null, salt: `${v.name}:${id}`, status: 'draft', layerRange: null, createdBy, createdAt: now, startedAt: null, pausedAt: null, stoppedAt: null,
    };
    exp.plan = await this.plan(exp, { mde, alpha, power }, now);
    await this.d.store.createExperiment(exp);
    return exp;
  }

  list(): Promise<Experiment[]> {
    return this.d.store.listExperiments();
  }

  async get(name: string): Promise<Experiment> {
    const e = await this.d.store.getExperimentByName(name);
    if (!e) throw new EngineError('not_found', `no experiment named '${name}'`);
    return e;
  }

  async start(name: string): Promise<Experiment> {
    return this.change(name, 'start', (e) => ({ from: STATUS_CHANGES.start, to: 'running', at: this.d.clock.now(), allocate: (taken) => allocateLayerRange(taken, e.traffic) }));
  }

  async pause(name: string): Promise<Experiment> {
    return this.change(name, 'pause', () => ({ from: STATUS_CHANGES.pause, to: 'paused', at: this.d.clock.now() }));
  }

  async stop(name: string): Promise<Experiment> {
    return this.change(name, 'stop', () => ({ from: STATUS_CHANGES.stop, to: 'stopped', at: this.d.clock.now(), release: true }));
  }

  /** Reads the experiment's exposures and the exposed users' events from storage and computes the readout. */
  async readout(name: string): Promise<ExperimentReadoutResult> {
    const exp = await this.get(name);
    const now = this.d.clock.now();
    const exposures: Exposure[] = [];
    for (let after = 0; ;) {
      const page = await this.d.store.listExposures(exp.id, after, PAGE);
      for (const { seq: _seq, ...x } of page) exposures.push(x);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
    const start = exp.startedAt ?? now;
    const end = exp.stoppedAt ?? now;
    const users = new Set<string>();
    for (const x of exposures) if (x.userId !== null) users.add(x.userId);
    const events = await this.events(start - PRE_DAYS * DAY_MS, end, (e) => users.has(e.userId));
    const data = unitMetrics(exposures, events, this.metricOptions(exp.surface, start, end, PRE_DAYS));
    const out = readout(exp, data, now, { alpha: exp.plan?.alpha ?? 0.05 });
    return { ...out, read: { exposures: exposures.length, events: events.length } };
  }

  private async change(name: string, verb: keyof typeof STATUS_CHANGES, change: (e: Experiment) => Parameters<ExperimentStore['changeStatus']>[1]): Promise<Experiment> {
    const e = await this.get(name);
    const updated = await this.d.store.changeStatus(e.id, change(e));
    if (updated) return updated;
    const now = await this.get(name);
    throw new EngineError('conflict', `cannot ${verb} experiment '${name}': it is ${now.status}`);
  }

  /**
   * The planned size: the primary metric's value and per-unit variance over the last BASELINE_DAYS on the surface
   * (what CUPED reads as the pre-period, for every user active there), and the daily active users entering it.
   */
  private async plan(exp: Experiment, p: { mde: number; alpha: number; power: number }, now: number): Promise<ExperimentPlan> {
    const since = now - BASELINE_DAYS * DAY_MS;
    const events = await this.events(since, now, (e) => e.surface === exp.surface);
    const firstSeen = new Map<string, number>();
    const userDays = new Set<string>();
    for (const e of events) {
      if (!firstSeen.has(e.userId)) firstSeen.set(e.userId, e.ts);
      userDays.add(`${e.userId}|${Math.floor(e.ts / DAY_MS)}`);
    }
    // One stand-in exposure per recent user at `now`: their last BASELINE_DAYS become the pre-period values.
    const stand: Exposure[] = [...firstSeen.keys()].map((userId) => ({
      experimentId: exp.id, experimentName: exp.name, variant: 'baseline', unitId: userId, userId, ts: now, surface: exp.surface, sessionId: '', recIds: [], noteIds: [],
    }));
    const data = unitMetrics(stand, events, this.metricOptions(exp.surface, now, now + 1, BASELINE_DAYS));
    const units = (data.values.get('baseline')?.get(exp.primaryMetric) ?? []).map((u) => ({ y: u.x, n: u.m, x: 0, m: 0 }));
    const [est] = estimateGroups([sumUnits(units)], false);
    const mean = est?.value ?? 0;
    const variance = est?.unitVariance ?? 0;
    // Distinct users per day on the surface, of whom the experiment takes its traffic share; new ones only for
    // targeting is not modelled, so a targeted experiment takes longer than planned.
    const dailyUnits = (firstSeen.size / BASELINE_DAYS) * exp.traffic;
    const { sampleSize, days } = planSampleSize({ mean, variance, mde: p.mde, alpha: p.alpha, power: p.power, weights: exp.variants.map((v) => v.weight), dailyUnits });
    return { ...p, baseline: { mean, variance, units: units.length, dailyUnits: Math.round(dailyUnits * 100) / 100 }, sampleSize, days };
  }

  private metricOptions(surface: string, start: number, end: number, preDays: number): MetricOptions {
    return {
      start, end, surface, preDays,
      completePortion: this.d.recommender.config.profile.completePortion,
      sessionGapMs: SESSION_GAP_MS,
      authorOf: this.d.authorOf,
    };
  }

  /** Events in [from, to) that pass `keep`, read through the whole log in pages (the log is ordered by seq, not time). */
  private async events(from: number, to: number, keep: (e: EngineEvent) => boolean): Promise<EngineEvent[]> {
    const out: EngineEvent[] = [];
    for (let since = 0; ;) {
      const page = await this.d.log.readSince(since, PAGE);
      for (const e of page) if (e.ts >= from && e.ts < to && keep(e)) out.push(e);
      if (page.length < PAGE) break;
      since = page[page.length - 1]!.seq;
    }
    return out;
  }
}

/** The pipeline name a variant is served under: its strategy, or a derived name when it overrides the pipeline. */
export function variantPipeline(exp: Pick<Experiment, 'name'>, v: { name: string; strategy: string; override?: PipelineOverride }): string {
  return v.override ? `${v.strategy}~${exp.name}/${v.name}` : v.strategy;
}
