import {
  assign, readout, SeededRng, unitMetrics, type EngineEvent, type Experiment, type Exposure,
} from '@notewave/engine';
import * as f from '../lib/format.ts';
import { summarize } from '../lib/stats.ts';
import type { Workload } from '../lib/workload.ts';

const DAY = 86_400_000;

function experiment(id: string, layer: string, range: [number, number], surface = 'discover'): Experiment {
  return {
    id, name: id, hypothesis: 'h', surface, layer, traffic: (range[1] - range[0]) / 10_000,
    variants: [{ name: 'control', weight: 1, strategy: 'funnel' }, { name: 'treatment', weight: 1, strategy: 'viral' }],
    targeting: {}, primaryMetric: 'ctr', guardrailMetrics: ['d1_retention', 'sessions_per_user'], plan: null, salt: `salt-${id}`,
    status: 'running', layerRange: { start: range[0], end: range[1] }, createdBy: 'bench', createdAt: 0, startedAt: 0, pausedAt: null, stoppedAt: null,
  };
}

/**
 * What experiments cost: assigning a request to an arm (the feed path's share), and a readout computed from
 * exposures and events already in memory (what the API adds after reading them from storage).
 */
export const workload: Workload = {
  name: 'experiments',
  description: 'experiment assignment per feed request, and readout time over synthetic exposures and events',
  async run(ctx) {
    const live = [experiment('a', 'discover', [0, 5000]), experiment('b', 'discover', [5000, 8000]), experiment('c', 'video', [0, 10_000], 'video')];
    const calls = ctx.quick ? 200_000 : 1_000_000;
    const ids = Array.from({ length: 10_000 }, (_, i) => `u_${i.toString(36)}`);
    let hits = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) if (assign(live, 'discover', { unitId: ids[i % ids.length] as string, guest: false })) hits++;
    const assignNs = ((performance.now() - t0) * 1e6) / calls;
    const assignCpu = process.cpuUsage(cpu0);
    const assignCpuNs = ((assignCpu.user + assignCpu.system) * 1e3) / calls;

    const rows: (string | number)[][] = [];
    const metrics: Record<string, number> = { assign_ns_per_call: assignNs, assign_cpu_ns_per_call: assignCpuNs, assigned_share: hits / calls };
    for (const users of ctx.quick ? [10_000, 50_000] : [10_000, 100_000]) {
      const rng = new SeededRng(ctx.seed);
      const exp = experiment('a', 'discover', [0, 10_000]);
      const exposures: Exposure[] = [];
      const events: EngineEvent[] = [];
      const start = Date.UTC(2025, 0, 6);
      for (let u = 0; u < users; u++) {
        const userId = `u${u}`;
        const variant = rng.next() < 0.5 ? 'control' : 'treatment';
        const p = variant === 'control' ? 0.1 : 0.11;
        for (let d = -3; d < 10; d++) {
          if (rng.next() < 0.5) continue;
          const ts = start + d * DAY + Math.floor(rng.next() * DAY);
          if (d < 0) {
            events.push({ type: 'impression', userId, clientEventId: `p${u}_${d}`, ts, noteId: 'n0', position: 0, surface: 'discover' });
            continue;
          }
          const recIds = Array.from({ length: 10 }, (_, k) => `r${u}_${d}_${k}`);
          exposures.push({ experimentId: 'a', experimentName: 'a', variant, unitId: userId, userId, ts, surface: 'discover', sessionId: `s${u}`, recIds, noteIds: recIds.map((_, k) => `n${k}`) });
          for (const [k, recId] of recIds.entries()) {
            events.push({ type: 'impression', userId, clientEventId: `i${recId}`, ts: ts + 1000 + k, noteId: `n${k}`, position: k, surface: 'discover', recId });
            if (rng.next() < p) events.push({ type: 'open', userId, clientEventId: `o${recId}`, ts: ts + 5000 + k, noteId: `n${k}`, surface: 'discover', recId });
          }
        }
      }
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < (ctx.quick ? 3 : 5); run++) {
        const t = performance.now();
        const c0 = process.cpuUsage();
        const data = unitMetrics(exposures, events, {
          start, end: start + 10 * DAY, surface: 'discover', preDays: 7, completePortion: 0.8, sessionGapMs: 30 * 60_000, authorOf: () => null,
        });
        readout(exp, data, start + 10 * DAY);
        samples.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const s = summarize(samples);
      const c = summarize(cpu);
      rows.push([f.num(users), f.num(exposures.length), f.num(events.length), f.ms(s.p50), f.ms(c.p50), f.num((c.p50 * 1000) / events.length, 2)]);
      metrics[`readout_${users}_users_p50_ms`] = s.p50;
      metrics[`readout_${users}_users_cpu_p50_ms`] = c.p50;
    }
    return {
      tables: [
        { title: 'experiment assignment (3 running experiments, 2 layers)', columns: ['calls', 'wall ns per call', 'CPU ns per call', 'assigned'], rows: [[f.num(calls), f.num(assignNs, 0), f.num(assignCpuNs, 0), `${((hits / calls) * 100).toFixed(1)}%`]] },
        { title: 'experiment readout from exposures and events in memory (all 11 metrics, CUPED, SRM, mSPRT)', columns: ['users', 'exposures', 'events', 'wall p50', 'CPU p50', 'CPU µs / event'], rows },
      ],
      metrics,
      notes: ['The API and CLI readouts also read the exposures and the event log from storage first; that scan is not in these figures.'],
    };
  },
};
