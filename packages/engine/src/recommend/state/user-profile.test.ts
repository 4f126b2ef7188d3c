import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteCatalog } from '../../catalog/note-catalog.ts';
import type { Note } from '../../domain/note.ts';
import { DEFAULT_PROFILE_CONFIG } from './profile-config.ts';
import { UserProfile } from './user-profile.ts';
import { TopKIndex } from './topic-pools.ts';

const HOUR = 3_600_000;
const note = (id: string, category: string, tags: string[], title: string): Note => ({
  id, authorId: 'a', kind: 'image', title, body: '', tags, category, language: 'en', media: { images: [] }, createdAt: 0, editedAt: null, deleted: false,
});

test('broad topics fade faster than sub-topics unless refreshed', () => {
  const cat = new NoteCatalog();
  const m = cat.upsert(note('n1', 'tech/ai', ['deepseek'], 'DeepSeek 保姆级攻略'));
  const p = new UserProfile('u', null, DEFAULT_PROFILE_CONFIG);
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
  const p = new UserProfile('u', null, { ...DEFAULT_PROFILE_CONFIG, maxKeys: 20 });
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
