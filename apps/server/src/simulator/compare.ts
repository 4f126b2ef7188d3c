import type { ExperimentInput } from '@notewave/api-client';
import type { Storage } from '@notewave/engine';
import { buildResult, type SimulationResult } from './comparison.ts';
import type { RunMetrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import { runSimulation, type StrategyAssignment } from './simulation.ts';

export interface CompareOptions {
  scenario: Scenario;
  strategies: readonly string[];
  seed: number;
  /** An empty, migrated store for one strategy's run; closed by the caller after the run. */
  openStore: (strategy: string) => Promise<Storage>;
  assign?: StrategyAssignment;
  onDay?: (strategy: string, day: number, days: number, events: number) => void;
  jieba?: boolean;
  /** An experiment run inside each strategy's run (see `SimulationOptions.experiment`). */
  experiment?: ExperimentInput;
}

export interface RunTiming {
  strategy: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/**
 * Runs the same scenario and seed once per strategy, each into its own store, and puts the runs side by side: the
 * article's question (would the arrivals have stayed if served differently?) as one command.
 */
export async function compareStrategies(o: CompareOptions): Promise<{ result: SimulationResult; timings: RunTiming[] }> {
  const runs: RunMetrics[] = [];
  const timings: RunTiming[] = [];
  for (const strategy of o.strategies) {
    const storage = await o.openStore(strategy);
    const started = performance.now();
    try {
      const run = await runSimulation({
        scenario: o.scenario, strategy, seed: o.seed, storage, assign: o.assign, jieba: o.jieba, experiment: o.experiment,
        onDay: (day, days, events) => o.onDay?.(strategy, day, days, events),
      });
      const seconds = (performance.now() - started) / 1000;
      runs.push(run);
      timings.push({ strategy, events: run.events, seconds, eventsPerSecond: run.events / Math.max(seconds, 1e-9) });
    } finally {
      await storage.close();
    }
  }
  return { result: buildResult(o.scenario, o.seed, runs), timings };
}
