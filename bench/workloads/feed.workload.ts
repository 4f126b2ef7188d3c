import type { Engine } from '@notewave/engine';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

const SURFACES = [
  { surface: 'discover', label: 'discover (funnel)' },
  { surface: 'video', label: 'video (viral)' },
] as const;

/** One fresh page per request: a new feed session, so nothing the previous page computed is reused. */
function measure(engine: Engine, users: readonly string[], surface: string, n: number, offset: number): Summary & { empty: number; items: number; cpu: Summary } {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let empty = 0;
  let items = 0;
  for (let i = 0; i < n; i++) {
    const userId = users[(offset + i) % users.length]!;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const page = engine.feed({ userId, surface, limit: 20 });
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuSamples.push((c.user + c.system) / 1000);
    items += page.items.length;
    if (page.items.length === 0) empty++;
  }
  return { ...summarize(samples), empty, items: items / n, cpu: summarize(cpuSamples) };
}

export const workload: Workload = {
  name: 'feed',
  description: 'Fresh (new-session) feed pages for random active users, in-process: discover (funnel) and video (viral)',
  async run(ctx) {
    const loaded = await loadedEngine(ctx);
    const { engine, activeUsers } = loaded;
    const requests = ctx.quick ? 2_000 : 3_000;
    const warmup = ctx.quick ? 200 : 500;
    const rows: (string | number)[][] = [];
    const metrics: Record<string, number> = { activeUsers: activeUsers.length };
    const bySurface: Record<string, Summary> = {};
    for (const [k, s] of SURFACES.entries()) {
      // Warm-up runs on other users so the measured users meet an engine that has not seen them yet.
      measure(engine, activeUsers, s.surface, warmup, activeUsers.length - warmup);
      const r = measure(engine, activeUsers, s.surface, requests, k * requests);
      bySurface[s.surface] = r;
      rows.push([s.label, f.num(r.n), f.ms(r.p50), f.ms(r.p95), f.ms(r.p99), f.ms(r.max), f.ms(r.cpu.p50), f.ms(r.cpu.p99), f.num(1000 / r.mean, 0), f.num(r.items, 1), f.num(r.empty)]);
      metrics[`${s.surface}_cpu_p50_ms`] = r.cpu.p50;
      metrics[`${s.surface}_cpu_p99_ms`] = r.cpu.p99;
      metrics[`${s.surface}_cpu_mean_ms`] = r.cpu.mean;
      for (const p of ['p50', 'p95', 'p99', 'mean', 'max'] as const) metrics[`${s.surface}_${p}_ms`] = r[p];
      metrics[`${s.surface}_req_per_s_one_core`] = 1000 / r.mean;
      metrics[`${s.surface}_empty_pages`] = r.empty;
    }
    const load = loaded.phaseMs;
    const d = bySurface.discover!;
    const v = bySurface.video!;
    return {
      tables: [
        {
          title: `in-process feed, ${f.num(loaded.counts.notes)} notes / ${f.num(loaded.counts.users)} users / ${f.num(loaded.counts.events)} events (ms)`,
          columns: ['surface', 'requests', 'p50', 'p95', 'p99', 'max', 'cpu p50', 'cpu p99', 'req/s (1 core)', 'items/page', 'empty pages'],
          rows,
        },
        {
          title: 'engine load from the generator (generation included)',
          columns: ['phase', 'records', 'seconds', 'records/s'],
          rows: (['users', 'notes', 'follows', 'events'] as const).map((p) => [p, f.num(loaded.counts[p]), f.seconds(load[p]), f.num(loaded.counts[p] / (load[p] / 1000))]),
        },
      ],
      metrics: { ...metrics, ...Object.fromEntries(Object.entries(load).map(([k, v2]) => [`load_${k}_ms`, v2])), video_to_discover_p50_ratio: v.p50 / d.p50 },
      targets: [
        target('discover feed p50 (in-process)', '≤ 3 ms', `${f.ms(d.p50)} ms`, d.p50 <= 3),
        target('discover feed p99 (in-process)', '≤ 10 ms', `${f.ms(d.p99)} ms`, d.p99 <= 10),
        target('video feed p50 (in-process)', '≤ 3 ms', `${f.ms(v.p50)} ms`, v.p50 <= 3),
        target('video feed p99 (in-process)', '≤ 10 ms', `${f.ms(v.p99)} ms`, v.p99 <= 10),
      ],
      notes: [
        'cpu p50/p99 is the process CPU time (user+system, µs resolution) spent per request: steadier than wall time on a busy shared machine, though background GC threads add to it',
        `targets are stated for 1M notes / 100k users; this run is at scale '${ctx.scale.name}'`,
      ],
    };
  },
};
