import { closeSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeEngineSnapshot } from '@notewave/engine';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { childResult } from '../lib/child-result.ts';
import { target, type BenchContext, type Workload } from '../lib/workload.ts';

interface Restored {
  restoreMs: number;
  restoreCpuMs: number;
  rewriteMs: number;
  identical: boolean;
  heap: number;
  rss: number;
}

/** Restores the file in a fresh process, as a starting server would, with nothing else in its heap. */
function restoreInChild(ctx: BenchContext, path: string, now: number): Promise<Restored> {
  return childResult<Restored>(ctx.root, 'snapshot-restore.ts', [path, String(now), String(ctx.seed)], 'snapshot restore');
}

export const workload: Workload = {
  name: 'snapshot',
  description: 'Engine snapshot of the loaded community: write time and size, restore time into a fresh engine, against rebuilding it by replay',
  async run(ctx) {
    const loaded = await loadedEngine(ctx);
    const replayMs = loaded.phaseMs.users + loaded.phaseMs.notes + loaded.phaseMs.follows + loaded.phaseMs.events;
    const dir = join(ctx.cacheDir, 'snapshot');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `engine-${ctx.scale.name}.snap`);

    ctx.log('snapshot: writing the loaded engine');
    const t0 = performance.now();
    let frames = 0;
    const fd = openSync(path, 'w');
    try {
      for (const chunk of writeEngineSnapshot(loaded.engine, { lastSeq: loaded.counts.events })) {
        writeSync(fd, chunk);
        frames++;
      }
    } finally {
      closeSync(fd);
    }
    const writeMs = performance.now() - t0;
    const bytes = statSync(path).size;

    ctx.log('snapshot: restoring into a fresh engine in a child process, then writing it again to compare');
    const r = await restoreInChild(ctx, path, loaded.clock.now());
    rmSync(path, { force: true });

    return {
      tables: [
        {
          title: 'engine snapshot vs replay (in-process, no storage: replay here is the generator feeding the engine, not a database read)',
          columns: ['scale', 'notes', 'users', 'events', 'replay', 'snapshot write (to file)', 'size', 'frames', 'restore (from file, fresh process)', 'restore CPU', 'restored heap+external', 'RSS after restore', 'same bytes again'],
          rows: [[ctx.scale.name, f.num(loaded.counts.notes), f.num(loaded.counts.users), f.num(loaded.counts.events), f.seconds(replayMs), f.seconds(writeMs), f.bytes(bytes), f.num(frames), f.seconds(r.restoreMs), f.seconds(r.restoreCpuMs), f.bytes(r.heap), f.bytes(r.rss), r.identical ? 'yes' : 'NO']],
        },
      ],
      metrics: {
        replay_ms: replayMs,
        snapshot_write_ms: writeMs,
        snapshot_bytes: bytes,
        snapshot_restore_ms: r.restoreMs,
        snapshot_restore_cpu_ms: r.restoreCpuMs,
        snapshot_rewrite_ms: r.rewriteMs,
        restored_heap_external_bytes: r.heap,
        restored_rss_bytes: r.rss,
        snapshot_round_trip_identical: r.identical ? 1 : 0,
      },
      targets: [target('start-up at full scale from a snapshot (restore alone)', '≤ 60 s', f.seconds(r.restoreMs), ctx.scale.notes >= 1_000_000 ? r.restoreMs <= 60_000 : null)],
      notes: [
        'the restore runs in a child process with nothing else in its heap, as a starting server would; restored heap is a difference of readings after a collection',
        'a server start from a snapshot also replays the events stored after it; see bench/README.md',
      ],
    };
  },
};
