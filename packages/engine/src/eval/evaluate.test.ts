import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInteractions } from '../models/interactions.ts';
import { evaluateUsers, finalizeMetrics, mergeSums, usersWithPositives } from './evaluate.ts';

const rows = (n: number, m: number, pairs: [number, number][]) =>
  buildInteractions(n, m, { users: pairs.map((p) => p[0]), items: pairs.map((p) => p[1]) }).byUser;

test('full ranking excludes training items and averages metrics over users with held-out positives', () => {
  // Scores rank items by index descending: 5, 4, 3, ... ; user 0 trained on 5, so its list starts at 4.
  const score = (_u: number, out: Float32Array) => out.forEach((_, i) => (out[i] = i));
  const split = {
    nItems: 6,
    users: usersWithPositives(rows(3, 6, [[0, 4], [1, 0]])),
    seen: rows(3, 6, [[0, 5]]),
    positives: rows(3, 6, [[0, 4], [1, 0]]),
    negatives: rows(3, 6, [[1, 5], [1, 4]]),
  };
  assert.deepEqual(Array.from(split.users), [0, 1]);
  const m = finalizeMetrics(evaluateUsers(score, split, 0, 2, [1, 20]), true);
  // User 0 hits at rank 1; user 1's positive (item 0) is at rank 6 of 6.
  assert.equal(m['recall@1'], 0.5);
  assert.equal(m['recall@20'], 1);
  assert.ok(Math.abs(m['ndcg@20']! - (1 + 1 / Math.log2(7)) / 2) < 1e-12);
  // User 1 has two held-out negatives in its top 20: 2/20; user 0 none.
  assert.ok(Math.abs(m.negativeTop20Rate! - 0.05) < 1e-12);
  const halves = mergeSums(evaluateUsers(score, split, 0, 1, [1, 20]), evaluateUsers(score, split, 1, 2, [1, 20]));
  assert.deepEqual(finalizeMetrics(halves, true), m);
});
