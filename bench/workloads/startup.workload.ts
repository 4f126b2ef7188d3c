import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as f from '../lib/format.ts';
import { runDatabase, sharedServer, startTimeoutMs } from '../lib/bench-server.ts';
import { SCALES } from '../lib/scale.ts';
import { seededDatabase } from '../lib/seed-db.ts';
import { startServer, type RunningServer } from '../lib/server-process.ts';
import { target, type Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'startup',
  description: 'Time from process start to a healthy /health with state rebuilt from a pre-seeded SQLite file, at each scale up to the run\'s; then at the run\'s scale from the engine snapshot written at the previous shutdown',
  async run(ctx) {
    const rows: (string | number)[][] = [];
    const metrics: Record<string, number> = {};
    let fullStart = Number.NaN;
    let lastStart = Number.NaN;
    for (const scale of ctx.ladder) {
      let server: RunningServer;
      let seedMs: number;
      try {
        if (scale === ctx.scale) {
          const s = await sharedServer(ctx);
          server = s;
          seedMs = s.db.seedMs;
        } else {
          const db = await seededDatabase(ctx.cacheDir, scale, ctx.seed);
          seedMs = db.seedMs;
          ctx.log(`startup: starting a server on scale '${scale.name}'`);
          server = await startServer(ctx.root, db.url, db.endTime, startTimeoutMs(ctx));
          await server.stop();
        }
      } catch (e) {
        // A scale that does not start in time is a result too: report it and carry on.
        rows.push([scale.name, '–', '–', '–', '–', '–', `failed: ${(e as Error).message}`, '–', '–', '–', '–', '–']);
        continue;
      }
      const l = server.report.loaded;
      const perSec = l.events / (server.startMs / 1000);
      // Notes whose stored terms were missing or stale and were segmented at start-up (0 on the bench's databases).
      const analysed = (l as { analysed?: number }).analysed;
      rows.push([scale.name, f.num(l.notes), analysed === undefined ? '–' : f.num(analysed), f.num(l.users), f.num(l.follows), f.num(l.events), f.seconds(server.startMs), f.seconds(server.report.cpuMs), f.num(perSec), f.bytes(server.report.rss), f.bytes(server.report.heapUsed), f.seconds(seedMs)]);
      Object.assign(metrics, { [`${scale.name}_start_ms`]: server.startMs, [`${scale.name}_start_cpu_ms`]: server.report.cpuMs, [`${scale.name}_rss_bytes`]: server.report.rss, [`${scale.name}_heap_used_bytes`]: server.report.heapUsed });
      lastStart = server.startMs;
      if (scale.name === SCALES[SCALES.length - 1]!.name) fullStart = server.startMs;
    }
    const snap = await snapshotStart(ctx);
    Object.assign(metrics, snap.metrics);
    const fullScale = ctx.scale.name === SCALES[SCALES.length - 1]!.name;
    const fromSnapshot = snap.startMs;
    return {
      tables: [
        {
          title: 'server start-up: spawn → first healthy /health (engine rebuilt from the event log), SQLite file',
          columns: ['scale', 'notes', 'notes analysed', 'users', 'follows', 'events', 'start-up', 'cpu time', 'events/s replayed', 'RSS', 'heap used', 'seeding took'],
          rows,
        },
        {
          title: 'server start-up from the engine snapshot the previous shutdown wrote (NOTEWAVE_ENGINE_SNAPSHOT), same database',
          columns: ['scale', 'snapshot', 'shutdown (writes it)', 'start-up', 'cpu time', 'RSS', 'heap used', 'engine from', 'events after it'],
          rows: [snap.row],
        },
      ],
      metrics,
      targets: [
        Number.isFinite(fullStart)
          ? target('start-up at full scale, rebuilt from storage', '≤ 60 s', f.seconds(fullStart), fullStart <= 60_000)
          : target(`start-up at full scale, rebuilt from storage (measured only up to '${ctx.scale.name}': ${f.seconds(lastStart)})`, '≤ 60 s', 'not measured', null),
        fullScale && Number.isFinite(fromSnapshot)
          ? target('start-up at full scale, from the engine snapshot', '≤ 60 s', f.seconds(fromSnapshot), fromSnapshot <= 60_000)
          : target(`start-up at full scale, from the engine snapshot (at '${ctx.scale.name}': ${Number.isFinite(fromSnapshot) ? f.seconds(fromSnapshot) : 'not measured'})`, '≤ 60 s', 'not measured', null),
      ],
      notes: ['cpu time is what the server process used until ready; on a busy machine wall time can be several times larger', 'seeding time is shown for reference only (databases are cached per scale and seed under the bench cache directory)'],
    };
  },
};

/**
 * At the run's scale, on a copy of its database: a server started with a snapshot file rebuilds (none yet), writes the
 * snapshot when stopped, and the next start restores it. The second start is the one measured.
 */
async function snapshotStart(ctx: Parameters<Workload['run']>[0]): Promise<{ row: (string | number)[]; startMs: number; metrics: Record<string, number> }> {
  const db = await runDatabase(ctx);
  const dir = mkdtempSync(join(ctx.cacheDir, 'snapshot-start-'));
  const file = join(dir, 'engine-snapshot');
  const url = `sqlite://${join(dir, 'notewave.db')}`;
  copyFileSync(db.path, join(dir, 'notewave.db'));
  // Writing the snapshot at full scale takes over a minute; the stop waits for it.
  const grace = startTimeoutMs(ctx);
  try {
    ctx.log(`startup: a server on scale '${ctx.scale.name}' writes its engine snapshot at shutdown`);
    const first = await startServer(ctx.root, url, db.endTime, startTimeoutMs(ctx), { BENCH_ENGINE_SNAPSHOT: file });
    const t0 = performance.now();
    await first.stop(grace);
    const writeMs = performance.now() - t0;
    if (!existsSync(file)) return { row: [ctx.scale.name, '–', f.seconds(writeMs), '–', '–', '–', '–', 'no snapshot written', '–'], startMs: Number.NaN, metrics: {} };
    const bytes = statSync(file).size;
    ctx.log('startup: starting again from the snapshot');
    const again = await startServer(ctx.root, url, db.endTime, startTimeoutMs(ctx), { BENCH_ENGINE_SNAPSHOT: file });
    await again.stop(grace);
    const r = again.report;
    return {
      row: [ctx.scale.name, f.bytes(bytes), f.seconds(writeMs), f.seconds(again.startMs), f.seconds(r.cpuMs), f.bytes(r.rss), f.bytes(r.heapUsed), r.loadedFrom ?? '–', f.num(r.loaded.events)],
      startMs: r.loadedFrom === 'snapshot' ? again.startMs : Number.NaN,
      metrics: { [`${ctx.scale.name}_snapshot_start_ms`]: again.startMs, [`${ctx.scale.name}_snapshot_bytes`]: bytes, [`${ctx.scale.name}_snapshot_write_ms`]: writeMs },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
