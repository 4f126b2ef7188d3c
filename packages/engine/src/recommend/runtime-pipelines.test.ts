import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../errors.ts';
import { buildCommunity } from './testing/community-fixture.ts';

test('a strategy with an override becomes a pipeline served by name beside the configured ones, and can be removed', () => {
  const c = buildCommunity();
  const r = c.engine.recommender;
  const cfg = r.derivePipeline('funnel', { kinds: ['video'], scorer: { name: 'funnel', weights: { affinity: 0.1 } } });
  // Objects merge (the other weights stay), arrays and scalars replace.
  assert.deepEqual(cfg.kinds, ['video']);
  assert.equal((cfg.scorer.weights as Record<string, number>).affinity, 0.1);
  assert.equal((cfg.scorer.weights as Record<string, number>).search, 0.3);
  assert.deepEqual(cfg.sources, r.config.pipelines.funnel!.sources);
  r.addPipeline('funnel~exp/videos', cfg);
  assert.deepEqual(r.strategies(), ['funnel', 'viral']);
  const page = c.engine.feed({ userId: 'someone', surface: 'discover', strategy: 'funnel~exp/videos', limit: 10 });
  assert.equal(page.strategy, 'funnel~exp/videos');
  assert.ok(page.items.length > 0 && page.items.every((i) => c.engine.catalog.get(i.noteId)?.kind === 'video'));
  r.removePipeline('funnel~exp/videos');
  assert.throws(() => c.engine.feed({ userId: 'someone', surface: 'discover', strategy: 'funnel~exp/videos' }), /unknown strategy/);
  // Configured strategies are neither replaced nor removed.
  assert.throws(() => r.addPipeline('funnel', cfg), (e: unknown) => e instanceof EngineError && e.code === 'conflict');
  r.removePipeline('funnel');
  assert.equal(c.engine.feed({ userId: 'someone', surface: 'discover', limit: 3 }).strategy, 'funnel');
});

test('an override naming an unknown component or strategy fails when derived', () => {
  const r = buildCommunity().engine.recommender;
  assert.throws(() => r.derivePipeline('funnel', { rerankers: [{ name: 'nope' }] }), /unknown reranker 'nope'/);
  assert.throws(() => r.derivePipeline('funnel', { sources: [{ name: 'popular', quota: -1 }] }), /quota/);
  assert.throws(() => r.derivePipeline('nope', {}), /unknown strategy 'nope'/);
});
