import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseConfig } from '@notewave/server/config.ts';
import { createNode } from '@notewave/server/app.ts';
import { ModelJobs } from '@notewave/server/models-refresh/model-jobs.ts';
import * as f from '../lib/format.ts';
import { seededDatabase } from '../lib/seed-db.ts';
import { target, type Workload } from '../lib/workload.ts';

const TARGET_MS = 50;

/** Longest gap the event loop saw while `work` ran, in ms (a histogram sampling every 2 ms), and the wall time. */
async function stalls(work: () => Promise<void>): Promise<{ maxMs: number; p99Ms: number; wallMs: number }> {
  const h = monitorEventLoopDelay({ resolution: 2 });
  h.enable();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  h.disable();
  return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, wallMs };
}

export const workload: Workload = {
  name: 'model-refresh',
  description: 'How long a model refresh (read the log, train ItemKNN, store, attach) blocks a serving node\'s main thread: on the node\'s model thread (the default for a database file) and all on the calling thread',
  async run(ctx) {
    const db = await seededDatabase(ctx.cacheDir, ctx.scale, ctx.seed);
    const dir = mkdtempSync(join(tmpdir(), 'notewave-bench-model-'));
    const path = join(dir, 'nw.db');
    copyFileSync(db.path, path);
    const url = `sqlite://${path}`;
    const { config } = parseConfig({ NOTEWAVE_DATABASE_URL: url, NOTEWAVE_ROLE: 'all', NOTEWAVE_MODEL: 'itemknn', NOTEWAVE_MODEL_REFRESH: '0', NOTEWAVE_RATE_LIMITS: 'false', NOTEWAVE_LOG_LEVEL: 'silent' });
    ctx.log(`model-refresh: loading a node on a copy of the '${ctx.scale.name}' database`);
    const node = await createNode(config, { clock: { now: () => db.endTime } });
    try {
      const rows: (string | number)[][] = [];
      const metrics: Record<string, number> = {};
      const modelBytes = () => {
        const s = node.storage;
        return s.models.getModel('collaborative').then((m) => m?.bytes.byteLength ?? 0);
      };
      ctx.log('model-refresh: refresh on the model thread');
      const threaded = await stalls(() => node.models.refreshNow());
      const size = await modelBytes();
      rows.push(['model thread', f.ms(threaded.maxMs), f.ms(threaded.p99Ms), f.seconds(threaded.wallMs), f.bytes(size), String(node.models.loader.version)]);
      ctx.log('model-refresh: refresh on the calling thread (training on one worker thread)');
      const inThread = new ModelJobs({ config, storage: node.storage, engine: node.engine, clock: { now: () => db.endTime }, log: { info() {}, error() {} } });
      const calling = await stalls(() => inThread.refreshNow());
      rows.push(['calling thread', f.ms(calling.maxMs), f.ms(calling.p99Ms), f.seconds(calling.wallMs), f.bytes(await modelBytes()), String(inThread.loader.version)]);
      Object.assign(metrics, {
        thread_max_block_ms: threaded.maxMs, thread_p99_block_ms: threaded.p99Ms, thread_wall_ms: threaded.wallMs,
        calling_max_block_ms: calling.maxMs, calling_p99_block_ms: calling.p99Ms, calling_wall_ms: calling.wallMs,
        model_bytes: size, db_bytes: statSync(path).size,
      });
      return {
        tables: [{
          title: `model refresh on a serving node (role all, ItemKNN, ${f.num(db.events)} events, ${f.num(db.notes)} notes): longest main-thread block`,
          columns: ['where the refresh runs', 'longest block (ms)', 'p99 block (ms)', 'refresh wall', 'model bytes', 'version'],
          rows,
        }],
        metrics,
        targets: [target(`model refresh, longest main-thread block at '${ctx.scale.name}'`, `≤ ${TARGET_MS} ms`, f.ms(threaded.maxMs), threaded.maxMs <= TARGET_MS)],
        notes: [
          'block = event-loop delay sampled every 2 ms while the refresh runs (monitorEventLoopDelay); nothing else runs on the node meanwhile',
          'the model thread is what a node uses whenever its database is a file or PostgreSQL; "calling thread" is the former path (log read, store and attach on the main thread, training on a worker)',
        ],
      };
    } finally {
      await node.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
