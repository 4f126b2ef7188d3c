import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvertedIndex } from './inverted-index.ts';
import { executeAnd, executeOr, executeOrExhaustive } from './query-executor.ts';
import type { Clause } from './query-plan.ts';
import { TopK } from './top-k.ts';
import { SeededRng } from '../runtime/rng.ts';

function seeded(seed: number): () => number {
  const r = new SeededRng(seed);
  return () => r.next();
}


// Zipf-like vocabulary: a few terms in most documents, a long tail of rare ones, as in real notes.
function corpus(docs: number, vocabulary: number, seed: number): InvertedIndex {
  const r = seeded(seed);
  const word = () => `w${Math.floor(vocabulary ** r() ** 1.6) - 1}`;
  const index = new InvertedIndex();
  for (let d = 0; d < docs; d++) {
    const field = (n: number) => Array.from({ length: Math.floor(r() * n) }, word);
    index.add(d, [field(8), field(3), field(40)]);
  }
  return index;
}

function randomQuery(index: InvertedIndex, r: () => number, vocabulary: number): { clauses: Clause[]; minMatch: number } {
  const n = 1 + Math.floor(r() * 6);
  const clauses: Clause[] = [];
  for (let i = 0; i < n; i++) {
    const tids: number[] = [];
    const weights: number[] = [];
    const alternatives = r() < 0.3 ? 2 + Math.floor(r() * 2) : 1;
    for (let k = 0; k < alternatives; k++) {
      const tid = index.termId(`w${Math.floor(vocabulary ** r() ** 1.3) - 1}`);
      if (tid >= 0 && !tids.includes(tid)) {
        tids.push(tid);
        weights.push(k === 0 ? 1 : 0.3 + r() * 0.5);
      }
    }
    clauses.push({ tids, weights, ...(i === n - 1 && n > 1 && r() < 0.5 ? { head: true } : {}) });
  }
  return { clauses, minMatch: 1 + Math.floor(r() * n) };
}

test('MaxScore returns the same top documents, scores and order as scoring every posting', () => {
  const vocabulary = 400;
  const index = corpus(4000, vocabulary, 7);
  const r = seeded(11);
  let differentTotals = 0;
  let compared = 0;
  for (let q = 0; q < 400; q++) {
    const { clauses, minMatch } = randomQuery(index, r, vocabulary);
    const k = q % 4 === 0 ? 50 : 10;
    const budget = q % 5 === 0 ? 300 : 1_000_000;
    const skip = q % 3 === 0 ? 7 : 0;
    const accept = (doc: number) => skip === 0 || doc % skip !== 0;
    const fast = new TopK(k);
    const slow = new TopK(k);
    const a = executeOr(index, clauses, accept, fast, budget, minMatch);
    const b = executeOrExhaustive(index, clauses, accept, slow, budget, minMatch);
    const got = fast.drain();
    const want = slow.drain();
    assert.deepEqual(got, want, `query ${q}: ${JSON.stringify({ clauses, minMatch, k, budget })}`);
    compared += want.length;
    if (!a.estimated) assert.equal(a.total, b.total, `query ${q}: exact totals agree`);
    if (a.total !== b.total) differentTotals++;
  }
  // The comparison is not vacuous: most queries return full pages.
  assert.ok(compared > 400 * 8, `compared ${compared} results`);
  assert.ok(differentTotals < 400, 'totals mostly agree');
});

test('MaxScore skips documents that only common terms match once the page is full', () => {
  const index = new InvertedIndex();
  // "common" is in every document, "rare" in every tenth: a page of rare matches leaves common-only ones out.
  for (let d = 0; d < 2000; d++) index.add(d, [[], [], d % 10 === 0 ? ['common', 'rare'] : ['common']]);
  const clauses: Clause[] = [{ tids: [index.termId('common')], weights: [1] }, { tids: [index.termId('rare')], weights: [1] }];
  const fast = new TopK(10);
  const slow = new TopK(10);
  const a = executeOr(index, clauses, () => true, fast, 1_000_000, 1);
  const b = executeOrExhaustive(index, clauses, () => true, slow, 1_000_000, 1);
  assert.deepEqual(fast.drain(), slow.drain());
  assert.equal(b.total, 2000);
  assert.equal(b.estimated, false);
  // Skipping shows as an extrapolated total.
  assert.equal(a.estimated, true);
});

test('a conjunction driven by a group of terms scores it list by list exactly as probing each list per candidate', () => {
  const vocabulary = 400;
  const index = corpus(4000, vocabulary, 13);
  const r = seeded(17);
  let compared = 0;
  let grouped = 0;
  for (let q = 0; q < 400; q++) {
    const { clauses } = randomQuery(index, r, vocabulary);
    // Prefix completions: a group of several terms, some bridged, at times the only clause.
    const group: Clause = { tids: [], weights: [] };
    const size = 2 + Math.floor(r() * 8);
    for (let k = 0; k < size; k++) {
      const tid = index.termId(`w${Math.floor(vocabulary ** r() ** 1.6) - 1}`);
      if (tid >= 0 && !group.tids.includes(tid)) {
        group.tids.push(tid);
        group.weights.push(k === 0 ? 1 : 0.6);
      }
    }
    if (r() < 0.3) group.bridged = group.tids.filter((_, i) => i > 0 && r() < 0.5);
    const query = q % 4 === 0 ? [group] : [group, ...clauses.slice(0, 1 + Math.floor(r() * 2)).map((c) => (r() < 0.2 ? { ...c, optional: true } : c))];
    const k = q % 4 === 1 ? 50 : 10;
    const budget = q % 3 === 0 ? 200 : q % 3 === 1 ? 2000 : 1_000_000;
    const accept = (doc: number) => q % 5 !== 0 || doc % 3 !== 0;
    const fast = new TopK(k);
    const slow = new TopK(k);
    const a = executeAnd(index, query, accept, fast, budget, () => false);
    const b = executeAnd(index, query, accept, slow, budget, () => false, false);
    const want = slow.drain();
    assert.deepEqual(fast.drain(), want, `query ${q}: ${JSON.stringify({ query, k, budget })}`);
    assert.deepEqual(a, b, `query ${q}: totals`);
    compared += want.length;
    if (group.tids.length > 1) grouped++;
  }
  assert.ok(grouped > 300, `${grouped} queries with a group`);
  assert.ok(compared > 400 * 5, `compared ${compared} results`);
});

test('a disjunction that counts a document\'s clauses before scoring it returns the same pages and totals as scoring every document', () => {
  const vocabulary = 300;
  const index = corpus(5000, vocabulary, 23);
  const r = seeded(29);
  let compared = 0;
  let counted = 0;
  for (let q = 0; q < 600; q++) {
    const { clauses, minMatch } = randomQuery(index, r, vocabulary);
    for (const c of clauses) if (c.tids.length > 1 && r() < 0.3) c.bridged = c.tids.slice(1);
    const k = [10, 20, 50, 200][q % 4] as number;
    const budget = q % 5 === 0 ? 300 : q % 5 === 1 ? 2000 : 1_000_000;
    const accept = (doc: number) => q % 3 !== 0 || doc % 7 !== 0;
    const fast = new TopK(k);
    const slow = new TopK(k);
    const a = executeOr(index, clauses, accept, fast, budget, minMatch);
    const b = executeOr(index, clauses, accept, slow, budget, minMatch, false);
    const want = slow.drain();
    assert.deepEqual(fast.drain(), want, `query ${q}: ${JSON.stringify({ clauses, minMatch, k, budget })}`);
    assert.deepEqual(a, b, `query ${q}: totals`);
    compared += want.length;
    // Documents below the minimum are only counted where no list was skipped and some clause count was required.
    if (minMatch > 1 && clauses.length > 1 && !a.estimated && want.length > 0) counted++;
  }
  assert.ok(counted > 30, `${counted} queries counted clauses before scoring`);
  assert.ok(compared > 600 * 8, `compared ${compared} results`);
});
