import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import type { ExperimentInput } from '@notewave/api-client';
import { charts, experimentTable, summaryTable } from '../../simulator/comparison.ts';
import { compareStrategies } from '../../simulator/compare.ts';
import { compareInWorkers } from '../../simulator/parallel.ts';
import { loadScenario, shippedScenarios } from '../../simulator/scenario-files.ts';
import { loadExperimentDefinition, shippedExperiments } from '../../simulator/sim-experiment.ts';
import { formatReadout } from './experiment.ts';
import { renderLineChart } from '../../simulator/svg-chart.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../command.ts';
import { progress, type Progress } from '../progress.ts';

const USAGE = [
  'usage: notewave simulate <scenario> [--users N] [--days D] [--strategy funnel,viral,...] [--seed S]',
  '                         [--json FILE] [--charts DIR] [--db URL] [--threads N] [--experiment NAME|FILE]',
  `Scenarios: ${shippedScenarios().join(', ') || '(none shipped)'}, or a path to a scenario JSON file (see the README's "Simulation").`,
  'Runs the scenario once per strategy (default: the scenario\'s list) with the same seed; the populations without a',
  'fixed strategy are served the one under comparison. Prints a side-by-side table; --json writes every figure,',
  '--charts writes dau.svg and retention.svg. Events go into a database per strategy: --db sim.db writes sim-<strategy>.db',
  '(exactly --db for a single strategy; a PostgreSQL URL takes a single strategy); without --db a temporary file, removed',
  'afterwards. `notewave report … --db <file>` reads a kept database like any other. --threads N runs up to N strategies',
  'at once on worker threads (default 2); the figures are the same either way.',
  `--experiment runs an experiment inside one run (--strategy, default the scenario's first): a definition as`,
  '`POST /api/experiments` takes it, shipped (' + (shippedExperiments().join(', ') || 'none') + ') or a path. It is created and started',
  'at the first simulated moment, the accounts it takes are served their variant, and the run ends with its readout;',
  'with --db, `notewave experiment report <name> --db <file>` prints the same readout again.',
].join('\n');

const FLAGS = ['users', 'days', 'strategy', 'seed', 'json', 'charts', 'db', 'threads', 'experiment'];

export const command: Command = {
  summary: 'simulate a scenario (e.g. refugee-wave) against the real engine under one or more strategies',
  usage: USAGE,
  async run(argv) {
    const [name, ...rest] = argv;
    let flags: Record<string, string | undefined>;
    let scenario;
    let seed: number;
    let threads: number;
    let experiment: ExperimentInput | undefined;
    try {
      if (!name || name.startsWith('--')) throw new Error('name a scenario');
      flags = parseFlags(rest, FLAGS);
      scenario = loadScenario(name);
      const users = intFlag(flags.users, 'users', 1);
      const days = intFlag(flags.days, 'days', 2);
      if (users !== undefined) scenario = { ...scenario, users };
      if (days !== undefined) scenario = { ...scenario, days, milestone: scenario.milestone && scenario.milestone.day < days - 1 ? scenario.milestone : null };
      seed = intFlag(flags.seed, 'seed', 0) ?? 1;
      threads = intFlag(flags.threads, 'threads', 1) ?? 2;
      experiment = flags.experiment === undefined ? undefined : loadExperimentDefinition(flags.experiment);
    } catch (err) {
      console.error(`notewave simulate: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    const strategies = flags.strategy !== undefined ? flags.strategy.split(',').map((x) => x.trim()).filter(Boolean) : experiment ? scenario.strategies.slice(0, 1) : scenario.strategies;
    if (strategies.length === 0 || new Set(strategies).size !== strategies.length) {
      console.error('notewave simulate: --strategy must name one or more different strategies');
      return 2;
    }
    if (experiment && strategies.length > 1) {
      console.error('notewave simulate: --experiment runs inside one run; give a single --strategy');
      return 2;
    }
    let target: (strategy: string) => string;
    let cleanup = () => {};
    if (flags.db === undefined) {
      const dir = mkdtempSync(join(tmpdir(), 'notewave-sim-'));
      target = (s) => `sqlite://${join(dir, `${s}.db`)}`;
      cleanup = () => rmSync(dir, { recursive: true, force: true });
    } else if (/^postgres(ql)?:\/\//.test(flags.db)) {
      if (strategies.length > 1) {
        console.error('notewave simulate: a PostgreSQL --db takes a single --strategy');
        return 2;
      }
      const url = flags.db;
      target = () => url;
    } else {
      const path = flags.db.startsWith('sqlite://') ? flags.db.slice('sqlite://'.length) : flags.db;
      target = (s) => `sqlite://${strategies.length === 1 ? path : path.replace(/(\.[a-z0-9]+)?$/i, (ext) => `-${s}${ext}`)}`;
    }

    const done = new Map<string, number>();
    const events = new Map<string, number>();
    let bar: Progress | null = null;
    const onDay = (strategy: string, day: number, days: number, written: number) => {
      bar ??= progress('simulate', days * strategies.length);
      done.set(strategy, day + 1);
      events.set(strategy, written);
      const total = [...done.values()].reduce((a, b) => a + b, 0);
      bar.update(total, days * strategies.length, [...events].map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', '));
    };
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    try {
      const { result, timings } = threads > 1 && strategies.length > 1
        ? await compareInWorkers({ scenario, strategies, seed, threads, url: target, onDay, experiment })
        : await compareStrategies({ scenario, strategies, seed, onDay, experiment, openStore: (strategy) => openEmpty(target(strategy)) });
      (bar as Progress | null)?.stop();
      process.stdout.write(`\n${scenario.name}: ${scenario.users.toLocaleString('en-US')} users, ${scenario.days} days, seed ${seed}` +
        `${scenario.milestone ? `; milestone day ${scenario.milestone.day} (${result.runs[strategies[0]!]!.days[scenario.milestone.day]}): ${scenario.milestone.label}` : ''}\n\n`);
      process.stdout.write(summaryTable(result));
      process.stdout.write('\n');
      const variants = experimentTable(result);
      if (variants) process.stdout.write(`${variants}\n`);
      for (const s of strategies) {
        const x = result.runs[s]!.experiment;
        if (x) process.stdout.write(`${formatReadout(x.readout).join('\n')}\n\n`);
      }
      for (const t of timings) {
        process.stdout.write(`${t.strategy}: ${t.events.toLocaleString('en-US')} events in ${t.seconds.toFixed(1)} s (${Math.round(t.eventsPerSecond).toLocaleString('en-US')} events/s)\n`);
      }
      const wall = (performance.now() - started) / 1000;
      const all = timings.reduce((n, t) => n + t.events, 0);
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      process.stdout.write(
        `all: ${all.toLocaleString('en-US')} simulated events in ${wall.toFixed(1)} s wall time (${Math.round(all / wall).toLocaleString('en-US')} events/s), ` +
          `${cpuSeconds.toFixed(1)} CPU-seconds (${Math.round(all / cpuSeconds).toLocaleString('en-US')} events per CPU-second)\n`,
      );
      if (flags.json) {
        await writeFile(resolve(flags.json), `${JSON.stringify(result, null, 2)}\n`);
        process.stdout.write(`wrote ${flags.json}\n`);
      }
      if (flags.charts) {
        const dir = resolve(flags.charts);
        await mkdir(dir, { recursive: true });
        const files = Object.entries(charts(result));
        for (const [file, chart] of files) await writeFile(join(dir, file), renderLineChart(chart));
        process.stdout.write(`wrote ${files.map(([file]) => join(flags.charts!, file)).join(', ')}\n`);
      }
      if (flags.db !== undefined) {
        for (const s of strategies) {
          process.stdout.write(`${s}: notewave report actives --by source --db ${target(s)}\n`);
          if (experiment) process.stdout.write(`${s}: notewave experiment report ${experiment.name} --db ${target(s)}\n`);
        }
      }
      return 0;
    } catch (err) {
      (bar as Progress | null)?.stop();
      console.error(`notewave simulate: ${(err as Error).message}`);
      return 1;
    } finally {
      cleanup();
    }
  },
};

/** An empty, migrated store: simulating into a database that holds a community would mix the two. */
async function openEmpty(url: string): Promise<Storage> {
  const storage = await openStorage(url, { migrate: true, synchronous: 'normal' });
  const existing = await storage.users.countUsers();
  if (existing > 0) {
    await storage.close();
    throw new Error(`${url} already holds ${existing} users; simulate into an empty database`);
  }
  return storage;
}

function intFlag(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number >= ${min}, got '${v}'`);
  return n;
}
