import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, EngineEvent, Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { EngineSync } from '@notewave/server/engine/engine-sync.ts';
import type { EngineAtScale } from '../lib/loaded-engine.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { EventMix } from '../lib/event-mix.ts';
import * as f from '../lib/format.ts';
import { ownCpuMs } from '../lib/cpu.ts';
import { progress } from '@notewave/server/cli/progress.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

interface IngestRun {
  batch: number;
  events: number;
  appendMs: number;
  applyMs: number;
  appendCpuMs: number;
  applyCpuMs: number;
  batchLatency: Summary;
}

/** The server's write path without HTTP: durable append to the event log, then apply what was stored. */
async function ingest(storage: Storage, sync: EngineSync, mix: EventMix, loaded: EngineAtScale, batch: number, total: number): Promise<IngestRun> {
  const latencies: number[] = [];
  let appendMs = 0;
  let applyMs = 0;
  let appendCpuMs = 0;
  let applyCpuMs = 0;
  const bar = progress(`ingest batch ${batch}`, total);
  for (let done = 0; done < total; done += batch) {
    const events = mix.batch(batch, loaded.clock.now());
    const c0 = ownCpuMs();
    const t0 = performance.now();
    const outcomes = await storage.events.append(events);
    const t1 = performance.now();
    const c1 = ownCpuMs();
    const stored: { event: EngineEvent; seq: number }[] = [];
    outcomes.forEach((o, i) => o.status === 'stored' && stored.push({ event: events[i]!, seq: o.seq }));
    sync.applyStored(stored);
    const t2 = performance.now();
    applyCpuMs += ownCpuMs() - c1;
    appendCpuMs += c1 - c0;
    appendMs += t1 - t0;
    applyMs += t2 - t1;
    latencies.push(t2 - t0);
    bar.update(done + batch);
  }
  bar.stop();
  return { batch, events: total, appendMs, applyMs, appendCpuMs, applyCpuMs, batchLatency: summarize(latencies) };
}

interface Visibility {
  kind: string;
  latency: Summary;
  reflected: number;
  trials: number;
}

/**
 * Time from sending an event to the next feed page that reflects it: a not_interested on the author of the
 * top item (reflected when no note of that author comes back) and a search for a topic the page did not show
 * (reflected when the next page has more notes on that topic than the page before it).
 */
async function visibility(storage: Storage, sync: EngineSync, loaded: EngineAtScale, trials: number): Promise<Visibility[]> {
  const { engine, activeUsers, clock } = loaded;
  const send = async (e: EngineEvent) => {
    const [o] = await storage.events.append([e]);
    if (o?.status === 'stored') sync.applyStored([{ event: e, seq: o.seq }]);
  };
  const out: Visibility[] = [];
  for (const kind of ['not_interested author', 'search'] as const) {
    const samples: number[] = [];
    let reflected = 0;
    for (let i = 0; i < trials; i++) {
      const userId = activeUsers[(i * 7919) % activeUsers.length]!;
      const first = engine.feed({ userId, surface: 'discover', limit: 20 });
      const top = first.items[0] && engine.catalog.get(first.items[0].noteId);
      if (!top) continue;
      const base = { userId, clientEventId: `vis-${kind.length}-${i}-${clock.now()}`, ts: clock.now() };
      const t0 = performance.now();
      if (kind === 'search') {
        // A topic the first page does not show: the tag of a note whose tags no item on the page carries.
        const shown = new Set(first.items.flatMap((it) => engine.catalog.get(it.noteId)?.tags ?? []));
        const query = searchTopic(engine, shown, i);
        if (!query) continue;
        const resultIds = engine.runSearch({ q: query, limit: 10 }).hits.map((h) => h.noteId);
        await send({ ...base, type: 'search', query, resultIds });
        const next = engine.feed({ userId, surface: 'discover', limit: 20 });
        samples.push(performance.now() - t0);
        const matches = topicMatcher(engine, query);
        // Reflected when the page moved toward the searched topic: more of its notes than the page before had.
        if (matches(next.items) > matches(first.items)) reflected++;
      } else {
        await send({ ...base, type: 'not_interested', targetKind: 'author', target: top.authorId });
        const next = engine.feed({ userId, surface: 'discover', limit: 20 });
        samples.push(performance.now() - t0);
        if (!next.items.some((it) => engine.catalog.get(it.noteId)?.authorId === top.authorId)) reflected++;
      }
    }
    out.push({ kind, latency: summarize(samples), reflected, trials: samples.length });
  }
  return out;
}

/** A tag carried by no note in `shown`, taken from a note picked by `i` (deterministic), or null if none is found. */
function searchTopic(engine: Engine, shown: ReadonlySet<string>, i: number): string | null {
  const n = engine.catalog.size;
  for (let k = 0; k < 50; k++) {
    const m = engine.catalog.at((i * 104_729 + k * 7_919) % n);
    const tag = m?.tags.find((t) => !shown.has(t));
    if (tag) return tag;
  }
  return null;
}

/** Counts the page items on a query's topic: notes carrying it as a tag or among its first 100 search hits. */
function topicMatcher(engine: Engine, query: string): (items: readonly { noteId: string }[]) => number {
  const hits = new Set(engine.runSearch({ q: query, limit: 100 }).hits.map((h) => h.noteId));
  return (items) => items.filter((it) => hits.has(it.noteId) || (engine.catalog.get(it.noteId)?.tags.includes(query) ?? false)).length;
}

export const workload: Workload = {
  name: 'ingest',
  description: 'Durable event ingest in-process (SQLite event log append + engine apply) and time until the next feed reflects an event',
  async run(ctx) {
    const loaded = await loadedEngine(ctx);
    const dir = mkdtempSync(join(tmpdir(), 'notewave-bench-ingest-'));
    const storage = await openStorage(`sqlite://${join(dir, 'ingest.db')}`, { migrate: true });
    try {
      const sync = new EngineSync(loaded.engine, storage.events, false, 0);
      const notes = Array.from({ length: Math.min(loaded.engine.catalog.size, 50_000) }, (_, i) => loaded.engine.catalog.at(i)!.id);
      const queries = ['citywalk', '探店', 'skincare', '穿搭', 'coffee', 'hiking', '露营', 'recipe'];
      const mix = new EventMix(loaded.activeUsers, notes, queries, `ing${Date.now().toString(36)}`, ctx.seed);
      const sizes: [number, number][] = ctx.quick ? [[1, 2_000], [100, 50_000], [1_000, 100_000]] : [[1, 3_000], [100, 100_000], [1_000, 200_000]];
      const runs: IngestRun[] = [];
      for (const [batch, total] of sizes) runs.push(await ingest(storage, sync, mix, loaded, batch, total));
      const vis = await visibility(storage, sync, loaded, ctx.quick ? 100 : 200);
      const rate = (r: IngestRun) => r.events / ((r.appendMs + r.applyMs) / 1000);
      const best = Math.max(...runs.map(rate));
      const worstVisP99 = Math.max(...vis.map((v) => v.latency.p99));
      const metrics: Record<string, number> = {};
      for (const r of runs) {
        metrics[`batch${r.batch}_events_per_s`] = rate(r);
        metrics[`batch${r.batch}_append_events_per_s`] = r.events / (r.appendMs / 1000);
        metrics[`batch${r.batch}_apply_events_per_s`] = r.events / (r.applyMs / 1000);
        metrics[`batch${r.batch}_events_per_cpu_s`] = r.events / ((r.appendCpuMs + r.applyCpuMs) / 1000);
        metrics[`batch${r.batch}_append_cpu_us_per_event`] = (1000 * r.appendCpuMs) / r.events;
        metrics[`batch${r.batch}_apply_cpu_us_per_event`] = (1000 * r.applyCpuMs) / r.events;
        metrics[`batch${r.batch}_latency_p50_ms`] = r.batchLatency.p50;
        metrics[`batch${r.batch}_latency_p99_ms`] = r.batchLatency.p99;
      }
      for (const v of vis) {
        const k = v.kind.replace(/\W+/g, '_');
        metrics[`visible_${k}_p50_ms`] = v.latency.p50;
        metrics[`visible_${k}_p99_ms`] = v.latency.p99;
        metrics[`visible_${k}_reflected_share`] = v.reflected / Math.max(1, v.trials);
      }
      return {
        tables: [
          {
            title: 'durable ingest in-process: SQLite append (WAL, synchronous=FULL) + engine apply',
            columns: ['batch', 'events', 'events/s', 'events per CPU-s', 'append only/s', 'apply only/s', 'append CPU µs/event', 'apply CPU µs/event', 'append share', 'batch p50 ms', 'batch p99 ms'],
            rows: runs.map((r) => [f.num(r.batch), f.num(r.events), f.num(rate(r)), f.num(r.events / ((r.appendCpuMs + r.applyCpuMs) / 1000)), f.num(r.events / (r.appendMs / 1000)), f.num(r.events / (r.applyMs / 1000)), ((1000 * r.appendCpuMs) / r.events).toFixed(1), ((1000 * r.applyCpuMs) / r.events).toFixed(1), `${((100 * r.appendMs) / (r.appendMs + r.applyMs)).toFixed(0)}%`, f.ms(r.batchLatency.p50), f.ms(r.batchLatency.p99)]),
          },
          {
            title: 'event → next feed reflects it, in-process (send + apply + next page, ms)',
            columns: ['event', 'trials', 'p50', 'p95', 'p99', 'reflected'],
            rows: vis.map((v) => [v.kind, f.num(v.trials), f.ms(v.latency.p50), f.ms(v.latency.p95), f.ms(v.latency.p99), `${f.num(v.reflected)}/${f.num(v.trials)}`]),
          },
        ],
        metrics,
        targets: [
          target('durable ingest (in-process, best batch size)', '≥ 50,000 events/s', `${f.num(best)} events/s`, best >= 50_000),
          target('event visible in next feed (in-process p99)', '≤ 100 ms', `${f.ms(worstVisP99)} ms`, worstVisP99 <= 100),
        ],
        notes: ['events per CPU-s divides by this process\'s CPU time (fsync waits cost wall time, not CPU): on a shared machine it shows what the code costs', 'the engine is applied synchronously after the append commits, so the very next feed request can see the event; "reflected" checks that it actually does'],
      };
    } finally {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
