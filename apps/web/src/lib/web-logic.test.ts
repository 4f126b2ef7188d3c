import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Taxonomy } from '@notewave/api-client';
import { hashtagAt, splitHashtags } from './hashtag.ts';
import { formatCount, formatDate, translate } from './i18n.ts';
import { moveItem } from './move-item.ts';
import { readPortion } from './read-progress-math.ts';
import { reasonSentence, topicName } from './reasons.ts';
import { parseRoute } from './routes.ts';
import { watchPortion } from './watch.ts';

const TAXONOMY: Taxonomy = {
  categories: [{ id: 'travel', en: 'Travel & shop visits', zh: '旅行探店', children: [{ id: 'travel/itineraries', en: 'Itineraries', zh: '旅行攻略' }] }],
};

test('reasons become sentences in either language from their code and parameters', () => {
  const search = { code: 'search', text: "you searched 'camping'", params: { query: '露营' } };
  assert.equal(reasonSentence(search, TAXONOMY, 'zh'), '因为你搜索了「露营」');
  assert.equal(reasonSentence({ ...search, params: { query: 'camping' } }, TAXONOMY, 'en'), "because you searched 'camping'");
  const popular = { code: 'popular', text: 'popular in itineraries', params: { topic: 's:travel/itineraries' } };
  assert.equal(reasonSentence(popular, TAXONOMY, 'zh'), '旅行攻略热门');
  assert.equal(reasonSentence(popular, TAXONOMY, 'en'), 'popular in Itineraries');
  assert.equal(reasonSentence({ code: 'saved', text: 'you saved notes on #露营', params: { topic: 't:露营' } }, TAXONOMY, 'zh'), '你收藏过#露营相关笔记');
  assert.equal(reasonSentence({ code: 'trending', text: 'trending in US', params: { market: 'US' } }, null, 'zh'), 'US正在流行');
  assert.equal(reasonSentence({ code: 'fresh', text: 'new note' }, null, 'zh'), '新笔记');
});

test('a reason the client does not know is never shown in English to a Chinese reader', () => {
  assert.equal(reasonSentence({ code: 'editor', text: 'editor pick' }, null, 'zh'), '为你推荐');
  assert.equal(reasonSentence({ code: 'editor', text: 'editor pick' }, null, 'en'), 'editor pick');
  // A topic reason without its topic cannot be phrased: the generic sentence again.
  assert.equal(reasonSentence({ code: 'liked', text: 'you liked notes on x' }, null, 'zh'), '为你推荐');
});

test('topic keys show categories by name, tags as hashtags and terms as written', () => {
  assert.equal(topicName('c:travel', TAXONOMY, 'zh'), '旅行探店');
  assert.equal(topicName('s:travel/itineraries', TAXONOMY, 'en'), 'Itineraries');
  assert.equal(topicName('t:camping', TAXONOMY, 'en'), '#camping');
  assert.equal(topicName('w:DeepSeek', TAXONOMY, 'zh'), 'DeepSeek');
  assert.equal(topicName('s:unknown/x', TAXONOMY, 'zh'), 'unknown/x');
});

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
