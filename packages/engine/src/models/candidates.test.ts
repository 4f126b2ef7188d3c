import { test } from 'node:test';
import assert from 'node:assert/strict';
import { topCandidates } from './candidates.ts';
import { trainItemKnn } from './item-knn.ts';
import { plantedTastes } from './testing/synthetic.ts';

test('candidates skip the history and excluded items, for trained and unseen users alike', () => {
  const data = plantedTastes(31);
  const model = trainItemKnn(data.train, { neighbours: 20 });
  const row = data.train.byUser;
  const history = Array.from(row.idx.subarray(row.ptr[1]!, row.ptr[2]!));
  const trained = topCandidates(model, { userIx: 1, history, exclude: [data.test.idx[data.test.ptr[1]!]!] }, 10);
  assert.equal(trained.items.length, 10);
  for (const i of trained.items) assert.ok(!history.includes(i));
  assert.ok(!Array.from(trained.items).includes(data.test.idx[data.test.ptr[1]!]!));
  for (let r = 1; r < trained.scores.length; r++) assert.ok(trained.scores[r - 1]! >= trained.scores[r]!);
  // A newcomer with the same history gets the same list (item kNN scores only from the history).
  const fresh = topCandidates(model, { history, exclude: [data.test.idx[data.test.ptr[1]!]!] }, 10);
  assert.deepEqual(fresh.items, trained.items);
});
