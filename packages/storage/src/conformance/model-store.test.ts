import assert from 'node:assert/strict';
import { conformance } from './backends.ts';

conformance('ModelStore', (it) => {
  it('numbers versions per model name and returns the latest', async (s) => {
    assert.equal(await s.models.getModel('itemcf'), null);
    const v1 = new Uint8Array([0, 1, 2, 255]);
    const v2 = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    assert.equal(await s.models.putModel('itemcf', v1, { trainedOn: 10 }, 100), 1);
    assert.equal(await s.models.putModel('two-tower', new Uint8Array([9]), {}, 150), 1);
    assert.equal(await s.models.putModel('itemcf', v2, { trainedOn: 20, params: { k: 50, tags: ['a'] } }, 200), 2);
    assert.deepEqual(await s.models.getModel('itemcf'), {
      name: 'itemcf', version: 2, createdAt: 200, meta: { trainedOn: 20, params: { k: 50, tags: ['a'] } }, bytes: v2,
    });
    assert.equal((await s.models.getModel('two-tower'))?.version, 1);
  });

  it('stores a view into a larger buffer as just its bytes', async (s) => {
    const backing = new Uint8Array([7, 7, 1, 2, 3, 7]);
    await s.models.putModel('m', backing.subarray(2, 5), {}, 1);
    assert.deepEqual((await s.models.getModel('m'))?.bytes, new Uint8Array([1, 2, 3]));
  });

  it('gives concurrent publishers distinct versions', async (s) => {
    const versions = await Promise.all([1, 2, 3, 4].map((i) => s.models.putModel('m', new Uint8Array([i]), {}, i)));
    assert.deepEqual([...versions].sort(), [1, 2, 3, 4]);
  });

  it('prunes old versions of one model and keeps the newest', async (s) => {
    for (let i = 1; i <= 5; i++) await s.models.putModel('m', new Uint8Array([i]), { i }, i);
    await s.models.putModel('other', new Uint8Array([1]), {}, 1);
    assert.equal(await s.models.pruneModels('m', 2), 3);
    assert.equal(await s.models.pruneModels('m', 2), 0);
    assert.deepEqual((await s.models.getModel('m'))?.meta, { i: 5 });
    assert.equal(await s.models.putModel('m', new Uint8Array([6]), {}, 6), 6, 'versions keep counting after a prune');
    assert.equal(await s.models.pruneModels('absent', 1), 0);
    assert.equal((await s.models.getModel('other'))?.version, 1);
    await assert.rejects(s.models.pruneModels('m', 0), /keep/);
  });
});
