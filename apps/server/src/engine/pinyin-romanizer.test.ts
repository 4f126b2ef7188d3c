import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, NoteCatalog, SearchEngine, type Note } from '@notewave/engine';
import { JiebaSegmenter } from './jieba-segmenter.ts';
import { PinyinRomanizer } from './pinyin-romanizer.ts';

test('pinyin readings follow the word (重庆 chong qing), toneless, ü typed as v', () => {
  const r = new PinyinRomanizer();
  assert.deepEqual(r.syllables('露营'), ['lu', 'ying']);
  assert.deepEqual(r.syllables('重庆火锅'), ['chong', 'qing', 'huo', 'guo']);
  assert.deepEqual(r.syllables('绿色'), ['lv', 'se']);
  assert.deepEqual(r.syllables('abc'), []);
});

test('typed pinyin and its initials complete and find Chinese tags on the server’s engine', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { analyzer: new Analyzer(new JiebaSegmenter()), romanizer: new PinyinRomanizer() });
  const note = (id: string, title: string, tags: string[]): Note => ({
    id, authorId: 'u', kind: 'image', title, body: '', tags, category: 'travel/outdoor', language: 'zh', media: { images: [] },
    createdAt: 0, editedAt: null, deleted: false,
  });
  s.upsert(note('a', '第一次去山里过夜', ['露营']));
  s.upsert(note('b', '露营装备清单', ['露营', '装备']));
  s.upsert(note('c', '重庆火锅推荐', ['重庆火锅']));
  assert.equal(s.suggest('ly')[0]?.text, '露营');
  assert.equal(s.suggest('cqhg')[0]?.text, '重庆火锅');
  assert.deepEqual(new Set(s.search({ q: 'lying' }).hits.map((h) => h.noteId)), new Set(['a', 'b']));
  assert.deepEqual(s.search({ q: 'chongqinghuoguo' }).hits.map((h) => h.noteId), ['c']);
});
