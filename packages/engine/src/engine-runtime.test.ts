import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from './engine.ts';
import type { FeedPage } from './recommend/feed.ts';
import { buildCommunity, impress, type Community } from './recommend/testing/community-fixture.ts';
import { ManualClock } from './runtime/clock.ts';
import { TimeRandomIds } from './runtime/ids.ts';
import { SeededRng } from './runtime/rng.ts';
import type { Segmenter } from './search/segmenter.ts';

/** Greedy longest match over a word list, other characters one by one: a dictionary segmenter without jieba. */
function dictionarySegmenter(words: readonly string[]): Segmenter {
  const cut = (text: string): string[] => {
    const out: string[] = [];
    for (const run of text.split(/\s+/)) {
      for (let i = 0; i < run.length; ) {
        const w = words.filter((x) => run.startsWith(x, i)).sort((a, b) => b.length - a.length)[0] ?? (run[i] as string);
        out.push(w);
        i += w.length;
      }
    }
    return out;
  };
  return { name: 'dict', cutIndex: cut, cutQuery: cut, signature: () => `dict:${words.join(',')}` };
}

function engineWith(segmenter: Segmenter): Engine {
  const clock = new ManualClock();
  const rng = new SeededRng(1);
  return new Engine({ clock, rng, ids: new TimeRandomIds(clock, new SeededRng(2)), segmenter });
}

test('engines with different dictionaries segment and search by their own', () => {
  const a = engineWith(dictionarySegmenter(['围巾这样搭']));
  const b = engineWith(dictionarySegmenter(['围巾', '这样']));
  const scarf = { title: '围巾这样搭', body: '', tags: [] };
  const note = { id: 'n1', authorId: 'u', kind: 'image' as const, title: '围巾这样搭', body: '', tags: [], category: 'fashion/outfits', language: 'zh', media: { images: [] }, createdAt: 0, editedAt: null, deleted: false };
  a.upsertNote(note);
  b.upsertNote(note);
  assert.deepEqual(a.analyzeNote(scarf).title, ['围巾这样搭']);
  assert.deepEqual(b.analyzeNote(scarf).title, ['围巾', '这样', '搭']);
  assert.notEqual(a.analyzeNote(scarf).analyzer, b.analyzeNote(scarf).analyzer);
  assert.deepEqual(a.runSearch({ q: '围巾这样搭' }).hits.map((h) => h.noteId), ['n1']);
  assert.deepEqual(b.runSearch({ q: '围巾' }).hits.map((h) => h.noteId), ['n1']);
  assert.deepEqual(a.runSearch({ q: '围巾' }).hits.map((h) => h.noteId), [], 'the word exists only in the other engine');
});

test('search text interned by one engine leaves the other engine\'s topic keys alone', () => {
  const a = buildCommunity({ seed: 7 });
  const b = buildCommunity({ seed: 7 });
  assert.notEqual(a.engine.runtime.topics, b.engine.runtime.topics);
  const before = b.engine.runtime.topics.size;
  const someNote = b.engine.catalog.at(0)!;
  const idsBefore = b.engine.runtime.topics.ofNote(someNote).map((k) => k.id);
  a.engine.addUser({ id: 'typist', market: 'US', createdAt: a.clock.now() });
  for (let i = 0; i < 200; i++) a.search('typist', `nonsense${i} words${i}`);
  assert.ok(a.engine.runtime.topics.size > before + 200);
  assert.equal(b.engine.runtime.topics.size, before);
  assert.deepEqual(b.engine.runtime.topics.ofNote(someNote).map((k) => k.id), idsBefore);
});

/** One user's session on a community: search, a few pages with reads, a video page. Returns every page. */
function* session(c: Community, user: string, query: string): Generator<FeedPage, void, void> {
  c.engine.addUser({ id: user, market: 'CN', createdAt: c.clock.now() });
  c.search(user, query);
  for (let p = 0; p < 3; p++) {
    const page = c.engine.feed({ userId: user, surface: 'discover', limit: 12, sessionId: `${user}-d` });
    yield page;
    impress(c, user, page.items.map((i) => i.noteId));
    const read = page.items[p]?.noteId;
    if (read) c.engine.applyEvent(c.ev(user, { type: 'view', noteId: read, portion: 1, ms: 30_000 }));
    c.clock.advance(60_000);
  }
  yield c.engine.feed({ userId: user, surface: 'video', limit: 10, sessionId: `${user}-v` });
}

test('two engines fed and asked in turn give the pages each gives alone', () => {
  const alone = (seed: number, query: string) => [...session(buildCommunity({ seed }), 'reader', query)];
  const expectedA = alone(7, 'DeepSeek');
  const expectedB = alone(8, 'coffee');
  const ca = buildCommunity({ seed: 7 });
  const cb = buildCommunity({ seed: 8 });
  const a = session(ca, 'reader', 'DeepSeek');
  const b = session(cb, 'reader', 'coffee');
  const gotA: FeedPage[] = [];
  const gotB: FeedPage[] = [];
  for (;;) {
    const x = a.next();
    const y = b.next();
    if (!x.done) gotA.push(x.value);
    if (!y.done) gotB.push(y.value);
    if (x.done && y.done) break;
  }
  assert.equal(gotA.length, 4);
  assert.ok(gotA.every((p) => p.items.length > 0));
  assert.deepEqual(gotA, expectedA);
  assert.deepEqual(gotB, expectedB);
  assert.equal(ca.engine.runtime.affinity.size, 1, 'each engine caches affinity models for its own reader only');
  assert.equal(cb.engine.runtime.affinity.size, 1);
});
