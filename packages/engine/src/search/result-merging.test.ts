import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Romanizer } from './romanizer.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';

const WORDS = ['适合', '学生', '台灯', '护眼', '宿舍', '书包', '蛋糕', '蛋糕店', '蛋糕卷', '自制', '滑雪', '攻略', '贵的', '城市'];
const READINGS: Record<string, string> = { 滑: 'hua', 雪: 'xue', 贵: 'gui', 的: 'de' };
const romanizer: Romanizer = { name: 'test', syllables: (t) => [...t].map((c) => READINGS[c]).filter((x): x is string => x !== undefined) };

test('a query of several words with few full matches lists the notes matching most of it, then its head word, below them', () => {
  const s = searchOver(WORDS, [
    note('full', '适合学生的台灯', '宿舍也能用'),
    note('most', '宿舍台灯', '学生党必备'),
    note('head', '护眼台灯', '晚上看书不累'),
    note('bag', '书包', '适合学生'),
    note('other', '周末去爬山', ''),
  ]);
  const got = ids(s, '适合学生的台灯');
  assert.equal(got[0], 'full', 'the note with every word stays first');
  assert.deepEqual(got.slice(1, 3), ['most', 'bag'], 'two of the three words follow');
  assert.equal(got[3], 'head', 'a note with only the head word comes last');
  assert.ok(!got.includes('other'));
});

test('a corrected spelling follows the notes that have the typed word’s parts, rather than replacing them', () => {
  const s = searchOver(WORDS, [
    note('roll', '自制蛋糕，卷起来就好', ''),
    note('shop1', '楼下的蛋糕店', ''),
    note('shop2', '蛋糕店打卡', ''),
  ]);
  const got = ids(s, '蛋糕卷');
  assert.equal(got[0], 'roll');
  assert.deepEqual(new Set(got.slice(1)), new Set(['shop1', 'shop2']));
});

test('letters that are no word of the index read as pinyin first, even when a completion of them matches', () => {
  const s = searchOver(WORDS, [
    note('ski', '第一次去山里', '', { tags: ['滑雪'] }),
    note('ski2', '滑雪攻略', '', { tags: ['滑雪'] }),
    note('campus', 'huaxueyuan campus map', '', { language: 'en' }),
  ], romanizer);
  const got = ids(s, 'huaxue');
  assert.deepEqual(new Set(got.slice(0, 2)), new Set(['ski', 'ski2']));
  assert.equal(got[2], 'campus', 'the literal completion still follows');
});

test('a word of the index keeps its notes first and its pinyin reading follows', () => {
  const s = searchOver(WORDS, [
    note('guide', 'City guide for a weekend', '', { language: 'en' }),
    note('pricey', '城市里贵的餐厅', '', { tags: ['贵的'] }),
  ], romanizer);
  assert.deepEqual(ids(s, 'guide'), ['guide', 'pricey']);
  assert.deepEqual(ids(s, 'weekend'), ['guide'], 'letters that spell no tag stay letters');
});
