import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../domain/note.ts';
import { QueryBridge } from './bridge.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';

const WORDS = ['露营', '装备', '周末', '健身', '打卡', '咖啡', '拿铁', '今天', '小个子', '矮个子', '穿搭', '显高', '湖边', '猫咪', '日常'];

const engine = (notes: Note[]) => searchOver(WORDS, notes);

const NOTES = [
  note('camp-zh', '周末露营装备', '湖边露营'),
  note('fit-zh', '健身打卡', '今天练腿'),
  note('coffee-tag', '今天的拿铁', '燕麦拿铁', { tags: ['咖啡'] }),
  note('short-zh', '小个子穿搭', '显高'),
  note('cat', '猫咪日常', ''),
];

test('English queries reach Chinese notes through CC-CEDICT: camping, fitness, coffee', () => {
  const s = engine(NOTES);
  assert.deepEqual(ids(s, 'camping'), ['camp-zh']);
  assert.deepEqual(ids(s, 'Camping'), ['camp-zh']);
  assert.deepEqual(ids(s, 'fitness'), ['fit-zh']);
  assert.deepEqual(ids(s, 'coffee'), ['coffee-tag']);
});

test('Chinese queries reach notes written in English, and traditional input too', () => {
  const s = engine([...NOTES, note('camp-en', 'Camping by the lake', 'We camped two nights', { language: 'en' })]);
  assert.deepEqual(ids(s, '露营'), ['camp-zh', 'camp-en']);
  assert.deepEqual(ids(s, '露營'), ['camp-zh', 'camp-en']);
});

test('Chinese synonyms: 矮个子 reaches 小个子', () => {
  const s = engine(NOTES);
  assert.deepEqual(ids(s, '矮个子'), ['short-zh']);
  assert.deepEqual(ids(s, '矮个子穿搭'), ['short-zh']);
});

test('an exact match ranks above a match through the bridge, in both directions', () => {
  const notes = [
    note('zh', '露营', '露营'),
    note('en', 'Camping', 'camping', { language: 'en' }),
    // Filler so neither word is in every note (idf stays meaningful).
    ...Array.from({ length: 20 }, (_, i) => note(`f${i}`, '日常', `day ${i}`)),
  ];
  const s = engine(notes);
  assert.deepEqual(ids(s, 'camping'), ['en', 'zh']);
  assert.deepEqual(ids(s, '露营'), ['zh', 'en']);
  // Even when the translation is far rarer than the typed word.
  const many = engine([...notes, ...Array.from({ length: 10 }, (_, i) => note(`c${i}`, `Camping trip ${i}`, '', { language: 'en' }))]);
  const hits = many.search({ q: 'camping', limit: 20 }).hits.map((h) => h.noteId);
  assert.equal(hits[hits.length - 1], 'zh');
  assert.equal(hits.length, 12);
});

test('stop, question and intent words are never expanded', () => {
  const b = new QueryBridge();
  for (const w of ['推荐', '什么', '怎么', 'how', 'best']) assert.deepEqual(b.expand(w), [], w);
  assert.ok(b.expand('camp').includes('露营'));
  assert.ok(b.expand('露营').includes('camp'));
  assert.ok(b.expand('咖啡').includes('coffee'));
  // A stop word never reaches the bridge: the analyser drops it first.
  const s = engine(NOTES);
  assert.deepEqual(ids(s, 'the'), []);
});

test('a note with the typed word and its translation scores as one with the word alone, not as both added up', () => {
  const s = engine([
    note('both', '周末 camping', '露营'),
    note('often', '露营', '湖边露营 周末露营'),
  ]);
  assert.deepEqual(ids(s, '露营'), ['often', 'both']);
});

test('an English word that is only the first sense of a common Chinese word reaches it, however rarely glossed', () => {
  const b = new QueryBridge();
  assert.ok(b.expand('zoo').includes('动物园'));
  assert.ok(b.expand('cocktail').includes('鸡尾酒'));
  const s = searchOver(['周末', '动物园', '熊猫', '鸡尾酒', '调制'], [note('zoo', '周末动物园', '看熊猫'), note('bar', '鸡尾酒调制', '')]);
  assert.deepEqual(ids(s, 'zoo'), ['zoo']);
  assert.deepEqual(ids(s, 'cocktail'), ['bar']);
});

test('Chinese words glossed with the same two-word phrase reach each other, below the typed word', () => {
  const b = new QueryBridge();
  // CC-CEDICT: 空调 and 冷气 are both "air conditioning"; 候机楼 and 航站楼 both "airport terminal".
  assert.ok(b.expand('空调').includes('冷气'));
  assert.ok(b.expand('航站楼').includes('候机楼'));
  // No phrase term is ever searched as it is.
  assert.ok(b.expand('空调').every((w) => !w.includes('+')));
  const s = searchOver(['空调', '冷气', '清洗', '太足'], [
    note('typed', '空调清洗', ''),
    note('synonym', '冷气太足', ''),
    ...Array.from({ length: 10 }, (_, i) => note(`f${i}`, '日常', `day ${i}`)),
  ]);
  assert.deepEqual(ids(s, '空调'), ['typed', 'synonym']);
});

test('a one-word gloss two Chinese words share does not make them synonyms', () => {
  const b = new QueryBridge();
  // 期间 and 时间 are both glossed "time"; 眼镜 (spectacles) and 奇观 (spectacle) stem alike.
  assert.ok(!b.expand('期间').includes('时间'));
  assert.ok(!b.expand('眼镜').includes('奇观'));
});

test('the parts of a word matched apart reach their synonyms too, below the word itself', () => {
  const s = searchOver(['空调清洗', '空调', '冷气', '清洗', '上门'], [
    note('whole', '空调清洗上门', ''),
    note('synonym-part', '冷气清洗', ''),
    ...Array.from({ length: 10 }, (_, i) => note(`f${i}`, '上门', `day ${i}`)),
  ]);
  assert.deepEqual(ids(s, '空调清洗'), ['whole', 'synonym-part']);
});

test('common place and brand names reach their Chinese word by their English name, and only whole names do', () => {
  const b = new QueryBridge();
  assert.deepEqual(b.expand('tokyo'), ['东京']);
  assert.ok(b.expand('starbuck').includes('星巴克'), 'starbucks, as the analyser stems it');
  assert.ok(b.expand('shanghai').includes('上海'), '"Shanghai municipality" names 上海');
  assert.ok(b.expand('chengdu').includes('成都'), 'a gloss that points to another entry (成都 → 成都市) is read through it');
  // 京剧 is "Beijing opera" and 港人 "Hong Kong person": neither is a name of the place.
  assert.ok(!b.expand('beij').includes('京剧'));
  assert.ok(!b.expandPair('hong', 'kong').includes('港人'));
  // Names go one way: a Chinese query gains no English name from them.
  assert.deepEqual(b.expand('东京').filter((w) => w === 'tokyo'), []);
});

test('two English words typed side by side reach the word they name together: hong kong travel, coffee shop', () => {
  const b = new QueryBridge();
  assert.deepEqual(b.expandPair('hong', 'kong'), ['香港']);
  assert.ok(b.expandPair('coffee', 'shop').includes('咖啡店'));
  assert.deepEqual(b.expandPair('kong', 'hong'), []);
  assert.deepEqual(b.expandPair('香港', 'kong'), []);
  const notes = [
    note('hk', '第一次去香港', '香港旅行路线'),
    note('travel', '旅行日记', '说走就走的旅行'),
    note('cafe', '街角的咖啡店', ''),
    ...Array.from({ length: 10 }, (_, i) => note(`f${i}`, '日常', `day ${i}`)),
  ];
  const s = searchOver(['香港', '旅行', '路线', '咖啡店', '街角', '日记', '第一次'], notes);
  assert.deepEqual(ids(s, 'hong kong'), ['hk']);
  // Only 'hk' has all three words; a short page is filled with partial matches below it.
  assert.equal(ids(s, 'hong kong travel')[0], 'hk');
  assert.deepEqual(ids(s, 'coffee shop'), ['cafe']);
  // Apart, the words name nothing: "kong" alone reaches no note.
  assert.deepEqual(ids(s, 'kong'), []);
});

test('an English word no common word reaches finds the plain words it names (mascara, skateboard, kitten), and only such a word', () => {
  const b = new QueryBridge();
  assert.ok(b.expand('mascara').includes('睫毛膏'));
  assert.ok(b.expand('skateboard').includes('滑板'));
  assert.ok(b.expand('kitten').includes('小猫'));
  assert.ok(b.expand('sushi').includes('寿司'));
  // 女优 is "actress" and 老美 "American", but common words already answer those: the lists stay as they were.
  assert.ok(!b.expand('actress').includes('女优'));
  assert.ok(!b.expand('american').includes('老美'));
  const s = searchOver(['滑板', '少年', '周末', '日常'], [note('skate', '滑板少年', '周末'), note('other', '日常', '周末')]);
  assert.deepEqual(ids(s, 'skateboard'), ['skate']);
});
