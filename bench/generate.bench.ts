/**
 * Demo community generation speed: notes/s (plan + text), events/s (sessions + time-ordered merge), and
 * heap growth while streaming, which should stay flat because records are produced on demand. No assertions.
 *
 *   node --import tsx --conditions=notewave-source bench/generate.bench.ts [--users=10000] [--notes=100000] [--events-per-user=100] [--days=30]
 */
import { generateCommunity } from '@notewave/demo';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const USERS = Number(args.get('users') ?? 10_000);
const NOTES = Number(args.get('notes') ?? 100_000);
const EVENTS_PER_USER = Number(args.get('events-per-user') ?? 100);
const DAYS = Number(args.get('days') ?? 30);

/** Typed arrays live outside the JS heap, so count array buffers too. */
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;

const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** Wall time and this process's CPU time: on a busy machine the CPU figure is the steadier one. */
function timed<T>(fn: () => T): { value: T; ms: number; cpu: number } {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = fn();
  return { value, ms: performance.now() - t0, cpu: cpuMs() - c0 };
}

/** Drains a stream, counting records and bytes of JSON (a proxy for what a seeder writes) and peak heap. */
function drain(it: Iterable<unknown>, sampleEvery = 97): { count: number; jsonBytes: number; peakHeap: number } {
  let count = 0;
  let jsonBytes = 0;
  let peakHeap = 0;
  for (const x of it) {
    if (count % sampleEvery === 0) jsonBytes += JSON.stringify(x).length * sampleEvery;
    if ((count & 65535) === 0) peakHeap = Math.max(peakHeap, memory());
    count++;
  }
  return { count, jsonBytes, peakHeap };
}

const heap0 = memory();
const plan = timed(() => generateCommunity({ seed: 1, users: USERS, notes: NOTES, days: DAYS, eventsPerUser: EVENTS_PER_USER }));
const c = plan.value;
const heapPlan = memory();
const users = timed(() => drain(c.users()));
const notes = timed(() => drain(c.notes()));
const follows = timed(() => drain(c.follows()));
const events = timed(() => drain(c.events()));

console.log(`demo community: ${USERS.toLocaleString('en-US')} users, ${NOTES.toLocaleString('en-US')} notes, ${DAYS} days, ${EVENTS_PER_USER} events/user target`);
console.table([
  { stage: 'plan', records: '', ms: Math.round(plan.ms), rate: '', 'cpu rate': '', 'json size': '', 'peak memory': mb(heapPlan - heap0) + ' (plan arrays)' },
  ...([
    ['users', users],
    ['notes', notes],
    ['follows', follows],
    ['events', events],
  ] as const).map(([stage, r]) => ({
    stage,
    records: r.value.count.toLocaleString('en-US'),
    ms: Math.round(r.ms),
    rate: rate(r.value.count, r.ms),
    'cpu rate': rate(r.value.count, r.cpu),
    'json size': mb(r.value.jsonBytes),
    'peak memory': mb(r.value.peakHeap),
  })),
]);
console.log(`notes incl. planning: ${rate(NOTES, plan.ms + notes.ms)} wall, ${rate(NOTES, plan.cpu + notes.cpu)} cpu; events: ${rate(events.value.count, events.ms)} wall, ${rate(events.value.count, events.cpu)} cpu`);
