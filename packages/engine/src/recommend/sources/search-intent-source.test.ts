import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity } from '../testing/community-fixture.ts';
import type { ComponentDeps } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { searchIntentSource } from './search-intent-source.ts';

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
