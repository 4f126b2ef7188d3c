import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as f from './format.ts';
import type { BenchContext, WorkloadResult } from './workload.ts';

export interface ExternalBench {
  /** Command line after `node` (e.g. `--import tsx bench/search.bench.ts --quick`). */
  args: string[];
  /** Result files the bench writes (relative to the root), attached to this workload's JSON when fresh. */
  resultFiles?: string[];
}

/**
 * Runs a stand-alone benchmark as a child process, echoing its output as it goes (it has its own
 * progress lines), and returns its printed report verbatim plus any result files it wrote.
 */
export async function runExternal(ctx: BenchContext, bench: ExternalBench): Promise<WorkloadResult> {
  const t0 = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, bench.args, { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (d: Buffer) => {
      const s = d.toString();
      output.push(s);
      process.stderr.write(s.replace(/^/gm, '  | '));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (c) => resolve(c ?? -1));
  });
  const seconds = (Date.now() - t0) / 1000;
  if (code !== 0) throw new Error(`\`node ${bench.args.join(' ')}\` exited with ${code}:\n${output.join('').slice(-2_000)}`);
  const attached: Record<string, unknown> = {};
  for (const file of bench.resultFiles ?? []) {
    const path = join(ctx.root, file);
    if (existsSync(path) && statSync(path).mtimeMs >= t0) attached[file] = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  }
  return {
    tables: [{ title: 'command', columns: ['command', 'exit', 'wall time'], rows: [[`node ${bench.args.join(' ')}`, code, f.seconds(seconds * 1000)]] }],
    metrics: { wallSeconds: seconds },
    text: output.join('').trimEnd(),
    attached,
  };
}
