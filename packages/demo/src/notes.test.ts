import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leafCategoryIds, NOTE_LIMITS, parseHashtags } from '@notewave/engine';
import { generateCommunity } from './community.ts';

const community = generateCommunity({ seed: 4, users: 300, notes: 3000 });
const notes = [...community.notes()];

test('notes cover every leaf of the taxonomy', () => {
  const seen = new Set(notes.map((n) => n.category));
  for (const leaf of leafCategoryIds()) assert.ok(seen.has(leaf), `no notes in ${leaf}`);
});

test('ids are unique and ascend with creation time, and each author existed when posting', () => {
  const joined = new Map<string, number>();
  for (const u of community.users()) joined.set(u.id, u.createdAt);
  for (let i = 0; i < notes.length; i++) {
    const n = notes[i]!;
    if (i > 0) assert.ok(notes[i - 1]!.id < n.id && notes[i - 1]!.createdAt <= n.createdAt);
    assert.ok(joined.get(n.authorId)! <= n.createdAt, `${n.id} predates its author`);
  }
});

test('titles and bodies are in the note language and tags include both hashtag forms', () => {
  let closed = 0;
  let open = 0;
  for (const n of notes) {
    assert.ok(n.title.length > 0 && n.title.length <= NOTE_LIMITS.titleMax);
    assert.ok(n.tags.length > 0 && n.tags.length <= NOTE_LIMITS.tagsMax);
    assert.ok(!/\{\w+\}/.test(n.title + n.body), `unfilled slot in ${n.title}`);
    const han = /[\u4e00-\u9fff]/.test(n.title);
    assert.equal(han, n.language === 'zh', n.title);
    for (const t of parseHashtags(n.body)) assert.ok(n.tags.includes(t), `${t} missing from tags of ${n.id}`);
    if (/#[^#\s]+#/.test(n.body)) closed++;
    if (/#[a-z]+(\s|$)/i.test(n.body)) open++;
  }
  assert.ok(closed > 100 && open > 100);
});

test('lifestyle notes are mostly images and entertainment notes mostly short videos', () => {
  const share = (top: string) => {
    const xs = notes.filter((n) => n.category.startsWith(top + '/'));
    return xs.filter((n) => n.kind === 'video').length / xs.length;
  };
  assert.ok(share('beauty') < 0.45 && share('fashion') < 0.45);
  assert.ok(share('music-dance') > 0.75 && share('comedy') > 0.75);
  const durations = notes.filter((n) => n.kind === 'video').map((n) => n.media.durationSec!).sort((a, b) => a - b);
  assert.ok(durations[0]! >= 7 && durations.at(-1)! <= 300);
  assert.ok(durations[Math.floor(durations.length / 2)]! < 60, 'durations skew short');
});

test('media point at the generated covers', () => {
  for (const n of notes) {
    assert.ok(n.media.images.length >= 1 && n.media.images.length <= NOTE_LIMITS.imagesMax);
    assert.equal(n.media.images[0]!.url, `/covers/${n.id}.svg`);
    if (n.kind === 'video') assert.ok(n.media.durationSec! > 0);
  }
});

test('the DeepSeek funnel has sub-topics to narrow into', () => {
  const ai = notes.filter((n) => n.category === 'tech/ai');
  assert.ok(ai.some((n) => n.tags.includes('deepseek') && n.tags.includes('码农神器')));
  assert.ok(ai.some((n) => n.tags.includes('deepseek') && n.tags.includes('deepseek教程')));
  assert.ok(ai.some((n) => n.tags.includes('提示词') || n.tags.includes('prompt')));
});

test('random access matches the stream', () => {
  for (const i of [0, 17, notes.length - 1]) {
    assert.deepEqual(community.note(i), notes[i]);
    assert.equal(community.noteIndexOf(notes[i]!.id), i);
  }
  assert.equal(community.noteIndexOf('n_nope'), -1);
  assert.equal(community.noteIndexOf(notes[3]!.id.slice(0, -1) + 'z'), -1);
});
