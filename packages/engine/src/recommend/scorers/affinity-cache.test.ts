import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity } from '../testing/community-fixture.ts';
import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { UserProfile } from '../state/user-profile.ts';
import type { TopicKeyTable } from '../state/topic-keys.ts';
import { AffinityModelCache } from './affinity.ts';

function profiles(): { profiles: UserProfile[]; now: number; notes: NoteMeta[]; topics: TopicKeyTable } {
  const c = buildCommunity();
  const notes: NoteMeta[] = [];
  for (let ix = 0; ix < c.engine.catalog.size && notes.length < 40; ix++) {
    const m = c.engine.catalog.at(ix);
    if (m && !m.deleted) notes.push(m);
  }
  const state = c.engine.recommender.state;
  const ps: UserProfile[] = [];
  for (const m of notes.slice(0, 3)) {
    const userId = `reader-${ps.length}`;
    c.engine.addUser({ id: userId, market: 'CN', createdAt: c.clock.now() });
    c.engine.applyEvent(c.ev(userId, { type: 'save', noteId: m.id }));
    ps.push(state.profile(userId)!);
  }
  return { profiles: ps, now: c.clock.now(), notes, topics: state.topics };
}

test('the affinity cache reuses a model while the profile is unchanged and keeps only the most recently used profiles', () => {
  const { profiles: [a, b, c], now, topics } = profiles();
  const cache = new AffinityModelCache(2, topics);
  const ma = cache.model(a!, now);
  assert.equal(cache.model(a!, now + 1), ma, 'same profile, same minute: the same model');
  const mb = cache.model(b!, now);
  assert.equal(cache.size, 2);
  cache.model(a!, now); // a is now the most recent; b the least
  cache.model(c!, now);
  assert.equal(cache.size, 2, 'bounded by capacity');
  assert.equal(cache.model(a!, now), ma, 'recently used profile kept');
  assert.notEqual(cache.model(b!, now), mb, 'least recently used profile was evicted and rebuilt');
});

test('an evicted and rebuilt model scores notes as the cached one did', () => {
  const { profiles: [a, b], now, notes, topics } = profiles();
  const cache = new AffinityModelCache(1, topics);
  const before = cache.model(a!, now);
  cache.model(b!, now);
  const after = cache.model(a!, now);
  assert.notEqual(after, before);
  assert.deepEqual(notes.map((m) => after.score(m)), notes.map((m) => before.score(m)));
  assert.ok(notes.some((m) => before.score(m) !== 0));
});

test('the affinity cache counts a reused model as a hit and a built one as a miss', () => {
  const { profiles: [a, b], now, topics } = profiles();
  const cache = new AffinityModelCache(1, topics);
  cache.model(a!, now);
  cache.model(a!, now + 1);
  assert.deepEqual({ ...cache.counter }, { hits: 1, misses: 1 });
  cache.model(a!, now + 120_000);
  assert.deepEqual({ ...cache.counter }, { hits: 1, misses: 2 }, 'a model from another minute is rebuilt');
  cache.model(b!, now);
  cache.model(a!, now);
  assert.deepEqual({ ...cache.counter }, { hits: 1, misses: 4 }, 'an evicted profile misses');
});

test('the recommender reports the hits and misses of the caches on the feed path', () => {
  const c = buildCommunity();
  const user = 'reader-feed';
  c.engine.addUser({ id: user, market: 'CN', createdAt: c.clock.now() });
  c.engine.applyEvent(c.ev(user, { type: 'save', noteId: c.engine.catalog.at(0)!.id }));
  const before = c.engine.recommender.cacheCounts();
  c.engine.feed({ userId: user, surface: 'discover', limit: 10 });
  c.engine.feed({ userId: user, surface: 'discover', limit: 10 });
  const after = c.engine.recommender.cacheCounts();
  assert.deepEqual(Object.keys(after).sort(), ['affinity', 'search-intent', 'trend-snapshot']);
  assert.ok(after.affinity.misses > before.affinity.misses, 'the first page builds a model');
  assert.ok(after.affinity.hits > before.affinity.hits, 'the second page in the same minute reuses it');
  assert.ok(after['trend-snapshot'].hits + after['trend-snapshot'].misses > 0, 'the trend snapshot was read');
});
