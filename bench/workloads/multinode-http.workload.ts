import { availableParallelism } from 'node:os';
import { Analyzer } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import { closedLoop, type ClosedLoopResult } from '../lib/closed-loop.ts';
import { processCpuMs } from '../lib/cpu.ts';
import * as f from '../lib/format.ts';
import type { MixedOp } from '../lib/paced.ts';
import { scaleNamed } from '../lib/scale.ts';
import { benchToken, seedCommunity } from '../lib/seed-db.ts';
import { startServer, type RunningServer } from '../lib/server-process.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload, type WorkloadResult } from '../lib/workload.ts';

const PG_URL = process.env.TEST_POSTGRES_URL ?? process.env.NOTEWAVE_BENCH_POSTGRES_URL;
/** A feed app's traffic: pages, the events each page sends back in batches, and single notes opened. */
const OPS: readonly MixedOp[] = [
  { name: 'feed', share: 0.4 },
  { name: 'events', share: 0.4 },
  { name: 'note', share: 0.2 },
];
const EVENTS_PER_BATCH = 20;
/** Closed-loop clients in total, whether they go to one node or are spread over two. */
const CLIENTS = 16;
const BOUND_MS = 5_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies read by property path
async function call(url: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url + path, {
    method,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Milliseconds from now until `check` holds (Infinity past the bound). */
async function until(check: () => Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > BOUND_MS) return Infinity;
    await new Promise((r) => setTimeout(r, 1));
  }
  return performance.now() - t0;
}

interface MixRun extends ClosedLoopResult {
  /** CPU time (user + system) the API node processes used together during the measured run. */
  nodeCpuMs: number;
}

/** The mix against `nodes`, client c on node c mod n; a warm-up first so every set-up starts with compiled code. */
async function mix(nodes: readonly RunningServer[], sessions: number, noteIds: readonly string[], durationSec: number, seed: number, run: string): Promise<MixRun> {
  const urls = nodes.map((n) => n.url);
  const request = async (op: string, client: number, i: number): Promise<boolean> => {
    const url = urls[client % urls.length]!;
    const token = benchToken((client * 7919 + i) % sessions);
    const note = noteIds[(client * 31 + i) % noteIds.length]!;
    if (op === 'feed') return (await call(url, 'GET', `/api/feed?surface=discover&limit=20`, token)).status === 200;
    if (op === 'note') return (await call(url, 'GET', `/api/notes/${note}`, token)).status === 200;
    const events = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => ({
      type: 'impression', clientEventId: `${run}-${client}-${i}-${k}`, noteId: noteIds[(client + i + k) % noteIds.length], position: k,
    }));
    return (await call(url, 'POST', '/api/events', token, { events })).status === 200;
  };
  await closedLoop({ clients: CLIENTS, durationSec: 2, ops: OPS, seed, request: (op, c, i) => request(op, c, -1 - i) });
  const cpu = () => nodes.reduce((sum, n) => sum + processCpuMs(n.child.pid!), 0);
  const cpu0 = cpu();
  const result = await closedLoop({ clients: CLIENTS, durationSec, ops: OPS, seed, request });
  return { ...result, nodeCpuMs: cpu() - cpu0 };
}

/** Delays until what node `a` acknowledged is served by node `b`, over HTTP, polling `b` every millisecond. */
async function visibility(a: string, b: string, token: string, trials: number): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = { 'note create → served by B': [], 'note edit → served by B': [], 'like → counted by B': [], 'logout → token refused by B': [] };
  const author = (await call(a, 'POST', '/api/auth/register', undefined, { handle: 'bench_nodes', password: 'correct horse battery', displayName: 'Bench', locale: 'en-US', market: 'US' })).json;
  for (let i = 0; i < trials; i++) {
    const created = await call(a, 'POST', '/api/notes', author.token, { kind: 'image', title: `Lake walk ${i}`, body: 'By the water #citywalk', category: 'travel/city-walk' });
    if (created.status !== 201) throw new Error(`note create: ${created.status}`);
    const id = created.json.id as string;
    out['note create → served by B']!.push(await until(async () => (await call(b, 'GET', `/api/notes/${id}`)).status === 200));
    await call(a, 'PATCH', `/api/notes/${id}`, author.token, { title: `Pagoda walk ${i}` });
    out['note edit → served by B']!.push(await until(async () => (await call(b, 'GET', `/api/notes/${id}`)).json.title === `Pagoda walk ${i}`));
    await call(a, 'POST', `/api/notes/${id}/like`, token);
    out['like → counted by B']!.push(await until(async () => (await call(b, 'GET', `/api/notes/${id}`)).json.stats.likes === 1));
    const login = await call(a, 'POST', '/api/auth/login', undefined, { handle: 'bench_nodes', password: 'correct horse battery' });
    const t = login.json.token as string;
    await call(b, 'GET', '/api/me', t);
    await call(a, 'POST', '/api/auth/logout', t);
    out['logout → token refused by B']!.push(await until(async () => (await call(b, 'GET', '/api/me', t)).status === 401));
  }
  return out;
}

export const workload: Workload = {
  name: 'multinode-http',
  description: 'One vs two API node processes on one PostgreSQL database: req/s and p50/p99 of a feed + event-batch + note-read mix, and cross-node visibility over HTTP',
  async run(ctx): Promise<WorkloadResult> {
    if (!PG_URL) return { tables: [], metrics: {}, notes: ['skipped: set TEST_POSTGRES_URL (or NOTEWAVE_BENCH_POSTGRES_URL) to a PostgreSQL server'] };
    // Seeding PostgreSQL row by row through the ports is slow, so this workload caps the community it seeds.
    const scale = scaleNamed(ctx.quick ? 'tiny' : 'quick');
    const schema = throwawaySchemaName('bench_multinode');
    const servers: RunningServer[] = [];
    try {
      ctx.log(`seeding the '${scale.name}' community into PostgreSQL schema ${schema}`);
      const storage = await openStorage(PG_URL, { schema, migrate: true });
      const seeded = await seedCommunity(storage, new Analyzer(new JiebaSegmenter()), scale, ctx.seed).finally(() => storage.close());
      const sessions = seeded.sessionUsers.length;
      const env = { BENCH_ROLE: 'api', BENCH_DATABASE_SCHEMA: schema };
      const start = async () => {
        const s = await startServer(ctx.root, PG_URL, seeded.endTime, 15 * 60_000, env);
        servers.push(s);
        return s;
      };
      const a = await start();
      const pages = await Promise.all(Array.from({ length: 10 }, (_, i) => call(a.url, 'GET', '/api/feed?surface=discover&limit=50', benchToken(i % sessions))));
      const noteIds = [...new Set(pages.flatMap((p) => (p.json.items as { note: { id: string } }[]).map((it) => it.note.id)))];
      const durationSec = ctx.quick ? 5 : 15;
      ctx.log('  the mix against one API node');
      const one = await mix([a], sessions, noteIds, durationSec, ctx.seed, 'one');
      const b = await start();
      ctx.log('  the mix spread over two API nodes');
      const two = await mix([a, b], sessions, noteIds, durationSec, ctx.seed, 'two');
      ctx.log('  cross-node visibility');
      const delays = await visibility(a.url, b.url, benchToken(0), ctx.quick ? 20 : 100);
      // One node again after the two: if it matches the first run, the machine did not change under the comparison.
      await b.stop();
      ctx.log('  the mix against one API node again');
      const oneAgain = await mix([a], sessions, noteIds, durationSec, ctx.seed, 'again');

      const cores = availableParallelism();
      const speedup = two.okPerSec / one.okPerSec;
      const worst = Math.max(...Object.values(delays).map((d) => summarize(d).p99));
      const row = (label: string, r: MixRun) => [label, f.num(r.ok), f.num(r.okPerSec), f.num(r.ok / (r.nodeCpuMs / 1000)), f.ms(r.all.p50), f.ms(r.all.p99), ...r.ops.map((o) => f.ms(o.latency.p99)), f.num(r.errors)];
      const metrics: Record<string, number> = { cores, clients: CLIENTS, notes: seeded.notes, events: seeded.events, speedup };
      for (const [k, r] of [['one_node', one], ['two_nodes', two], ['one_node_again', oneAgain]] as const) {
        Object.assign(metrics, { [`${k}_req_per_s`]: r.okPerSec, [`${k}_req_per_node_cpu_s`]: r.ok / (r.nodeCpuMs / 1000), [`${k}_p50_ms`]: r.all.p50, [`${k}_p99_ms`]: r.all.p99, [`${k}_errors`]: r.errors });
        for (const o of r.ops) metrics[`${k}_${o.name}_p99_ms`] = o.latency.p99;
      }
      const summaries: [string, Summary][] = Object.entries(delays).map(([what, d]) => [what, summarize(d)]);
      for (const [what, s] of summaries) metrics[`visible_${what.split(' →')[0]!.replace(/\W+/g, '_')}_p99_ms`] = s.p99;
      return {
        tables: [
          {
            title: `${CLIENTS} closed-loop clients, ${durationSec} s after a 2 s warm-up, ${OPS.map((o) => `${o.share * 100}% ${o.name}`).join(' / ')} (batches of ${EVENTS_PER_BATCH}), ${f.num(seeded.notes)} notes, ${cores} cores (latency ms)`,
            columns: ['API nodes', 'answered', 'req/s', 'req per node CPU-s', 'p50', 'p99', ...OPS.map((o) => `${o.name} p99`), 'errors'],
            rows: [row('1', one), row('2 (clients spread)', two), row('1 again, after', oneAgain)],
          },
          {
            title: 'cross-node visibility over HTTP: acknowledged by A → served by B (node processes, loopback PostgreSQL, B polled every ms)',
            columns: ['what', 'n', 'p50', 'p99', 'max'],
            rows: summaries.map(([what, s]) => [what, s.n, f.ms(s.p50), f.ms(s.p99), f.ms(s.max)]),
          },
        ],
        metrics,
        targets: [
          target('cross-node visibility p99 (processes)', '≤ 250 ms', f.ms(worst), Number.isFinite(worst) ? worst <= 250 : false),
          target('mix p99, one API node', '≤ 50 ms', f.ms(one.all.p99), one.all.p99 <= 50),
          target('mix p99, two API nodes', '≤ 50 ms', f.ms(two.all.p99), two.all.p99 <= 50),
          // Scaling is only a fair question when the machine has cores to spare for the second node.
          target('two API nodes vs one (req/s)', cores > 4 ? '> 1.0×' : 'reported (too few cores to scale)', `${speedup.toFixed(2)}× on ${cores} cores`, cores > 4 ? speedup > 1 : null),
        ],
        notes: [
          `${cores} cores: the API node processes, PostgreSQL and this load generator all share them, ${cores <= 4 ? 'so a second node adds no CPU and two nodes are not expected to beat one; the figure shows what keeping two nodes in step costs, not how far they scale' : 'so the second node adds CPU only as far as the others leave it idle'}`,
          'the clients always send the same mix; with two nodes each also applies the events and changes the other wrote (the event tail and change log), which one node does not have to: "req per node CPU-s" divides answered requests by the CPU time of all API node processes together, so it shows that cost apart from the machine\'s load',
          '"1 again, after" repeats the one-node run once the second node has stopped: when it differs much from the first, the machine\'s load changed during the comparison',
          `a capped community ('${scale.name}' scale: ${f.num(seeded.users)} users, ${f.num(seeded.events)} events) is seeded into a throwaway schema; no worker process runs during the measurement`,
        ],
      };
    } finally {
      for (const s of servers) await s.stop();
      await dropSchema(PG_URL, schema);
    }
  },
};
