import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Note } from '@notewave/engine';
import { withClips } from './seed-database.ts';

const base = { title: 't', body: '', tags: [], category: 'food/baking', language: 'en', authorId: 'u1', createdAt: 1, editedAt: null } as const;
const notes = [
  { ...base, id: 'n_a', kind: 'image', media: { images: [{ url: '/covers/n_a.svg' }] } },
  { ...base, id: 'n_b', kind: 'video', media: { images: [{ url: '/covers/n_b.svg' }], durationSec: 83 } },
  { ...base, id: 'n_c', kind: 'video', media: { images: [{ url: '/covers/n_c.svg' }], durationSec: 12 } },
] as unknown as Note[];
const clips = [
  { url: '/media/demo-clip-1.webm', posterUrl: '/media/demo-clip-1.jpg', durationSec: 6 },
  { url: '/media/demo-clip-2.webm', posterUrl: '/media/demo-clip-2.jpg', durationSec: 6 },
];

test('every demo video note plays a real clip with the clip\'s length, image notes are untouched', () => {
  const out = [...withClips(notes, clips)];
  assert.deepEqual(out[0], notes[0]);
  for (const n of out.slice(1)) {
    assert.ok(clips.some((c) => c.url === n.media.videoUrl), n.id);
    assert.equal(n.media.durationSec, 6);
    assert.equal(n.media.images[0]?.url, `/covers/${n.id}.svg`);
  }
});

test('a note keeps the same clip on every run', () => {
  const a = [...withClips(notes, clips)].map((n) => n.media.videoUrl);
  const b = [...withClips(notes, clips)].map((n) => n.media.videoUrl);
  assert.deepEqual(a, b);
});
