import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { seededDatabase, type SeededDatabase } from './seed-db.ts';
import { startServer, type RunningServer } from './server-process.ts';
import type { BenchContext } from './workload.ts';

export interface BenchServer extends RunningServer {
  db: SeededDatabase;
}

/** Rebuilding a large state on a busy machine takes a long time; give up only after this. */
export function startTimeoutMs(ctx: BenchContext): number {
  return (ctx.quick ? 15 : 90) * 60_000;
}

/** The seeded database at the run's scale (seeded once per scale and seed, then cached on disk). */
export function runDatabase(ctx: BenchContext): Promise<SeededDatabase> {
  return ctx.shared.once(`db:${ctx.scale.name}:${ctx.scale.notes}`, async () => {
    ctx.log(`seeding (or reusing) the SQLite database for scale '${ctx.scale.name}' under ${ctx.cacheDir}`);
    return seededDatabase(ctx.cacheDir, ctx.scale, ctx.seed);
  });
}

/**
 * One server child process for the HTTP workloads, on a throwaway copy of the seeded database (the ingest
 * workload writes to it). Stopped when the run ends.
 */
export function sharedServer(ctx: BenchContext): Promise<BenchServer> {
  return ctx.shared.once('server', async () => {
    const db = await runDatabase(ctx);
    const dir = mkdtempSync(join(ctx.cacheDir, 'run-'));
    const path = join(dir, 'notewave.db');
    copyFileSync(db.path, path);
    ctx.log(`starting a server process on a copy of the database (state rebuilt from ${db.events.toLocaleString('en-US')} events)`);
    const server = await startServer(ctx.root, `sqlite://${path}`, db.endTime, startTimeoutMs(ctx)).catch((e: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw e;
    });
    ctx.shared.onClose(async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    return { ...server, db };
  });
}
