import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteCatalog } from '../catalog/note-catalog.ts';
import type { Note } from '../domain/note.ts';
import { Analyzer } from './analyzer.ts';
import { SearchEngine } from './search-engine.ts';
import { jiebaLikeSegmenter } from './testing/jieba-like-segmenter.ts';

const WORDS = [
  '减肥', '减肥餐', '一日三餐', '三餐', '推荐', '咖啡', '咖啡店', '好喝', '安静', '防晒', '防晒霜', '素颜', '霜', '凡士林',
  '羽绒服', '餐厅', '台北', '搞笑', '洗澡', '日常', '这家', '里', '很', '太', '了', '真的',
];

function note(id: string, title: string, body = '', extra: Partial<Note> = {}): Note {
  return {
    id, authorId: 'u1', kind: 'image', title, body, tags: [], category: 'life/daily', language: 'zh',
    media: { images: [] }, createdAt: 0, editedAt: null, deleted: false, ...extra,
  };
}

function engine(notes: Note[]): SearchEngine {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { analyzer: new Analyzer(jiebaLikeSegmenter(WORDS)) });
  for (const x of notes) s.upsert(x);
  return s;
}

const ids = (s: SearchEngine, q: string) => s.search({ q }).hits.map((h) => h.noteId);

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
  assert.deepEqual(ids(s, '搞笑猫'), ['cat', 'bath']);
});

test('traditional characters anywhere in OpenCC’s table fold to simplified, in notes and queries', () => {
  const s = engine([note('coat', '羽绒服怎么选', '轻薄羽绒服'), note('food', '餐厅推荐', '这家餐厅真的好吃'), note('tw', '台北餐廳推薦')]);
  assert.deepEqual(ids(s, '羽絨服'), ['coat']);
  assert.deepEqual(new Set(ids(s, '餐廳推薦')), new Set(['food', 'tw']));
  assert.deepEqual(ids(s, '餐厅推荐').length, 2);
});
