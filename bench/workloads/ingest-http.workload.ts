import { sharedServer, type BenchServer } from '../lib/bench-server.ts';
import { planCommunity } from '../lib/community.ts';
import { EventMix } from '../lib/event-mix.ts';
import * as f from '../lib/format.ts';
import { loadTest } from '../lib/load-test.ts';
import { benchToken } from '../lib/seed-db.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

const CONNECTIONS = 10;
const BATCH = 100;

interface FeedBody {
  items: { note: { id: string; author: { id: string } } }[];
}

/** POST a not_interested on the author of the top item, then GET the next page: wall time until it reflects it. */
async function visibilityOverHttp(server: BenchServer, trials: number): Promise<{ latency: Summary; reflected: number; trials: number }> {
  const samples: number[] = [];
  let reflected = 0;
  for (let i = 0; i < trials; i++) {
    const headers = { authorization: `Bearer ${benchToken((i * 31) % server.db.sessionUsers.length)}`, 'content-type': 'application/json' };
    const first = (await (await fetch(`${server.url}/api/feed?surface=discover&limit=20`, { headers })).json()) as FeedBody;
    const author = first.items[0]?.note.author.id;
    if (!author) continue;
    const t0 = performance.now();
    const sent = await fetch(`${server.url}/api/events`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ events: [{ type: 'not_interested', targetKind: 'author', target: author, clientEventId: `vish-${Date.now().toString(36)}-${i}` }] }),
    });
    await sent.arrayBuffer();
    const next = (await (await fetch(`${server.url}/api/feed?surface=discover&limit=20`, { headers })).json()) as FeedBody;
    samples.push(performance.now() - t0);
    if (!next.items.some((it) => it.note.author.id === author)) reflected++;
  }
  return { latency: summarize(samples), reflected, trials: samples.length };
}

export const workload: Workload = {
  name: 'ingest-http',
  description: `Event batches of ${BATCH} over HTTP (POST /api/events, autocannon) and time until the next feed over HTTP reflects an event`,
  async run(ctx) {
    const server = await sharedServer(ctx);
    const users = server.db.sessionUsers.length;
    const community = planCommunity(ctx.scale, ctx.seed);
    const notes = Array.from({ length: Math.min(community.noteCount, 5_000) }, (_, i) => community.note((i * 104_729) % community.noteCount).id);
    const mix = new EventMix(['unused'], notes, ['citywalk', '探店', 'skincare', '穿搭', 'coffee'], `http${Date.now().toString(36)}`, ctx.seed);
    const durationSec = ctx.quick ? 8 : 20;
    let i = 0;
    const r = await loadTest({
      url: server.url,
      connections: CONNECTIONS,
      durationSec,
      label: `POST /api/events x${BATCH}`,
      serverPid: server.child.pid,
      next: (req) => ({
        ...req,
        method: 'POST',
        path: '/api/events',
        headers: { authorization: `Bearer ${benchToken(i++ % users)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events: Array.from({ length: BATCH }, () => mix.nextRaw()) }),
      }),
    });
    const eventsPerSec = r.reqPerSec * BATCH;
    const vis = await visibilityOverHttp(server, ctx.quick ? 50 : 100);
    return {
      tables: [
        {
          title: `POST /api/events over loopback, ${BATCH} events per request, ${CONNECTIONS} connections, ${durationSec} s (latency ms)`,
          columns: ['requests', 'req/s', 'events/s', 'events per server CPU-s', 'p50', 'p90', 'p99', 'max', 'non-2xx', 'errors'],
          rows: [[f.num(r.requests), f.num(r.reqPerSec), f.num(eventsPerSec), f.num(r.okPerServerCpuSec * BATCH), f.num(r.p50), f.num(r.p90), f.num(r.p99), f.num(r.max), f.num(r.non2xx), f.num(r.errors)]],
        },
        {
          title: 'not_interested(author) → next GET /api/feed reflects it, over HTTP (ms)',
          columns: ['trials', 'p50', 'p95', 'p99', 'max', 'reflected'],
          rows: [[f.num(vis.trials), f.ms(vis.latency.p50), f.ms(vis.latency.p95), f.ms(vis.latency.p99), f.ms(vis.latency.max), `${vis.reflected}/${vis.trials}`]],
        },
      ],
      metrics: {
        batch: BATCH,
        connections: CONNECTIONS,
        req_per_s: r.reqPerSec,
        events_per_s: eventsPerSec,
        events_per_server_cpu_s: r.okPerServerCpuSec * BATCH,
        latency_p50_ms: r.p50,
        latency_p99_ms: r.p99,
        non2xx: r.non2xx,
        visible_p50_ms: vis.latency.p50,
        visible_p99_ms: vis.latency.p99,
        visible_reflected_share: vis.reflected / Math.max(1, vis.trials),
      },
      targets: [
        target('durable ingest over HTTP', '≥ 50,000 events/s', `${f.num(eventsPerSec)} events/s`, eventsPerSec >= 50_000),
        target('event visible in next feed over HTTP (p99)', '≤ 100 ms', `${f.ms(vis.latency.p99)} ms`, vis.latency.p99 <= 100),
      ],
      notes: ['the visibility trials run after the load test on the same server, so the feed includes the events ingested above'],
    };
  },
};
