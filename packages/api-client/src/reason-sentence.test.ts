import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reasonLangFromHeader, reasonSentence } from './reason-sentence.ts';
import type { Taxonomy } from './system.schema.ts';

const TAXONOMY: Taxonomy = {
  categories: [{ id: 'travel', en: 'Travel & shop visits', zh: '旅行探店', children: [{ id: 'travel/itineraries', en: 'Itineraries', zh: '旅行攻略' }] }],
};
const ctx = { taxonomy: TAXONOMY };
const say = (code: string, params: Record<string, string>, l: 'en' | 'zh', authorName?: string) => reasonSentence({ code, params }, { ...ctx, authorName }, l);

test('a search reason names the query in either language, and the category or tag it led to', () => {
  assert.equal(say('search', { query: '露营' }, 'zh'), '因为你搜索了「露营」');
  assert.equal(say('search', { query: '露营' }, 'en'), 'because you searched “露营”');
  assert.equal(say('search', { query: 'camping', topic: 's:travel/itineraries' }, 'en'), 'because you searched “camping” · Itineraries');
  assert.equal(say('search', { query: 'camping', topic: 's:travel/itineraries' }, 'zh'), '因为你搜索了「camping」 · 旅行攻略');
  assert.equal(say('search', { query: '露营', topic: 't:露营装备' }, 'en'), 'because you searched “露营” · “#露营装备”');
});

test('categories are named by their localised names, never by their ids', () => {
  assert.equal(say('popular', { topic: 's:travel/itineraries' }, 'en'), 'popular in Itineraries');
  assert.equal(say('popular', { topic: 's:travel/itineraries' }, 'zh'), '「旅行攻略」热门');
  assert.equal(say('saved', { topic: 'c:travel' }, 'en'), 'you saved notes on Travel & shop visits');
  assert.equal(say('finished', { topic: 'c:travel' }, 'zh'), '你读完过「旅行探店」相关笔记');
  for (const l of ['en', 'zh'] as const) {
    assert.doesNotMatch(say('popular', { topic: 's:travel/itineraries' }, l), /itineraries|travel\//);
    // A category this client has no name for (or before the taxonomy has loaded) is left out, not shown as an id.
    assert.doesNotMatch(reasonSentence({ code: 'popular', params: { topic: 's:travel/itineraries' } }, { taxonomy: null }, l), /travel|itineraries/i);
    assert.doesNotMatch(say('liked', { topic: 's:outdoor/camping' }, l), /outdoor|camping/);
  }
});

test('English sentences quote a Chinese tag as a hashtag instead of mixing it into the sentence', () => {
  assert.equal(say('popular', { topic: 't:旅行攻略' }, 'en'), 'popular among “#旅行攻略” notes');
  assert.equal(say('saved', { topic: 't:露营' }, 'en'), 'you saved “#露营” notes');
  assert.equal(say('liked', { topic: 't:camping' }, 'en'), 'you liked #camping notes');
  assert.equal(say('saved', { topic: 't:露营' }, 'zh'), '你收藏过#露营相关笔记');
  assert.equal(say('followed', { topic: 't:露营' }, 'en'), 'you follow creators who post “#露营”');
});

test('title phrases are never quoted: the sentence stays generic instead', () => {
  assert.equal(say('finished', { topic: 'w:款谁最不油' }, 'en'), 'you finished similar notes');
  assert.equal(say('finished', { topic: 'w:款谁最不油' }, 'zh'), '你读完过类似笔记');
  assert.equal(say('search', { query: '粉底液', topic: 'w:款谁最不油' }, 'zh'), '因为你搜索了「粉底液」');
});

test('the trend reason names the trending tag and the market by name', () => {
  assert.equal(say('trending', { tag: '冰岛极光', market: 'CN' }, 'zh'), '#冰岛极光 在中国正在流行');
  assert.equal(say('trending', { tag: '冰岛极光', market: 'CN' }, 'en'), '“#冰岛极光” is trending in China');
  assert.equal(say('trending', { tag: 'aurora' }, 'en'), '#aurora is trending now');
  assert.equal(say('trending', { tag: 'aurora', market: 'US' }, 'zh'), '#aurora 在美国正在流行');
});

test('author reasons name the author when the note is known', () => {
  assert.equal(say('following', {}, 'en', 'Lin'), 'from Lin, whom you follow');
  assert.equal(say('following', {}, 'zh', '林'), '来自你关注的林');
  assert.equal(say('new_creator', {}, 'en', 'Lin'), 'Lin is a new creator');
  assert.equal(say('following', {}, 'zh'), '来自你关注的人');
});

test('a similar-note reason quotes the whole title, shortened when long', () => {
  assert.equal(say('similar', { title: '手冲咖啡粉水比怎么调', signal: 'save' }, 'zh'), '与你收藏过的「手冲咖啡粉水比怎么调」相似');
  assert.equal(say('similar', { title: 'A very long title about weekend camping gear', signal: 'like' }, 'en'), 'similar to “A very long title…”, which you liked');
});

test('no sentence in one language carries the other language\'s words', () => {
  const codes = ['search', 'finished', 'saved', 'commented', 'shared', 'liked', 'followed', 'topic', 'popular', 'trending', 'similar', 'following', 'new_creator', 'fresh', 'rising', 'collaborative', 'explore'];
  const params = { query: 'q', topic: 's:travel/itineraries', market: 'US', tag: 'aurora', title: 'title', signal: 'save' };
  for (const code of codes) {
    assert.doesNotMatch(say(code, params, 'en'), /[\u4e00-\u9fff]/, code);
    assert.match(say(code, params, 'zh'), /[\u4e00-\u9fff]/, code);
  }
});

test('a code the client does not know reads as a generic sentence in Chinese and keeps the server text in English', () => {
  assert.equal(reasonSentence({ code: 'editor', text: 'editor pick' }, ctx, 'zh'), '为你推荐');
  assert.equal(reasonSentence({ code: 'editor', text: 'editor pick' }, ctx, 'en'), 'editor pick');
  assert.equal(reasonSentence({ code: 'search', params: {} }, ctx, 'zh'), '为你推荐');
});

test('the reader\'s language is the first English or Chinese one in Accept-Language, by quality', () => {
  assert.equal(reasonLangFromHeader('zh-CN,zh;q=0.9,en;q=0.8'), 'zh');
  assert.equal(reasonLangFromHeader('fr-FR, en-US;q=0.7, zh;q=0.9'), 'zh');
  assert.equal(reasonLangFromHeader('en-GB'), 'en');
  assert.equal(reasonLangFromHeader('fr, de;q=0.5'), null);
  assert.equal(reasonLangFromHeader('zh;q=0, en'), 'en');
  assert.equal(reasonLangFromHeader(undefined), null);
  assert.equal(reasonLangFromHeader(''), null);
});
