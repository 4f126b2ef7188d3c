import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteCatalog } from '../catalog/note-catalog.ts';
import type { Note } from '../domain/note.ts';
import { EngineError } from '../errors.ts';
import { SearchEngine } from './search-engine.ts';

const DAY = 86_400_000;

function note(id: string, title: string, body: string, extra: Partial<Note> = {}): Note {
  return {
    id, authorId: 'u1', kind: 'image', title, body, tags: [], category: 'beauty/skincare', language: 'zh',
    media: { images: [] }, createdAt: 10 * DAY, editedAt: null, deleted: false, ...extra,
  };
}

function fixture(): SearchEngine {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `srch_${n++}`);
  s.upsert(note('deepseek', '小红书保姆级DeepSeek教程', '码农必备的AI工具，手把手教你用DeepSeek写代码', { tags: ['deepseek', 'ai工具'], category: 'tech/ai' }));
  s.upsert(note('shoes', 'Best running shoes of the year', 'I tried five running shoes for a marathon. <b>Bold</b> claims & more.', { language: 'en', category: 'fitness/running', authorId: 'u2', kind: 'video' }));
  s.upsert(note('scarf', '秋冬穿搭｜羊绒围巾', '一条围巾百样搭 #围巾这样搭[话题]# 平替好物推荐', { tags: ['围巾这样搭'], category: 'fashion/outfits', createdAt: 20 * DAY }));
  s.upsert(note('noodles', '台北美食探店', '這家餐廳的牛肉麵真的很好吃', { tags: ['探店'], category: 'food/restaurants' }));
  s.upsert(note('latte', 'Coffee shop visit: oat latte', 'A cozy café with the best oat milk latte #coffee', { tags: ['coffee'], language: 'en', category: 'food/drinks' }));
  return s;
}

const ids = (s: SearchEngine, q: string, extra: object = {}) => s.search({ q, ...extra }).hits.map((h) => h.noteId);

test('Chinese queries find notes through segmented slang, mixed script and hashtags', () => {
  const s = fixture();
  assert.deepEqual(ids(s, '码农'), ['deepseek']);
  assert.deepEqual(ids(s, 'DeepSeek 教程'), ['deepseek']);
  assert.deepEqual(ids(s, '保姆级'), ['deepseek']);
  assert.deepEqual(ids(s, '#围巾这样搭'), ['scarf']);
  assert.deepEqual(ids(s, '#围巾这样搭#'), ['scarf']);
  assert.deepEqual(ids(s, '穿搭'), ['scarf']);
});

test('traditional and full-width text matches simplified, half-width queries', () => {
  const s = fixture();
  assert.deepEqual(ids(s, '牛肉面'), ['noodles']);
  assert.deepEqual(ids(s, '餐厅'), ['noodles']);
  assert.deepEqual(ids(s, 'ＤＥＥＰＳＥＥＫ'), ['deepseek']);
});

test('English queries fold case and stem, and the word being typed matches as a prefix', () => {
  const s = fixture();
  assert.equal(ids(s, 'Running Shoe')[0], 'shoes');
  assert.deepEqual(ids(s, 'marathons'), ['shoes']);
  assert.equal(ids(s, 'oat lat')[0], 'latte');
  assert.deepEqual(ids(s, 'runn'), ['shoes']);
});

test('AND semantics, with an OR fallback when no note has every word', () => {
  const s = fixture();
  assert.deepEqual(ids(s, 'coffee latte'), ['latte']);
  const r = s.search({ q: 'coffee marathon' });
  assert.equal(r.total, 2);
  assert.deepEqual(new Set(r.hits.map((h) => h.noteId)), new Set(['latte', 'shoes']));
});

test('quoted phrases require the exact word order', () => {
  const s = fixture();
  assert.deepEqual(ids(s, '"running shoes" marathon'), ['shoes']);
  s.upsert(note('shoes2', 'Shoes for running trails', 'Trail shoes, marathon ready', { language: 'en' }));
  assert.deepEqual(ids(s, '"running shoes" marathon'), ['shoes']);
  assert.equal(s.search({ q: 'shoes running marathon' }).total, 2);
});

test('edits and deletes are reflected in the very next query', () => {
  const s = fixture();
  s.upsert(note('scarf', '秋冬穿搭｜羊毛大衣', '一件大衣穿一冬', { category: 'fashion/outfits' }));
  assert.deepEqual(ids(s, '围巾'), []);
  assert.deepEqual(ids(s, '大衣'), ['scarf']);
  s.remove('deepseek');
  assert.equal(s.search({ q: 'deepseek' }).total, 0);
  s.upsert(note('latte', 'x', 'y', { deleted: true }));
  assert.equal(s.search({ q: 'latte' }).total, 0);
  assert.equal(s.size, 3);
});

test('filters: kind, leaf and top-level category, author, language and time range', () => {
  const s = fixture();
  const words = ['shoes', '好物', 'coffee', '教程', '牛肉面'];
  const all = (filters: object) => [...new Set(words.flatMap((q) => s.search({ q, filters }).hits.map((h) => h.noteId)))].sort();
  assert.deepEqual(all({ kind: 'video' }), ['shoes']);
  assert.deepEqual(all({ category: 'food' }), ['latte', 'noodles']);
  assert.deepEqual(all({ category: 'food/drinks' }), ['latte']);
  assert.deepEqual(all({ category: 'nope' }), []);
  assert.deepEqual(all({ authorId: 'u2' }), ['shoes']);
  assert.deepEqual(all({ language: 'en' }), ['latte', 'shoes']);
  assert.deepEqual(all({ since: 15 * DAY }), ['scarf']);
  assert.deepEqual(all({ until: 15 * DAY, category: 'tech' }), ['deepseek']);
});

test('pagination pages through a stable ranking and reports the total', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`);
  for (let i = 0; i < 25; i++) s.upsert(note(`n${i}`, `露营装备清单 ${i}`, '露营 '.repeat(1 + (i % 5)), { createdAt: i }));
  const full = s.search({ q: '露营', limit: 25 });
  assert.equal(full.total, 25);
  const pages = [0, 10, 20].flatMap((offset) => s.search({ q: '露营', offset, limit: 10 }).hits.map((h) => h.noteId));
  assert.deepEqual(pages, full.hits.map((h) => h.noteId));
  assert.equal(s.search({ q: '露营', offset: 30 }).hits.length, 0);
  const rel = full.hits.map((h) => h.relevance);
  assert.deepEqual(rel, [...rel].sort((a, b) => b - a));
});

test('suggestions complete titles, tags and popular queries, Chinese prefixes included', () => {
  const s = fixture();
  assert.ok(s.suggest('小红').some((x) => x.kind === 'title' && x.text === '小红书保姆级DeepSeek教程'));
  assert.ok(s.suggest('#围巾').some((x) => x.kind === 'tag' && x.text === '围巾这样搭'));
  for (let i = 0; i < 3; i++) s.recordQuery('coffee beans');
  const top = s.suggest('cof');
  assert.equal(top[0]?.text, 'coffee beans');
  assert.equal(top[0]?.kind, 'query');
  assert.ok(top.some((x) => x.kind === 'tag' && x.text === 'coffee'));
  assert.deepEqual(s.suggest('   '), []);
});

test('highlights mark matches inside HTML-escaped text', () => {
  const s = fixture();
  const [hit] = s.search({ q: 'bold claims' }).hits;
  assert.ok(hit);
  assert.match(hit.highlights.body, /&lt;b&gt;<mark>Bold<\/mark>&lt;\/b&gt; <mark>claims<\/mark> &amp; more\./);
  const [zh] = s.search({ q: '围巾' }).hits;
  assert.equal(zh?.highlights.title, '秋冬穿搭｜羊绒<mark>围巾</mark>');
});

test('long bodies are cut to a window around the first match', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { snippetChars: 60 });
  s.upsert(note('long', 'title', `${'filler words here '.repeat(30)}the matcha latte is great${' more filler'.repeat(30)}`, { language: 'en' }));
  const body = s.search({ q: 'matcha' }).hits[0]?.highlights.body ?? '';
  assert.match(body, /^….*<mark>matcha<\/mark>.*…$/);
  assert.ok(body.replace(/<\/?mark>/g, '').length <= 62);
});

test('malformed queries: empty and oversized are rejected, the rest is searched as text', () => {
  const s = fixture();
  for (const q of ['', '   ', '\u0000\u0007', 'x'.repeat(201)]) {
    assert.throws(() => s.search({ q }), (e: unknown) => e instanceof EngineError && e.code === 'validation_failed');
  }
  assert.throws(() => s.search({ q: 'coffee', limit: -1 }), EngineError);
  for (const q of ["' OR 1=1 --", '<script>alert(1)</script>', '"unclosed', '###', '[]()*+?\\', 'a\u0000b']) {
    const r = s.search({ q });
    assert.ok(r.total >= 0 && Array.isArray(r.hits));
  }
  assert.equal(s.search({ q: 'coff\u0000ee' }).query, 'coff ee');
});

test('the personal blend reorders hits while relevance stays raw BM25F', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`);
  s.upsert(note('a', '咖啡 咖啡 咖啡', '咖啡'));
  s.upsert(note('b', '咖啡', '拿铁'));
  s.setPersonalizer((_u, ix) => (ix === 1 ? 1 : 0));
  const plain = s.search({ q: '咖啡' }).hits;
  assert.deepEqual(plain.map((h) => h.noteId), ['a', 'b']);
  const personal = s.search({ q: '咖啡', userId: 'me', personalize: 0.8 }).hits;
  assert.deepEqual(personal.map((h) => h.noteId), ['b', 'a']);
  assert.deepEqual(personal.map((h) => h.relevance).sort(), plain.map((h) => h.relevance).sort());
  assert.ok(personal.every((h) => h.score >= 0 && h.score <= 1));
});

test('a query matching more notes than the scan budget ranks the newest matches and estimates the total', () => {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { scanBudget: 10 });
  for (let i = 0; i < 40; i++) s.upsert(note(`n${i}`, `周末露营 ${i}`, i % 2 ? '露营 咖啡' : '露营', { createdAt: i }));
  const r = s.search({ q: '露营', limit: 40 });
  assert.equal(r.totalIsEstimate, true);
  assert.equal(r.total, 40);
  assert.ok(r.hits.every((h) => Number(h.noteId.slice(1)) >= 30));
  const exact = s.search({ q: '咖啡 露营', limit: 10 });
  assert.ok(exact.hits.every((h) => Number(h.noteId.slice(1)) % 2 === 1));
  assert.equal(fixture().search({ q: 'coffee' }).totalIsEstimate, undefined);
});
