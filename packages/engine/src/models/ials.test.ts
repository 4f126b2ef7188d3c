import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateUsers, finalizeMetrics, usersWithPositives } from '../eval/evaluate.ts';
import { topK } from '../eval/top-k.ts';
import { buildInteractions } from './interactions.ts';
import { TagCentroids } from './cold-start.ts';
import { MatrixFactorization } from './factorization.ts';
import { IalsTrainer, trainIals } from './ials.ts';
import type { RecModel } from './model.ts';
import { trainPopularity } from './popularity.ts';
import { plantedTastes } from './testing/synthetic.ts';

const cfg = { dims: 8, epochs: 8, unobservedWeight: 0.05, regularization: 0.01, seed: 5 };

function recall(model: RecModel, data: ReturnType<typeof plantedTastes>, k = 5): number {
  const split = { nItems: data.train.nItems, users: usersWithPositives(data.test), seen: data.train.byUser, positives: data.test };
  return finalizeMetrics(evaluateUsers((u, o) => model.scoreItems(u, o), split, 0, split.users.length, [k]), false)[`recall@${k}`]!;
}

test('iALS with a fixed seed produces identical factors twice', async () => {
  const data = plantedTastes(2);
  const a = await trainIals(data.train, cfg);
  const b = await trainIals(data.train, cfg);
  assert.deepEqual(a.itemFactors, b.itemFactors);
  assert.deepEqual(a.userFactors, b.userFactors);
  const c = await trainIals(data.train, { ...cfg, seed: 6 });
  assert.notDeepEqual(a.itemFactors, c.itemFactors);
});

test('iALS learns the planted tastes and beats popularity', async () => {
  const data = plantedTastes(3);
  const model = await trainIals(data.train, cfg);
  const pop = recall(trainPopularity(data.train), data);
  const ials = recall(model, data);
  assert.ok(ials > pop + 0.3, `iALS recall@5 ${ials} vs popularity ${pop}`);
});

test('the training loss decreases epoch after epoch', async () => {
  const trainer = new IalsTrainer(plantedTastes(4).train, cfg);
  const losses: number[] = [];
  for (let e = 0; e < 4; e++) losses.push(await trainer.epoch());
  for (let e = 1; e < losses.length; e++) assert.ok(losses[e]! < losses[e - 1]! + 1e-9, `loss went up: ${losses.join(', ')}`);
});

test('a folded-in new user gets items of their taste first', async () => {
  const data = plantedTastes(5);
  const model = await trainIals(data.train, cfg);
  const history = [6 + 2, 6 + 2 + 4 * 3, 6 + 2 + 4 * 5]; // three items of taste group 2
  const out = new Float32Array(model.nItems);
  model.scoreHistory(history, undefined, out);
  for (const i of history) out[i] = -Infinity;
  const top = Array.from(topK(out, 5)).filter((i) => data.groupOf(i) !== -1);
  assert.ok(top.length >= 3 && top.every((i) => data.groupOf(i) === 2), `top items ${top} are not all from group 2`);
  // Fold-in of a trained user's own history lands near its trained vector.
  const u = 2, row = data.train.byUser;
  const v = model.foldInUser(row.idx.subarray(row.ptr[u]!, row.ptr[u + 1]!));
  const w = model.userFactors.subarray(u * model.dims, (u + 1) * model.dims);
  const cos = v.reduce((s, x, f) => s + x * w[f]!, 0) / Math.hypot(...v) / Math.hypot(...w);
  assert.ok(cos > 0.95, `fold-in cosine ${cos}`);
});

test('a new item is placed by the vectors of items sharing its tags', async () => {
  const data = plantedTastes(6);
  const model = await trainIals(data.train, cfg);
  // Tag = taste group of each trained item (head items untagged).
  const tagged = Array.from({ length: model.nItems }, (_, i) => i).filter((i) => data.groupOf(i) >= 0);
  const itemTags = buildInteractions(model.nItems, 4, { users: tagged, items: tagged.map((i) => data.groupOf(i)) }).byUser;
  const vec = new TagCentroids(model.itemFactors, model.dims, itemTags, 4).itemVector([1]);
  const score = (u: number) => model.userFactors.subarray(u * model.dims, (u + 1) * model.dims).reduce((s, x, f) => s + x * vec[f]!, 0);
  const inGroup = [1, 5, 9].map(score), outGroup = [0, 2, 3].map(score);
  assert.ok(Math.min(...inGroup) > Math.max(...outGroup), `in-group ${inGroup} vs others ${outGroup}`);
});

test('a factor model survives serialisation byte for byte', async () => {
  const model = await trainIals(plantedTastes(7).train, cfg);
  const back = MatrixFactorization.deserialize(model.serialize());
  assert.equal(back.kind, 'ials');
  assert.deepEqual(back.itemFactors, model.itemFactors);
  assert.deepEqual(back.foldIn, model.foldIn);
  const a = new Float32Array(model.nItems), b = new Float32Array(model.nItems);
  model.scoreItems(3, a);
  back.scoreItems(3, b);
  assert.deepEqual(a, b);
});
