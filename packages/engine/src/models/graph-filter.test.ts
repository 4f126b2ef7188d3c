import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateUsers, finalizeMetrics, usersWithPositives } from '../eval/evaluate.ts';
import { GraphFilterModel, trainGraphFilter } from './graph-filter.ts';
import { trainItemKnn } from './item-knn.ts';
import type { RecModel } from './model.ts';
import { trainPopularity } from './popularity.ts';
import { deserializeModel } from './registry.ts';
import { plantedTastes } from './testing/synthetic.ts';

function recall(model: RecModel, data: ReturnType<typeof plantedTastes>): number {
  const split = { nItems: data.train.nItems, users: usersWithPositives(data.test), seen: data.train.byUser, positives: data.test };
  return finalizeMetrics(evaluateUsers((u, o) => model.scoreItems(u, o), split, 0, split.users.length, [5]), false)['recall@5']!;
}

test('graph filter and item kNN beat popularity on planted tastes', () => {
  const data = plantedTastes(11);
  const pop = recall(trainPopularity(data.train), data);
  const gf = recall(trainGraphFilter(data.train, { dims: 6, oversample: 6 }), data);
  const knn = recall(trainItemKnn(data.train, { neighbours: 20 }), data);
  assert.ok(gf > pop + 0.15, `graph filter ${gf} vs popularity ${pop}`);
  assert.ok(knn > pop + 0.15, `item kNN ${knn} vs popularity ${pop}`);
});

test('graph filter training is deterministic and its spectral basis is orthonormal', () => {
  const data = plantedTastes(12);
  const a = trainGraphFilter(data.train, { dims: 6, oversample: 6, seed: 3 });
  const b = trainGraphFilter(data.train, { dims: 6, oversample: 6, seed: 3 });
  assert.deepEqual(a.itemBasis, b.itemBasis);
  const d = a.dims, v = a.itemBasis;
  for (let f = 0; f < d; f++) {
    for (let g = 0; g < d; g++) {
      let s = 0;
      for (let i = 0; i < a.nItems; i++) s += v[i * d + f]! * v[i * d + g]!;
      assert.ok(Math.abs(s - (f === g ? 1 : 0)) < 1e-4, `VᵀV[${f},${g}] = ${s}`);
    }
  }
});

test('a new user is served from a history alone, and similar items share a taste', () => {
  const data = plantedTastes(13);
  const model = trainGraphFilter(data.train, { dims: 6, oversample: 6 });
  const out = new Float32Array(model.nItems);
  model.scoreHistory([6 + 3, 6 + 3 + 4], undefined, out);
  const best = Array.from(out.keys()).filter((i) => i !== 9 && i !== 13 && data.groupOf(i) >= 0).sort((a, b) => out[b]! - out[a]!)[0]!;
  assert.equal(data.groupOf(best), 3);
  const sim = model.similarItems(6 + 1, 4);
  assert.ok(Array.from(sim.items).filter((i) => data.groupOf(i) >= 0).every((i) => data.groupOf(i) === 1));
});

test('every model kind round-trips through its bytes with identical scores', () => {
  const data = plantedTastes(14);
  const models: RecModel[] = [trainPopularity(data.train), trainItemKnn(data.train, { neighbours: 10 }), trainGraphFilter(data.train, { dims: 4, oversample: 4 })];
  for (const m of models) {
    const back = deserializeModel(m.serialize());
    assert.equal(back.kind, m.kind);
    const a = new Float32Array(m.nItems), b = new Float32Array(m.nItems);
    m.scoreItems(5, a);
    back.scoreItems(5, b);
    assert.deepEqual(b, a, m.kind);
  }
  assert.ok(GraphFilterModel.deserialize(models[2]!.serialize()) instanceof GraphFilterModel);
  assert.throws(() => deserializeModel(new Uint8Array(16)), /bad magic/);
});

test('cutting the ideal term to its leading vectors scores like a filter factorised with that many', () => {
  const data = plantedTastes(13);
  const wide = trainGraphFilter(data.train, { dims: 12, oversample: 24, powerIterations: 8, seed: 5 });
  const narrow = trainGraphFilter(data.train, { dims: 4, oversample: 32, powerIterations: 8, seed: 9 });
  const cut = wide.withLeading(4);
  assert.equal(cut.dims, 4);
  assert.equal(wide.withLeading(12), wide);
  const a = new Float32Array(wide.nItems), b = new Float32Array(wide.nItems), full = new Float32Array(wide.nItems);
  let differs = 0;
  for (let u = 0; u < 20; u++) {
    cut.scoreItems(u, a);
    narrow.scoreItems(u, b);
    wide.scoreItems(u, full);
    for (let i = 0; i < a.length; i++) {
      assert.ok(Math.abs(a[i]! - b[i]!) < 1e-3 * (1 + Math.abs(b[i]!)), `user ${u} item ${i}: ${a[i]} vs ${b[i]}`);
      if (Math.abs(a[i]! - full[i]!) > 1e-3) differs++;
    }
  }
  assert.ok(differs > 0, 'the cut changes the scores');
  assert.throws(() => wide.withLeading(13), /dims must be an integer in 1\.\.12/);
  assert.throws(() => wide.withLeading(0), RangeError);
});
