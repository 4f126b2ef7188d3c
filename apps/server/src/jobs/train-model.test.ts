import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildInteractions, type MatrixFactorization, SeededRng, usersWithPositives, type RecModel } from '@notewave/engine';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../cli/commands/eval.ts';
import { GOWALLA_REFERENCES } from '../datasets/gowalla.ts';
import type { Dataset } from '../datasets/index.ts';
import { loadSigned } from '../datasets/signed.ts';
import { comparableReferences, type EvalReport } from './eval-report.ts';
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
    // ChebyCF scores blocks of users and caches them: split over workers in chunks it must still give the same metrics.
    const cheby: RecModel = await MODELS.chebycf!.train(ds, opts, { pool, progress: () => {} });
    for (const m of [parallel, knn, cheby]) {
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

/** Writes a tiny split in either format into a temporary directory. */
function writeSplit(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nw-split-'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

async function quiet<T>(fn: () => Promise<T>): Promise<{ value: T; out: string; err: string }> {
  const log = console.log, error = console.error, write = process.stderr.write.bind(process.stderr);
  let out = '', err = '';
  console.log = (...a: unknown[]) => void (out += `${a.join(' ')}\n`);
  console.error = (...a: unknown[]) => void (err += `${a.join(' ')}\n`);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  try {
    return { value: await fn(), out, err };
  } finally {
    console.log = log;
    console.error = error;
    process.stderr.write = write;
  }
}

test('notewave eval runs any LightGCN-format split by name and never prints another split\'s published rows', async () => {
  // Four users, six items, two tastes: a split nobody published.
  const dir = writeSplit({ 'train.txt': '0 0 1\n1 0 1 2\n2 3 4\n3 3 5\n', 'test.txt': '0 2\n1 3\n2 5\n3 4\n' });
  const out = mkdtempSync(join(tmpdir(), 'nw-eval-'));
  const r = await quiet(() => command.run([dir, '--format', 'lightgcn', '--name', 'tiny-split', '--model', 'pop,itemknn', '--threads', '1', '--out', out]));
  assert.equal(r.value, 0, r.err);
  const report = JSON.parse(readFileSync(join(out, 'eval-tiny-split.json'), 'utf8')) as EvalReport;
  assert.equal(report.dataset, 'tiny-split');
  assert.equal(report.users, 4);
  assert.equal(report.items, 6);
  assert.deepEqual(report.rows.map((x) => x.model), ['pop', 'itemknn']);
  assert.deepEqual(report.references, []);
  assert.doesNotMatch(r.out, /published/);
  assert.match(report.command, /--format lightgcn --name tiny-split/);
});

test('published rows appear only beside the exact published split, ranked in full', () => {
  const tiny: Dataset = { ...syntheticDataset(), references: GOWALLA_REFERENCES };
  // The synthetic split passed off with Gowalla's references: its shape differs, so they are left out.
  const passedOff = comparableReferences(tiny, 10, 10);
  assert.deepEqual(passedOff.rows, []);
  assert.match(passedOff.note ?? '', /not the one they were measured on/);
  // A dataset of exactly the published shape gets them, unless only a sample of its users was ranked.
  const s = GOWALLA_REFERENCES.split;
  const shaped = {
    ...tiny, nUsers: s.users, nItems: s.items,
    train: { ...tiny.train, nnz: s.trainInteractions },
    test: { positives: { ...tiny.test.positives, idx: new Int32Array(s.testInteractions) } },
  } as unknown as Dataset;
  assert.equal(comparableReferences(shaped, 29858, 29858).rows.length, GOWALLA_REFERENCES.rows.length);
  const sampled = comparableReferences(shaped, 2000, 29858);
  assert.deepEqual(sampled.rows, []);
  assert.match(sampled.note ?? '', /sampled/);
});

test('signed splits load from any directory; the SIGformer protocol masks training items only', async () => {
  // valid.txt holds user 0's item 2 (a positive) and item 3 (a negative); test holds item 4.
  const dir = writeSplit({
    'train.txt': '0 0 1\n0 1 0\n1 2 1\n1 4 1\n',
    'valid.txt': '0 2 1\n0 3 0\n',
    'test.txt': '0 4 1\n1 0 0\n1 1 1\n',
  });
  const ds = await loadSigned(dir, { name: 'mini', threshold: 1, about: 'mini' });
  assert.equal(ds.nUsers, 2);
  assert.equal(ds.nItems, 5);
  assert.equal(ds.train.nnz, 3);
  assert.ok(ds.valid);
  const masked = testSplit(ds);
  const sigformer = testSplit(ds, { maskValidation: false });
  assert.equal(masked.alsoSeen?.length, 2, 'validation positives and negatives are masked by default');
  assert.equal(sigformer.alsoSeen, undefined, 'only training items are masked under the SIGformer protocol');
  // No valid.txt: the split still loads, without a validation part.
  const noValid = writeSplit({ 'train.txt': '0 0 1\n1 1 1\n', 'test.txt': '0 1 1\n1 0 1\n' });
  assert.equal((await loadSigned(noValid, { name: 'nv', threshold: 1, about: 'nv' })).valid, undefined);
  const bad = await quiet(() => command.run([noValid, '--format', 'csv']));
  assert.equal(bad.value, 2);
  assert.match(bad.err, /--format must be lightgcn or signed/);
  const misplaced = await quiet(() => command.run(['gowalla', '--name', 'x']));
  assert.equal(misplaced.value, 2);
  assert.match(misplaced.err, /--name applies only with --format/);
  const protocol = await quiet(() => command.run(['kuairand', '--protocol', 'loose']));
  assert.equal(protocol.value, 2);
});

test('sign-aware GF-CF keeps the cut-off that ranks best on a published validation split, and only there', async () => {
  const base = syntheticDataset();
  // Half of the held-out interactions become a published validation split.
  const users: number[] = [], items: number[] = [];
  const p = base.test.positives;
  for (let u = 0; u + 1 < p.ptr.length; u++) {
    for (let e = p.ptr[u]!; e < p.ptr[u + 1]!; e += 2) {
      users.push(u);
      items.push(p.idx[e]!);
    }
  }
  const ds: Dataset = { ...base, valid: { positives: buildInteractions(80, 40, { users, items }).byUser } };
  const notes: string[] = [];
  const model = (await MODELS['gfcf-signed']!.train(ds, { seed: 2 }, { pool: null, progress: (x) => x.note && notes.push(x.note) })) as RecModel & { inner: { dims: number } };
  const tried = notes.filter((n) => n.includes('validation NDCG@20')).map((n) => ({ dims: Number(n.split(' ')[0]), ndcg: Number(n.split(' ').at(-1)) }));
  assert.ok(tried.length >= 1, notes.join(' | '));
  const best = tried.reduce((a, b) => (b.ndcg > a.ndcg ? b : a));
  assert.ok(notes.includes(`kept ${best.dims} singular vectors`), notes.join(' | '));
  assert.equal(model.inner.dims, best.dims);

  const fixed: string[] = [];
  const given = (await MODELS['gfcf-signed']!.train(ds, { seed: 2, dims: 8 }, { pool: null, progress: (x) => x.note && fixed.push(x.note) })) as RecModel & { inner: { dims: number } };
  assert.equal(given.inner.dims, 8);
  assert.ok(!fixed.some((n) => n.includes('kept')), '--dims is taken as given');
  const carved: string[] = [];
  await MODELS['gfcf-signed']!.train({ ...ds, fullTrain: ds.train }, { seed: 2 }, { pool: null, progress: (x) => x.note && carved.push(x.note) });
  assert.ok(!carved.some((n) => n.includes('kept')), 'a carved validation is not used');
});
