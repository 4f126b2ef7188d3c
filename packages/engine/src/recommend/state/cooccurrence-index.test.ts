import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CooccurrenceIndex, kthLargest } from './cooccurrence-index.ts';

test('similarity is the co-occurrence count normalised by both notes\' positives, strongest first', () => {
  const c = new CooccurrenceIndex();
  c.record(1, 1, []);
  c.record(2, 1, [1]);
  c.record(3, 1, [2, 1]);
  c.record(2, 1, [3, 1]);
  // counts: 1 → 1, 2 → 2, 3 → 1; pairs: (1,2) 2, (1,3) 1, (2,3) 2
  const n2 = c.neighbours(2, 10);
  assert.deepEqual(n2.map((x) => x.ix), [1, 3], 'ties in the order the neighbours were first seen');
  assert.ok(Math.abs(n2[0]!.score - 2 / Math.sqrt(2)) < 1e-12);
  assert.ok(Math.abs(n2[1]!.score - 2 / Math.sqrt(2)) < 1e-12);
  const n1 = c.neighbours(1, 10);
  assert.deepEqual(n1, [{ ix: 2, score: 2 / Math.sqrt(2) }, { ix: 3, score: 1 }]);
  assert.deepEqual(c.neighbours(1, 1).map((x) => x.ix), [2], 'limited to n');
  assert.deepEqual(c.neighbours(99, 5), [], 'unknown notes have no neighbours');
});

test('a note never co-occurs with itself', () => {
  const c = new CooccurrenceIndex();
  c.record(5, 1, [5, 6]);
  assert.deepEqual(c.neighbours(5, 10).map((x) => x.ix), [6]);
  assert.deepEqual(c.neighbours(6, 10).map((x) => x.ix), [5]);
});

test('rows stay bounded and keep their strongest neighbours', () => {
  const cap = 8;
  const c = new CooccurrenceIndex(cap);
  // Note 0 co-occurs with 1..200; note k gets weight k, so the strongest are the largest ix.
  for (let k = 1; k <= 200; k++) c.record(0, k, [k]);
  assert.ok(c.rowSize(0) <= cap * 1.5, `row size ${c.rowSize(0)}`);
  const top = c.neighbours(0, cap).map((x) => x.ix);
  assert.deepEqual(top, [200, 199, 198, 197, 196, 195, 194, 193]);
  // Repeated bumps of an existing neighbour add up instead of adding entries.
  for (let i = 0; i < 50; i++) c.record(0, 1, [7]);
  assert.ok(c.rowSize(0) <= cap * 1.5);
});

test('a trim keeps the earliest of equally strong neighbours', () => {
  const c = new CooccurrenceIndex(4);
  // Row of note 0 fills to 7 entries (limit: 1.5 × 4 + 1) with equal weights, then trims to 4.
  for (let k = 1; k <= 7; k++) c.record(0, 1, [k]);
  assert.equal(c.rowSize(0), 4);
  assert.deepEqual(c.neighbours(0, 10).map((x) => x.ix).sort((a, b) => a - b), [1, 2, 3, 4]);
});

test('kthLargest agrees with a sort', () => {
  let x = 12345;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let trial = 0; trial < 300; trial++) {
    const n = 1 + Math.floor(rnd() * 120);
    const values = Array.from({ length: n }, () => Math.floor(rnd() * 10) / 2);
    const k = 1 + Math.floor(rnd() * n);
    const sorted = [...values].sort((a, b) => b - a);
    assert.equal(kthLargest(Float64Array.from(values), n, k), sorted[k - 1], `n=${n} k=${k} ${values.join(',')}`);
  }
});

test('many rows growing, trimming and moving in the shared slab match a plain reference model', () => {
  const cap = 6;
  const limit = Math.floor(cap * 1.5) + 1;
  const c = new CooccurrenceIndex(cap);
  const ref = new Map<number, { k: number; v: number }[]>();
  const counts = new Map<number, number>();
  const append = (x: number, y: number, w: number) => {
    const row = ref.get(x)!;
    row.push({ k: y, v: w });
    if (row.length >= limit) {
      const keep = new Set([...row].sort((a, b) => b.v - a.v).slice(0, cap));
      ref.set(x, row.filter((r) => keep.has(r)));
    }
  };
  const bump = (x: number, y: number, w: number) => {
    if (!ref.has(x)) ref.set(x, []);
    const e = ref.get(x)!.find((r) => r.k === y);
    if (e) e.v += w;
    else append(x, y, w);
  };
  // The engaged note's own row: its existing neighbours are raised first, then the new ones appended in order.
  const bumpAll = (x: number, ys: number[], w: number) => {
    if (!ref.has(x)) ref.set(x, []);
    const fresh = ys.filter((y) => {
      const e = ref.get(x)!.find((r) => r.k === y);
      if (e) e.v += w;
      return !e;
    });
    for (const y of fresh) append(x, y, w);
  };
  let x = 7;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const history: number[][] = Array.from({ length: 40 }, () => []);
  for (let i = 0; i < 5_000; i++) {
    const u = Math.floor(rnd() * history.length);
    const ix = Math.floor(300 * rnd() ** 2);
    const w = rnd() < 0.5 ? 0.5 : 1;
    const h = history[u]!;
    c.record(ix, w, h);
    counts.set(ix, (counts.get(ix) ?? 0) + w);
    const others = h.filter((y) => y !== ix);
    if (others.length > 0) bumpAll(ix, others, w);
    for (const y of others) bump(y, ix, w);
    const j = h.indexOf(ix);
    if (j >= 0) h.splice(j, 1);
    h.unshift(ix);
    if (h.length > 12) h.length = 12;
  }
  const n = (ix: number) => counts.get(ix) ?? 1;
  for (let ix = 0; ix < 300; ix++) {
    const row = ref.get(ix) ?? [];
    assert.equal(c.rowSize(ix), row.length, `row ${ix}`);
    const expected = row.map((r) => ({ ix: r.k, score: r.v / Math.sqrt(n(ix) * n(r.k)) })).sort((a, b) => b.score - a.score);
    assert.deepEqual(c.neighbours(ix, 100), expected, `neighbours of ${ix}`);
  }
});

test('a history that repeats a note counts each occurrence, as one bump per pair would', () => {
  const c = new CooccurrenceIndex();
  c.record(1, 1, [2, 3, 2]);
  c.record(4, 1, [2, 3]);
  // Row 1: (2) twice, (3) once; row 4: one each. counts: 1 → 1, 4 → 1; 2 and 3 have none (1).
  assert.deepEqual(c.neighbours(1, 10), [{ ix: 2, score: 2 }, { ix: 3, score: 1 }]);
  assert.deepEqual(c.neighbours(2, 10), [{ ix: 1, score: 2 }, { ix: 4, score: 1 }]);
  assert.deepEqual(c.neighbours(4, 10).map((x) => x.score), [1, 1]);
});
