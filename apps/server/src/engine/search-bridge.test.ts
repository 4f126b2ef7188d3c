import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, NoteCatalog, SearchEngine, type Note } from '@notewave/engine';
import { JiebaSegmenter } from './jieba-segmenter.ts';

function note(id: string, title: string, body: string, extra: Partial<Note> = {}): Note {
  return {
    id, authorId: 'u1', kind: 'image', title, body, tags: [], category: 'life/daily', language: 'zh',
    media: { images: [] }, createdAt: 0, editedAt: null, deleted: false, ...extra,
  };
}

// The cross-language bridge and synonyms with the segmenter the server runs: the query words must be cut the way
// the table's words are.
test('camping, fitness, coffee and 矮个子 reach their notes with jieba', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { analyzer: new Analyzer(new JiebaSegmenter()) });
  s.upsert(note('camp', '周末带娃去露营', '湖边的营地很安静'));
  s.upsert(note('fit', '健身第30天', '今天练背'));
  s.upsert(note('coffee', '今日份拿铁', '燕麦奶拿铁', { tags: ['咖啡'] }));
  s.upsert(note('short', '小个子女生穿搭', '155也能穿出高级感'));
  s.upsert(note('camp-en', 'Camping checklist', 'Tent, lantern and a sleeping bag', { language: 'en' }));
  s.upsert(note('other', '今天的晚饭', '番茄炒蛋'));
  const ids = (q: string) => s.search({ q }).hits.map((h) => h.noteId);
  assert.deepEqual(ids('fitness'), ['fit']);
  assert.deepEqual(ids('coffee'), ['coffee']);
  assert.deepEqual(ids('矮个子'), ['short']);
  assert.deepEqual(ids('露营'), ['camp', 'camp-en']);
  assert.deepEqual(ids('camping'), ['camp-en', 'camp']);
});
