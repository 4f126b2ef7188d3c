import { SeededRng } from '@notewave/engine';
import type { MixedOp } from './paced.ts';
import { summarize, type Summary } from './stats.ts';

/** What one client request did: whether it was answered 2xx. Throwing counts as an error too. */
export type ClosedLoopRequest = (op: string, client: number, i: number) => Promise<boolean>;

export interface ClosedLoopResult {
  /** Answered 2xx per second of the measured window. */
  okPerSec: number;
  ok: number;
  errors: number;
  all: Summary;
  ops: { name: string; latency: Summary; errors: number }[];
  durationSec: number;
}

/**
 * Closed-loop load: `clients` loops, each sending its next request as soon as the last one is answered, the
 * operation drawn from `ops` by share with a seeded generator. Unlike the open-loop `paced`, it finds the most a
 * server answers, so it compares set-ups (one node or two) rather than checking a latency at a fixed rate.
 */
export async function closedLoop(opts: { clients: number; durationSec: number; ops: readonly MixedOp[]; seed: number; request: ClosedLoopRequest }): Promise<ClosedLoopResult> {
  const samples = new Map<string, number[]>(opts.ops.map((o) => [o.name, []]));
  const errors = new Map<string, number>(opts.ops.map((o) => [o.name, 0]));
  let ok = 0;
  const t0 = performance.now();
  const end = t0 + opts.durationSec * 1000;
  const loop = async (client: number): Promise<void> => {
    const rng = new SeededRng(opts.seed + client);
    for (let i = 0; performance.now() < end; i++) {
      const op = pickOp(opts.ops, rng.next());
      const start = performance.now();
      const answered = await opts.request(op, client, i).catch(() => false);
      samples.get(op)!.push(performance.now() - start);
      if (answered) ok++;
      else errors.set(op, errors.get(op)! + 1);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, c) => loop(c)));
  const durationSec = (performance.now() - t0) / 1000;
  return {
    okPerSec: ok / durationSec,
    ok,
    errors: [...errors.values()].reduce((a, b) => a + b, 0),
    all: summarize([...samples.values()].flat()),
    ops: opts.ops.map((o) => ({ name: o.name, latency: summarize(samples.get(o.name)!), errors: errors.get(o.name)! })),
    durationSec,
  };
}

/** The operation a uniform draw `u` in [0, 1) falls on, by cumulative share (the last one takes any remainder). */
export function pickOp(ops: readonly MixedOp[], u: number): string {
  let left = u;
  for (const o of ops) if ((left -= o.share) < 0) return o.name;
  return ops[ops.length - 1]!.name;
}
