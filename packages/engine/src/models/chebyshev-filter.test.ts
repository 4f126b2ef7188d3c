import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateUsers, finalizeMetrics, usersWithPositives } from '../eval/evaluate.ts';
import { chebyshevCoefficients, chebyshevResponse, ChebyshevFilterModel, trainChebyshevFilter } from './chebyshev-filter.ts';
import type { RecModel } from './model.ts';
import { trainPopularity } from './popularity.ts';
import { deserializeModel } from './registry.ts';
import { plantedTastes } from './testing/synthetic.ts';

function recall(model: RecModel, data: ReturnType<typeof plantedTastes>): number {
  const split = { nItems: data.train.nItems, users: usersWithPositives(data.test), seen: data.train.byUser, positives: data.test };
  return finalizeMetrics(evaluateUsers((u, o) => model.scoreItems(u, o), split, 0, split.users.length, [5]), false)['recall@5']!;
}

test('the interpolated response passes low graph frequencies and stops high ones', () => {
  const c = chebyshevCoefficients(8, 1.5);
  assert.ok(chebyshevResponse(c, 1) > 0.95, `response at λ = 1: ${chebyshevResponse(c, 1)}`);
  assert.ok(chebyshevResponse(c, 0) < 0.05, `response at λ = 0: ${chebyshevResponse(c, 0)}`);
  assert.ok(Math.abs(chebyshevResponse(c, 0.5) - 0.5) < 0.05);
  // Rises monotonically with λ; a larger flatness keeps it nearer 0.5 around the middle than a ramp does.
  for (let l = 0; l < 1; l += 0.05) assert.ok(chebyshevResponse(c, l + 0.05) > chebyshevResponse(c, l), `at λ = ${l}`);
  const ramp = chebyshevCoefficients(8, 1);
  assert.ok(chebyshevResponse(c, 0.8) < chebyshevResponse(ramp, 0.8) && chebyshevResponse(c, 0.2) > chebyshevResponse(ramp, 0.2));
});

test('scores equal the polynomial filter computed densely, with degree normalisation and the ideal term', () => {
  const data = plantedTastes(21, 40, 24, 3);
  const m = data.train;
  const model = trainChebyshevFilter(m, { order: 5, flatness: 2, dims: 3, oversample: 4, alpha: 0.3, beta: 0.4 });
  const n = m.nItems;
  // Dense P̃ = R̃ᵀR̃.
  const du = (u: number) => 1 / Math.sqrt(m.byUser.ptr[u + 1]! - m.byUser.ptr[u]!);
  const deg = (i: number) => m.byItem.ptr[i + 1]! - m.byItem.ptr[i]!;
  const p = new Float64Array(n * n);
  for (let u = 0; u < m.nUsers; u++) {
    const row = Array.from(m.byUser.idx.subarray(m.byUser.ptr[u]!, m.byUser.ptr[u + 1]!));
    for (const i of row) for (const j of row) p[i * n + j]! += (du(u) ** 2) / Math.sqrt(deg(i) * deg(j));
  }
  const lap = (x: Float64Array) => Float64Array.from(x, (xi, i) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += p[i * n + j]! * x[j]!;
    return xi - 2 * s;
  });
  const u = 7;
  const x = new Float64Array(n);
  for (let e = m.byUser.ptr[u]!; e < m.byUser.ptr[u + 1]!; e++) x[m.byUser.idx[e]!] = deg(m.byUser.idx[e]!) ** -0.4;
  const c = model.coeffs;
  let prev = x, cur = lap(x);
  const acc = Float64Array.from(x, (v, i) => c[0]! * v + c[1]! * cur[i]!);
  for (let k = 2; k < c.length; k++) {
    const next = Float64Array.from(lap(cur), (v, i) => 2 * v - prev[i]!);
    for (let i = 0; i < n; i++) acc[i]! += c[k]! * next[i]!;
    prev = cur;
    cur = next;
  }
  const v = model.itemBasis, d = model.dims;
  const z = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) z[f]! += x[i]! * v[i * d + f]!;
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) acc[i]! += 0.3 * v[i * d + f]! * z[f]!;
  const out = new Float32Array(n);
  model.scoreItems(u, out);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(out[i]! - acc[i]! * deg(i) ** 0.4) < 1e-4, `item ${i}: ${out[i]} vs ${acc[i]! * deg(i) ** 0.4}`);
});

test('block scoring of training users equals scoring each history alone', () => {
  const data = plantedTastes(22);
  const model = trainChebyshevFilter(data.train, { dims: 6, oversample: 6 });
  const a = new Float32Array(model.nItems), b = new Float32Array(model.nItems);
  // A scan, an evenly spaced sample (every 5th user), a step back and a jump.
  for (const u of [0, 1, 47, 48, 49, 119, 3, 60, 65, 70, 75, 80, 117, 14, 100, 59]) {
    model.scoreItems(u, a);
    model.scoreHistory(data.train.byUser.idx.subarray(data.train.byUser.ptr[u]!, data.train.byUser.ptr[u + 1]!), undefined, b);
    for (let i = 0; i < model.nItems; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5, `user ${u} item ${i}`);
  }
});

test('ChebyCF beats popularity on planted tastes and round-trips through its bytes', () => {
  const data = plantedTastes(23);
  const model = trainChebyshevFilter(data.train, { dims: 6, oversample: 6 });
  const pop = recall(trainPopularity(data.train), data);
  const cheby = recall(model, data);
  assert.ok(cheby > pop + 0.15, `ChebyCF ${cheby} vs popularity ${pop}`);
  const back = deserializeModel(model.serialize());
  assert.ok(back instanceof ChebyshevFilterModel);
  const x = new Float32Array(model.nItems), y = new Float32Array(model.nItems);
  model.scoreItems(9, x);
  back.scoreItems(9, y);
  assert.deepEqual(y, x);
});
