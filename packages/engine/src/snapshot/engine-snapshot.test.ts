import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activesReport } from '../analytics/actives.ts';
import { audienceReport } from '../analytics/audience.ts';
import { retentionReport } from '../analytics/retention.ts';
import { contentReport } from '../analytics/content.ts';
import { funnelReport } from '../analytics/funnel.ts';
import { Engine } from '../engine.ts';
import { isEngineError } from '../errors.ts';
import { TimeRandomIds } from '../runtime/ids.ts';
import { SeededRng } from '../runtime/rng.ts';
import { ENGINE_STATE_LAYOUT, layoutDigest, readSnapshotHeader, restoreEngineSnapshot, stateLayout, writeEngineSnapshot } from './engine-snapshot.ts';
import { generateHistory, newWorld, sameDeps, type Step, type World } from './testing/generated-history.ts';

const SEED = 11;
const SIZE = { users: 120, notes: 400, events: 6000 };
const STEPS: Step[] = generateHistory(SEED, SIZE);

function replay(w: World, steps: readonly Step[]): World {
  for (const s of steps) s(w);
  return w;
}

function bytesOf(engine: Engine, meta?: Record<string, unknown>): Uint8Array[] {
  return [...writeEngineSnapshot(engine, meta)];
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Engine A replays the whole history; B replays half, is snapshotted, restored into a fresh engine and replays the rest. */
function pair(): { a: World; b: World } {
  const half = Math.floor(STEPS.length / 2);
  const a = replay(newWorld(SEED), STEPS);
  const first = replay(newWorld(SEED), STEPS.slice(0, half));
  const chunks = bytesOf(first.engine, { lastSeq: half });
  const b = sameDeps(first);
  const header = restoreEngineSnapshot(b.engine, chunks);
  assert.deepEqual(header.meta, { lastSeq: half });
  return { a, b: replay(b, STEPS.slice(half)) };
}

const { a, b } = pair();

/** Runs `read` on both engines from the same clock, rng and id state, so any difference is the state's. */
function both<T>(read: (e: Engine, w: World) => T): [T, T] {
  const run = (w: World): T => {
    w.clock.set(a.clock.now());
    Object.assign(w.rng, new SeededRng(99));
    Object.assign(w.ids, new TimeRandomIds(w.clock, new SeededRng(100)));
    return read(w.engine, w);
  };
  return [run(a), run(b)];
}

function same<T>(what: string, read: (e: Engine, w: World) => T): T {
  const [x, y] = both(read);
  assert.deepEqual(y, x, what);
  return x;
}

test('a restored engine that replays the rest of the log serves the same feeds as one that replayed it all', () => {
  const users = ['u0', 'u1', 'u7', 'u30', 'u99', 'u118'];
  for (const surface of ['discover', 'video']) {
    for (const u of users) {
      const pages = same(`${surface} pages of ${u}`, (e) => {
        const out = [];
        for (let p = 0; p < 3; p++) out.push(e.feed({ userId: u, surface, limit: 12, sessionId: `s-${u}-${surface}` }));
        return out;
      });
      assert.ok(pages[0]!.items.length > 0, `${surface} serves ${u} something`);
    }
  }
});

test('a restored engine answers searches and suggestions as one that replayed the whole log', () => {
  for (const q of ['hiking', 'matcha guide', '露营', '保姆级攻略 新手', 'coding tips', 'lantern (updated)']) {
    const r = same(`search ${q}`, (e) => e.runSearch({ q, limit: 20, userId: 'u3', personalize: 0.5 }));
    assert.ok(r.hits.length > 0, `'${q}' finds notes`);
    same(`suggest ${q}`, (e) => e.suggest(q.slice(0, 3), 10));
  }
  same('suggest h', (e) => e.suggest('h', 10));
});

test('a restored engine keeps note stats, pools, trends and profiles as one that replayed the whole log', () => {
  same('note stats', (e) => Array.from({ length: 400 }, (_, i) => e.noteStats(`n${i}`)));
  for (const m of ['*', 'US', 'CN', 'JP']) same(`trends in ${m}`, (e) => e.trending(m, 30));
  same('profiles', (e, w) =>
    Array.from({ length: 120 }, (_, i) => {
      const p = e.recommender.state.profile(`u${i}`);
      return p ? { top: p.topTopics(w.clock.now(), 20), queries: p.activeQueries(w.clock.now()) } : null;
    }),
  );
  same('users and follows', (e) => Array.from({ length: 120 }, (_, i) => [e.hasUser(`u${i}`), [...e.recommender.state.follows.following(`u${i}`)], e.recommender.state.follows.followerCount(`u${i}`)]));
});

test('a restored engine reports the same analytics as one that replayed the whole log', () => {
  const today = a.engine.analytics.calendar.dayOf(a.clock.now());
  const from = today - 30;
  for (const by of ['all', 'market', 'source', 'segment', 'variant'] as const) {
    same(`dau by ${by}`, (e) => activesReport(e.analytics, { from, to: today, by, metric: 'dau' }));
    same(`audience by ${by}`, (e) => audienceReport(e.analytics, { by }));
    same(`retention by ${by}`, (e) => retentionReport(e.analytics, { from, to: today, period: 'day', by, horizon: 7 }));
    same(`content by ${by}`, (e) => contentReport(e.analytics, { from, to: today, by, topTags: 5 }));
    same(`funnel by ${by}`, (e) => funnelReport(e.analytics, { from, to: today, by }));
  }
});

test('snapshot, restore, snapshot again gives the same bytes', () => {
  const first = concat(bytesOf(a.engine, { lastSeq: 1 }));
  const again = sameDeps(a);
  restoreEngineSnapshot(again.engine, [first]);
  assert.deepEqual(concat(bytesOf(again.engine, { lastSeq: 1 })), first);
});

test('a snapshot restores from chunks cut anywhere', () => {
  const whole = concat(bytesOf(a.engine));
  const cuts: Uint8Array[] = [];
  for (let at = 0; at < whole.length; at += 7_777) cuts.push(whole.slice(at, at + 7_777));
  const w = sameDeps(a);
  restoreEngineSnapshot(w.engine, cuts);
  assert.deepEqual(concat(bytesOf(w.engine)), whole);
});

function refused(chunks: Iterable<Uint8Array>, pattern: RegExp): void {
  const w = sameDeps(a);
  assert.throws(
    () => restoreEngineSnapshot(w.engine, chunks),
    (e: unknown) => isEngineError(e) && e.code === 'snapshot_invalid' && pattern.test(e.message),
  );
}

test('a damaged, truncated or foreign snapshot is refused with a clear error', () => {
  const whole = concat(bytesOf(a.engine));
  refused([whole.slice(0, whole.length - 10)], /truncated/);
  refused([whole.slice(0, Math.floor(whole.length / 2))], /truncated/);
  const flipped = whole.slice();
  const mid = Math.floor(whole.length / 2);
  flipped[mid] = (flipped[mid] as number) ^ 0x10;
  refused([flipped], /damaged: checksum mismatch/);
  refused([new Uint8Array(0)], /not an engine snapshot/);
  refused([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], /damaged|truncated|not an engine snapshot/);
  refused([whole, new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0])], /no end marker/);
});

test('a snapshot is refused by an engine configured differently', () => {
  const chunks = bytesOf(a.engine);
  const other = newWorld(SEED, { timeZone: 'Asia/Shanghai' });
  assert.throws(() => restoreEngineSnapshot(other.engine, chunks), /does not match this engine \(timeZone: snapshot "UTC", engine "Asia\/Shanghai"\)/);
  const tuned = newWorld(SEED, { recommend: { maxLimit: 33 } });
  assert.throws(() => restoreEngineSnapshot(tuned.engine, chunks), /does not match this engine \(recommend: /);
  assert.throws(() => restoreEngineSnapshot(a.engine, chunks), /freshly built engine/);
  assert.deepEqual(readSnapshotHeader(chunks).fingerprint.timeZone, 'UTC');
});

test('the snapshot carries every field of the state layout it is stamped with', () => {
  // A class that gains, loses or renames a field changes the layout: snapshots of the old layout must then be refused.
  const layout = stateLayout(a.engine);
  assert.equal(layoutDigest(layout), ENGINE_STATE_LAYOUT, `the engine's state layout changed; set ENGINE_STATE_LAYOUT to '${layoutDigest(layout)}' in engine-snapshot.ts. Layout:\n${layout.join('\n')}`);
});

test('what the engine is handed (clock, rng, ids, segmenter, romanizer) and attached models stay those of the engine restored into', () => {
  const romanizer = (name: string) => ({ name, syllables: (text: string) => [...text].map(() => 'a') });
  const clock = a.clock;
  const built = new Engine({ clock, rng: new SeededRng(1), ids: new TimeRandomIds(clock, new SeededRng(2)), romanizer: romanizer('r') }, {});
  for (const s of STEPS.slice(0, 500)) s({ ...a, engine: built });
  built.recommender.attachModel('collaborative', { recommend: () => [] });
  const deps = { clock, rng: new SeededRng(1), ids: new TimeRandomIds(clock, new SeededRng(2)), romanizer: romanizer('r') };
  const restored = new Engine(deps, {});
  restoreEngineSnapshot(restored, writeEngineSnapshot(built));
  assert.equal(restored.deps, deps);
  assert.equal((restored.search as unknown as { romanizer: unknown }).romanizer, deps.romanizer);
  assert.equal(restored.recommender.attachedModel('collaborative'), undefined);
  assert.equal(restored.catalog.size, built.catalog.size);
});
