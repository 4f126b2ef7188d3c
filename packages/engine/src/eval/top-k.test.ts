import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../runtime/rng.ts';
import { topK } from './top-k.ts';

test('top-K matches a full sort, best first', () => {
  const rng = new SeededRng(3);
  const scores = Float32Array.from({ length: 5000 }, () => rng.next());
  const want = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, 25);
  assert.deepEqual(Array.from(topK(scores, 25)), want);
});

test('top-K skips excluded items, breaks ties by index and copes with K larger than the candidates', () => {
  const scores = Float32Array.of(1, 5, -Infinity, 5, 2, -Infinity);
  assert.deepEqual(Array.from(topK(scores, 3)), [1, 3, 4]);
  assert.deepEqual(Array.from(topK(scores, 10)), [1, 3, 4, 0]);
  assert.deepEqual(Array.from(topK(scores, 0)), []);
});
