import { sharedServer } from '../lib/bench-server.ts';
import * as f from '../lib/format.ts';
import { summarize } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

interface Refreshed {
  ms: number;
  longestStallMs: number;
  stallsOver50Ms: number;
  stallsOver50MsTotal: number;
  error: string | null;
}

export const workload: Workload = {
  name: 'model-refresh',
  description: 'A collaborative-model refresh on a serving node (role all): the longest main-thread stall meanwhile, seen from inside (1 ms timer) and from a client polling /health',
  async run(ctx) {
    const server = await sharedServer(ctx);
    const done = server.nextLine<Refreshed>('REFRESHED');
    let finished = false;
    void done.then(() => (finished = true), () => (finished = true));
    server.child.kill('SIGUSR2');
    // A client polling /health every 10 ms sees a stalled node as a slow answer.
    const health: number[] = [];
    while (!finished) {
      const t0 = performance.now();
      await fetch(`${server.url}/health`).then((r) => r.arrayBuffer(), () => null);
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    const r = await done;
    const h = summarize(health);
    return {
      tables: [
        {
          title: `model refresh on a serving node, ${f.num(server.report.loaded.events)} events in the log (ms)`,
          columns: ['refresh wall', 'longest main-thread stall', 'stalls > 50 ms', 'their total', '/health polls', '/health p50', '/health p99', '/health max'],
          rows: [[f.ms(r.ms), f.ms(r.longestStallMs), f.num(r.stallsOver50Ms), f.ms(r.stallsOver50MsTotal), f.num(h.n), f.ms(h.p50), f.ms(h.p99), f.ms(h.max)]],
        },
      ],
      metrics: { refresh_ms: r.ms, longest_stall_ms: r.longestStallMs, stalls_over_50ms: r.stallsOver50Ms, stalls_over_50ms_total_ms: r.stallsOver50MsTotal, health_p99_ms: h.p99, health_max_ms: h.max },
      targets: [target('model refresh: longest main-thread block on a serving node', '≤ 50 ms', `${f.ms(r.longestStallMs)} ms`, r.longestStallMs <= 50 && !r.error)],
      notes: [
        'the refresh is the one the node runs every 15 minutes (NOTEWAVE_MODEL_REFRESH), started at once through the bench server\'s SIGUSR2 hook: the node\'s model thread (at a lower priority) reads the log, trains and stores the model, and hands it to the main thread in shared memory with its ids already indexed',
        'the stall is the longest gap between ticks of a 1 ms timer on the server\'s main thread during the refresh: GC pauses and other work count too',
        ...(r.error ? [`the refresh failed: ${r.error}`] : []),
      ],
    };
  },
};
