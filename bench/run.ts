/**
 * The benchmark runner: `npm run bench -- [--quick] [--only feed,ingest] [--scale …]`.
 * Each file bench/workloads/<name>.workload.ts exports `workload: { name, description, run(ctx) }`;
 * the runner runs the selected ones in order, prints their tables and writes bench/results/<name>.json.
 * Figures are printed, never asserted: targets are reported as met / missed.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, USAGE } from './lib/args.ts';
import { formatTable, type Table } from './lib/table.ts';
import { SharedState } from './lib/shared-state.ts';
import type { BenchContext, TargetCheck, Workload } from './lib/workload.ts';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH_DIR, '..');

/** Run order: in-process first (they share one loaded engine), then children and wrapped benches. */
const ORDER = ['feed', 'ingest', 'analytics', 'experiments', 'snapshot', 'feed-http', 'ingest-http', 'mixed', 'model-refresh', 'startup', 'memory', 'search-compare', 'storage-ingest', 'generate', 'eval', 'simulate'];

export async function discoverWorkloads(): Promise<Workload[]> {
  const dir = join(BENCH_DIR, 'workloads');
  const files = readdirSync(dir).filter((f) => f.endsWith('.workload.ts'));
  const loaded: Workload[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as { workload?: Workload };
    if (!mod.workload) throw new Error(`${file} does not export 'workload'`);
    loaded.push(mod.workload);
  }
  const rank = (w: Workload) => (ORDER.includes(w.name) ? ORDER.indexOf(w.name) : ORDER.length);
  return loaded.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

export function machine() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg(),
  };
}

export function formatTargets(targets: readonly (TargetCheck & { workload: string })[]): Table {
  return {
    title: 'targets (reported, not asserted)',
    columns: ['workload', 'metric', 'target', 'measured', 'status'],
    rows: targets.map((t) => [t.workload, t.metric, t.target, t.measured, t.met === null ? 'n/a' : t.met ? 'met' : 'MISSED']),
  };
}

/** Runs the suite; resolves to a process exit code (1 when a workload failed to run, never for a missed target). */
export async function runBench(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  const all = await discoverWorkloads();
  if (args.list) {
    for (const w of all) console.log(`${w.name.padEnd(16)} ${w.description}`);
    return 0;
  }
  const unknown = (args.only ?? []).filter((n) => !all.some((w) => w.name === n));
  if (unknown.length > 0) {
    console.error(`unknown workload(s): ${unknown.join(', ')}; available: ${all.map((w) => w.name).join(', ')}\n${USAGE}`);
    return 2;
  }
  const selected = args.only ? all.filter((w) => args.only!.includes(w.name)) : all;
  const resultsDir = process.env.NOTEWAVE_BENCH_RESULTS ?? join(BENCH_DIR, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const ctx: BenchContext = {
    quick: args.quick,
    scale: args.scale,
    ladder: args.ladder,
    seed: args.seed,
    root: ROOT,
    cacheDir: process.env.NOTEWAVE_BENCH_CACHE ?? join(tmpdir(), 'notewave-bench'),
    shared: new SharedState(),
    log: (m) => process.stderr.write(`${m}\n`),
  };
  const s = args.scale;
  console.log(`notewave bench: scale ${s.name} (${s.notes.toLocaleString('en-US')} notes, ${s.users.toLocaleString('en-US')} users, ~${s.events.toLocaleString('en-US')} events), seed ${args.seed}${args.quick ? ', quick' : ''}`);
  const m = machine();
  console.log(`machine: ${m.cpus} cores (${m.cpuModel}), Node ${m.node}, load average ${m.loadAverage.map((x) => x.toFixed(1)).join(' ')}: shared machines make absolute figures noisy\n`);

  const targets: (TargetCheck & { workload: string })[] = [];
  let failed = 0;
  for (const w of selected) {
    console.log(`== ${w.name}: ${w.description}`);
    const startedAt = new Date().toISOString();
    const t0 = performance.now();
    try {
      const r = await w.run(ctx);
      const durationMs = performance.now() - t0;
      if (r.text) console.log(`\n${r.text}`);
      for (const t of r.tables) console.log(`\n${formatTable(t)}`);
      for (const n of r.notes ?? []) console.log(`note: ${n}`);
      for (const t of r.targets ?? []) targets.push({ ...t, workload: w.name });
      if (r.targets?.length) console.log(`\n${formatTable({ ...formatTargets(r.targets.map((t) => ({ ...t, workload: w.name }))), title: 'targets' })}`);
      console.log(`\n(${w.name}: ${(durationMs / 1000).toFixed(1)} s)\n`);
      const json = { name: w.name, description: w.description, startedAt, durationMs, quick: args.quick, scale: args.scale, seed: args.seed, machine: machine(), ...r };
      writeFileSync(join(resultsDir, `${w.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
    } catch (e) {
      failed++;
      console.log(`!! ${w.name} failed: ${(e as Error).stack ?? String(e)}\n`);
      writeFileSync(join(resultsDir, `${w.name}.json`), `${JSON.stringify({ name: w.name, startedAt, error: String((e as Error).message ?? e), scale: args.scale }, null, 2)}\n`);
    }
  }
  await ctx.shared.close();
  if (targets.length > 0) console.log(formatTable(formatTargets(targets)));
  if (failed > 0) console.log(`\n${failed} workload(s) failed to run`);
  return failed > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runBench(process.argv.slice(2));
}
