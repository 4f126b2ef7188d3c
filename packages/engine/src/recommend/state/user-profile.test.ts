import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteCatalog } from '../../catalog/note-catalog.ts';
import type { Note } from '../../domain/note.ts';
import { DEFAULT_PROFILE_CONFIG } from './profile-config.ts';
import { UserProfile } from './user-profile.ts';
import { TopicKeyTable } from './topic-keys.ts';
import { TopKIndex } from './topic-pools.ts';

const HOUR = 3_600_000;
const note = (id: string, category: string, tags: string[], title: string): Note => ({
  id, authorId: 'a', kind: 'image', title, body: '', tags, category, language: 'en', media: { images: [] }, createdAt: 0, editedAt: null, deleted: false,
});

test('broad topics fade faster than sub-topics unless refreshed', () => {
  const cat = new NoteCatalog();
  const m = cat.upsert(note('n1', 'tech/ai', ['deepseek'], 'DeepSeek 保姆级攻略'));
  const p = new UserProfile('u', null, DEFAULT_PROFILE_CONFIG, new TopicKeyTable());
  p.addNoteSignal(m, 'save', 1, 0);
  const at = 48 * HOUR;
  const ratio = (k: string) => p.weight(k, at) / p.weight(k, 0);
  assert.ok(ratio('c:tech') < ratio('s:tech/ai') && ratio('s:tech/ai') < ratio('t:deepseek'));
  assert.ok(Math.abs(ratio('c:tech') - 0.25) < 1e-9, 'two half-lives of the category level');
  assert.ok(ratio('w:保姆级攻略') > 0.7);
  p.addNoteSignal(m, 'like', 1, at);
  assert.ok(p.weight('c:tech', at) > 0.25 * p.weight('c:tech', 0), 'refreshed');
});

test('profiles stay bounded and remember the query that raised a topic', () => {
  const cat = new NoteCatalog();
  const p = new UserProfile('u', null, { ...DEFAULT_PROFILE_CONFIG, maxKeys: 20 }, new TopicKeyTable());
  for (let i = 0; i < 200; i++) p.addNoteSignal(cat.upsert(note(`n${i}`, 'food/recipes', [`t${i}`], `dish${i}`)), 'like', 1, i);
  assert.ok(p.topics.size <= 25);
  p.addSearch('Matcha', ['t:matcha'], [], 300);
  assert.equal(p.topics.get('t:matcha')?.query, 'Matcha');
  assert.deepEqual(p.activeQueries(300).map((q) => q.text), ['Matcha']);
});

test('the best-K index keeps the K highest scores as they change', () => {
  const k = new TopKIndex(3);
  for (const [ix, s] of [[1, 0.1], [2, 0.5], [3, 0.3], [4, 0.4], [5, 0.05]] as const) k.offer('x', ix, s);
  assert.deepEqual(k.top('x', 5).map((e) => e.ix), [2, 4, 3]);
  k.offer('x', 2, 0.01);
  k.offer('x', 6, 0.2);
  assert.deepEqual(k.top('x', 5).map((e) => e.ix), [4, 3, 6]);
});

/** The Map-of-objects profile the compact one replaced, kept as the reference for its behaviour. */
class ReferenceTopics {
  readonly topics = new Map<string, { w: number; t: number; hl: number; bySignal: Record<string, number>; query?: string }>();
  constructor(private readonly maxKeys: number) {}
  bump(key: string, hl: number, signal: string, d: number, now: number, query?: string): void {
    let tw = this.topics.get(key);
    if (!tw) {
      if (d <= 0) return;
      tw = { w: 0, t: now, hl, bySignal: {} };
      this.topics.set(key, tw);
    }
    tw.w = this.decayed(tw, now) + d;
    tw.t = now;
    tw.bySignal[signal] = (tw.bySignal[signal] ?? 0) + Math.abs(d);
    if (query !== undefined) tw.query = query;
    if (this.topics.size > this.maxKeys * 1.25) {
      const ranked = [...this.topics].map(([k, x]) => [k, this.decayed(x, now)] as const).sort((a, b) => b[1] - a[1]);
      for (const [k] of ranked.slice(this.maxKeys)) this.topics.delete(k);
    }
  }
  decayed(tw: { w: number; t: number; hl: number }, now: number): number {
    return tw.w * Math.pow(2, -Math.max(0, now - tw.t) / (tw.hl * HOUR));
  }
}

test('the compact profile weighs, ranks, explains and prunes topics exactly as the Map-based one did', () => {
  const cfg = { ...DEFAULT_PROFILE_CONFIG, maxKeys: 24 };
  const hl = (key: string) => cfg.halfLifeHours[key.startsWith('c:') ? 'category' : key.startsWith('s:') ? 'subcategory' : key.startsWith('t:') ? 'tag' : 'term'];
  const cat = new NoteCatalog();
  const notes = Array.from({ length: 120 }, (_, i) =>
    cat.upsert(note(`r${i}`, ['food/recipes', 'tech/ai', 'home/decor', 'travel/cities'][i % 4] as string, [`tag${i % 17}`, `tag${(i * 7) % 23}`], `dish${i % 13} idea${i % 5}`)));
  const signals = ['open', 'complete', 'like', 'save', 'skip', 'search', 'not_interested', 'share'] as const;
  let now = 0;
  let x = 12345;
  const rand = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16) % n;
  const topics = new TopicKeyTable();
  const q = new UserProfile('u', null, cfg, topics);
  const ref2 = new ReferenceTopics(cfg.maxKeys);
  for (let i = 0; i < 3000; i++) {
    now += rand(4) * HOUR / 4;
    const m = notes[rand(notes.length)]!;
    const signal = signals[rand(signals.length)]!;
    const strength = [1, 0.25, 0.5, 1.3][rand(4)]!;
    const query = signal === 'search' && rand(2) === 0 ? `q${rand(5)}` : undefined;
    q.addNoteSignal(m, signal, strength, now, query);
    const d = cfg.signals[signal] * strength;
    if (d !== 0) for (const k of topics.ofNote(m)) ref2.bump(k.key, hl(k.key), signal, d, now, query);
    if (i % 50 === 0 || i === 2999) {
      assert.equal(q.topicCount, ref2.topics.size);
      const expected = [...ref2.topics]
        .map(([key, tw]) => ({ key, w: ref2.decayed(tw, now), tw }))
        .filter((t) => t.w > 0)
        .sort((a, b) => b.w - a.w || (a.key < b.key ? -1 : 1));
      const got = q.topTopics(now, 1000);
      assert.deepEqual(got.map((t) => [t.key, t.w]), expected.map((t) => [t.key, t.w]));
      for (const [key, tw] of ref2.topics) {
        assert.equal(q.weight(key, now), ref2.decayed(tw, now));
        const snap = q.topic(key)!;
        const reasons = Object.entries(tw.bySignal).filter(([s]) => s !== 'skip' && s !== 'not_interested');
        assert.deepEqual(Object.entries(snap.bySignal), reasons, `signals of ${key} in arrival order`);
        assert.equal(snap.query, tw.query);
      }
    }
  }
  assert.ok(q.topicCount <= cfg.maxKeys * 1.25);
  q.addSearch('  Matcha Latte ', ['t:matcha'], [notes[0]!], now);
  assert.equal(q.topic('t:matcha')?.query, 'Matcha Latte');
  assert.equal(q.topic('t:matcha')?.bySignal.search, cfg.signals.search);
});

test('hidden sets answer like Sets before and after their first element', () => {
  const p = new UserProfile('u', null, DEFAULT_PROFILE_CONFIG, new TopicKeyTable());
  assert.equal(p.hiddenTags.size, 0);
  assert.equal(p.hiddenTags.has('x'), false);
  assert.deepEqual([...p.hiddenTags], []);
  p.hiddenTags.add('x').add('y').add('x');
  assert.equal(p.hiddenTags.size, 2);
  assert.ok(p.hiddenTags.has('y'));
  assert.deepEqual([...p.hiddenTags], ['x', 'y']);
  assert.equal(p.hiddenTags.delete('x'), true);
  assert.equal(p.hiddenNotes.delete(3), false);
  assert.deepEqual([...p.hiddenTags], ['y']);
});
