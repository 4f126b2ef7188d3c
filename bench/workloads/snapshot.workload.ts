import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Engine, ManualClock, SeededRng, TimeRandomIds, restoreEngineSnapshot, writeEngineSnapshot } from '@notewave/engine';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { memorySnapshot } from '../lib/memory.ts';
import { target, type Workload } from '../lib/workload.ts';

const READ_BYTES = 4 << 20;

/** The file's bytes in fresh buffers (the restore may keep a reference to a chunk while it reads the next). */
function* fileChunks(path: string): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const buf = new Uint8Array(READ_BYTES);
      const n = readSync(fd, buf, 0, READ_BYTES, null);
      if (n === 0) return;
      yield n === READ_BYTES ? buf : buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether two chunk sequences hold the same bytes, compared as streams. */
function sameBytes(a: Iterable<Uint8Array>, b: Iterable<Uint8Array>): boolean {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let x: Uint8Array = new Uint8Array(0);
  let y: Uint8Array = new Uint8Array(0);
  for (;;) {
    if (x.length === 0) {
      const r = ia.next();
      x = r.done ? x : r.value;
      if (r.done && y.length === 0) return ib.next().done === true;
    }
    if (y.length === 0) {
      const r = ib.next();
      if (r.done) return false;
      y = r.value;
    }
    if (x.length === 0) return false;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
    x = x.subarray(n);
    y = y.subarray(n);
  }
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
    let t0 = performance.now();
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

    ctx.log('snapshot: restoring into a fresh engine');
    const before = memorySnapshot();
    const clock = new ManualClock(loaded.clock.now());
    const rng = new SeededRng(ctx.seed);
    const fresh = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng), segmenter: new JiebaSegmenter() });
    t0 = performance.now();
    restoreEngineSnapshot(fresh, fileChunks(path));
    const restoreMs = performance.now() - t0;
    const after = memorySnapshot();

    ctx.log('snapshot: checking the restored engine writes the same bytes');
    t0 = performance.now();
    const identical = sameBytes(fileChunks(path), writeEngineSnapshot(fresh, { lastSeq: loaded.counts.events }));
    const compareMs = performance.now() - t0;
    rmSync(path, { force: true });

    const restoredHeap = after.heapUsed + after.external - (before.heapUsed + before.external);
    return {
      tables: [
        {
          title: 'engine snapshot vs replay (in-process, no storage: replay here is the generator feeding the engine, not a database read)',
          columns: ['scale', 'notes', 'users', 'events', 'replay', 'snapshot write (to file)', 'size', 'frames', 'restore (from file)', 'restored heap+external', 'same bytes again'],
          rows: [[ctx.scale.name, f.num(loaded.counts.notes), f.num(loaded.counts.users), f.num(loaded.counts.events), f.seconds(replayMs), f.seconds(writeMs), f.bytes(bytes), f.num(frames), f.seconds(restoreMs), f.bytes(restoredHeap), identical ? 'yes' : 'NO']],
        },
      ],
      metrics: {
        replay_ms: replayMs,
        snapshot_write_ms: writeMs,
        snapshot_bytes: bytes,
        snapshot_restore_ms: restoreMs,
        snapshot_compare_ms: compareMs,
        restored_heap_external_bytes: restoredHeap,
        snapshot_round_trip_identical: identical ? 1 : 0,
      },
      targets: [target('restore vs replay', 'faster', `${f.seconds(restoreMs)} vs ${f.seconds(replayMs)}`, restoreMs < replayMs)],
      notes: [
        'the restored heap figure is a difference of readings after a collection, with the loaded engine still alive',
        'a server start from a snapshot also replays the events stored after it; see bench/README.md',
      ],
    };
  },
};
