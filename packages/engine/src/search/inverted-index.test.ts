import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvertedIndex } from './inverted-index.ts';

test('long posting lists stay sorted and complete as they grow, out of order and with removals', () => {
  const idx = new InvertedIndex();
  const docs: number[] = [];
  for (let i = 0; i < 3000; i++) docs.push((i * 7919) % 3001);
  for (const d of docs) idx.add(d, [['common'], d % 3 === 0 ? ['third'] : [], []]);
  for (const d of docs.slice(0, 500)) idx.remove(d, [['common'], d % 3 === 0 ? ['third'] : [], []]);
  const live = docs.slice(500).sort((a, b) => a - b);
  for (const [term, want] of [['common', live], ['third', live.filter((d) => d % 3 === 0)]] as const) {
    const tid = idx.termId(term);
    const list = idx.postings(tid);
    const got: number[] = [];
    for (let i = 0; i < idx.df(tid); i++) got.push(list[i * 2] as number);
    assert.deepEqual(got, want);
  }
  assert.equal(idx.docCount, 2500);
});
