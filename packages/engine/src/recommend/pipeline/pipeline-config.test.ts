import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../engine.ts';
import { EngineError } from '../../errors.ts';
import { ManualClock } from '../../runtime/clock.ts';
import { TimeRandomIds } from '../../runtime/ids.ts';
import { SeededRng } from '../../runtime/rng.ts';
import { DEFAULT_RECOMMEND_CONFIG, type RecommendConfigOverrides } from '../recommend-config.ts';
import { buildCommunity } from '../testing/community-fixture.ts';
import { defaultComponents } from './default-components.ts';
import type { ComponentRegistry } from './components.ts';

function engine(recommend?: RecommendConfigOverrides, components?: ComponentRegistry): Engine {
  const clock = new ManualClock();
  const rng = new SeededRng(1);
  return new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng) }, { recommend, components });
}

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof EngineError ? e.code : 'other';
  }
  return 'none';
};

test('an unknown component or pipeline name fails at construction with unknown_pipeline', () => {
  const funnel = DEFAULT_RECOMMEND_CONFIG.pipelines.funnel!;
  assert.equal(code(() => engine({ pipelines: { funnel: { ...funnel, sources: [{ name: 'no-such-source', quota: 5 }] } } })), 'unknown_pipeline');
  assert.equal(code(() => engine({ pipelines: { funnel: { ...funnel, scorer: { name: 'nope' } } } })), 'unknown_pipeline');
  assert.equal(code(() => engine({ pipelines: { funnel: { ...funnel, rerankers: [{ name: 'nope' }] } } })), 'unknown_pipeline');
  assert.equal(code(() => engine({ surfaces: { discover: 'missing' } })), 'unknown_pipeline');
  assert.equal(code(() => engine().feed({ userId: 'u', surface: 'discover', strategy: 'missing' })), 'unknown_pipeline');
});

test('invalid parameters fail at construction with config_invalid', () => {
  const funnel = DEFAULT_RECOMMEND_CONFIG.pipelines.funnel!;
  assert.equal(code(() => engine({ pipelines: { funnel: { ...funnel, sources: [{ name: 'fresh', quota: -1 }] } } })), 'config_invalid');
  assert.equal(code(() => engine({ pipelines: { funnel: { ...funnel, rerankers: [{ name: 'author-diversity', decay: 'fast' }] } } })), 'config_invalid');
});

test('a new strategy is a config entry plus, if needed, a factory passed in the registry', () => {
  const base = defaultComponents();
  const registry: ComponentRegistry = {
    ...base,
    sources: {
      ...base.sources,
      'editor-picks': () => ({ name: 'editor-picks', fetch: (ctx, quota) => [0, 1, 2].slice(0, quota).filter((ix) => ctx.admissible(ix)).map((ix) => ({ ix, retrieval: 1, reasons: [{ code: 'editor', text: 'editor pick' }] })) }),
    },
  };
  const e = engine({ pipelines: { picks: { sources: [{ name: 'editor-picks', quota: 3 }], scorer: { name: 'funnel' }, rerankers: [{ name: 'business-rules' }] } } }, registry);
  const c = buildCommunity();
  for (const n of c.notes.values()) e.upsertNote(n);
  const page = e.feed({ userId: 'u', surface: 'discover', strategy: 'picks' });
  assert.deepEqual(page.items.map((i) => i.sources), [['editor-picks'], ['editor-picks'], ['editor-picks']]);
  assert.equal(page.items[0]!.reasons[0]!.text, 'editor pick');
});

test('an attached model becomes a candidate source', () => {
  const c = buildCommunity();
  const target = c.engine.catalog.get(c.groups.other[5] as string)!;
  c.engine.recommender.attachModel('collaborative', { recommend: (_u, _recent, k) => [{ ix: target.ix, score: 3 }].slice(0, k) });
  const page = c.engine.feed({ userId: 'm', surface: 'discover', limit: 50 });
  const hit = page.items.find((i) => i.noteId === target.id);
  assert.ok(hit && hit.sources.includes('collaborative') && hit.reasons.some((r) => r.code === 'collaborative'));
});
