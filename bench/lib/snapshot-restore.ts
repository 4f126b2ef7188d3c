/**
 * Child-process entry: restores an engine snapshot file into a fresh engine, as a starting server would (nothing else
 * in the heap), writes the restored engine again and compares it with the file; prints one `RESULT {json}` line.
 *   node --import tsx --conditions=notewave-source bench/lib/snapshot-restore.ts <file> <clock ms> <seed>
 * With BENCH_RESTORE_CPU_PROFILE=<file.cpuprofile> the restore alone is CPU-profiled into that file.
 */
import { Engine, ManualClock, SeededRng, TimeRandomIds, readSnapshotHeader, restoreEngineSnapshot, writeEngineSnapshot } from '@notewave/engine';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import { fileChunks } from '@notewave/server/engine/snapshot-file.ts';
import { memorySnapshot } from './memory.ts';

const READ_BYTES = 4 << 20;

/** Whether two chunk sequences hold the same bytes, compared as streams. */
function sameBytes(a: Iterable<Uint8Array>, b: Iterable<Uint8Array>): boolean {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  let x: Uint8Array = new Uint8Array(0);
  let y: Uint8Array = new Uint8Array(0);
  for (;;) {
    if (x.length === 0) {
      const r = ia.next();
      if (r.done) return y.length === 0 && ib.next().done === true;
      x = r.value;
    }
    if (y.length === 0) {
      const r = ib.next();
      if (r.done) return false;
      y = r.value;
    }
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
    x = x.subarray(n);
    y = y.subarray(n);
  }
}

const [path, now, seed] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4])];
const before = memorySnapshot();
const clock = new ManualClock(now);
const rng = new SeededRng(seed);
const engine = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng), segmenter: new JiebaSegmenter() });
const profileFile = process.env.BENCH_RESTORE_CPU_PROFILE;
const profiler = profileFile ? new Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
let t0 = performance.now();
const cpu0 = process.cpuUsage();
restoreEngineSnapshot(engine, fileChunks(path, READ_BYTES));
const restoreMs = performance.now() - t0;
// The process's CPU (main thread and the collector's helpers): on a loaded machine a steadier figure than wall time.
const cpu = process.cpuUsage(cpu0);
const restoreCpuMs = (cpu.user + cpu.system) / 1000;
if (profiler) writeFileSync(profileFile!, JSON.stringify((await profiler.post('Profiler.stop')).profile));
const after = memorySnapshot();
t0 = performance.now();
const identical = sameBytes(fileChunks(path, READ_BYTES), writeEngineSnapshot(engine, readSnapshotHeader(fileChunks(path, READ_BYTES)).meta));
const rewriteMs = performance.now() - t0;
process.stdout.write(`RESULT ${JSON.stringify({ restoreMs, restoreCpuMs, rewriteMs, identical, heap: after.heapUsed + after.external - before.heapUsed - before.external, rss: after.rss })}\n`);
