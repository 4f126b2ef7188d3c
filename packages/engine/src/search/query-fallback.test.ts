import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../domain/note.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';

const WORDS = [
  '减肥', '减肥餐', '一日三餐', '三餐', '推荐', '咖啡', '咖啡店', '好喝', '安静', '防晒', '防晒霜', '素颜', '霜', '凡士林',
  '羽绒服', '餐厅', '台北', '精华', '淡化', '痘印', '克数', '称重', '新手', '养猫', '需要', '准备', '什么', '为什么', '妈妈', '宝藏', '男孩', '小店', '宝贝', '帆布包', '露营', '装备', '周末', '搞笑', '洗澡', '日常', '这家', '里', '很', '太', '了', '真的',
];

const engine = (notes: Note[]) => searchOver(WORDS, notes);

test('a query word the index never saw falls back to its known parts, the last word too', () => {
  const s = engine([note('meals', '减肥一日三餐', '一日三餐都吃饱'), note('cafe', '这家咖啡很好喝', '店里很安静'), note('other', '日常')]);
  assert.deepEqual(s.analyzer.queryTerms('减肥餐'), ['减肥餐'], 'the query keeps the word whole');
  assert.deepEqual(ids(s, '减肥餐'), ['meals']);
  assert.deepEqual(ids(s, '減肥餐'), ['meals']);
  assert.deepEqual(ids(s, '咖啡店'), ['cafe']);
  assert.deepEqual(ids(s, '咖啡店 '), ['cafe']);
});

test('a known word also reaches notes whose text has its parts apart, below the notes with the word', () => {
  const s = engine([note('vaseline', '凡士林防晒素颜霜'), note('cream', '防晒霜推荐', '防晒霜真的好用'), note('sun', '防晒日常')]);
  assert.deepEqual(ids(s, '防晒霜'), ['cream', 'vaseline']);
});

test('a one-character word matches inside longer words when it is not a term of its own', () => {
  const s = engine([note('bath', '带猫洗澡', '太搞笑了'), note('cat', '搞笑 猫 日常'), note('dog', '搞笑日常')]);
  const got = ids(s, '搞笑猫');
  assert.deepEqual(got.slice(0, 2), ['cat', 'bath']);
  assert.deepEqual(got.slice(2), ['dog'], 'a note with one of the two words only follows');
});

test('traditional characters anywhere in OpenCC’s table fold to simplified, in notes and queries', () => {
  const s = engine([note('coat', '羽绒服怎么选', '轻薄羽绒服'), note('food', '餐厅推荐', '这家餐厅真的好吃'), note('tw', '台北餐廳推薦')]);
  assert.deepEqual(ids(s, '羽絨服'), ['coat']);
  assert.deepEqual(new Set(ids(s, '餐廳推薦')), new Set(['food', 'tw']));
  assert.deepEqual(ids(s, '餐厅推荐').length, 2);
});

test('question words do not drive the fallback, and long queries need most of their words', () => {
  const s = engine([
    note('guide', '新手养猫指南', '第一次养猫'),
    note('mom', '为什么新手妈妈很累'),
    note('cat', '养猫日常'),
  ]);
  assert.deepEqual(ids(s, '新手养猫需要准备什么'), ['guide']);
  assert.deepEqual(ids(s, '什么'), ['mom'], 'a query of question words alone still searches them');
});

test('a note that is only its tags does not outrank notes about the words in a partial match', () => {
  const fan = (id: string) => note(id, '', `#宝藏男孩${id}`, { tags: [`宝藏男孩${id}`, '宝藏男孩'] });
  const long = '周末逛街发现一家很可爱的小店，衣服都很便宜，老板人也很好，适合慢慢逛，下次还会再来看看新款';
  const s = engine([fan('a'), fan('b'), fan('c'), note('shop', '周末逛街', long), note('shop2', '周末', `${long}，另一家小店`), note('bag', '帆布包')]);
  assert.deepEqual(ids(s, '宝藏小店').slice(0, 2).sort(), ['shop', 'shop2']);
});

test('a hashtag query ranks notes carrying the tag above notes that only mention the word', () => {
  const s = engine([note('text', '露营 露营 露营装备', '周末去露营'), note('tagged', '周末好去处', '山里过夜', { tags: ['露营'] })]);
  assert.deepEqual(ids(s, '#露营'), ['tagged', 'text']);
  assert.deepEqual(ids(s, '露营'), ['text', 'tagged']);
});

test('markup in a query is dropped, and a lone short number does not match the corpus in a fallback', () => {
  const s = engine([note('a', '第1次露营', '1'), note('b', '1号线 周末')]);
  assert.equal(s.search({ q: '<script>alert(1)</script>' }).total, 0);
  assert.deepEqual(s.search({ q: '<b>露营</b>' }).hits.map((h) => h.noteId), ['a']);
  assert.equal(s.search({ q: '1' }).total, 2, 'a number alone is still searched');
});

test('snippets show hashtags without their topic markup, and Latin hashtags are highlighted', () => {
  const s = engine([note('walk', '周末去哪儿', '上海漫步[哭惹R] #上海citywalk[话题]# #周末[话题]# #Citywalk', { tags: ['上海citywalk', '周末', 'citywalk'] })]);
  const body = s.search({ q: '#citywalk' }).hits[0]?.highlights.body ?? '';
  assert.equal(body, '上海漫步 #上海<mark>citywalk</mark> #周末 #<mark>Citywalk</mark>');
  assert.equal(s.search({ q: '周末' }).hits[0]?.highlights.body, '上海漫步 #上海citywalk #<mark>周末</mark> #Citywalk');
});

test('a misspelt word is corrected to the nearest known word when it finds more', () => {
  const s = engine([
    note('serum', '修丽可精华', '淡化痘印', { tags: ['修丽可'] }),
    note('other', '克数', '称重'),
    note('latte', 'Coffee shop review', 'The best restaurant coffee in town', { language: 'en' }),
  ]);
  assert.deepEqual(ids(s, '修丽克'), ['serum']);
  assert.deepEqual(ids(s, '修丽克 精华'), ['serum']);
  assert.deepEqual(ids(s, 'cofee'), ['latte']);
  assert.deepEqual(ids(s, 'restuarant cofee'), ['latte']);
  assert.equal(s.search({ q: 'xyzzy' }).total, 0);
  assert.equal(s.search({ q: '称重' }).total, 1, 'known words are never corrected');
});

test('typed pinyin completes and finds Chinese tags when a romanizer is given', () => {
  const READINGS: Record<string, string> = { 露: 'lu', 营: 'ying', 旅: 'lv', 行: 'xing', 咖: 'ka', 啡: 'fei' };
  const romanizer = { name: 'test', syllables: (t: string) => [...t].map((c) => READINGS[c]).filter((x): x is string => x !== undefined) };
  const s = searchOver(WORDS, [
    note('camp', '周末去山里', '第一次在山里过夜', { tags: ['露营'] }),
    note('camp2', '露营装备', '帐篷和睡袋', { tags: ['露营'] }),
    note('trip', '周末旅行', '说走就走', { tags: ['旅行'] }),
  ], romanizer);
  assert.equal(s.suggest('ly')[0]?.text, '露营');
  assert.equal(s.suggest('luy')[0]?.text, '露营');
  assert.ok(s.suggest('lx').some((x) => x.text === '旅行'));
  assert.deepEqual(new Set(ids(s, 'lying')), new Set(['camp', 'camp2']));
  assert.deepEqual(new Set(ids(s, 'luying')), new Set(['camp', 'camp2']));
  assert.deepEqual(ids(s, 'lvxing'), ['trip']);
  const plain = engine([note('camp', '露营', '', { tags: ['露营'] })]);
  assert.deepEqual(plain.suggest('ly'), [], 'without a romanizer letters are only letters');
});
