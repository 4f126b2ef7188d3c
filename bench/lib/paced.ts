import { SeededRng } from '@notewave/engine';
import { summarize, type Summary } from './stats.ts';

/** One kind of request in a mixed workload and its share of the arrivals. */
export interface MixedOp {
  name: string;
  share: number;
}

/**
 * The mixed workload's arrivals: 500 requests a second, the rate issue #17 states its p99 target at. Feeds are the
 * bulk of a feed app's reads; every page a client shows sends events back in batches; searches and new notes are
 * rarer.
 */
export const MIXED_RATE_PER_S = 500;
export const MIXED_OPS: readonly MixedOp[] = [
  { name: 'feed', share: 0.45 },
  { name: 'search', share: 0.15 },
  { name: 'events', share: 0.35 },
  { name: 'note', share: 0.05 },
];
/** Events per POST /api/events batch in the mixed workload (a client flushes a page's impressions and views). */
export const MIXED_EVENTS_PER_BATCH = 20;
/** Requests the HTTP client keeps open at most; an arrival beyond it is counted as dropped. */
export const MAX_IN_FLIGHT = 512;

export interface OpStats {
  name: string;
  /** Latency from the scheduled arrival to completion (queueing included), ms. */
  latency: Summary;
  errors: number;
  dropped: number;
  /** The first error thrown by this operation, if any. */
  firstError: string | null;
}

export interface PacedResult {
  ops: OpStats[];
  /** Requests scheduled, completed (whatever the outcome; dropped ones are not), and the wall time from the first arrival to the last completion. */
  scheduled: number;
  completed: number;
  wallMs: number;
  /** Completions per second over the wall time. */
  achievedPerSec: number;
  /** Latency over all operations. */
  all: Summary;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate, and its latency is counted from then, so a
 * server (or engine) that falls behind shows it as queueing in every later request instead of slowing the arrivals
 * (no coordinated omission). `concurrent` fires requests without waiting for earlier ones (an HTTP client);
 * otherwise each waits for the one before (one thread, as in-process).
 */
export async function paced(opts: {
  ratePerSec: number;
  durationSec: number;
  ops: readonly MixedOp[];
  seed: number;
  concurrent: boolean;
  run(op: string, i: number): Promise<boolean> | boolean;
  label: string;
  /** Arrivals not started by this long after the first are dropped (counted): a run that cannot keep up still ends. Default 2 × duration + 5 s. */
  maxWallSec?: number;
}): Promise<PacedResult> {
  const rng = new SeededRng(opts.seed);
  const n = Math.round(opts.ratePerSec * opts.durationSec);
  const interval = 1000 / opts.ratePerSec;
  const samples = new Map<string, number[]>(opts.ops.map((o) => [o.name, []]));
  const errors = new Map<string, number>(opts.ops.map((o) => [o.name, 0]));
  const dropped = new Map<string, number>(opts.ops.map((o) => [o.name, 0]));
  const firstError = new Map<string, string>();
  const pick = (): string => {
    let u = rng.next();
    for (const o of opts.ops) if ((u -= o.share) < 0) return o.name;
    return opts.ops[opts.ops.length - 1]!.name;
  };
  let inFlight = 0;
  let completed = 0;
  const pending = new Set<Promise<void>>();
  const t0 = performance.now();
  let lastPrint = t0;
  const one = async (op: string, i: number, due: number): Promise<void> => {
    let ok: boolean;
    try {
      ok = await opts.run(op, i);
    } catch (e) {
      ok = false;
      if (!firstError.has(op)) firstError.set(op, String((e as Error).message ?? e));
    }
    samples.get(op)!.push(performance.now() - due);
    if (!ok) errors.set(op, errors.get(op)! + 1);
    completed++;
  };
  const deadline = t0 + 1000 * (opts.maxWallSec ?? 2 * opts.durationSec + 5);
  for (let i = 0; i < n; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    const op = pick();
    if (performance.now() > deadline) {
      dropped.set(op, dropped.get(op)! + 1);
    } else if (!opts.concurrent) {
      await one(op, i, due);
    } else if (inFlight >= MAX_IN_FLIGHT) {
      dropped.set(op, dropped.get(op)! + 1);
    } else {
      inFlight++;
      const p = one(op, i, due).finally(() => {
        inFlight--;
        pending.delete(p);
      });
      pending.add(p);
    }
    const now = performance.now();
    if (now - lastPrint >= 5_000) {
      lastPrint = now;
      process.stderr.write(`  ${opts.label}: ${completed.toLocaleString('en-US')} of ${n.toLocaleString('en-US')} done, ${((now - t0) / 1000).toFixed(0)}/${opts.durationSec} s, ${inFlight} in flight\n`);
    }
  }
  await Promise.all([...pending]);
  const wallMs = performance.now() - t0;
  const all = [...samples.values()].flat();
  return {
    ops: opts.ops.map((o) => ({ name: o.name, latency: summarize(samples.get(o.name)!), errors: errors.get(o.name)!, dropped: dropped.get(o.name)!, firstError: firstError.get(o.name) ?? null })),
    scheduled: n,
    completed,
    wallMs,
    achievedPerSec: completed / (wallMs / 1000),
    all: summarize(all),
  };
}
