import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInteractions, rowSet } from './interactions.ts';

test('builder sorts rows, merges duplicates and mirrors the matrix by item', () => {
  const m = buildInteractions(3, 4, { users: [2, 0, 0, 2, 0], items: [1, 3, 1, 1, 3], values: [1, 2, 1, 4, 1], times: [5, 1, 2, 9, 7] });
  assert.equal(m.nnz, 3);
  assert.deepEqual(Array.from(m.byUser.ptr), [0, 2, 2, 3]);
  assert.deepEqual(Array.from(m.byUser.idx), [1, 3, 1]);
  assert.deepEqual(Array.from(m.byUser.val), [1, 3, 5]);
  assert.deepEqual(Array.from(m.userTimes!), [2, 7, 9]);
  assert.deepEqual(Array.from(m.byItem.ptr), [0, 0, 2, 2, 3]);
  assert.deepEqual(Array.from(m.byItem.idx), [0, 2, 0]);
  assert.deepEqual(Array.from(m.byItem.val), [1, 5, 3]);
  assert.deepEqual([...rowSet(m.byUser, 0)], [1, 3]);
});

test('builder rejects indices outside the matrix', () => {
  assert.throws(() => buildInteractions(2, 2, { users: [0], items: [2] }), /out of range/);
});
