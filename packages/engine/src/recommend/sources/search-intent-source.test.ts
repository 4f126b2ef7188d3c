import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity } from '../testing/community-fixture.ts';
import type { ComponentDeps } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { searchIntentSource } from './search-intent-source.ts';
import { SearchIntentResults } from '../search-intent-results.ts';

test('search without highlights ranks the same notes with the same scores and builds no snippets', () => {
  const c = buildCommunity();
  const search = c.engine.search;
  const q = c.engine.catalog.at(0)!.title.split(/\s+/)[0] as string;
  const full = search.search({ q, limit: 50 });
  const bare = search.search({ q, limit: 50, highlights: false });
  assert.ok(full.hits.length > 0);
  assert.ok(full.hits.some((h) => h.highlights.title.length > 0));
  assert.deepEqual(bare.hits.map((h) => [h.noteId, h.score, h.relevance]), full.hits.map((h) => [h.noteId, h.score, h.relevance]));
  assert.ok(bare.hits.every((h) => h.highlights.title === '' && h.highlights.body === ''));
  assert.equal(bare.total, full.total);
});

test('the search-intent source asks the index for rankings only', () => {
  const c = buildCommunity();
  const seen: { q: string; limit?: number; highlights?: boolean }[] = [];
  const note = c.engine.catalog.at(0)!;
  const deps = {
    state: c.engine.recommender.state,
    catalog: c.engine.catalog,
    models: new Map(),
    rng: { next: () => 0.5, int: () => 0 },
    search: {
      search(req: { q: string; limit?: number; highlights?: boolean }) {
        seen.push(req);
        return { hits: [{ noteId: note.id, score: 2 }] };
      },
    },
  } as unknown as ComponentDeps;
  const src = searchIntentSource({}, deps);
  const ctx = {
    now: 1_000,
    profile: { activeQueries: () => [{ text: 'latte art', w: 1 }], topTopics: () => [] },
    admissible: (ix: number) => c.engine.catalog.at(ix),
  } as unknown as FeedContext;
  const out = src.fetch(ctx, 10);
  assert.deepEqual(out.map((x) => x.ix), [note.ix]);
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.q, 'latte art');
  assert.equal(seen[0]!.highlights, false);
});

test("the page after a signed-in user's search reuses that search's ranking instead of running the query again", () => {
  const c = buildCommunity();
  const e = c.engine;
  e.addUser({ id: 'reuser', market: 'US', createdAt: c.clock.now() });
  const q = 'DeepSeek';
  const res = e.runSearch({ q, userId: 'reuser', limit: 20 });
  e.applyEvent(c.ev('reuser', { type: 'search', query: res.query, resultIds: res.hits.map((h) => h.noteId) }));
  const before = e.recommender.cacheCounts()['search-intent'];
  const page = e.feed({ userId: 'reuser', surface: 'discover', limit: 20 });
  const after = e.recommender.cacheCounts()['search-intent'];
  assert.equal(after.misses, before.misses, 'no search ran for the feed');
  assert.ok(after.hits > before.hits);
  assert.ok(page.items.some((i) => i.reasons.some((r) => r.code === 'search')));

  // The reused ranking is what a search without a user ranks: same notes, order and relative scores.
  const fresh = buildCommunity();
  const plain = fresh.engine.runSearch({ q, limit: 100, highlights: false });
  const recorded = new SearchIntentResults();
  const { engine: e2 } = buildCommunity();
  e2.search.setRankingListener((r) => recorded.record(r, 0));
  e2.runSearch({ q, userId: 'someone', limit: 20 });
  const kept = recorded.get(q)!;
  assert.ok(kept.hits.length > 0);
  const top = plain.hits[0]!.score;
  const expected = plain.hits.slice(0, kept.hits.length).map((h) => ({ ix: fresh.engine.catalog.get(h.noteId)!.ix, score: h.score / top }));
  assert.deepEqual(kept.hits.map((h) => h.ix), expected.map((h) => h.ix));
  for (const [i, h] of kept.hits.entries()) assert.ok(Math.abs(h.score - expected[i]!.score) < 1e-12);
});

test('anonymous, filtered and later-page searches leave no ranking behind', () => {
  const { engine } = buildCommunity();
  const seen: string[][] = [];
  engine.search.setRankingListener((r) => seen.push([...r.queries]));
  engine.runSearch({ q: 'DeepSeek', limit: 20 });
  engine.runSearch({ q: 'DeepSeek', userId: 'u1', limit: 20, filters: { kind: 'video' } });
  engine.runSearch({ q: 'DeepSeek', userId: 'u1', limit: 20, offset: 20 });
  assert.deepEqual(seen, []);
  engine.runSearch({ q: '  DeepSeek ', userId: 'u1', limit: 20, filters: { kind: undefined } });
  assert.equal(seen.length, 1);
});

test('rankings are kept under each spelling of the query, lower-cased, newest last, and a ranking cut short answers no longer request', () => {
  const r = new SearchIntentResults(2);
  r.record({ queries: ['Coffee ', 'coffee'], docs: [5, 3, 9], scores: [2, 1, 0.5], length: 3, complete: false }, 10);
  assert.deepEqual(r.get('COFFEE'), { at: 10, k: 3, hits: [{ ix: 5, score: 1 }, { ix: 3, score: 0.5 }, { ix: 9, score: 0.25 }] });
  r.record({ queries: ['tea'], docs: [1], scores: [4], length: 1, complete: true }, 11);
  assert.equal(r.get('tea')!.k, Infinity);
  r.record({ queries: ['juice'], docs: [2], scores: [1], length: 1, complete: true }, 12);
  assert.equal(r.get('coffee'), undefined, 'the oldest query went past the limit');
  const long = Array.from({ length: 150 }, (_, i) => i);
  r.record({ queries: ['long'], docs: long, scores: long.map((i) => 150 - i), length: 150, complete: true }, 13);
  assert.equal(r.get('long')!.hits.length, 100);
  assert.equal(r.get('long')!.k, 100);
});

test('the ranking listener is given no more hits than the depth it asked for, and a cut ranking is not complete', () => {
  const { engine } = buildCommunity();
  const total = engine.runSearch({ q: 'DeepSeek', limit: 100 }).total;
  assert.ok(total > 3, 'the fixture has more than three DeepSeek notes');
  const seen: { length: number; docs: number; complete: boolean }[] = [];
  engine.search.setRankingListener((r) => seen.push({ length: r.length, docs: r.docs.length, complete: r.complete }), 3);
  engine.runSearch({ q: 'DeepSeek', userId: 'someone', limit: 20 });
  assert.deepEqual(seen, [{ length: 3, docs: 3, complete: false }]);
  engine.search.setRankingListener((r) => seen.push({ length: r.length, docs: r.docs.length, complete: r.complete }), 1000);
  engine.runSearch({ q: 'DeepSeek', userId: 'someone', limit: 20 });
  assert.equal(seen[1]!.length, Math.min(total, 1000));
});
