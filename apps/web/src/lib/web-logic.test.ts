import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashtagAt, splitHashtags } from './hashtag.ts';
import { formatCount, formatDate, translate } from './i18n.ts';
import { moveItem } from './move-item.ts';
import { readPortion } from './read-progress-math.ts';
import { parseRoute } from './routes.ts';
import { watchPortion } from './watch.ts';

test('counts read as 1.2万 in Chinese and 12K in English', () => {
  assert.equal(formatCount('zh', 12_000), '1.2万');
  assert.equal(formatCount('en', 12_000), '12K');
  assert.equal(formatCount('zh', 950), '950');
});

test('recent dates are relative and older ones calendar dates, in the reader\'s language', () => {
  const now = Date.UTC(2026, 0, 20, 12);
  assert.equal(formatDate('en', now - 3 * 86_400_000, now), '3 days ago');
  assert.equal(formatDate('zh', now - 3 * 86_400_000, now), '3天前');
  assert.equal(formatDate('en', now - 2 * 3_600_000, now), '2 hours ago');
  assert.match(formatDate('zh', Date.UTC(2025, 4, 1), now), /2025年5月1日/);
});

test('messages fill their placeholders', () => {
  assert.equal(translate('zh', 'savedTo', { name: '周末' }), '已收藏到「周末」');
  assert.equal(translate('en', 'results', { n: 3, q: 'tea' }), '3 results for “tea”');
});

test('paths map to the app\'s screens, anything else to not-found', () => {
  assert.deepEqual(parseRoute('/', ''), { name: 'discover' });
  assert.deepEqual(parseRoute('/search', '?q=%E9%9C%B2%E8%90%A5&kind=video'), { name: 'search', q: '露营', kind: 'video' });
  assert.deepEqual(parseRoute('/search', '?q=x&kind=bogus'), { name: 'search', q: 'x' });
  assert.deepEqual(parseRoute('/search', '?q=x&category=food'), { name: 'search', q: 'x', category: 'food' });
  assert.deepEqual(parseRoute('/note/n_1', ''), { name: 'note', id: 'n_1' });
  assert.deepEqual(parseRoute('/user/u_1/saved', ''), { name: 'user', id: 'u_1', tab: 'saved' });
  assert.deepEqual(parseRoute('/user/u_1/whatever', ''), { name: 'user', id: 'u_1', tab: 'notes' });
  assert.deepEqual(parseRoute('/post/n_2', ''), { name: 'post', editId: 'n_2' });
  assert.deepEqual(parseRoute('/note', ''), { name: 'not-found' });
  assert.deepEqual(parseRoute('/admin', ''), { name: 'not-found' });
});

test('a clip that looped counts as fully watched; otherwise seconds played over its length', () => {
  assert.equal(watchPortion({ playedSec: 3, durationSec: 6, loops: 0 }), 0.5);
  assert.equal(watchPortion({ playedSec: 2, durationSec: 6, loops: 1 }), 1);
  assert.equal(watchPortion({ playedSec: 9, durationSec: 6, loops: 0 }), 1);
  assert.equal(watchPortion({ playedSec: 1, durationSec: 0, loops: 0 }), 0);
});

test('a read is capped by how long the text takes to read', () => {
  assert.equal(readPortion(1, 60_000, 500), 1);
  assert.equal(readPortion(1, 1_000, 500), 0.05);
  assert.equal(readPortion(0.4, 60_000, 500), 0.4);
});

test('hashtags are found in text and while typing', () => {
  assert.deepEqual(splitHashtags('周末 #露营# 和 #camping, 好玩'), ['周末 ', { tag: '露营' }, ' 和 ', { tag: 'camping' }, ', 好玩']);
  assert.deepEqual(splitHashtags('no tags'), ['no tags']);
  assert.deepEqual(hashtagAt('去 #露', 4), { start: 2, word: '露' });
  assert.equal(hashtagAt('去 #露 营', 6), null);
});

test('images move one step left or right, never off the ends', () => {
  assert.deepEqual(moveItem(['a', 'b', 'c'], 0, 1), ['b', 'a', 'c']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 2, -1), ['a', 'c', 'b']);
  assert.deepEqual(moveItem(['a', 'b', 'c'], 0, -1), ['a', 'b', 'c']);
});
