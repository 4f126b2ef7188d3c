/**
 * What attaching a model's ids costs a serving thread at full scale: the longest gap between ticks of a 1 ms timer
 * while `slicedIdIndexMap` indexes 1M note ids and 100k user ids (as the model thread hands them over, packed in two
 * newline-joined strings), and the collections over 20 ms meanwhile. Not a workload: the `model-refresh` workload
 * measures a whole refresh on a quick-scale server, where the model holds far fewer ids.
 *   node --expose-gc --max-semi-space-size=64 --import tsx --conditions=notewave-source bench/model-attach.bench.ts [notes] [users]
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { SeededRng, TimeRandomIds } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadEngine } from '@notewave/server/engine/load-engine.ts';
import { slicedIdIndexMap } from '@notewave/server/models-refresh/model-thread.ts';

const notes = Number(process.argv[2] ?? 1_000_000);
const users = Number(process.argv[3] ?? 100_000);
const clock = { now: () => Date.now() };
const storage = await openStorage('sqlite::memory:', { migrate: true });
const rng = new SeededRng(1);
const engine = (await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) })).engine;
// Ids shaped like the server's (26-character time-sortable ids).
const noteIds = Array.from({ length: notes }, (_, i) => `01J${(i * 7919 + 12345).toString(36).padStart(22, '0')}N`).join('\n');
const userIds = Array.from({ length: users }, (_, i) => `01J${(i * 104729 + 999).toString(36).padStart(22, '0')}U`).join('\n');
globalThis.gc?.();

const gcs: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > 20) gcs.push(Math.round(e.duration));
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
const map = await slicedIdIndexMap(engine, { noteIds, userIds, notes, users });
const attachMs = performance.now() - t0;
await new Promise((r) => setTimeout(r, 20));
clearInterval(timer);
observer.disconnect();
const probe = `01J${(5 * 104729 + 999).toString(36).padStart(22, '0')}U`;
if (map.userOf?.(probe) !== 5) throw new Error('the attached ids do not map back');
process.stdout.write(`${JSON.stringify({ notes, users, attachMs: Math.round(attachMs), longestGapMs: Number(longest.toFixed(1)), collectionsOver20Ms: gcs, load: (await import('node:os')).loadavg().map((x) => Number(x.toFixed(1))) })}\n`);
await storage.close();
