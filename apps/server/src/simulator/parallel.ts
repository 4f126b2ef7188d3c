import { Worker } from 'node:worker_threads';
import type { ExperimentInput } from '@notewave/api-client';
import { siblingModule } from '../jobs/worker-pool.ts';
import { buildResult, type SimulationResult } from './comparison.ts';
import type { RunTiming } from './compare.ts';
import type { RunMetrics } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import type { SimulateMessage, SimulateTask } from './simulate.worker.ts';

export interface ParallelOptions {
  scenario: Scenario;
  strategies: readonly string[];
  seed: number;
  /** Database URL of one strategy's run. */
  url: (strategy: string) => string;
  threads: number;
  experiment?: ExperimentInput;
  onDay?: (strategy: string, day: number, days: number, events: number) => void;
}

/**
 * `compareStrategies` with each strategy's run on a worker thread (at most `threads` at once): the runs share nothing
 * (own engine, own store), so on two cores two strategies take about the time of one. The result is the same as
 * running them one after another, since each run depends only on the scenario, its strategy and the seed.
 */
export async function compareInWorkers(o: ParallelOptions): Promise<{ result: SimulationResult; timings: RunTiming[] }> {
  const moduleUrl = siblingModule(import.meta.url, 'simulate.worker');
  const source = moduleUrl.pathname.endsWith('.ts');
  const entry = source ? new URL('../jobs/worker-entry.mjs', import.meta.url) : moduleUrl;
  const done = new Map<string, { metrics: RunMetrics; seconds: number }>();
  const queue = [...o.strategies];
  const runOne = (strategy: string) =>
    new Promise<void>((resolve, reject) => {
      const task: SimulateTask = { scenario: o.scenario, strategy, seed: o.seed, url: o.url(strategy), experiment: o.experiment };
      const w = new Worker(entry, { workerData: { module: moduleUrl.href, task } });
      let settled = false;
      w.on('message', (m: SimulateMessage) => {
        if (m.type === 'day') o.onDay?.(strategy, m.day, m.days, m.events);
        else if (m.type === 'done') {
          done.set(strategy, { metrics: m.metrics, seconds: m.seconds });
          settled = true;
          resolve();
        } else {
          settled = true;
          reject(new Error(m.message));
        }
      });
      w.on('error', (err) => (settled ? undefined : ((settled = true), reject(err))));
      w.on('exit', (code) => (settled ? undefined : ((settled = true), reject(new Error(`the ${strategy} run stopped (exit ${code})`)))));
    });
  const lanes = Array.from({ length: Math.max(1, Math.min(o.threads, queue.length)) }, async () => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) await runOne(s);
  });
  await Promise.all(lanes);
  const runs = o.strategies.map((s) => done.get(s)!.metrics);
  const timings = o.strategies.map((s): RunTiming => {
    const d = done.get(s)!;
    return { strategy: s, events: d.metrics.events, seconds: d.seconds, eventsPerSecond: d.metrics.events / Math.max(d.seconds, 1e-9) };
  });
  return { result: buildResult(o.scenario, o.seed, runs), timings };
}
