import { parentPort, workerData } from 'node:worker_threads';
import type { ExperimentInput } from '@notewave/api-client';
import { openStorage } from '@notewave/storage';
import type { Scenario } from './scenario.ts';
import { runSimulation } from './simulation.ts';

/** One strategy's run on its own thread: opens its store, runs, and reports days and the result to the parent. */
export interface SimulateTask {
  scenario: Scenario;
  strategy: string;
  seed: number;
  url: string;
  experiment?: ExperimentInput;
}

export type SimulateMessage =
  | { type: 'day'; day: number; days: number; events: number }
  | { type: 'done'; metrics: Awaited<ReturnType<typeof runSimulation>>; seconds: number }
  | { type: 'error'; message: string };

const task = (workerData as { task: SimulateTask }).task;
const port = parentPort!;
const send = (m: SimulateMessage) => port.postMessage(m);
try {
  const storage = await openStorage(task.url, { migrate: true, synchronous: 'normal' });
  try {
    const existing = await storage.users.countUsers();
    if (existing > 0) throw new Error(`${task.url} already holds ${existing} users; simulate into an empty database`);
    const started = performance.now();
    const metrics = await runSimulation({
      scenario: task.scenario, strategy: task.strategy, seed: task.seed, storage, experiment: task.experiment,
      onDay: (day, days, events) => send({ type: 'day', day, days, events }),
    });
    send({ type: 'done', metrics, seconds: (performance.now() - started) / 1000 });
  } finally {
    await storage.close();
  }
} catch (err) {
  send({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
