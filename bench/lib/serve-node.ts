/**
 * Child-process entry: a whole Notewave node (role all) on a seeded database, listening on 127.0.0.1.
 * Prints one `READY {json}` line once it serves, then runs until SIGTERM. The clock starts where the
 * generated history ends, so recency-based ranking sees the data as fresh.
 *   BENCH_DATABASE_URL=sqlite:///… BENCH_PORT=… BENCH_CLOCK_START=<ms> node --import tsx --conditions=notewave-source bench/lib/serve-node.ts
 * BENCH_ENGINE_SNAPSHOT=<file> writes the engine snapshot there at SIGTERM and restores it at start (off by default, so
 * every start measures a rebuild from storage). BENCH_ROLE=api|worker runs that role instead; BENCH_DATABASE_SCHEMA=<name> works in that PostgreSQL schema, so several
 * node processes can share a throwaway one.
 * With BENCH_SERVER_CPU_PROFILE=<file.cpuprofile> the process records a CPU profile from READY until SIGTERM,
 * so the profile shows request handling only (not the state rebuild before it).
 * On SIGUSR2 the node refreshes its collaborative model now (as the 15-minute job does) while a 1 ms timer watches
 * the event loop, then prints `REFRESHED {json}`: how long the refresh took and the longest stall of the main thread.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { openStorage } from '@notewave/storage';
import { createNode } from '@notewave/server/app.ts';
import { parseConfig } from '@notewave/server/config.ts';

const uploads = mkdtempSync(join(tmpdir(), 'notewave-bench-uploads-'));
const { config } = parseConfig({
  NOTEWAVE_DATABASE_URL: process.env.BENCH_DATABASE_URL,
  NOTEWAVE_PORT: process.env.BENCH_PORT ?? '0',
  NOTEWAVE_HOST: '127.0.0.1',
  NOTEWAVE_ROLE: process.env.BENCH_ROLE ?? 'all',
  NOTEWAVE_LOG_LEVEL: 'silent',
  NOTEWAVE_UPLOAD_DIR: uploads,
  NOTEWAVE_SEED: '7',
  // A few clients drive the server as hard as they can: request limits and the event quota would refuse them.
  NOTEWAVE_RATE_LIMITS: 'false',
  NOTEWAVE_ENGINE_SNAPSHOT: process.env.BENCH_ENGINE_SNAPSHOT ?? 'off',
});
const clockStart = Number(process.env.BENCH_CLOCK_START ?? Date.now());
const wallStart = Date.now();
const schema = process.env.BENCH_DATABASE_SCHEMA;
const storage = schema ? await openStorage(config.databaseUrl, { schema }) : undefined;
const node = await createNode(config, { storage, clock: { now: () => clockStart + (Date.now() - wallStart) } });
const url = await node.start();
globalThis.gc?.();
// A forced collection leaves its sweeping to the allocations that follow (hundreds of ms of a 4 GB heap on the main
// thread): let it finish before READY, so the first measured requests (or a refresh's first message) do not pay for it.
await new Promise((r) => setTimeout(r, 3_000));
const profileFile = process.env.BENCH_SERVER_CPU_PROFILE;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const mem = process.memoryUsage();
process.stdout.write(`READY ${JSON.stringify({ url, loaded: node.loaded, loadedFrom: node.loadedFrom, rss: mem.rss, heapUsed: mem.heapUsed, uptimeMs: process.uptime() * 1000, cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 })}\n`);

process.on('SIGUSR2', () => void refreshProbe());

/** BENCH_STALL_TRACE=1 prints every gap over 20 ms with when it ended (ms since the process started), to line up with --trace-gc. */
const traceStalls = process.env.BENCH_STALL_TRACE === '1';
/** `PerformanceEntry.detail.kind` of a gc entry (node:perf_hooks constants NODE_PERFORMANCE_GC_*). */
const GC_KINDS: Record<number, string> = { 1: 'minor', 4: 'major', 8: 'incremental', 16: 'weak-callbacks' };
if (traceStalls) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.duration <= 5) continue;
      const detail = (e as unknown as { detail?: { kind?: number; flags?: number } }).detail;
      process.stderr.write(`gc ${GC_KINDS[detail?.kind ?? 0] ?? 'other'} ${e.duration.toFixed(1)} ms from ${e.startTime.toFixed(1)} ms (flags ${detail?.flags ?? 0})\n`);
    }
  }).observe({ entryTypes: ['gc'] });
  process.stderr.write(`clock ${Number(process.hrtime.bigint() / 1000n)} us = ${performance.now().toFixed(3)} ms\n`);
}

// Linux's per-thread scheduler figures (ns on a core, ns runnable but waiting for one): with them a traced stall says
// how much of it the thread worked (code or collection) and how much it waited for a core.
const SCHEDSTAT = '/proc/thread-self/schedstat';
const schedstat = traceStalls && existsSync(SCHEDSTAT)
  ? (): [number, number] => {
    const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').split(' ');
    return [Number(run) / 1e6, Number(wait) / 1e6];
  }
  : null;

/** Runs a model refresh and measures the longest gap between 1 ms timer ticks meanwhile (main-thread stalls). */
async function refreshProbe(): Promise<void> {
  let sched = schedstat?.() ?? [0, 0];
  let last = performance.now();
  let longest = 0;
  const gaps: number[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const gap = now - last;
    if (gap > longest) longest = gap;
    if (gap > 50) gaps.push(gap);
    if (schedstat) {
      const next = schedstat();
      if (gap > 20) process.stderr.write(`stall ${gap.toFixed(1)} ms ending at ${now.toFixed(1)} ms: ${(next[0] - sched[0]).toFixed(1)} ms on a core, ${(next[1] - sched[1]).toFixed(1)} ms waiting for one\n`);
      sched = next;
    } else if (traceStalls && gap > 20) process.stderr.write(`stall ${gap.toFixed(1)} ms ending at ${now.toFixed(1)} ms\n`);
    last = now;
  }, 1);
  const t0 = performance.now();
  let error: string | null = null;
  try {
    await node.models.refreshNow();
  } catch (e) {
    error = String((e as Error).message ?? e);
  }
  const ms = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  process.stdout.write(`REFRESHED ${JSON.stringify({ ms, longestStallMs: longest, stallsOver50Ms: gaps.length, stallsOver50MsTotal: gaps.reduce((a, b) => a + b, 0), error })}\n`);
}

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  const profiled = profiler
    ? profiler.post('Profiler.stop').then(({ profile }) => writeFileSync(profileFile!, JSON.stringify(profile)))
    : Promise.resolve();
  void profiled.then(() => node.close()).finally(() => {
    rmSync(uploads, { recursive: true, force: true });
    process.exit(0);
  });
});
