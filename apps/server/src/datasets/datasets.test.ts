import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SparseRows } from '@notewave/engine';
import { readFile } from 'node:fs/promises';
import { carveValidation, DATASETS, defaultDataRoot, loadDataset } from './index.ts';
import { parseSigned, SIGNED_SPECS } from './signed.ts';

/* Loaders read the licensed files from ../shared/data at run time; figures come from each folder's SOURCE.md. */

const root = defaultDataRoot();
const nnz = (r: SparseRows) => r.idx.length;
const skip = (name: string) => (existsSync(join(root, DATASETS[name]!.folder)) ? false : `${DATASETS[name]!.folder} not found under ${root}`);

test('Gowalla loads the NGCF split: 29,858 users, 40,981 items, 810,128 train and 217,242 test pairs', { skip: skip('gowalla') }, async () => {
  const ds = await loadDataset('gowalla', root);
  assert.equal(ds.nUsers, 29858);
  assert.equal(ds.nItems, 40981);
  assert.equal(ds.train.nnz, 810128);
  assert.equal(nnz(ds.test.positives), 217242);
  const carved = carveValidation(ds);
  assert.equal(carved.train.nnz + nnz(carved.valid!.positives), 810128);
  assert.equal(carved.fullTrain, ds.train);
});

const signed: [string, number, number, [number, number], [number, number], [number, number]][] = [
  // name, users, items, train (pos, neg), valid (pos, neg), test (pos, neg)
  ['kuairec', 1411, 3327, [25592, 152197], [3656, 21742], [7312, 43484]],
  ['kuairand', 16974, 4373, [81677, 102495], [11667, 14642], [23335, 29284]],
  // Ratings ≥ 4 are positive: 9,142 + 18,889 of train, 1,306 + 2,698 of valid, 2,612 + 5,396 of test.
  ['amazon-music', 3472, 2498, [28031, 6884], [4004, 982], [8008, 1966]],
];

for (const [name, users, items, ...files] of signed) {
  test(`${name} loads its signed split with the published counts`, { skip: skip(name) }, async () => {
    const dir = join(root, DATASETS[name]!.folder);
    const spec = Object.values(SIGNED_SPECS).find((x) => x.name === name)!;
    for (const [f, [pos, neg]] of (['train.txt', 'valid.txt', 'test.txt'] as const).map((f, k) => [f, files[k]!] as const)) {
      const parsed = parseSigned(await readFile(join(dir, f), 'utf8'), spec.threshold);
      assert.deepEqual([parsed.pos.length, parsed.neg.length], [pos, neg], f);
    }
    const ds = await loadDataset(name, root);
    assert.ok(ds.signed);
    assert.equal(ds.nUsers, users);
    assert.equal(ds.nItems, items);
    // Repeated (user, item) rows (KuaiRand has a few) merge into one entry.
    assert.ok(ds.train.nnz <= files[0][0] && ds.train.nnz > 0.9 * files[0][0]);
    assert.ok(ds.seen.idx.length <= files[0][0] + files[0][1]);
  });
}

test('MovieLens latest-small splits 100,836 ratings of 610 users by time, rating ≥ 4 positive', { skip: skip('movielens') }, async () => {
  const ds = await loadDataset('movielens', root);
  assert.equal(ds.nUsers, 610);
  assert.equal(ds.nItems, 9724);
  const total = nnz(ds.seen) + nnz(ds.valid!.positives) + nnz(ds.valid!.negatives!) + nnz(ds.test.positives) + nnz(ds.test.negatives!);
  assert.equal(total, 100836);
  // 48,580 ratings are ≥ 4 (4.0, 4.5, 5.0).
  assert.equal(ds.train.nnz + nnz(ds.valid!.positives) + nnz(ds.test.positives), 48580);
  assert.ok(ds.itemTags && ds.itemTags.ptr.length === ds.nItems + 1);
});
