import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRng, type EngineEvent, type Note } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { EngineSync } from '@notewave/server/engine/engine-sync.ts';
import { sharedServer } from '../lib/bench-server.ts';
import { planCommunity } from '../lib/community.ts';
import { EventMix } from '../lib/event-mix.ts';
import { cacheDelta, hitRate, hitShare, type CacheCounts } from '../lib/feed-traffic.ts';
import { benchQueries } from '../lib/feed-traffic.ts';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { MIXED_EVENTS_PER_BATCH, MIXED_OPS, MIXED_RATE_PER_S, paced, type PacedResult } from '../lib/paced.ts';
import { QueryDistribution } from '../lib/query-dist.ts';
import { serverCacheCounts } from '../lib/server-caches.ts';
import { benchToken } from '../lib/seed-db.ts';
import type { Table } from '../lib/table.ts';
import { target, type BenchContext, type TargetCheck } from '../lib/workload.ts';
import type { Workload } from '../lib/workload.ts';
import { residentMb } from '../lib/memory.ts';

const P99_TARGET_MS = 50;
/** Share of feed requests on the video surface (the rest are discover). */
const VIDEO_SHARE = 0.3;

interface Part {
  where: string;
  r: PacedResult;
  caches: CacheCounts;
  feeds: number;
}

/** A note a user publishes during the run: text, tags and category of a generated note, a new id, stamped now. */
function newNote(base: Note, id: string, authorId: string, now: number): Note {
  return { ...base, id, authorId, createdAt: now, editedAt: null, deleted: false };
}

/**
 * In-process: the server's work without HTTP, on one thread, in arrival order: fresh feed pages, searches (run, then
 * their event logged and applied), event batches (durable append to a SQLite log, then applied) and new notes
 * (stored, then indexed). The engine's clock follows wall time, so TTL caches age as in production.
 */
async function inProcess(ctx: BenchContext, durationSec: number): Promise<Part> {
  const loaded = await loadedEngine(ctx);
  const { engine, activeUsers, clock, community } = loaded;
  const queries = await benchQueries(ctx, loaded);
  const dir = mkdtempSync(join(tmpdir(), 'notewave-bench-mixed-'));
  const storage = await openStorage(`sqlite://${join(dir, 'mixed.db')}`, { migrate: true });
  try {
    const sync = new EngineSync(engine, storage.events, false, 0);
    const notes = Array.from({ length: Math.min(engine.catalog.size, 50_000) }, (_, i) => engine.catalog.at(i)!.id);
    const tag = `mix${Date.now().toString(36)}`;
    const mix = new EventMix(activeUsers, notes, Array.from({ length: 1_000 }, () => queries.next()), tag, ctx.seed);
    // New notes reference their authors: the fresh database holds the community's users.
    const users = [...community.users()];
    for (let i = 0; i < users.length; i += 5_000) await storage.users.insertUsers(users.slice(i, i + 5_000));
    const rng = new SeededRng(ctx.seed ^ 0x3141);
    const append = async (events: EngineEvent[]) => {
      const outcomes = await storage.events.append(events);
      const stored: { event: EngineEvent; seq: number }[] = [];
      outcomes.forEach((o, i) => o.status === 'stored' && stored.push({ event: events[i]!, seq: o.seq }));
      sync.applyStored(stored);
    };
    const base = clock.now();
    let w0 = performance.now();
    let feeds = 0;
    // Ids stay unique across the warm-up and the measured run.
    let seq = 0;
    const run = async (op: string): Promise<boolean> => {
      const i = seq++;
      clock.set(Math.max(clock.now(), base + Math.floor(performance.now() - w0)));
      const userId = activeUsers[rng.int(activeUsers.length)]!;
      const now = clock.now();
      if (op === 'feed') {
        feeds++;
        return engine.feed({ userId, surface: rng.next() < VIDEO_SHARE ? 'video' : 'discover', limit: 20 }).items.length > 0;
      }
      if (op === 'search') {
        const query = queries.next();
        const resultIds = engine.runSearch({ q: query, userId, limit: 20 }).hits.map((h) => h.noteId);
        await append([{ type: 'search', userId, query, resultIds: resultIds.slice(0, 10), ts: now, clientEventId: `${tag}-q${i}` }]);
        return true;
      }
      if (op === 'events') {
        await append(Array.from({ length: MIXED_EVENTS_PER_BATCH }, () => ({ ...mix.next(now), userId })));
        return true;
      }
      const note = newNote(community.note(rng.int(community.noteCount)), `${tag}-n${i}`, userId, now);
      const terms = engine.upsertNote(note);
      await storage.notes.createNote(note, terms ?? undefined);
      return true;
    };
    // Warm-up at the same rate (not recorded), then the measured run.
    await paced({ ratePerSec: MIXED_RATE_PER_S, durationSec: 2, ops: MIXED_OPS, seed: ctx.seed ^ 1, concurrent: false, run, label: 'mixed in-process warm-up' });
    feeds = 0;
    w0 = performance.now() - (clock.now() - base);
    const before = engine.recommender.cacheCounts();
    const r = await paced({ ratePerSec: MIXED_RATE_PER_S, durationSec, ops: MIXED_OPS, seed: ctx.seed, concurrent: false, run, label: 'mixed in-process' });
    return { where: 'in-process', r, caches: cacheDelta(before, engine.recommender.cacheCounts()), feeds };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Over HTTP: the same mix against the shared server child, an open-loop client firing at the stated rate. */
async function overHttp(ctx: BenchContext, durationSec: number): Promise<Part & { rssMb: number }> {
  const server = await sharedServer(ctx);
  const users = server.db.sessionUsers.length;
  const community = planCommunity(ctx.scale, ctx.seed);
  const sample = Math.min(community.noteCount, 50_000);
  const stride = Math.max(1, Math.floor(community.noteCount / sample));
  const sampled = Array.from({ length: sample }, (_, i) => community.note((i * stride) % community.noteCount));
  const queries = new QueryDistribution(sampled, ctx.seed);
  const tag = `mixh${Date.now().toString(36)}`;
  const mix = new EventMix(['unused'], sampled.slice(0, 5_000).map((n) => n.id), Array.from({ length: 1_000 }, () => queries.next()), tag, ctx.seed);
  const rng = new SeededRng(ctx.seed ^ 0x2718);
  let feeds = 0;
  const run = async (op: string, i: number): Promise<boolean> => {
    const headers: Record<string, string> = { authorization: `Bearer ${benchToken(rng.int(users))}` };
    let res: Response;
    if (op === 'feed') {
      feeds++;
      res = await fetch(`${server.url}/api/feed?surface=${rng.next() < VIDEO_SHARE ? 'video' : 'discover'}&limit=20`, { headers });
    } else if (op === 'search') {
      res = await fetch(`${server.url}/api/search?q=${encodeURIComponent(queries.next())}&limit=20`, { headers });
    } else if (op === 'events') {
      headers['content-type'] = 'application/json';
      res = await fetch(`${server.url}/api/events`, { method: 'POST', headers, body: JSON.stringify({ events: Array.from({ length: MIXED_EVENTS_PER_BATCH }, () => mix.nextRaw()) }) });
    } else {
      const n = sampled[rng.int(sampled.length)]!;
      headers['content-type'] = 'application/json';
      const body = { kind: 'image', title: n.title.slice(0, 200), body: n.body.slice(0, 20_000), tags: n.tags.slice(0, 30), category: n.category };
      res = await fetch(`${server.url}/api/notes`, { method: 'POST', headers, body: JSON.stringify(body) });
    }
    await res.arrayBuffer();
    if (!res.ok && i < 3) process.stderr.write(`  mixed over HTTP: ${op} answered ${res.status}\n`);
    return res.ok;
  };
  await paced({ ratePerSec: MIXED_RATE_PER_S, durationSec: 2, ops: MIXED_OPS, seed: ctx.seed ^ 1, concurrent: true, run, label: 'mixed over HTTP warm-up' });
  feeds = 0;
  const before = await serverCacheCounts(server.url);
  const r = await paced({ ratePerSec: MIXED_RATE_PER_S, durationSec, ops: MIXED_OPS, seed: ctx.seed, concurrent: true, run, label: 'mixed over HTTP' });
  const caches = cacheDelta(before, await serverCacheCounts(server.url));
  return { where: 'over HTTP', r, caches, feeds, rssMb: residentMb(server.child.pid) };
}

function opTable(p: Part, durationSec: number): Table {
  return {
    title: `mixed workload ${p.where}: ${f.num(MIXED_RATE_PER_S)} requests/s scheduled for ${durationSec} s (open loop; latency from the scheduled arrival, queueing included, ms); achieved ${f.num(p.r.achievedPerSec)} req/s`,
    columns: ['operation', 'share', 'requests', 'p50', 'p95', 'p99', 'max', 'errors', 'dropped', `p99 ≤ ${P99_TARGET_MS} ms`],
    rows: [
      ...p.r.ops.map((o) => [o.name, `${f.num(100 * (MIXED_OPS.find((m) => m.name === o.name)?.share ?? 0))}%`, f.num(o.latency.n), f.ms(o.latency.p50), f.ms(o.latency.p95), f.ms(o.latency.p99), f.ms(o.latency.max), f.num(o.errors), f.num(o.dropped), o.latency.p99 <= P99_TARGET_MS ? 'met' : 'missed']),
      ['all', '100%', f.num(p.r.all.n), f.ms(p.r.all.p50), f.ms(p.r.all.p95), f.ms(p.r.all.p99), f.ms(p.r.all.max), f.num(p.r.ops.reduce((s, o) => s + o.errors, 0)), f.num(p.r.ops.reduce((s, o) => s + o.dropped, 0)), ''],
    ],
  };
}

function partMetrics(p: Part, key: string, metrics: Record<string, number>): TargetCheck[] {
  metrics[`${key}_achieved_req_per_s`] = p.r.achievedPerSec;
  metrics[`${key}_scheduled`] = p.r.scheduled;
  for (const o of p.r.ops) {
    for (const q of ['p50', 'p95', 'p99', 'max'] as const) metrics[`${key}_${o.name}_${q}_ms`] = o.latency[q];
    metrics[`${key}_${o.name}_requests`] = o.latency.n;
    metrics[`${key}_${o.name}_errors`] = o.errors;
    metrics[`${key}_${o.name}_dropped`] = o.dropped;
  }
  for (const [cache, c] of Object.entries(p.caches)) metrics[`${key}_cache_${cache.replace(/\W+/g, '_')}_hit_share`] = hitShare(c);
  const worst = p.r.ops.reduce((a, b) => (b.latency.p99 > a.latency.p99 ? b : a));
  const failed = p.r.ops.reduce((s, o) => s + o.errors + o.dropped, 0);
  return [
    target(`mixed ${p.where}: worst p99 of any operation at ${MIXED_RATE_PER_S} req/s`, `≤ ${P99_TARGET_MS} ms`, `${f.ms(worst.latency.p99)} ms (${worst.name}), ${f.num(p.r.achievedPerSec)} req/s achieved${failed ? `, ${f.num(failed)} failed or dropped` : ''}`, worst.latency.p99 <= P99_TARGET_MS && failed === 0),
  ];
}

function cacheRow(p: Part): (string | number)[] {
  const c = p.caches;
  return [p.where, hitRate(c['search-intent'], p.feeds), hitRate(c.affinity, p.feeds), hitRate(c['trend-snapshot'], p.feeds), hitRate(c.sessions, p.r.completed), hitRate(c.users, p.r.completed), hitRate(c.notes, p.r.completed)];
}

export const workload: Workload = {
  name: 'mixed',
  description: `Reads and writes together at ${MIXED_RATE_PER_S} req/s (open loop): ${MIXED_OPS.map((o) => `${Math.round(o.share * 100)}% ${o.name}`).join(', ')}; p50/p99 per operation, in-process and over HTTP`,
  async run(ctx) {
    const durationSec = ctx.quick ? 10 : 30;
    const metrics: Record<string, number> = { rate_per_s: MIXED_RATE_PER_S, duration_s: durationSec, events_per_batch: MIXED_EVENTS_PER_BATCH };
    const local = await inProcess(ctx, durationSec);
    const remote = await overHttp(ctx, durationSec);
    const targets = [...partMetrics(local, 'inprocess', metrics), ...partMetrics(remote, 'http', metrics)];
    metrics.http_server_rss_after_mb = remote.rssMb;
    targets.push(target(`serving node RSS after the HTTP runs ('${ctx.scale.name}' scale)`, '≤ 2 GB', `${f.num(remote.rssMb)} MB`, remote.rssMb <= 2048));
    return {
      tables: [
        opTable(local, durationSec),
        opTable(remote, durationSec),
        {
          title: 'caches during the mixed runs (hit share of lookups, lookups per feed request for the engine caches and per request for the server caches)',
          columns: ['run', 'search-intent', 'affinity model', 'trend snapshot', 'sessions', 'users', 'notes'],
          rows: [cacheRow(local), cacheRow(remote)],
        },
      ],
      metrics,
      targets,
      notes: [
        ...[local, remote].flatMap((p) => p.r.ops.filter((o) => o.firstError).map((o) => `${p.where}: ${o.name} failed ${f.num(o.errors)} times, first with: ${o.firstError}`)),
        `feeds are fresh pages (${f.num(100 * VIDEO_SHARE)}% video, the rest discover) for users drawn at random; searches draw Zipf-distributed long-tail queries (see bench/README.md); event batches carry ${MIXED_EVENTS_PER_BATCH} events (impressions, views, likes, saves, searches); notes are new image notes with a generated note's text`,
        'in-process runs one operation at a time on this thread, as one node would; durable writes go to a fresh SQLite event log (WAL, synchronous=FULL) and are applied at once',
        'over HTTP the client runs in the runner process on the same 2 cores as the server, so the server gets less than the whole machine; a request scheduled while 512 are open is dropped and counted',
      ],
    };
  },
};
