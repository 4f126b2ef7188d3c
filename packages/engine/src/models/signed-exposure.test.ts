import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainGraphFilter } from './graph-filter.ts';
import { buildInteractions } from './interactions.ts';
import { deserializeModel } from './registry.ts';
import { positiveShareWeights, SignedExposureModel } from './signed-exposure.ts';

/**
 * Six users tried items 0–3; item 1 is tried as often as item 0 but disliked by nearly everyone. A seventh user has
 * tried item 2 only. Items: 0 liked, 1 disliked, 2 and 3 liked by few.
 */
function community() {
  const pos: [number, number][] = [];
  const neg: [number, number][] = [];
  for (let u = 0; u < 6; u++) {
    pos.push([u, 0], [u, 2]);
    (u === 0 ? pos : neg).push([u, 1]);
    if (u < 2) pos.push([u, 3]);
  }
  pos.push([6, 2]);
  const matrix = (pairs: [number, number][]) => buildInteractions(7, 4, { users: pairs.map((p) => p[0]), items: pairs.map((p) => p[1]) });
  return { positives: matrix(pos), all: matrix([...pos, ...neg]) };
}

test('items are weighted by their smoothed positive share among interactions of either sign', () => {
  const { positives, all } = community();
  const w = positiveShareWeights(positives, all.byUser, 4, 1);
  assert.ok(Math.abs(w[0]! - 7 / 9) < 1e-6, String(w[0]));
  assert.ok(Math.abs(w[1]! - 2 / 9) < 1e-6, String(w[1]));
  const half = positiveShareWeights(positives, all.byUser, 4, 0.5);
  assert.ok(Math.abs(half[1]! - Math.sqrt(2 / 9)) < 1e-6);
});

test('an item most users tried and disliked ranks below one they liked, though both were tried as often', () => {
  const { positives, all } = community();
  const inner = trainGraphFilter(all, { dims: 2, oversample: 2 });
  const plain = new Float32Array(4);
  inner.scoreItems(6, plain);
  // Trained on exposure alone, items 0 and 1 look alike to the seventh user.
  assert.ok(Math.abs(plain[0]! - plain[1]!) < 1e-4, `${plain[0]} vs ${plain[1]}`);
  const model = new SignedExposureModel(inner, positiveShareWeights(positives, all.byUser, 4, 0.5));
  const out = new Float32Array(4);
  model.scoreItems(6, out);
  assert.ok(out[0]! > 1.5 * out[1]!, `${out[0]} vs ${out[1]}`);
  const fromHistory = new Float32Array(4);
  model.scoreHistory([2], undefined, fromHistory);
  assert.ok(fromHistory[0]! > fromHistory[1]!);
});

test('a sign-aware model survives serialization', () => {
  const { positives, all } = community();
  const model = new SignedExposureModel(trainGraphFilter(all, { dims: 2, oversample: 2 }), positiveShareWeights(positives, all.byUser, 4, 0.5));
  const back = deserializeModel(model.serialize());
  assert.equal(back.kind, 'signed-exposure');
  const a = new Float32Array(4), b = new Float32Array(4);
  model.scoreItems(3, a);
  back.scoreItems(3, b);
  assert.deepEqual(b, a);
});
