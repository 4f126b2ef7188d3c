import { sharedServer } from '../lib/bench-server.ts';
import * as f from '../lib/format.ts';
import { cacheDelta, hitRate, hitShare, type CacheCounts } from '../lib/feed-traffic.ts';
import { loadTest, type LoadTestResult } from '../lib/load-test.ts';
import { serverCacheCounts } from '../lib/server-caches.ts';
import { benchToken } from '../lib/seed-db.ts';
import { target, type Workload } from '../lib/workload.ts';
import { residentMb } from '../lib/memory.ts';

const CONNECTIONS = 10;

export const workload: Workload = {
  name: 'feed-http',
  description: 'Fresh feed pages over HTTP on loopback (autocannon, signed-in active users, server in a child process)',
  async run(ctx) {
    const server = await sharedServer(ctx);
    const users = server.db.sessionUsers.length;
    const durationSec = ctx.quick ? 8 : 20;
    const results: Record<string, LoadTestResult> = {};
    const caches: Record<string, CacheCounts> = {};
    for (const surface of ['discover', 'video']) {
      let i = 0;
      // A warm-up lets the server's JIT settle before the measured run.
      for (const [label, secs] of [[`${surface} warm-up`, 2], [surface, durationSec]] as const) {
        const before = await serverCacheCounts(server.url);
        results[surface] = await loadTest({
          url: server.url,
          connections: CONNECTIONS,
          durationSec: secs,
          label: `GET /api/feed ${label}`,
          serverPid: server.child.pid,
          next: (req) => ({ ...req, method: 'GET', path: `/api/feed?surface=${surface}&limit=20`, headers: { authorization: `Bearer ${benchToken(i++ % users)}` } }),
        });
        caches[surface] = cacheDelta(before, await serverCacheCounts(server.url));
      }
    }
    const d = results.discover!;
    const v = results.video!;
    const rssMb = residentMb(server.child.pid);
    const metrics: Record<string, number> = { connections: CONNECTIONS, serverStartMs: server.startMs, serverRssAtStartMb: server.report.rss / 2 ** 20, serverRssAfterMb: rssMb };
    for (const [s, r] of Object.entries(results)) {
      for (const [cache, c] of Object.entries(caches[s] ?? {})) metrics[`${s}_cache_${cache.replace(/\W+/g, '_')}_hit_share`] = hitShare(c);
      for (const k of ['reqPerSec', 'okPerServerCpuSec', 'serverCpuMs', 'p50', 'p90', 'p99', 'max', 'requests', 'non2xx', 'errors'] as const) metrics[`${s}_${k}`] = r[k];
    }
    return {
      tables: [
        {
          title: `GET /api/feed over loopback, ${CONNECTIONS} connections, ${durationSec} s each, ${f.num(server.report.loaded.notes)} notes (latency ms, whole-ms resolution)`,
          columns: ['surface', 'requests', 'req/s', 'req per server CPU-s', 'p50', 'p90', 'p99', 'max', 'non-2xx', 'errors'],
          rows: Object.entries(results).map(([s, r]) => [s, f.num(r.requests), f.num(r.reqPerSec), f.num(r.okPerServerCpuSec), f.num(r.p50), f.num(r.p90), f.num(r.p99), f.num(r.max), f.num(r.non2xx), f.num(r.errors)]),
        },
        {
          title: `server caches during the measured runs (hit share of lookups, lookups per request; ${f.num(users)} signed-in users cycled, the affinity-model cache holds 4,096 profiles)`,
          columns: ['surface', 'sessions', 'users', 'notes', 'search-intent', 'affinity model', 'trend snapshot'],
          rows: Object.entries(results).map(([s, r]) => {
            const c = caches[s] ?? {};
            return [s, hitRate(c.sessions, r.requests), hitRate(c.users, r.requests), hitRate(c.notes, r.requests), hitRate(c['search-intent'], r.requests), hitRate(c.affinity, r.requests), hitRate(c['trend-snapshot'], r.requests)];
          }),
        },
      ],
      metrics,
      targets: [
        target('discover feed over HTTP', '≥ 1,000 req/s', `${f.num(d.reqPerSec)} req/s`, d.reqPerSec >= 1000),
        target('video feed over HTTP', '≥ 1,000 req/s', `${f.num(v.reqPerSec)} req/s`, v.reqPerSec >= 1000),
      ],
      notes: [
        'the load generator and the server share the same 2 cores, so req/s is a lower bound for a dedicated server',
        '"req per server CPU-s" divides answered requests by the CPU time the server process used: what one dedicated core would sustain',
        'each request opens a new feed session (no sessionId), so nothing is served from a previous page',
        `only ${f.num(users)} users hold bench sessions and they are cycled, fewer than the 4,096 profiles whose affinity models the engine caches: after the first pass a user's model is reused whenever their profile has not changed within the minute, so read the affinity hit share beside the latency (the in-process feed and mixed workloads measure users served once)`,
        `server resident memory: ${f.num(server.report.rss / 2 ** 20)} MB when ready, ${f.num(rssMb)} MB after the runs`,
      ],
    };
  },
};
