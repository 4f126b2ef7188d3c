import { openSync, readSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { Engine } from '@notewave/engine';
import * as f from '../lib/format.ts';
import { addCounts, assertDisjoint, benchQueries, cacheDelta, FEED_ARRIVALS_PER_S, FeedTraffic, hitRate, hitShare, SEARCH_BEFORE_FEED, type CacheCounts } from '../lib/feed-traffic.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

const SURFACES = [
  { surface: 'discover', label: 'discover (funnel)' },
  { surface: 'video', label: 'video (viral)' },
] as const;

/**
 * One fresh page per request: a new feed session, so nothing the previous page computed is reused. Before each
 * request the clock moves to the next arrival and some users search first (`FeedTraffic`, not timed); the caches on
 * the feed path are read around each request.
 */
function measure(engine: Engine, users: readonly string[], surface: string, probe: StageProbe, traffic: FeedTraffic): Measured {
  const n = users.length;
  const caches: CacheCounts = {};
  const missed: number[] = [];
  const hitOnly: number[] = [];
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  const mainSamples: number[] = [];
  const spans: number[] = [];
  const stages: Float64Array[] = [];
  const reqUsers: string[] = [];
  let empty = 0;
  let items = 0;
  for (let i = 0; i < n; i++) {
    const userId = users[i]!;
    traffic.before(userId);
    const k0 = engine.recommender.cacheCounts();
    probe.reset();
    const m0 = mainThreadCpuNs();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const page = engine.feed({ userId, surface, limit: 20 });
    const t1 = performance.now();
    const c = process.cpuUsage(c0);
    const m1 = mainThreadCpuNs();
    const d = cacheDelta(k0, engine.recommender.cacheCounts());
    addCounts(caches, d);
    const si = d['search-intent']!;
    if (si.misses > 0) missed.push(t1 - t0);
    else if (si.hits > 0) hitOnly.push(t1 - t0);
    samples.push(t1 - t0);
    cpuSamples.push((c.user + c.system) / 1000);
    if (m0 >= 0 && m1 >= 0) mainSamples.push((m1 - m0) / 1e6);
    spans.push(t0, t1);
    stages.push(probe.take(t1 - t0));
    reqUsers.push(userId);
    items += page.items.length;
    if (page.items.length === 0) empty++;
  }
  return {
    ...summarize(samples),
    empty,
    items: items / n,
    cpu: summarize(cpuSamples),
    mainCpu: mainSamples.length === n ? summarize(mainSamples) : null,
    wall: samples,
    mainCpuMs: mainSamples.length === n ? mainSamples : null,
    spans,
    stages,
    users: reqUsers,
    caches,
    searchMissed: summarize(missed),
    searchHitOnly: summarize(hitOnly),
  };
}

type Measured = Summary & {
  empty: number;
  items: number;
  cpu: Summary;
  /** CPU time of the JavaScript thread alone (no GC helper threads), where the OS exposes it. */
  mainCpu: Summary | null;
  wall: number[];
  mainCpuMs: number[] | null;
  /** Start and end (performance.now()) of each request, flattened. */
  spans: number[];
  /** Per request, milliseconds in each probed stage (indexed like `StageProbe.names`). */
  stages: Float64Array[];
  users: string[];
  /** Cache hits and misses over all requests, by cache. */
  caches: CacheCounts;
  /** Wall latency of requests where the search-intent source ran at least one search (a cache miss), and of those it answered from cache alone. */
  searchMissed: Summary;
  searchHitOnly: Summary;
};

/**
 * CPU time consumed so far by this process's main thread (ns), from /proc/<pid>/task/<pid>/schedstat;
 * -1 where that file is not available. process.cpuUsage() counts every thread, GC helpers included.
 */
const schedstat = (() => {
  try {
    const fd = openSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'r');
    return { fd, buf: Buffer.alloc(128) };
  } catch {
    return null;
  }
})();
function mainThreadCpuNs(): number {
  if (!schedstat) return -1;
  const n = readSync(schedstat.fd, schedstat.buf, 0, 128, 0);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = schedstat.buf[i]!;
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
  }
  return v;
}

interface Probed {
  name: string;
  [k: string]: unknown;
}

/**
 * Wall time per pipeline stage (each source's fetch, the scorer, each reranker, the merge and sort in
 * between, and the request work outside the pipeline), taken by wrapping the built pipelines' components
 * in place. The wrappers only time; the components and their order are unchanged.
 */
class StageProbe {
  readonly names: string[] = [];
  private acc = new Float64Array(0);
  private readonly index = new Map<string, number>();
  private readonly inside: number[] = [];
  private readonly runIx: number;
  private readonly mergeIx: number;
  private readonly outsideIx: number;

  constructor(engine: Engine) {
    this.runIx = this.stage('(pipeline.run)');
    this.mergeIx = this.stage('merge + sort + slice');
    this.outsideIx = this.stage('outside pipeline (context, page items)');
    const pipelines = (engine.recommender as unknown as { pipelines: Map<string, Record<string, unknown>> }).pipelines;
    for (const p of pipelines.values()) {
      const sources = p.sources as { source: Probed }[];
      for (const s of sources) s.source = this.wrap(`source ${s.source.name}`, s.source, 'fetch');
      p.scorer = this.wrap(`scorer ${(p.scorer as Probed).name}`, p.scorer as Probed, 'score');
      p.rerankers = (p.rerankers as Probed[]).map((r) => this.wrap(`rerank ${r.name}`, r, 'rerank'));
      const run = p.run as (ctx: unknown) => unknown;
      const at = this.runIx;
      const add = (ms: number) => {
        this.acc[at]! += ms;
      };
      p.run = function (this: unknown, ctx: unknown) {
        const t0 = performance.now();
        try {
          return run.call(this, ctx);
        } finally {
          add(performance.now() - t0);
        }
      };
    }
    this.acc = new Float64Array(this.names.length);
  }

  private stage(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  private wrap(name: string, target: Probed, method: string): Probed {
    const i = this.stage(name);
    this.inside.push(i);
    const fn = target[method] as (...a: unknown[]) => unknown;
    return {
      name: target.name,
      [method]: (...args: unknown[]) => {
        const t0 = performance.now();
        try {
          return fn.apply(target, args);
        } finally {
          this.acc[i]! += performance.now() - t0;
        }
      },
    };
  }

  reset(): void {
    this.acc.fill(0);
  }

  /** This request's stage times; merge/sort and outside-pipeline are what the probed stages leave of the totals. */
  take(totalMs: number): Float64Array {
    const a = this.acc.slice();
    let inner = 0;
    for (const i of new Set(this.inside)) inner += a[i]!;
    a[this.mergeIx] = Math.max(0, a[this.runIx]! - inner);
    a[this.outsideIx] = Math.max(0, totalMs - a[this.runIx]!);
    return a;
  }

  /** Stages that ran for this surface, in pipeline order, without the (pipeline.run) total. */
  used(stages: readonly Float64Array[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.names.length; i++) if (i !== this.runIx && stages.some((s) => s[i]! > 0)) out.push(i);
    return out;
  }
}

interface GcPause {
  start: number;
  end: number;
  kind: number;
}

/** Collects V8 GC pauses (main-thread) reported through the performance timeline. */
function gcRecorder(): { pauses: GcPause[]; flush(): Promise<void>; stop(): void } {
  const pauses: GcPause[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ start: e.startTime, end: e.startTime + e.duration, kind });
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  return {
    pauses,
    flush: () => new Promise((r) => setImmediate(() => setImmediate(r))),
    stop: () => obs.disconnect(),
  };
}

const GC_KIND: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** GC pause time (ms) inside [t0, t1]. */
function gcOverlap(pauses: readonly GcPause[], t0: number, t1: number): number {
  let ms = 0;
  for (const p of pauses) {
    if (p.end <= t0 || p.start >= t1) continue;
    ms += Math.min(p.end, t1) - Math.max(p.start, t0);
  }
  return ms;
}

/** Indices of the slowest `share` of requests by `key`. */
function slowest(values: readonly number[], share: number): number[] {
  const k = Math.max(1, Math.round(values.length * share));
  return values.map((_, i) => i).sort((a, b) => values[b]! - values[a]!).slice(0, k);
}

interface UserShape {
  topics: number;
  following: number;
  seen: number;
  positives: number;
}

function userShape(engine: Engine, userId: string): UserShape {
  const state = engine.recommender.state as unknown as {
    profile(u: string): { topicCount: number; seen: { size: number }; positives: unknown[] } | undefined;
    follows: { following(u: string): ReadonlySet<string> };
  };
  const p = state.profile(userId);
  return { topics: p?.topicCount ?? 0, following: state.follows.following(userId).size, seen: p?.seen.size ?? 0, positives: p?.positives.length ?? 0 };
}

/** Tables attributing the slowest 1% of requests (by main-thread CPU where available) to stages, GC and user shape. */
function tailTables(engine: Engine, label: string, r: Measured, probe: StageProbe, gc: readonly GcPause[], metrics: Record<string, number>, key: string): { title: string; columns: string[]; rows: (string | number)[][] }[] {
  const by = r.mainCpuMs ?? r.wall;
  const tail = slowest(by, 0.01);
  const all = r.wall.map((_, i) => i);
  // The same share of requests again, taken only from those no GC pause overlapped: what the pipeline itself costs at the tail.
  const clean = all.filter((i) => gcOverlap(gc, r.spans[2 * i]!, r.spans[2 * i + 1]!) === 0);
  const cleanTail = slowest(clean.map((i) => by[i]!), tail.length / all.length).map((k) => clean[k]!);
  const mean = (ix: readonly number[], f: (i: number) => number) => ix.reduce((s, i) => s + f(i), 0) / ix.length;
  const stageRows: (string | number)[][] = [];
  const tailTotal = mean(tail, (i) => r.wall[i]!);
  let top = { name: '', ms: -1 };
  let topClean = { name: '', ms: -1 };
  for (const s of probe.used(r.stages)) {
    const a = mean(all, (i) => r.stages[i]![s]!);
    const t = mean(tail, (i) => r.stages[i]![s]!);
    if (t > top.ms) top = { name: probe.names[s]!, ms: t };
    const worst = Math.max(...r.stages.map((x) => x[s]!));
    const c = cleanTail.length ? mean(cleanTail, (i) => r.stages[i]![s]!) : 0;
    if (c > topClean.ms) topClean = { name: probe.names[s]!, ms: c };
    stageRows.push([probe.names[s]!, f.ms(a), f.ms(t), `${f.num((100 * t) / tailTotal, 0)}%`, f.ms(c), f.ms(worst)]);
  }
  const gcIn = tail.map((i) => gcOverlap(gc, r.spans[2 * i]!, r.spans[2 * i + 1]!));
  const tailWithGc = gcIn.filter((ms) => ms > 0).length;
  const allWithGc = all.filter((i) => gcOverlap(gc, r.spans[2 * i]!, r.spans[2 * i + 1]!) > 0).length;
  const kinds = new Map<string, { n: number; ms: number; max: number }>();
  const t0 = r.spans[0]!;
  const t1 = r.spans[r.spans.length - 1]!;
  for (const p of gc) {
    if (p.end <= t0 || p.start >= t1) continue;
    const k = GC_KIND[p.kind] ?? String(p.kind);
    const e = kinds.get(k) ?? { n: 0, ms: 0, max: 0 };
    e.n++;
    e.ms += p.end - p.start;
    e.max = Math.max(e.max, p.end - p.start);
    kinds.set(k, e);
  }
  const shapes = r.users.map((u) => userShape(engine, u));
  const shapeRow = (name: keyof UserShape) => [name, f.num(mean(all, (i) => shapes[i]![name]), 0), f.num(mean(tail, (i) => shapes[i]![name]), 0)];
  metrics[`${key}_tail_gc_requests`] = tailWithGc;
  metrics[`${key}_tail_gc_ms_mean`] = gcIn.reduce((s, x) => s + x, 0) / tail.length;
  metrics[`${key}_tail_wall_mean_ms`] = tailTotal;
  return [
    {
      title: `${label}: where the slowest 1% (${tail.length} requests by ${r.mainCpuMs ? 'main-thread CPU' : 'wall time'}) spend their time, wall ms per stage; top stage: ${top.name}; top stage of the slowest 1% without a GC pause: ${topClean.name}`,
      columns: ['stage', 'mean, all', 'mean, slowest 1%', 'share of slowest 1%', 'mean, slowest 1% without GC', 'max, one request'],
      rows: stageRows,
    },
    {
      title: `${label}: GC pauses during the measurement (${tailWithGc} of the slowest ${tail.length} requests and ${allWithGc} of all ${r.n} overlap a pause; mean pause time inside a slowest-1% request ${f.ms(gcIn.reduce((s, x) => s + x, 0) / tail.length)} ms)`,
      columns: ['kind', 'pauses', 'total ms', 'max ms'],
      rows: [...kinds].map(([k, e]) => [k, f.num(e.n), f.ms(e.ms), f.ms(e.max)]),
    },
    {
      title: `${label}: requesting users, all vs slowest 1% (means)`,
      columns: ['profile', 'all', 'slowest 1%'],
      rows: [shapeRow('topics'), shapeRow('following'), shapeRow('seen'), shapeRow('positives')],
    },
  ];
}

export const workload: Workload = {
  name: 'feed',
  description: 'Fresh (new-session) feed pages in-process, discover (funnel) and video (viral): each user once, clock moving 100 ms per request, 30% after a long-tail search; cache hit rates beside latencies',
  async run(ctx) {
    const loaded = await loadedEngine(ctx);
    const { engine, activeUsers } = loaded;
    const queries = await benchQueries(ctx, loaded);
    const traffic = new FeedTraffic(engine, loaded.clock, queries, ctx.seed);
    const warmup = Math.min(ctx.quick ? 200 : 500, Math.floor(activeUsers.length / 5));
    const warmUsers = activeUsers.slice(activeUsers.length - warmup);
    // Each surface measures its own users, each once and none of them warmed up: the active users first, then
    // returning users (seen before the last 7 days, most recent first) when the active ones are too few.
    const pool = [...activeUsers.slice(0, activeUsers.length - warmup), ...loaded.returningUsers];
    const requests = Math.min(ctx.quick ? 2_000 : 3_000, Math.floor(pool.length / SURFACES.length));
    if (requests < 10) throw new Error(`only ${pool.length} users with a history: too few for disjoint warm-up and measured users`);
    const activeMeasured = Math.min(pool.length, SURFACES.length * requests, activeUsers.length - warmup);
    const rows: (string | number)[][] = [];
    const cacheRows: (string | number)[][] = [];
    const metrics: Record<string, number> = { activeUsers: activeUsers.length, measuredActiveUsers: activeMeasured, warmupUsers: warmup, clockStepMs: traffic.stepMs, searchBeforeFeedShare: traffic.searchShare, queryVocabulary: queries.size, queryZipfS: queries.s };
    const bySurface: Record<string, Measured> = {};
    const probe = new StageProbe(engine);
    const gc = gcRecorder();
    const tail: { title: string; columns: string[]; rows: (string | number)[][] }[] = [];
    const measuredBefore: string[] = [];
    for (const [k, s] of SURFACES.entries()) {
      const users = pool.slice(k * requests, (k + 1) * requests);
      // Warm-up runs on other users so the measured users meet an engine that has not seen them yet.
      assertDisjoint([...warmUsers, ...measuredBefore], users, `feed ${s.surface}`);
      measure(engine, warmUsers, s.surface, probe, traffic);
      const r = measure(engine, users, s.surface, probe, traffic);
      measuredBefore.push(...users);
      await gc.flush();
      bySurface[s.surface] = r;
      rows.push([s.label, f.num(r.n), f.ms(r.p50), f.ms(r.p95), f.ms(r.p99), f.ms(r.max), f.ms(r.cpu.p50), f.ms(r.cpu.p99), r.mainCpu ? f.ms(r.mainCpu.p50) : '-', r.mainCpu ? f.ms(r.mainCpu.p99) : '-', f.num(1000 / r.mean, 0), f.num(r.items, 1), f.num(r.empty)]);
      cacheRows.push([s.label, hitRate(r.caches['search-intent'], r.n), hitRate(r.caches.affinity, r.n), hitRate(r.caches['trend-snapshot'], r.n), `${f.num(r.searchMissed.n)} · ${f.ms(r.searchMissed.p50)} / ${f.ms(r.searchMissed.p99)}`, `${f.num(r.searchHitOnly.n)} · ${f.ms(r.searchHitOnly.p50)} / ${f.ms(r.searchHitOnly.p99)}`]);
      for (const [cache, c] of Object.entries(r.caches)) {
        const key = cache.replace(/\W+/g, '_');
        metrics[`${s.surface}_cache_${key}_hit_share`] = hitShare(c);
        metrics[`${s.surface}_cache_${key}_lookups_per_request`] = (c.hits + c.misses) / r.n;
      }
      metrics[`${s.surface}_search_miss_requests`] = r.searchMissed.n;
      metrics[`${s.surface}_search_miss_p99_ms`] = r.searchMissed.p99;
      metrics[`${s.surface}_cpu_p50_ms`] = r.cpu.p50;
      metrics[`${s.surface}_cpu_p99_ms`] = r.cpu.p99;
      metrics[`${s.surface}_cpu_mean_ms`] = r.cpu.mean;
      if (r.mainCpu) {
        metrics[`${s.surface}_main_cpu_p50_ms`] = r.mainCpu.p50;
        metrics[`${s.surface}_main_cpu_p99_ms`] = r.mainCpu.p99;
      }
      for (const p of ['p50', 'p95', 'p99', 'mean', 'max'] as const) metrics[`${s.surface}_${p}_ms`] = r[p];
      metrics[`${s.surface}_req_per_s_one_core`] = 1000 / r.mean;
      metrics[`${s.surface}_empty_pages`] = r.empty;
      tail.push(...tailTables(engine, s.label, r, probe, gc.pauses, metrics, s.surface));
    }
    gc.stop();
    const load = loaded.phaseMs;
    const d = bySurface.discover!;
    const v = bySurface.video!;
    return {
      tables: [
        {
          title: `in-process feed, ${f.num(loaded.counts.notes)} notes / ${f.num(loaded.counts.users)} users / ${f.num(loaded.counts.events)} events (ms)`,
          columns: ['surface', 'requests', 'p50', 'p95', 'p99', 'max', 'cpu p50', 'cpu p99', 'main cpu p50', 'main cpu p99', 'req/s (1 core)', 'items/page', 'empty pages'],
          rows,
        },
        {
          title: `caches on the feed path per request (hit share of lookups; the clock moves ${f.num(traffic.stepMs)} ms per request, ${FEED_ARRIVALS_PER_S} fresh pages/s; ${f.num(100 * SEARCH_BEFORE_FEED)}% of users searched a Zipf(${queries.s}) query over ${f.num(queries.size)} just before)`,
          columns: ['surface', 'search-intent', 'affinity model', 'trend snapshot', 'requests that ran a search · p50 / p99 ms', 'search-intent from cache only · p50 / p99 ms'],
          rows: cacheRows,
        },
        ...tail,
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
        `measured users are disjoint from warm-up users and between surfaces, each served once (checked at run time): ${f.num(warmup)} warm-up users, ${f.num(requests)} measured per surface; ${f.num(activeMeasured)} of the ${f.num(SURFACES.length * requests)} measured were active in the history's last 7 days (of ${f.num(activeUsers.length)} active), the rest returning users seen before`,
        `the head of the query distribution: the 100 commonest queries are ${f.num(100 * queries.headShare(100), 0)}% of searches, the 10,000 commonest ${f.num(100 * queries.headShare(10_000), 0)}%`,
        'main cpu is the CPU time of the JavaScript thread alone (/proc schedstat), without GC and compiler helper threads; stage times are wall time on that thread',
        'cpu p50/p99 is the process CPU time (user+system, µs resolution) spent per request: steadier than wall time on a busy shared machine, though background GC threads add to it',
        `targets are stated for 1M notes / 100k users; this run is at scale '${ctx.scale.name}'`,
      ],
    };
  },
};
