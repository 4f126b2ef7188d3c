/**
 * Durable event ingest through EventLog.append: SQLite (file, WAL, synchronous=FULL) and PostgreSQL.
 * Prints events/s per backend and batch size, plus replay speed through readSince. No assertions.
 *
 *   node --import tsx --conditions=notewave-source bench/storage-ingest.bench.ts [--events=200000] [--postgres=postgres://postgres@127.0.0.1:5432/test]
 * PostgreSQL runs in a throwaway schema when a URL is given (or TEST_POSTGRES_URL is set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { EngineEvent, Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const TOTAL = Number(args.get('events') ?? 200_000);
const PG_URL = args.get('postgres') ?? process.env.TEST_POSTGRES_URL;
const BATCHES = [500, 1_000];

let counter = 0;

/** A deterministic mix resembling feed traffic: mostly impressions and views, some likes, saves and searches. */
function makeEvents(n: number, run: string, ids: 'time-ordered' | 'random' = 'time-ordered'): EngineEvent[] {
  let x = 0x9e3779b9;
  const rnd = () => ((x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  return Array.from({ length: n }, (_, i): EngineEvent => {
    // time-ordered like the server's own ids (and ULIDs); random like UUIDv4s from a client
    const clientEventId = ids === 'random' ? `${(rnd() * 2 ** 52).toString(36)}${(rnd() * 2 ** 52).toString(36)}` : `${run}_${(++counter).toString(36).padStart(10, '0')}`;
    const base = { userId: `u_${Math.floor(rnd() * 20_000)}`, clientEventId, ts: 1_750_000_000_000 + i, surface: 'home' };
    const noteId = `n_${Math.floor(rnd() * 100_000)}`;
    const r = rnd();
    if (r < 0.55) return { ...base, type: 'impression', noteId, position: i % 20, recId: `r${i >> 4}` };
    if (r < 0.85) return { ...base, type: 'view', noteId, portion: Math.round(rnd() * 100) / 100, ms: Math.floor(rnd() * 60_000) };
    if (r < 0.93) return { ...base, type: 'like', noteId };
    if (r < 0.97) return { ...base, type: 'save', noteId, collectionId: 'c_default' };
    return { ...base, type: 'search', query: '杭州 探店', resultIds: [noteId, 'n_1', 'n_2'], searchId: `s${i}` };
  });
}

interface Rate {
  perSecond: number;
  /** This process's CPU per event: what the rate would be if the disk and database server were free. */
  cpuMicros: number;
}

async function ingest(s: Storage, events: EngineEvent[], batch: number): Promise<Rate> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < events.length; i += batch) await s.events.append(events.slice(i, i + batch));
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: events.length / ((performance.now() - t0) / 1000), cpuMicros: (cpu.user + cpu.system) / events.length };
}

function show(label: string, what: string, r: Rate): void {
  const rate = Math.round(r.perSecond).toLocaleString('en').padStart(9);
  console.log(`${label.padEnd(16)} ${what.padEnd(34)} ${rate} events/s   ${r.cpuMicros.toFixed(1).padStart(5)} µs CPU/event here`);
}

/** Many clients at once, each sending small batches, as the HTTP event endpoint sees them. */
async function ingestConcurrent(s: Storage, events: EngineEvent[], clients: number, batch: number): Promise<Rate> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next; i < events.length; i = next) {
        next += batch;
        await s.events.append(events.slice(i, i + batch));
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: events.length / ((performance.now() - t0) / 1000), cpuMicros: (cpu.user + cpu.system) / events.length };
}

async function replay(s: Storage, count: number): Promise<Rate> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await s.events.readSince(after, 5_000);
    if (page.length === 0) break;
    n += page.length;
    after = page[page.length - 1]!.seq;
  }
  const cpu = process.cpuUsage(cpu0);
  return { perSecond: n / ((performance.now() - t0) / 1000), cpuMicros: (cpu.user + cpu.system) / Math.max(1, count) };
}

async function run(label: string, open: () => Promise<Storage>): Promise<void> {
  const s = await open();
  counter = 0;
  try {
    for (const batch of BATCHES) {
      show(label, `append, batches of ${batch}`, await ingest(s, makeEvents(TOTAL, 'ev'), batch));
    }
    show(label, 'append, batches of 1000, random ids', await ingest(s, makeEvents(Math.min(TOTAL, 50_000), 'ev', 'random'), 1_000));
    show(label, 'append, 64 clients x batches of 20', await ingestConcurrent(s, makeEvents(Math.min(TOTAL, 50_000), 'ev'), 64, 20));
    counter = 0; // the first 50,000 events again, same users: every one is a duplicate
    show(label, 'append, retried (all duplicates)', await ingest(s, makeEvents(Math.min(TOTAL, 50_000), 'ev'), 1_000));
    const count = await s.events.count();
    show(label, `replay ${count.toLocaleString('en')} via readSince`, await replay(s, count));
  } finally {
    await s.close();
  }
}

console.log(`${TOTAL.toLocaleString('en')} events per run; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
await run('sqlite (memory)', () => openStorage('sqlite::memory:', { migrate: true }));
const dir = mkdtempSync(join(tmpdir(), 'notewave-bench-'));
try {
  await run('sqlite (file)', () => openStorage(`sqlite://${join(dir, 'bench.db')}`, { migrate: true }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (PG_URL) {
  const schema = `nw_bench_${process.pid}`;
  try {
    await run('postgres', () => openStorage(PG_URL, { schema, migrate: true }));
  } finally {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  }
} else {
  console.log('postgres         skipped (pass --postgres=<url> or set TEST_POSTGRES_URL)');
}
