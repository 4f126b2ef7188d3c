import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { Sorter } from '../pipeline/sort.ts';
import { SeededRng } from '../../runtime/rng.ts';
import { bigramCodes, jaccard, nearDuplicate, similarAtLeast, titleBigrams } from './near-duplicate.ts';

const deps = { sort: new Sorter() } as ComponentDeps;

function item(ix: number, title: string, score: number): RankedItem {
  const meta = { ix, id: `n${ix}`, title } as NoteMeta;
  return { ix, meta, sources: [], retrievals: [], reasons: [], exploration: false, score };
}

test('titles that differ only in numbers and punctuation are near-duplicates', () => {
  const a = titleBigrams('谁懂啊！坚持10周，我的早晚护肤顺序');
  const b = titleBigrams('坚持8周，我的早晚护肤顺序✨');
  const c = titleBigrams('长沙住过最值的设计酒店，人均500');
  assert.ok(jaccard(a, b) > 0.55, `similar: ${jaccard(a, b)}`);
  assert.ok(jaccard(a, c) < 0.1, `different: ${jaccard(a, c)}`);
  assert.equal(jaccard(new Set(), new Set()), 0);
});

test('a near-duplicate of a higher note is pushed below distinct notes', () => {
  const r = nearDuplicate({}, deps);
  const items = [
    item(1, '坚持10周，我的早晚护肤顺序', 1.0),
    item(2, '坚持8周，我的早晚护肤顺序', 0.9),
    item(3, 'Weekend in Hangzhou: 10 cafés', 0.8),
    item(4, 'My 5-step skincare routine', 0.7),
  ];
  const out = r.rerank(items, { limit: 4 } as FeedContext).map((i) => i.ix);
  assert.deepEqual(out, [1, 3, 4, 2]);
});

test('distinct titles keep their order', () => {
  const r = nearDuplicate({}, deps);
  const items = [item(1, 'DeepSeek 保姆级攻略', 0.9), item(2, '周末去杭州旅行探店', 0.8), item(3, 'Cat grooming at home', 0.7)];
  assert.deepEqual(r.rerank(items, { limit: 3 } as FeedContext).map((i) => i.ix), [1, 2, 3]);
});

test('prefix filtering penalises exactly the titles a comparison with every placed title would', () => {
  const rng = new SeededRng(11);
  const stems = ['坚持周我的早晚护肤顺序', '周末去杭州旅行探店', 'DeepSeek 保姆级攻略', 'cat grooming at home', '长沙住过最值的设计酒店'];
  const letters = '护肤顺序早晚周末旅行探店攻略设计酒店abcdefgh';
  const title = (): string => {
    const base = stems[rng.int(stems.length)] as string;
    let out = '';
    for (const ch of base) {
      const r = rng.next();
      if (r < 0.15) continue;
      out += r < 0.3 ? letters[rng.int(letters.length)] : ch;
    }
    return rng.next() < 0.2 ? out + letters[rng.int(letters.length)] : out;
  };
  for (const threshold of [0, 0.2, 0.4, 0.55, 0.7, 0.9, 1]) {
    let duplicates = 0;
    for (let round = 0; round < 40; round++) {
      const items = Array.from({ length: 60 }, (_, i) => item(i, title(), 1 - i / 100));
      const expected = new Set<number>();
      const placed: Uint32Array[] = [];
      for (const it of items.slice(0, 40)) {
        const sig = bigramCodes(titleBigrams(it.meta.title));
        if (sig.length === 0) continue;
        if (placed.some((p) => similarAtLeast(p, sig, threshold))) expected.add(it.ix);
        else placed.push(sig);
      }
      const out = nearDuplicate({ threshold, penalty: 0.5 }, deps).rerank(items, { limit: 10 } as FeedContext);
      const penalised = new Set(out.filter((it) => it.score !== 1 - it.ix / 100).map((it) => it.ix));
      assert.deepEqual([...penalised].sort((a, b) => a - b), [...expected].sort((a, b) => a - b), `threshold ${threshold}`);
      duplicates += expected.size;
    }
    // The titles are built to hold both near-duplicates and distinct ones at the thresholds that matter.
    if (threshold > 0 && threshold < 1) assert.ok(duplicates > 0 && duplicates < 40 * 40, `threshold ${threshold}: ${duplicates}`);
  }
});

test('the signature comparison agrees with the Jaccard similarity of the bigram sets at every threshold', () => {
  const rng = new SeededRng(5);
  const alphabet = '护肤顺序早晚周末旅行探店攻略abcdef';
  const word = (): string => Array.from({ length: rng.int(24) }, () => alphabet[rng.int(alphabet.length)]).join('');
  let agreedTrue = 0;
  for (let k = 0; k < 3000; k++) {
    const base = word();
    const other = rng.next() < 0.5 ? base.slice(rng.int(4)) + word().slice(0, rng.int(4)) : word();
    const [a, b] = [titleBigrams(base), titleBigrams(other)];
    for (const t of [0, 0.1, 0.3, 0.5, 0.55, 0.6, 0.75, 1]) {
      const expected = a.size + b.size > 0 && jaccard(a, b) >= t;
      assert.equal(similarAtLeast(bigramCodes(a), bigramCodes(b), t), expected, `${base} / ${other} at ${t}`);
      if (expected && t >= 0.5) agreedTrue++;
    }
  }
  assert.ok(agreedTrue > 100, `similar pairs tested: ${agreedTrue}`);
});
