import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent } from './domain/event.ts';
import type { Note } from './domain/note.ts';
import { Engine } from './engine.ts';
import { ManualClock } from './runtime/clock.ts';
import { TimeRandomIds } from './runtime/ids.ts';
import { SeededRng } from './runtime/rng.ts';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 20);

function note(id: string, title: string, tags: string[], category: string): Note {
  return { id, authorId: `a${id.length % 3}`, kind: 'image', title, body: `${title} ${tags.join(' ')}`, tags, category, language: 'en', media: { images: [{ url: `/i/${id}.png` }] }, createdAt: START - 2 * DAY, editedAt: null, deleted: false };
}

const NOTES: Note[] = [
  ...Array.from({ length: 12 }, (_, i) => note(`lamp${i}`, `Paper lantern workshop ${i}`, ['lantern', 'crafts'], 'home/decor')),
  ...Array.from({ length: 12 }, (_, i) => note(`tea${i}`, `Matcha at home ${i}`, ['matcha', 'tea'], 'food/drinks')),
  ...Array.from({ length: 12 }, (_, i) => note(`run${i}`, `Trail running diary ${i}`, ['running'], 'fitness/running')),
];
// Posted after the searches: it matches one of them, and a second query that found nothing then.
const LATE = note('late', 'Lantern festival by the lake, kite flying', ['lantern', 'kites'], 'travel/cities');

function engine(clock: ManualClock): Engine {
  return new Engine({ clock, rng: new SeededRng(3), ids: new TimeRandomIds(clock, new SeededRng(4)) });
}

test('replaying the stored log builds the profile and feed the serving engine built, though the index changed since', () => {
  const clock = new ManualClock(START);
  const live = engine(clock);
  const log: EngineEvent[] = [];
  let n = 0;
  // What the server does: complete each event for storage, store it, apply what was stored.
  const send = (body: Record<string, unknown>) => {
    const e = live.withSearchResults({ ...body, userId: 'u', clientEventId: `c${n++}`, ts: clock.now() } as EngineEvent);
    log.push(e);
    live.applyEvent(e);
  };
  live.addUser({ id: 'u', market: 'US', createdAt: START - DAY });
  for (const x of NOTES) live.upsertNote(x);
  send({ type: 'search', query: 'lantern', resultIds: [] });
  send({ type: 'search', query: 'kite', resultIds: [] });
  send({ type: 'open', noteId: 'tea1' });
  send({ type: 'view', noteId: 'tea1', portion: 1, ms: 30_000 });
  live.upsertNote(LATE);
  assert.ok(!(log[0] as { resultIds: string[] }).resultIds.includes('late'));
  assert.deepEqual((log[1] as { resultIds: string[] }).resultIds, [], 'nothing matched "kite" then');

  const replayed = engine(new ManualClock(START));
  replayed.addUser({ id: 'u', market: 'US', createdAt: START - DAY });
  for (const x of [...NOTES, LATE]) replayed.upsertNote(x);
  for (const e of log) replayed.applyEvent(e);
  assert.deepEqual(replayed.runSearch({ q: 'kite' }).hits.map((h) => h.noteId), ['late'], 'the index has changed since');

  const profile = (e: Engine) => {
    const p = e.recommender.state.profile('u')!;
    return { topics: [...p.topics], queries: p.queries, positives: p.positives };
  };
  assert.deepEqual(profile(replayed), profile(live));
  assert.equal(live.recommender.state.profile('u')!.topic('t:kites'), undefined);
  // Recommendation ids are drawn from the id generator, which the serving engine also used for its searches.
  const page = (e: Engine) => e.feed({ userId: 'u', surface: 'discover', limit: 10, sessionId: 's' }).items.map(({ recId: _, ...it }) => it);
  const served = page(live);
  assert.ok(served.length === 10);
  assert.deepEqual(page(replayed), served);
});

test('two nodes make the same traffic-pool promotions from the same events, whatever else their generators drew and in whatever order notes reached them', () => {
  const clock = new ManualClock(START);
  const videos: Note[] = Array.from({ length: 16 }, (_, i) => ({
    ...note(`clip${i}`, `Pottery wheel clip ${i}`, ['pottery'], 'home/crafts'),
    kind: 'video',
    media: { images: [], videoUrl: `/v/${i}.mp4`, durationSec: 20 },
    createdAt: START,
  }) as Note);
  const a = new Engine({ clock, rng: new SeededRng(11), ids: new TimeRandomIds(clock, new SeededRng(12)) });
  const b = new Engine({ clock, rng: new SeededRng(99), ids: new TimeRandomIds(clock, new SeededRng(98)) });
  const viewers = Array.from({ length: 330 }, (_, i) => `v${i}`);
  for (const e of [a, b]) for (const id of viewers) e.addUser({ id, market: 'US', createdAt: START - DAY });
  // Different catalog indices on each node: B receives the notes in the opposite order.
  for (const x of videos) a.upsertNote(x);
  for (const x of [...videos].reverse()) b.upsertNote(x);
  let n = 0;
  viewers.forEach((userId, u) => {
    for (const [i, x] of videos.entries()) {
      clock.advance(1_000);
      const ts = clock.now();
      // Completion rates spread around the pool's baseline, so several decisions are close calls.
      const finished = (u * 7 + i * 13) % 100 < 20 + i * 3;
      const events = [
        { type: 'impression', noteId: x.id, position: 0 },
        { type: 'view', noteId: x.id, portion: finished ? 1 : 0.1, ms: finished ? 20_000 : 2_000 },
      ].map((e) => ({ ...e, userId, clientEventId: `e${n++}`, ts }) as EngineEvent);
      for (const e of events) {
        a.applyEvent(e);
        b.applyEvent(e);
      }
    }
    // Only A serves feeds, drawing from its generator between events.
    if (u % 10 === 0) a.feed({ userId, surface: 'video', limit: 10 });
  });
  const pools = (e: Engine) => Object.fromEntries(videos.map((x) => [x.id, e.noteStats(x.id).pool]));
  const states = Object.values(pools(a)).map((p) => p.state);
  assert.ok(states.includes('retired') && states.some((s) => s === 'active' || s === 'graduated'), `some notes were promoted and some retired: ${states.join(', ')}`);
  assert.ok(Object.values(pools(a)).some((p) => p.state === 'active' && p.stage === 1), 'some notes reached the second stage');
  assert.deepEqual(pools(b), pools(a));
});

test('a node rebuilt from storage (every note loaded, then the log) keeps the traffic pools a live node kept over the days, imports and late posts included', () => {
  const HOUR = 3_600_000;
  const clock = new ManualClock(START);
  const live = new Engine({ clock, rng: new SeededRng(21), ids: new TimeRandomIds(clock, new SeededRng(22)) });
  const viewers = Array.from({ length: 40 }, (_, i) => `w${i}`);
  for (const id of viewers) live.addUser({ id, market: 'US', createdAt: START - DAY });
  const clip = (id: string, createdAt: number): Note => ({
    ...note(id, `Kite building clip ${id}`, ['kites'], 'home/crafts'),
    kind: 'video',
    media: { images: [], videoUrl: `/v/${id}.mp4`, durationSec: 15 },
    createdAt,
  }) as Note;
  const stored: Note[] = [];
  const log: EngineEvent[] = [];
  let n = 0;
  const post = (x: Note) => {
    stored.push(x);
    live.upsertNote(x);
  };
  const watch = (userId: string, x: Note, finished: boolean) => {
    for (const body of [{ type: 'impression', noteId: x.id, position: 0 }, { type: 'view', noteId: x.id, portion: finished ? 1 : 0.1, ms: finished ? 15_000 : 1_500 }]) {
      const e = { ...body, userId, clientEventId: `k${n++}`, ts: clock.now() } as EngineEvent;
      log.push(e);
      live.applyEvent(e);
    }
  };
  // Day by day for six days: two new clips a day, each watched by some viewers (a few of them all the way).
  for (let day = 0; day < 6; day++) {
    const fresh = [clip(`d${day}a`, clock.now()), clip(`d${day}b`, clock.now())];
    for (const x of fresh) post(x);
    // An import on day 3: posted long ago elsewhere, never a new post here.
    if (day === 3) post(clip('imported', START - 30 * DAY));
    viewers.forEach((userId, u) => {
      clock.advance(20 * 60_000);
      const x = fresh[u % 2]!;
      if (u < 12 + day * 4) watch(userId, x, (u * 7 + day) % 10 < 3);
    });
    clock.advance(DAY - viewers.length * 20 * 60_000 + 5 * HOUR);
  }

  const rebuilt = new Engine({ clock: new ManualClock(clock.now()), rng: new SeededRng(77), ids: new TimeRandomIds(new ManualClock(clock.now()), new SeededRng(78)) });
  for (const id of viewers) rebuilt.addUser({ id, market: 'US', createdAt: START - DAY });
  for (const x of stored) rebuilt.upsertNote(x);
  for (const e of log) rebuilt.applyEvent(e);

  const pools = (e: Engine) => Object.fromEntries(stored.map((x) => [x.id, e.noteStats(x.id).pool]));
  const live_ = pools(live);
  assert.deepEqual(live_.imported, { state: 'none' }, 'an import never enters');
  assert.equal(live_.d0a!.state, 'none', 'a first-day clip still in stage 0 six days on has left it');
  assert.equal(live_.d5a!.state, 'active', 'the last day\'s clips are in their first stage');
  assert.deepEqual(pools(rebuilt), live_);
});
