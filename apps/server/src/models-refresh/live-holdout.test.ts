import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInteractions } from '@notewave/engine';
import { leaveLatestOut } from './live-holdout.ts';

test('each user with two or more positives has their most recent one held out', () => {
  // user 0: items 0 (t=5), 1 (t=9), 2 (t=7); user 1: item 3 only; user 2: items 1, 2 at the same time.
  const m = buildInteractions(3, 4, { users: [0, 0, 0, 1, 2, 2], items: [0, 1, 2, 3, 1, 2], values: [1, 2, 1, 1, 1, 1], times: [5, 9, 7, 3, 4, 4] });
  const ds = leaveLatestOut(m);
  const rows = (r: { ptr: Int32Array; idx: Int32Array }) => [0, 1, 2].map((u) => Array.from(r.idx.subarray(r.ptr[u]!, r.ptr[u + 1]!)));
  assert.deepEqual(rows(ds.test.positives), [[1], [], [2]]);
  assert.deepEqual(rows(ds.train.byUser), [[0, 2], [3], [1]]);
  assert.deepEqual(ds.seen, ds.train.byUser);
  assert.equal(ds.train.nnz + ds.test.positives.idx.length, m.nnz);
});
