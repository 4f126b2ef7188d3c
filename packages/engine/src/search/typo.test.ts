import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Romanizer } from './romanizer.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';
import { editDistance } from './typo.ts';

test('edit distance counts insertions, deletions, substitutions and adjacent swaps, capped', () => {
  assert.equal(editDistance('cofee', 'coffee', 2), 1);
  assert.equal(editDistance('restuarant', 'restaurant', 2), 1);
  assert.equal(editDistance('latte', 'lattes', 1), 1);
  assert.equal(editDistance('kitten', 'sitting', 3), 3);
  assert.equal(editDistance('kitten', 'sitting', 1), 2, 'capped at max + 1');
  assert.equal(editDistance('same', 'same', 1), 0);
});

const WORDS = ['跑步', '瑜伽', '瑜伽垫', '推荐', '打卡'];
const READINGS: Record<string, string> = { 跑: 'pao', 泡: 'pao', 饱: 'bao', 步: 'bu', 瑜: 'yu', 伽: 'jia', 垫: 'dian', 电: 'dian' };
const romanizer: Romanizer = { name: 'test', syllables: (t) => [...t].map((c) => READINGS[c]).filter((x): x is string => x !== undefined) };

test('a two-character word is corrected only to a word that sounds the same, and only with readings', () => {
  const notes = [note('run', '跑步打卡', ''), note('run2', '晨间跑步', '')];
  const s = searchOver(WORDS, notes, romanizer);
  assert.deepEqual(new Set(ids(s, '泡步')), new Set(['run', 'run2']), 'an input method’s wrong pick of the same sound');
  assert.deepEqual(ids(s, '饱步'), [], 'a different sound is another word');
  assert.deepEqual(ids(searchOver(WORDS, notes), '泡步'), [], 'without readings two characters are never corrected');
});

test('a typo that made the segmenter split a word is corrected as the whole word', () => {
  const s = searchOver(WORDS, [note('mat', '瑜伽垫推荐', ''), note('mat2', '新买的瑜伽垫', ''), note('apart', '瑜伽 电', '')], romanizer);
  assert.deepEqual(s.analyzer.queryTerms('瑜伽电'), ['瑜伽', '电']);
  assert.deepEqual(new Set(ids(s, '瑜伽电')), new Set(['mat', 'mat2']));
});
