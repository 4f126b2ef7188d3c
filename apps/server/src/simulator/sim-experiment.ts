import { join } from 'node:path';
import type { ExperimentInput } from '@notewave/api-client';
import type { Clock, Engine, Experiment, Exposure, Storage, User } from '@notewave/engine';
import { readExperimentDefinition } from '../experiments/definition-file.ts';
import { ExperimentAdmin, type ExperimentReadoutResult } from '../experiments/experiment-admin.ts';
import { ExperimentServing, exposureOf, type Arm } from '../experiments/experiment-serving.ts';
import { resolveShipped, SCENARIO_DIR, shippedNames } from './scenario-files.ts';

/** Experiment definitions shipped beside the scenarios (`scenarios/experiments/*.json`). */
export const EXPERIMENT_DIR = join(SCENARIO_DIR, 'experiments');

export function shippedExperiments(): string[] {
  return shippedNames(EXPERIMENT_DIR);
}

/** Loads an experiment definition by shipped name (`arrivals-funnel-vs-viral`) or by path, checked as the API checks it. */
export function loadExperimentDefinition(nameOrPath: string): ExperimentInput {
  return readExperimentDefinition(resolveShipped(EXPERIMENT_DIR, nameOrPath, 'experiment definition'));
}

/** What a simulated run reports of its experiment: who was in which arm, daily actives per arm, and the readout. */
export interface SimExperimentResult {
  name: string;
  surface: string;
  /** Variant → the strategy (pipeline) it served. */
  strategies: Record<string, string>;
  /** Variant → accounts assigned to it (exposed at least once). */
  units: Record<string, number>;
  /** Variant → assigned accounts active per day. */
  dau: Record<string, number[]>;
  /** The experiments readout over the simulated store, exactly as `notewave experiment report` computes it. */
  readout: ExperimentReadoutResult;
}

/**
 * An experiment inside a simulated run, through the product's own pieces: the definition is created and started by
 * the experiments admin (validated, planned, allocated a layer range) at the run's first moment, each served page
 * asks the same assignment the feed route asks, exposures are stored as the feed route stores them, and at the end
 * the experiment is stopped and read out from the store the run wrote.
 */
export class SimExperiment {
  private readonly unitsByVariant = new Map<string, Set<string>>();
  private readonly dauByVariant = new Map<string, number[]>();
  private readonly variantOfUser = new Map<string, string>();

  private readonly admin: ExperimentAdmin;
  private readonly serving: ExperimentServing;
  private readonly engine: Engine;
  private started: Experiment | null = null;

  /** Checks the definition against the run's engine at once, so a bad one stops the run before it writes anything. */
  constructor(private readonly o: {
    spec: ExperimentInput;
    storage: Storage;
    engine: Engine;
    clock: Clock;
    days: number;
    authorOf: (noteId: string) => string | null;
  }) {
    this.engine = o.engine;
    this.admin = new ExperimentAdmin({
      store: o.storage.experiments, log: o.storage.events, recommender: o.engine.recommender, clock: o.clock, ids: o.engine.deps.ids, authorOf: o.authorOf,
    });
    this.admin.check(o.spec);
    // The run's clock never moves back, and assignment is a pure hash: one read of the live experiments serves it all.
    this.serving = new ExperimentServing(o.storage.experiments, o.engine, o.clock, Number.POSITIVE_INFINITY);
  }

  /** Creates and starts the experiment (planned from the traffic stored so far) at the clock's time. */
  async start(): Promise<Experiment> {
    const created = await this.admin.create(this.o.spec, 'simulator');
    const started = await this.admin.start(created.name);
    for (const v of started.variants) {
      this.unitsByVariant.set(v.name, new Set());
      this.dauByVariant.set(v.name, new Array<number>(this.o.days).fill(0));
    }
    this.started = started;
    return started;
  }

  get experiment(): Experiment {
    if (!this.started) throw new Error('the experiment has not started');
    return this.started;
  }

  /** The arm serving an account on a surface, or null when the experiment does not take it there. */
  async arm(user: User, surface: string): Promise<Arm | null> {
    const arm = await this.serving.arm(user, undefined, surface);
    if (arm && !this.variantOfUser.has(user.id)) this.variantOfUser.set(user.id, arm.variant);
    return arm;
  }

  /** The exposure a served page makes, as the feed route records it; the caller stores it with the run's events. */
  exposure(arm: Arm, page: { ts: number; sessionId: string; surface: string; items: readonly { recId: string; noteId: string }[] }): Exposure {
    const x = exposureOf(arm, page);
    this.engine.applyExposure(x);
    this.unitsByVariant.get(arm.variant)?.add(arm.unitId);
    return x;
  }

  /** Counts an account active on a day under its variant, once it has been assigned one. */
  active(userId: string, day: number): void {
    const v = this.variantOfUser.get(userId);
    if (v !== undefined) this.dauByVariant.get(v)![day]!++;
  }

  /** Stops the experiment at the run's end and reads it out from storage (the caller has flushed everything). */
  async finish(): Promise<SimExperimentResult> {
    const name = this.experiment.name;
    await this.admin.stop(name);
    const readout = await this.admin.readout(name);
    const variants = this.experiment.variants;
    return {
      name,
      surface: this.experiment.surface,
      strategies: Object.fromEntries(variants.map((v) => [v.name, v.override ? `${v.strategy} + override` : v.strategy])),
      units: Object.fromEntries(variants.map((v) => [v.name, this.unitsByVariant.get(v.name)!.size])),
      dau: Object.fromEntries(variants.map((v) => [v.name, [...this.dauByVariant.get(v.name)!]])),
      readout,
    };
  }
}
