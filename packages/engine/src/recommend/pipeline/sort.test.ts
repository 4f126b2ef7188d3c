import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../../runtime/rng.ts';
import { Sorter } from './sort.ts';

const sorter = new Sorter();

interface Row {
  id: number;
  score: number;
  ix: number;
}

function rows(rng: SeededRng, n: number, distinct: number): Row[] {
  // Few distinct scores make many ties, which is where a sort that is not stable would differ.
  return Array.from({ length: n }, (_, id) => ({ id, score: distinct > 0 ? rng.int(distinct) / 7 - 1 : rng.next(), ix: rng.int(n * 2) }));
}

test('sorts by key, highest first, keeping equal keys in their order: the same order as Array.prototype.sort', () => {
  const rng = new SeededRng(3);
  for (const n of [0, 1, 2, 3, 15, 16, 17, 33, 100, 257, 700]) {
    for (const distinct of [0, 1, 3, 20]) {
      const a = rows(rng, n, distinct);
      const expected = [...a].sort((x, y) => y.score - x.score).map((r) => r.id);
      assert.deepEqual(sorter.sortByKeyDesc(a, (r) => r.score).map((r) => r.id), expected, `n=${n} distinct=${distinct}`);
      const b = rows(rng, n, distinct);
      const expectedTie = [...b].sort((x, y) => y.score - x.score || x.ix - y.ix).map((r) => r.id);
      assert.deepEqual(sorter.sortByKeyDescTieAsc(b, (r) => r.score, (r) => r.ix).map((r) => r.id), expectedTie, `tie n=${n} distinct=${distinct}`);
      const c = rows(rng, n, distinct);
      const expectedScore = [...c].sort((x, y) => y.score - x.score).map((r) => r.id);
      assert.deepEqual(sorter.sortByScore(c).map((r) => r.id), expectedScore, `score n=${n} distinct=${distinct}`);
      const d = rows(rng, n, distinct);
      const expectedScoreIx = [...d].sort((x, y) => y.score - x.score || x.ix - y.ix).map((r) => r.id);
      assert.deepEqual(sorter.sortByScoreThenIx(d).map((r) => r.id), expectedScoreIx, `score+ix n=${n} distinct=${distinct}`);
    }
  }
});

test('an already sorted list and a reversed one come out right', () => {
  const asc = Array.from({ length: 50 }, (_, i) => ({ id: i, score: i, ix: 0 }));
  assert.deepEqual(sorter.sortByKeyDesc(asc, (r) => r.score).map((r) => r.id), Array.from({ length: 50 }, (_, i) => 49 - i));
  assert.deepEqual(sorter.sortByKeyDesc(asc, (r) => r.score).map((r) => r.id), Array.from({ length: 50 }, (_, i) => 49 - i));
});

test('a sorted list with a few lowered keys comes out as Array.prototype.sort orders it', () => {
  const rng = new SeededRng(9);
  for (const n of [20, 64, 300]) {
    for (let round = 0; round < 30; round++) {
      const a = Array.from({ length: n }, (_, id) => ({ id, score: Math.round((n - id) / 3), ix: id }));
      for (let k = 0; k < 1 + rng.int(n / 4); k++) (a[rng.int(n)] as Row).score *= rng.next() < 0.5 ? 0.3 : 0.5;
      const expected = [...a].sort((x, y) => y.score - x.score).map((r) => r.id);
      assert.deepEqual(sorter.sortByKeyDesc(a, (r) => r.score).map((r) => r.id), expected);
    }
  }
});

test('positions ordered by a key array match sorting the positions with the equivalent comparator', () => {
  const rng = new SeededRng(21);
  for (const n of [0, 1, 2, 17, 100, 600]) {
    for (const distinct of [0, 2, 9]) {
      const keys = new Float64Array(n + 5).map(() => (distinct > 0 ? rng.int(distinct) : rng.next()));
      const expected = Array.from({ length: n }, (_, i) => i).sort((a, b) => (keys[b] as number) - (keys[a] as number));
      assert.deepEqual([...sorter.orderByKeyDesc(keys, n).subarray(0, n)], expected, `n=${n} distinct=${distinct}`);
    }
  }
});

test('two sorters keep separate buffers: an order one returned survives sorts by the other', () => {
  const a = new Sorter();
  const b = new Sorter();
  const order = a.orderByKeyDesc(new Float64Array([1, 3, 2]), 3);
  b.orderByKeyDesc(new Float64Array([9, 8, 7, 6, 5]), 5);
  b.sortByScore([{ score: 1 }, { score: 2 }, { score: 3 }]);
  assert.deepEqual([...order.subarray(0, 3)], [1, 2, 0]);
});
