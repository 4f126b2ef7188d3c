import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PopularityModel } from '../../models/popularity.ts';
import { buildCommunity } from '../testing/community-fixture.ts';
import { catalogIndexMap, recModelCandidates } from './rec-model-candidates.ts';

test('a trained model plugs into the feed through the model source', () => {
  const c = buildCommunity();
  // A creator with one note, so author diversity does not bury it.
  const target = c.engine.catalog.get(c.post('solo', 'image', 'fashion/outfits', 'solo look', ['outfits']).id)!;
  const n = c.engine.catalog.size;
  const scores = new Float32Array(n);
  scores[target.ix] = 10;
  const model = new PopularityModel('pop', 0, scores);
  c.engine.recommender.attachModel('collaborative', recModelCandidates(model, catalogIndexMap(n)));
  const u = 'mo';
  // A user the model never saw is scored from their live history; without history the source stays quiet.
  assert.ok(!c.engine.feed({ userId: u, surface: 'discover', limit: 50 }).items.some((i) => i.sources.includes('collaborative')));
  c.engine.applyEvent(c.ev(u, { type: 'save', noteId: c.groups.guide[0] as string }));
  const saved = c.engine.catalog.get(c.groups.guide[0] as string)!;
  const adapter = recModelCandidates(model, catalogIndexMap(n));
  assert.deepEqual(adapter.recommend(u, [saved.ix], 10), [{ ix: target.ix, score: 10 }]);
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 100 });
  const hit = page.items.find((i) => i.noteId === target.id);
  assert.ok(hit && hit.sources.includes('collaborative') && hit.reasons.some((r) => r.code === 'collaborative'));
});
