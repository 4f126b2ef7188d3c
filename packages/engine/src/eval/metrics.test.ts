import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hitsAtK, ndcgAtK, recallAtK } from './metrics.ts';

test('recall counts hits in the top K over all held-out items', () => {
  const relevant = new Set([3, 7, 9, 11]);
  assert.equal(recallAtK([3, 1, 9, 2], relevant, 4), 2 / 4);
  assert.equal(recallAtK([3, 1, 9, 2], relevant, 1), 1 / 4);
  assert.equal(hitsAtK([5, 6], relevant, 20), 0);
  assert.equal(recallAtK([1], new Set(), 20), 0);
});

test('ndcg uses binary gains and an ideal DCG over min(|relevant|, K) hits', () => {
  // Hits at ranks 1 and 3, two relevant items: DCG = 1 + 1/log2(4) = 1.5, IDCG = 1 + 1/log2(3).
  const got = ndcgAtK([3, 1, 9, 2], new Set([3, 9]), 4);
  assert.ok(Math.abs(got - 1.5 / (1 + 1 / Math.log2(3))) < 1e-12);
  // More relevant items than K: IDCG counts only K ideal hits, so a perfect top-2 scores 1.
  assert.equal(ndcgAtK([3, 9], new Set([3, 9, 11, 12]), 2), 1);
  // A single hit at rank 2 of one relevant item: 1/log2(3).
  assert.ok(Math.abs(ndcgAtK([0, 5], new Set([5]), 20) - 1 / Math.log2(3)) < 1e-12);
});
