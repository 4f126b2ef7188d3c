import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInteractions, type MatrixFactorization, SeededRng, usersWithPositives, type RecModel } from '@notewave/engine';
import { command } from '../cli/commands/eval.ts';
import type { Dataset } from '../datasets/index.ts';
import { createPool, evaluateModel, evaluateSequential, MODELS, testSplit } from './train-model.ts';

/** 80 users in four tastes over 40 items; every fifth interaction is held out. */
function syntheticDataset(): Dataset {
  const rng = new SeededRng(21);
  const train = { users: [] as number[], items: [] as number[] }, test = { users: [] as number[], items: [] as number[] };
  for (let u = 0; u < 80; u++) {
    for (let i = 0; i < 40; i++) {
      if (rng.next() > (i % 4 === u % 4 ? 0.5 : 0.05)) continue;
      const side = rng.next() < 0.2 ? test : train;
      side.users.push(u);
      side.items.push(i);
    }
  }
  const m = buildInteractions(80, 40, train);
  return { name: 'planted', protocol: 'synthetic', nUsers: 80, nItems: 40, train: m, seen: m.byUser, test: { positives: buildInteractions(80, 40, test).byUser }, signed: false };
}

test('iALS trained on two worker threads equals the single-thread result, and parallel evaluation matches', async () => {
  const ds = syntheticDataset();
  const opts = { seed: 4, dims: 8, epochs: 3 };
  const single = (await MODELS.ials!.train(ds, opts, { pool: null, progress: () => {} })) as MatrixFactorization;
  const pool = createPool(2)!;
  try {
    const epochs: number[] = [];
    const parallel = (await MODELS.ials!.train(ds, opts, { pool, progress: (p) => epochs.push(p.epoch) })) as MatrixFactorization;
    assert.deepEqual(parallel.itemFactors, single.itemFactors);
    assert.deepEqual(parallel.userFactors, single.userFactors);
    assert.deepEqual(epochs, [1, 2, 3]);
    const split = testSplit(ds);
    assert.equal(split.users.length, usersWithPositives(ds.test.positives).length);
    const knn: RecModel = await MODELS.itemknn!.train(ds, opts, { pool, progress: () => {} });
    const knnSingle = await MODELS.itemknn!.train(ds, opts, { pool: null, progress: () => {} });
    for (const m of [parallel, knn]) {
      const a = await evaluateModel(m, split, pool);
      const b = evaluateSequential(m, split);
      for (const key of Object.keys(b)) assert.ok(Math.abs(a[key]! - b[key]!) < 1e-9, key);
    }
    assert.deepEqual(evaluateSequential(knn, split), evaluateSequential(knnSingle, split));
  } finally {
    await pool.close();
  }
});

test('notewave eval rejects an unknown dataset, model or bad flag with exit code 2', async () => {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args.join(' '));
  try {
    assert.equal(await command.run(['nope']), 2);
    assert.equal(await command.run(['gowalla', '--model', 'pop,magic']), 2);
    assert.equal(await command.run(['gowalla', '--dims', 'many']), 2);
    assert.equal(await command.run(['gowalla', '--frobnicate', '1']), 2);
    assert.equal(await command.run([]), 2);
  } finally {
    console.error = original;
  }
  assert.match(errors[0]!, /unknown dataset 'nope'/);
  assert.match(errors[1]!, /unknown model 'magic'/);
  assert.match(errors[2]!, /--dims must be an integer/);
  assert.match(errors[3]!, /unknown option --frobnicate/);
});
