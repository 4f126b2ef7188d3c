/**
 * What receiving and attaching a full-scale model costs a serving thread. A worker thread stands in for the node's model
 * thread: it builds an ItemKNN model of about `--model-mb` megabytes over `--notes` items, copies its bytes into shared
 * memory and packs the note and user ids, as the model thread's `load` does, and posts them. The main thread holds a
 * heap of `--heap-mb` megabytes of small objects (a serving node's state is millions of them), receives the message and
 * attaches the model. Prints the longest gap between ticks of a 1 ms timer from the post until two seconds after the
 * attach (so collections the arrival causes count), and the collections over 5 ms meanwhile.
 * Not a workload: the `model-refresh` workload measures a whole refresh on a running server.
 *   node --expose-gc --max-semi-space-size=64 --max-old-space-size=8192 --import tsx --conditions=notewave-source \
 *     bench/model-attach.bench.ts [--notes 1000000] [--users 100000] [--model-mb 400] [--heap-mb 2000]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ItemKnnModel, ITEM_KNN_DEFAULTS, SeededRng, TimeRandomIds } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadEngine } from '@notewave/server/engine/load-engine.ts';
import { packIds, sharedCopy } from '@notewave/server/models-refresh/id-index.ts';
import { attachLoadedModel, type LoadedModelMessage } from '@notewave/server/models-refresh/model-thread.ts';

interface Sizes {
  notes: number;
  users: number;
  modelMb: number;
}

// Ids shaped like the server's (26-character time-sortable ids).
const noteId = (i: number) => `01J${(i * 7919 + 12345).toString(36).padStart(22, '0')}N`;
const userId = (i: number) => `01J${(i * 104729 + 999).toString(36).padStart(22, '0')}U`;

/** The model thread's side: a model and its ids as `load` hands them over. */
function modelMessage({ notes, users, modelMb }: Sizes): LoadedModelMessage {
  const perItem = Math.max(1, Math.floor((modelMb * 2 ** 20) / 8 / notes));
  const ptr = new Int32Array(notes + 1).map((_, i) => i * perItem);
  const idx = new Int32Array(notes * perItem).map((_, e) => (e * 2_654_435_761) % notes);
  const val = new Float32Array(notes * perItem).fill(0.5);
  const model = new ItemKnnModel(users, notes, ITEM_KNN_DEFAULTS, { ptr, idx, val }, { ptr: new Int32Array(users + 1), idx: new Int32Array(0), val: new Float32Array(0) });
  const meta = { kind: 'itemknn', trainedAt: 0, interactions: 0, lastSeq: 0, seed: 1 };
  return {
    version: 1, bytes: sharedCopy(model.serialize()), meta,
    noteIds: packIds(Array.from({ length: notes }, (_, i) => noteId(i))),
    userIds: packIds(Array.from({ length: users }, (_, i) => userId(i))),
  };
}

/** `--name N` options over these defaults; anything else, or a value that is not a positive number, is refused. */
function numbers<K extends string>(defaults: Record<K, number>): Record<K, number> {
  const options = Object.fromEntries(Object.keys(defaults).map((k) => [k, { type: 'string' as const }]));
  const { values } = parseArgs({ args: process.argv.slice(2), options, strict: true });
  const out = { ...defaults };
  for (const [k, raw] of Object.entries(values)) {
    const n = Number(raw);
    if (!(n > 0)) throw new RangeError(`--${k} wants a positive number, not ${String(raw)}`);
    out[k as K] = n;
  }
  return out;
}

if (!isMainThread) {
  const message = modelMessage(workerData as Sizes);
  parentPort!.postMessage('ready');
  parentPort!.once('message', () => parentPort!.postMessage(message));
} else {
  const args = numbers({ notes: 1_000_000, users: 100_000, 'model-mb': 400, 'heap-mb': 2000 });
  const sizes: Sizes = { notes: args.notes, users: args.users, modelMb: args['model-mb'] };
  const clock = { now: () => Date.now() };
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  const rng = new SeededRng(1);
  const engine = (await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) })).engine;
  // Small objects standing in for a serving node's state (about 64 bytes each).
  const state: { n: number; s: string }[] = [];
  for (let i = 0; i < (args['heap-mb'] * 2 ** 20) / 64; i++) state.push({ n: i, s: String(i) });
  // The server's entry for TypeScript workers registers the TypeScript loader, then imports this file (`module`).
  const entry = new URL('../apps/server/src/jobs/worker-entry.mjs', import.meta.url);
  const worker = new Worker(entry, { workerData: { module: import.meta.url, ...sizes } });
  worker.on('error', (err) => {
    process.stderr.write(`the model thread's stand-in failed: ${err.stack ?? String(err)}\n`);
    process.exit(1);
  });
  // The worker builds its message before the clock starts: only the hand-over is measured.
  await new Promise((resolve) => worker.once('message', resolve));
  globalThis.gc?.();
  // A forced collection leaves its sweeping to be finished by the next allocations (~200 ms at 2 GB): let it finish.
  await new Promise((r) => setTimeout(r, 3_000));

  const gcs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 5) gcs.push(Math.round(e.duration));
  });
  observer.observe({ entryTypes: ['gc'] });
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 50));
  longest = 0;
  last = performance.now();
  const t0 = performance.now();
  const received = new Promise<LoadedModelMessage>((resolve) => worker.once('message', resolve));
  worker.postMessage('go');
  const message = await received;
  const receivedMs = performance.now() - t0;
  attachLoadedModel(engine, message);
  const attachedMs = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 2_000));
  clearInterval(timer);
  observer.disconnect();
  await worker.terminate();
  if (message.noteIds.count !== sizes.notes || message.bytes.byteLength < sizes.modelMb * 2 ** 19) throw new Error('the model did not arrive whole');
  process.stdout.write(`${JSON.stringify({
    ...sizes, heapMb: args['heap-mb'], stateObjects: state.length, modelBytes: message.bytes.byteLength,
    receivedMs: Number(receivedMs.toFixed(1)), attachedMs: Number(attachedMs.toFixed(1)), longestGapMs: Number(longest.toFixed(1)),
    collectionsOver5Ms: gcs, load: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(1))),
  })}\n`);
  await storage.close();
}
