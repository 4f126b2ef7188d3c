import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, IntlSegmenter } from '@notewave/engine';
import { JiebaSegmenter } from './jieba-segmenter.ts';

// Building a segmenter loads jieba's whole dictionary: one for the tests that need no extra words.
const jieba = new JiebaSegmenter();

test('lifestyle slang stays whole with the user dictionary', () => {
  const terms = new Analyzer(jieba).queryTerms('小红书种草探店码农保姆级美妆好物穿搭平替DeepSeek');
  for (const w of ['小红书', '种草', '探店', '码农', '保姆级', '美妆', '好物', '穿搭', '平替', 'deepseek']) assert.ok(terms.includes(w), w);
});

test('user words stay whole inside sentences without beating a likelier cut', () => {
  for (const w of ['种草', '平替', '咖啡店', '保姆级', '多巴胺', '松弛感']) assert.ok(jieba.cutQuery(`我觉得${w}很好`).includes(w), w);
  assert.deepEqual(jieba.cutQuery('多种草药'), ['多种', '草药']);
  assert.ok(jieba.cutQuery('今天去种草了一个好物').includes('种草'));
});

test('index terms include search-mode sub-words and drop punctuation, stop words and emoji codes', () => {
  const terms = new Analyzer(jieba).indexTerms('高性价比的羊绒围巾[哭惹R]！ The scarves are WARM');
  assert.ok(terms.includes('性价比') && terms.includes('羊绒') && terms.includes('围巾'));
  assert.ok(terms.includes('scarv'));
  assert.ok(!terms.includes('的') && !terms.includes('the') && !terms.includes('哭惹r'));
  assert.ok(terms.includes('warm'));
});

test('hashtags are kept whole next to the words jieba finds in them', () => {
  const terms = new Analyzer(jieba).tagTerms(['围巾这样搭', 'GRWM']);
  assert.ok(terms.includes('#围巾这样搭') && terms.includes('围巾') && terms.includes('#grwm'));
});

test('analysers over jieba with the same words share one version, distinct from the fallback and from other words', () => {
  const a = new Analyzer(jieba);
  assert.equal(a.version, new Analyzer(new JiebaSegmenter()).version);
  assert.match(a.version, /^jieba-/);
  assert.notEqual(a.version, new Analyzer(new IntlSegmenter()).version);
  assert.notEqual(a.version, new Analyzer(new JiebaSegmenter(['围巾这样搭'])).version);
});

test('extra words change only the segmenter they were given to', () => {
  const before = jieba.cutQuery('围巾这样搭');
  const extra = new JiebaSegmenter(['围巾这样搭']);
  assert.deepEqual(extra.cutQuery('围巾这样搭'), ['围巾这样搭']);
  assert.deepEqual(jieba.cutQuery('围巾这样搭'), before);
  assert.notDeepEqual(before, ['围巾这样搭']);
  assert.deepEqual(new JiebaSegmenter().cutQuery('围巾这样搭'), before, 'a segmenter built afterwards does not see them either');
});
