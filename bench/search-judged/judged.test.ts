import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bootstrapMean, judgedSetArg, ndcgAt, parseQrels, parseQueries, QUERY_STYLES, readJudgedSet, seededRandom } from './judged.ts';

describe('hand-judged search set', () => {
  const { queries, qrels } = readJudgedSet();

  it('has at least 200 queries in the known styles, each style present', () => {
    assert.ok(queries.length >= 200, `${queries.length} queries`);
    for (const s of QUERY_STYLES) assert.ok(queries.some((q) => q.style === s), `no ${s} query`);
  });

  it('grades only known queries, with grades 0, 1 or 2', () => {
    const ids = new Set(queries.map((q) => q.id));
    assert.ok(qrels.size > 0);
    for (const [qid, grades] of qrels) {
      assert.ok(ids.has(qid), `qrels names unknown query ${qid}`);
      for (const [noteId, g] of grades) {
        assert.match(noteId, /^\S+$/);
        assert.ok(g === 0 || g === 1 || g === 2, `${qid} ${noteId} grade ${g}`);
      }
    }
  });

  it('rejects malformed files', () => {
    assert.throws(() => parseQrels('query_id\tnote_id\tgrade\nq1\tn1\t3\n'), /bad row/);
    assert.throws(() => parseQrels('query_id\tnote_id\tgrade\nq1\tn1\t1\nq1\tn1\t2\n'), /judged twice/);
    assert.throws(() => parseQueries('id\tstyle\tquery\nq1\tshouting\t防晒\n'), /unknown style/);
    assert.throws(() => parseQueries('id\tstyle\tquery\nq1\tshort\t防晒\nq1\tshort\t美甲\n'), /duplicate id/);
  });
});

describe('held-out judged set', () => {
  const main = readJudgedSet();
  const heldout = readJudgedSet(undefined, 'heldout');

  it('has at least 40 queries in every style, none of them in the main set', () => {
    assert.ok(heldout.queries.length >= 40, `${heldout.queries.length} queries`);
    for (const s of QUERY_STYLES) assert.ok(heldout.queries.some((q) => q.style === s), `no ${s} query`);
    const mainTexts = new Set(main.queries.map((q) => q.query));
    const mainIds = new Set(main.queries.map((q) => q.id));
    for (const q of heldout.queries) {
      assert.ok(!mainTexts.has(q.query), `${q.query} is also a main query`);
      assert.ok(!mainIds.has(q.id), `${q.id} is also a main query id`);
    }
  });

  it('grades only its own queries', () => {
    const ids = new Set(heldout.queries.map((q) => q.id));
    assert.ok(heldout.qrels.size >= 40);
    for (const qid of heldout.qrels.keys()) assert.ok(ids.has(qid), `qrels-heldout names unknown query ${qid}`);
  });

  it('reads the set from --set and rejects unknown names', () => {
    assert.equal(judgedSetArg(['--judged']), 'main');
    assert.equal(judgedSetArg(['--set', 'heldout']), 'heldout');
    assert.throws(() => judgedSetArg(['--set', 'other']), /expected one of/);
  });
});

describe('nDCG@10 against judgements', () => {
  const grades = new Map([['a', 2], ['b', 1], ['c', 0]]);

  it('matches a hand computation, counting unjudged notes as 0', () => {
    // DCG of [d (unjudged), a, b] = 0 + 3/log2 3 + 1/log2 4 = 2.392789; ideal [a, b] = 3 + 1/log2 3 = 3.630930.
    assert.ok(Math.abs((ndcgAt(['d', 'a', 'b'], grades) as number) - 0.659002) < 1e-6);
    // [b] alone: 1 / 3.630930.
    assert.ok(Math.abs((ndcgAt(['b', 'x'], grades) as number) - 0.275412) < 1e-6);
    assert.equal(ndcgAt(['a', 'b', 'c'], grades), 1);
    assert.equal(ndcgAt(['c', 'x'], grades), 0);
  });

  it('looks only at the first k results and is undefined without a relevant note', () => {
    const deep = Array.from({ length: 10 }, (_, i) => `z${i}`);
    assert.equal(ndcgAt([...deep, 'a'], grades), 0);
    assert.equal(ndcgAt(['a'], new Map([['a', 0]])), null);
    assert.equal(ndcgAt(['a'], undefined), null);
  });
});

describe('bootstrap confidence intervals', () => {
  it('is reproducible for a seed and degenerate for constant values', () => {
    const xs = Array.from({ length: 50 }, (_, i) => (i * 37) % 11 / 10);
    assert.deepEqual(bootstrapMean(xs, 1000, 7), bootstrapMean(xs, 1000, 7));
    assert.deepEqual(bootstrapMean([0.5, 0.5, 0.5, 0.5], 200, 1), { mean: 0.5, lo: 0.5, hi: 0.5 });
  });

  it('has the width the normal approximation predicts for a mean of 0/1 values', () => {
    // 200 values, half 1: standard error sqrt(0.25 / 200) = 0.0354, so the 95% interval is about ±0.069.
    const xs = Array.from({ length: 200 }, (_, i) => i % 2);
    const ci = bootstrapMean(xs, 1000, 1);
    assert.equal(ci.mean, 0.5);
    assert.ok(ci.lo < 0.5 && ci.hi > 0.5);
    assert.ok(ci.hi - ci.lo > 0.11 && ci.hi - ci.lo < 0.17, `width ${ci.hi - ci.lo}`);
  });

  it('draws uniformly from [0, 1)', () => {
    const rnd = seededRandom(3);
    const draws = Array.from({ length: 10_000 }, rnd);
    assert.ok(draws.every((x) => x >= 0 && x < 1));
    const m = draws.reduce((s, x) => s + x, 0) / draws.length;
    assert.ok(Math.abs(m - 0.5) < 0.02);
  });
});
