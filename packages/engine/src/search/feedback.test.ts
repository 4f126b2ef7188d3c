import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '../domain/note.ts';
import { feedbackTerms, MIN_FEEDBACK_DOCS, FEEDBACK_TERMS, FEEDBACK_WEIGHT } from './feedback.ts';
import { InvertedIndex } from './inverted-index.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';

const filler = (n: number, word = 'misc'): Note[] => Array.from({ length: n }, (_, i) => note(`f${i}`, `${word} ${i}`, `plain text number ${i}`));

test('feedback words are those several of the best notes share, specific, and not the query’s own', () => {
  const index = new InvertedIndex();
  const docs: string[][] = [
    ['commute', 'outfit', 'blazer', 'work'],
    ['commute', 'outfit', 'work'],
    ['commute', 'outfit', 'loafers'],
    ['commute', 'blazer'],
    ['what', 'outfit'],
  ];
  docs.forEach((d, i) => index.add(i, [d, [], []]));
  for (let i = 0; i < 200; i++) index.add(100 + i, [['filler', i % 2 ? 'outfit' : 'plain'], [], []]);
  const work = index.termId('work');
  const got = feedbackTerms(docs.map((terms, i) => ({ score: 5 - i, terms })), index, new Set([work]));
  const words = got.map((t) => t.term);
  assert.equal(words[0], 'commute', 'held by four of five notes and rare overall');
  assert.ok(!words.includes('work'), 'a query word is not fed back');
  assert.ok(!words.includes('what'), 'question words are not fed back');
  assert.ok(!words.includes('outfit'), 'a word half the notes carry is not specific');
  assert.ok(!words.includes('blazer'), `a word of fewer than ${MIN_FEEDBACK_DOCS} notes is one note’s topic`);
  assert.ok(!words.includes('loafers'));
  assert.ok(got.length <= FEEDBACK_TERMS);
  assert.equal(got[0]?.weight, FEEDBACK_WEIGHT);
  assert.deepEqual(feedbackTerms([], index, new Set()), []);
});

test('words only the lower notes share, and longer forms of a query word, are not fed back', () => {
  const index = new InvertedIndex();
  const docs: string[][] = [['书店', '逛街', '复古风'], ['书店', '周末'], ['男孩', '复古风'], ['男孩', '复古风'], ['男孩', '复古风'], ['逛街', '周末'], ['逛街', '周末']];
  docs.forEach((d, i) => index.add(i, [d, [], []]));
  for (let i = 0; i < 200; i++) index.add(100 + i, [['其他'], [], []]);
  const exclude = new Set([index.termId('书店')]);
  const got = feedbackTerms(docs.map((terms) => ({ score: 1, terms })), index, exclude, ['复古', '书店']).map((t) => t.term);
  assert.ok(!got.includes('男孩'), 'three notes share it, none of the two best');
  assert.ok(!got.includes('复古风'), 'it holds the query word 复古');
  assert.deepEqual(got.sort(), ['周末', '逛街']);
});

test('a weakly matched query reaches notes that use its best matches’ words instead of its own', () => {
  // Three notes say "work clothes" and are tagged commute; a fourth is tagged commute but says neither word.
  const notes = [
    note('a', 'clothes for work', 'my work clothes this week', { tags: ['commute'] }),
    note('b', 'work clothes haul', 'new clothes', { tags: ['commute'] }),
    note('c', 'work week clothes', 'office day', { tags: ['commute'] }),
    note('t', 'monday look', 'blazer and loafers', { tags: ['commute'] }),
    ...filler(80),
  ];
  const s = searchOver([], notes);
  const got = ids(s, 'work clothes');
  assert.deepEqual(new Set(got.slice(0, 3)), new Set(['a', 'b', 'c']), 'notes with every word stay first');
  assert.equal(got[3], 't', 'the note found through the shared tag follows them');
  // A page that the typed words fill is not expanded.
  assert.deepEqual(new Set(s.search({ q: 'work clothes', limit: 2 }).hits.map((h) => h.noteId)).has('t'), false);
  assert.ok(!ids(s, 'monday').includes('a'), 'a one-word query is not expanded');
});

test('a word the index does not know and that splits only into characters matches its characters', () => {
  // 期喝 of 增肌期喝什么 is no word of the dictionary; the notes hold 增肌 and, written apart, 喝.
  const words = ['增肌', '什么', '跑步', '蛋白粉'];
  const notes = [
    note('run1', '增肌', '跑步'),
    note('run2', '增肌 跑步', '增肌'),
    note('drink', '增肌 喝 蛋白粉', '每天 喝 蛋白粉 增肌 期间 的 记录'),
  ];
  const s = searchOver(words, notes);
  assert.deepEqual(s.analyzer.queryTerms('增肌期喝什么'), ['增肌', '期喝', '什么']);
  const got = ids(s, '增肌期喝什么');
  assert.equal(got[0], 'drink', 'the note with 增肌 and 喝 leads');
  assert.deepEqual(new Set(got), new Set(['drink', 'run1', 'run2']), 'notes with 增肌 alone still follow');
});
