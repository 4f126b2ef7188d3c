import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { TrainProgress } from '@notewave/engine';
import { carveValidation, DATASETS, defaultDataRoot, loadDataset, type Dataset } from '../../datasets/index.ts';
import { loadLightGcnSplit } from '../../datasets/gowalla.ts';
import { loadSigned } from '../../datasets/signed.ts';
import { markdownReport, markdownTable, newReport } from '../../jobs/eval-report.ts';
import { createPool, evaluateModel, MODELS, testSplit } from '../../jobs/train-model.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../command.ts';
import { progress, type Progress } from '../progress.ts';

const USAGE = [
  `usage: notewave eval <dataset|all> [--model ${Object.keys(MODELS).join(',')}] [--seed N] [--dims N] [--epochs N]`,
  '                     [--threads N] [--users N] [--out bench/results] [--data DIR] [--protocol notewave|sigformer]',
  '       notewave eval <DIR> --format lightgcn|signed [--name NAME] [--threshold T] [same options]',
  `datasets: ${Object.keys(DATASETS).join(', ')} (read from ../shared/data beside the repository unless --data is given)`,
  'Trains each model, ranks all unseen items for every test user, prints Recall/NDCG@10/20, time and memory,',
  'and writes <out>/eval-<name>.json and .md. --users N ranks an evenly spaced sample of N test users',
  '(written as eval-<name>-users<N>.*) for quick runs; the default is every test user.',
  'With --format, <DIR> is any split: lightgcn = train.txt[.gz] + test.txt (`user item item …`); signed =',
  'train.txt + test.txt [+ valid.txt] (`user item label`, label ≥ --threshold is positive, default 1).',
  'Published rows are printed only beside the exact split they were measured on, ranked in full for every test user.',
  '--protocol sigformer masks only training items when ranking the test split (the default also masks validation items).',
].join('\n');

class UsageError extends Error {}

function intFlag(v: string | undefined, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${v}'`);
  return n;
}

export const command: Command = {
  summary: 'Offline evaluation of the recommendation models on public datasets',
  usage: USAGE,
  async run(argv) {
    let names: string[], models: string[], seed: number, dims: number | undefined, epochs: number | undefined, threads: number;
    let out: string, dataRoot: string, sample: number | undefined;
    let custom: { dir: string; format: 'lightgcn' | 'signed'; name: string; threshold: number } | null = null;
    let maskValidation: boolean;
    try {
      const [target, ...rest] = argv;
      if (!target || target.startsWith('--')) throw new UsageError('missing <dataset|all>');
      const flags = parseFlags(rest, ['model', 'seed', 'dims', 'epochs', 'threads', 'users', 'out', 'data', 'format', 'name', 'threshold', 'protocol']);
      if (flags.format !== undefined) {
        if (flags.format !== 'lightgcn' && flags.format !== 'signed') throw new UsageError(`--format must be lightgcn or signed, got '${flags.format}'`);
        const dir = resolve(target);
        if (!existsSync(dir)) throw new UsageError(`split directory ${dir} not found`);
        const threshold = flags.threshold === undefined ? 1 : Number(flags.threshold);
        if (!Number.isFinite(threshold)) throw new UsageError(`--threshold must be a number, got '${flags.threshold}'`);
        const name = flags.name ?? basename(dir);
        if (!/^[\w.-]{1,64}$/.test(name)) throw new UsageError(`--name must be 1–64 letters, digits, '.', '_' or '-', got '${name}'`);
        if (flags.data !== undefined) throw new UsageError('--data names the root of the known datasets; with --format, <DIR> is the split itself');
        custom = { dir, format: flags.format, name, threshold };
        names = [name];
      } else {
        for (const f of ['name', 'threshold'] as const) if (flags[f] !== undefined) throw new UsageError(`--${f} applies only with --format`);
        names = target === 'all' ? Object.keys(DATASETS) : target.split(',');
        for (const n of names) if (!DATASETS[n]) throw new UsageError(`unknown dataset '${n}' (known: ${Object.keys(DATASETS).join(', ')}, all; or a directory with --format)`);
      }
      if (flags.protocol !== undefined && flags.protocol !== 'notewave' && flags.protocol !== 'sigformer') {
        throw new UsageError(`--protocol must be notewave or sigformer, got '${flags.protocol}'`);
      }
      maskValidation = flags.protocol !== 'sigformer';
      models = (flags.model ?? Object.keys(MODELS).join(',')).split(',').filter(Boolean);
      for (const m of models) if (!MODELS[m]) throw new UsageError(`unknown model '${m}' (known: ${Object.keys(MODELS).join(', ')})`);
      seed = intFlag(flags.seed, 'seed', 0) ?? 1;
      dims = intFlag(flags.dims, 'dims', 1);
      epochs = intFlag(flags.epochs, 'epochs', 1);
      threads = intFlag(flags.threads, 'threads', 1) ?? 2;
      sample = intFlag(flags.users, 'users', 1);
      out = resolve(flags.out ?? 'bench/results');
      dataRoot = resolve(flags.data ?? defaultDataRoot());
    } catch (err) {
      console.error(`notewave eval: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    if (!custom && !existsSync(dataRoot)) {
      console.error(`notewave eval: data directory ${dataRoot} not found (pass --data DIR)`);
      return 1;
    }
    const pool = createPool(threads);
    try {
      await mkdir(out, { recursive: true });
      for (const name of names) {
        let loaded: Dataset;
        if (custom) {
          loaded = custom.format === 'lightgcn'
            ? await loadLightGcnSplit(custom.dir, custom.name)
            : await loadSigned(custom.dir, { name: custom.name, threshold: custom.threshold, about: `signed split from ${custom.dir} (label ≥ ${custom.threshold} positive)` });
        } else {
          const dir = join(dataRoot, DATASETS[name]!.folder);
          if (!existsSync(dir)) {
            console.error(`skipping ${name}: ${dir} not found`);
            continue;
          }
          loaded = await loadDataset(name, dataRoot);
        }
        const base = maskValidation ? loaded : { ...loaded, protocol: `${loaded.protocol}; SIGformer protocol: only training items masked when ranking test` };
        const ds = carveValidation(base);
        const full = testSplit(ds, { maskValidation });
        const stride = sample ? Math.max(1, Math.floor(full.users.length / sample)) : 1;
        const split = { ...full, users: full.users.filter((_, i) => i % stride === 0).slice(0, sample ?? Infinity) };
        const file = `eval-${ds.name}${sample ? `-users${split.users.length}` : ''}`;
        const report = newReport(ds, seed, threads, split.users.length, full.users.length, `node bin/notewave.mjs eval ${(custom ? argv : [name, ...argv.slice(1)]).join(' ')}`);
        console.log(`\n${ds.name}: ${ds.nUsers} users, ${ds.nItems} items, ${report.trainInteractions} training interactions, ${split.users.length} test users`);
        for (const modelName of models) {
          const bar = progressBar(modelName);
          const gcBefore = process.memoryUsage();
          const t0 = performance.now();
          const cpu0 = process.cpuUsage();
          const model = await MODELS[modelName]!.train(ds, { seed, ...(dims ? { dims } : {}), ...(epochs ? { epochs } : {}) }, {
            pool,
            progress: (p) => bar.train(p),
          });
          const trainSeconds = (performance.now() - t0) / 1000;
          const cpu = process.cpuUsage(cpu0);
          const mem = process.memoryUsage();
          const t1 = performance.now();
          const metrics = await evaluateModel(model, split, pool, [10, 20], (done, total) => bar.evaluate(done, total));
          bar.stop();
          report.rows.push({
            model: modelName, metrics, trainSeconds, trainCpuSeconds: (cpu.user + cpu.system) / 1e6, evalSeconds: (performance.now() - t1) / 1000,
            heapDeltaMiB: (mem.heapUsed - gcBefore.heapUsed) / 2 ** 20, rssDeltaMiB: (mem.rss - gcBefore.rss) / 2 ** 20,
            params: { seed, ...(dims ? { dims } : {}), ...(epochs ? { epochs } : {}), ...('dims' in model ? { modelDims: model.dims } : {}) },
          });
          console.log(`${modelName}: Recall@20 ${metrics['recall@20']!.toFixed(4)}  NDCG@20 ${metrics['ndcg@20']!.toFixed(4)}  train ${trainSeconds.toFixed(1)} s`);
          // Written after every model so a long run leaves its finished rows behind.
          await writeFile(join(out, `${file}.json`), JSON.stringify(report, null, 2) + '\n');
          await writeFile(join(out, `${file}.md`), markdownReport(report));
        }
        console.log(`\n${markdownTable(report)}\n`);
        if (report.referencesNote) console.log(`${report.referencesNote}.`);
        console.log(`wrote ${join(out, `${file}.json`)} and .md`);
      }
      return 0;
    } finally {
      await pool?.close();
    }
  },
};

/** Training then evaluation of one model, each with its own progress display. */
function progressBar(model: string) {
  let phase: Progress | null = null;
  let phaseName = '';
  const show = (name: string, done: number, total: number, info?: string) => {
    if (phaseName !== name) {
      phase?.stop();
      phase = progress(`${model} ${name}`, total);
      phaseName = name;
    }
    phase?.update(done, total, info);
  };
  return {
    train(p: TrainProgress) {
      const info = [p.loss !== undefined ? `loss ${p.loss.toFixed(4)}` : '', p.validation !== undefined ? `valid R@20 ${p.validation.toFixed(4)}` : '', p.note ?? '']
        .filter(Boolean).join('  ');
      show('train', p.epoch, p.epochs, info);
    },
    evaluate(done: number, total: number) {
      show('eval', done, total);
    },
    stop() {
      phase?.stop();
    },
  };
}
