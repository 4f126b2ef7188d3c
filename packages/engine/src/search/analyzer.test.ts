import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from './analyzer.ts';
import { foldText } from './normalize.ts';
import { IntlSegmenter } from './segmenter.ts';
import { stem } from './stemmer.ts';

test('lifestyle slang stays whole with the user dictionary', () => {
  const a = new Analyzer();
  const terms = a.queryTerms('小红书种草探店码农保姆级美妆好物穿搭平替DeepSeek');
  for (const w of ['小红书', '种草', '探店', '码农', '保姆级', '美妆', '好物', '穿搭', '平替', 'deepseek']) assert.ok(terms.includes(w), w);
});

test('index terms include search-mode sub-words and drop punctuation, stop words and emoji codes', () => {
  const terms = new Analyzer().indexTerms('高性价比的羊绒围巾[哭惹R]！ The scarves are WARM');
  assert.ok(terms.includes('性价比') && terms.includes('羊绒') && terms.includes('围巾'));
  assert.ok(terms.includes('scarv'));
  assert.ok(!terms.includes('的') && !terms.includes('the') && !terms.includes('哭惹r'));
  assert.ok(terms.includes('warm'));
});

test('hashtags are kept as whole terms next to their words', () => {
  const terms = new Analyzer().tagTerms(['围巾这样搭', 'GRWM']);
  assert.ok(terms.includes('#围巾这样搭') && terms.includes('围巾') && terms.includes('#grwm'));
});

test('folding: full-width to half-width, case, traditional to simplified, control characters', () => {
  assert.equal(foldText('ＤｅｅｐＳｅｅｋ　這個'), 'deepseek 这个');
  assert.equal(foldText('a\u0000b\u200bc'), 'a bc');
});

test('the light stemmer conflates plurals and -ing/-ed forms only', () => {
  const same = (a: string, b: string) => assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
  same('shoes', 'shoe');
  same('running', 'run');
  same('styled', 'style');
  same('styling', 'style');
  same('hoping', 'hope');
  same('dresses', 'dress');
  same('berries', 'berry'.replace(/y$/, 'ies'));
  assert.equal(stem('glass'), 'glass');
  assert.equal(stem('coffee'), 'coffee');
  assert.equal(stem('organization'), 'organization');
});

test('the Intl.Segmenter fallback works without a dictionary', () => {
  const a = new Analyzer(new IntlSegmenter());
  const terms = a.indexTerms('保姆级DeepSeek教程 running shoes');
  assert.ok(terms.includes('deepseek') && terms.includes('教程') && terms.includes('run'));
});

test('analysed notes: per-field terms, stamped with a version every default analyser shares and a fingerprint of the text', () => {
  const a = new Analyzer();
  const n = { title: 'DeepSeek 保姆级攻略', tags: ['穿搭', 'GRWM'], body: '高性价比的羊绒围巾 The scarves are WARM' };
  const t = a.analyzeNote(n);
  assert.deepEqual([t.title, t.tags, t.body], [a.indexTerms(n.title), a.tagTerms(n.tags), a.indexTerms(n.body)]);
  assert.equal(t.analyzer, new Analyzer().version);
  assert.notEqual(t.analyzer, new Analyzer(new IntlSegmenter()).version);
  assert.ok(a.fits(n, t));
  assert.ok(a.fits({ ...n, tags: [...n.tags] }, JSON.parse(JSON.stringify(t))));
  for (const other of [{ ...n, title: n.title + '!' }, { ...n, body: n.body.slice(1) }, { ...n, tags: ['穿搭GRWM'] }, { ...n, tags: ['穿', '搭GRWM'] }, { ...n, tags: [] }]) {
    assert.ok(!a.fits(other, t), JSON.stringify(other));
  }
  assert.ok(!a.fits(n, { ...t, analyzer: 'jieba-0-old' }));
  assert.ok(!a.fits(n, null));
});
