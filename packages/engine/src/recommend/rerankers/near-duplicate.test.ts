import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { jaccard, nearDuplicate, titleBigrams } from './near-duplicate.ts';

function item(ix: number, title: string, score: number): RankedItem {
  const meta = { ix, id: `n${ix}`, title } as NoteMeta;
  return { ix, meta, retrieval: new Map(), reasons: [], exploration: false, score };
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
  const r = nearDuplicate({});
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
  const r = nearDuplicate({});
  const items = [item(1, 'DeepSeek 保姆级攻略', 0.9), item(2, '周末去杭州旅行探店', 0.8), item(3, 'Cat grooming at home', 0.7)];
  assert.deepEqual(r.rerank(items, { limit: 3 } as FeedContext).map((i) => i.ix), [1, 2, 3]);
});
