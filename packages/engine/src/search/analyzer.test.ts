import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from './analyzer.ts';
import { foldText } from './normalize.ts';
import { IntlSegmenter, type Segmenter } from './segmenter.ts';
import { stem } from './stemmer.ts';

test('hashtags are kept as whole terms next to their words', () => {
  const terms = new Analyzer().tagTerms(['围巾这样搭', 'GRWM']);
  assert.ok(terms.includes('#围巾这样搭') && terms.includes('#grwm'));
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

/** Every character a word: a segmenter unlike the default, to tell analysers apart by their version. */
const characters: Segmenter = { name: 'chars', cutIndex: (t) => [...t.replace(/\s+/g, '')], cutQuery: (t) => [...t.replace(/\s+/g, '')] };

test('analysed notes: per-field terms, stamped with a version every default analyser shares and a fingerprint of the text', () => {
  const a = new Analyzer();
  const n = { title: 'DeepSeek 保姆级攻略', tags: ['穿搭', 'GRWM'], body: '高性价比的羊绒围巾 The scarves are WARM' };
  const t = a.analyzeNote(n);
  assert.deepEqual([t.title, t.tags, t.body], [a.indexTerms(n.title), a.tagTerms(n.tags), a.indexTerms(n.body)]);
  const tagged = a.analyzeNote({ title: '围巾 #grwm', tags: ['围巾这样搭', 'grwm'], body: '一条围巾 #围巾这样搭[话题]# #冬天# #GRWM' });
  assert.deepEqual(tagged.body, a.indexTerms('一条围巾 #冬天#'), 'hashtags the note carries as tags are not body text too');
  assert.deepEqual(tagged.title, a.indexTerms('围巾'));
  assert.equal(t.analyzer, new Analyzer().version);
  assert.equal(t.analyzer, new Analyzer(new IntlSegmenter()).version, 'the default is the Intl.Segmenter fallback');
  assert.notEqual(t.analyzer, new Analyzer(characters).version);
  assert.ok(a.fits(n, t));
  assert.ok(a.fits({ ...n, tags: [...n.tags] }, JSON.parse(JSON.stringify(t))));
  for (const other of [{ ...n, title: n.title + '!' }, { ...n, body: n.body.slice(1) }, { ...n, tags: ['穿搭GRWM'] }, { ...n, tags: ['穿', '搭GRWM'] }, { ...n, tags: [] }]) {
    assert.ok(!a.fits(other, t), JSON.stringify(other));
  }
  assert.ok(!a.fits(n, { ...t, analyzer: 'jieba-0-old' }));
  assert.ok(!a.fits(n, null));
});
