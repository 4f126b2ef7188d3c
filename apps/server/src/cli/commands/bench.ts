import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from '../command.ts';

/** The benchmark suite lives beside the workspaces, not inside the server; this command runs it. */
const RUNNER = fileURLToPath(new URL('../../../../../bench/run.ts', import.meta.url));

export const command: Command = {
  summary: 'Run the benchmark suite (feed latency, HTTP throughput, ingest, memory, start-up, wrapped benches)',
  usage: [
    'usage: notewave bench [--quick] [--only feed,ingest,…] [--scale tiny|quick|medium|large|full] [--notes N --users N --events N] [--seed N] [--list]',
    'Prints a table per workload and writes bench/results/<workload>.json. --quick is the CI size; the default is full scale',
    '(1M notes, 100k users, 10M events). Generated data and seeded databases are cached under $TMPDIR/notewave-bench',
    '(or NOTEWAVE_BENCH_CACHE).',
  ].join('\n'),
  async run(argv) {
    if (!existsSync(RUNNER)) {
      console.error(`notewave bench: ${RUNNER} not found; the benchmark suite ships with the source repository only`);
      return 2;
    }
    // A separate process: the benchmarks measure memory and must not share a heap with the CLI.
    const child = spawn(process.execPath, ['--max-old-space-size=16384', '--max-semi-space-size=64', '--import', 'tsx', '--conditions=notewave-source', RUNNER, ...argv], { stdio: 'inherit' });
    return new Promise<number>((resolve) => {
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      child.once('error', (err) => {
        console.error(`notewave bench: ${err.message}`);
        resolve(1);
      });
    });
  },
};
