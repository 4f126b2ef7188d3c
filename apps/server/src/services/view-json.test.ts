import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { FeedResponse, NoteView, PublicUser } from '@notewave/api-client';
import type { Note, User } from '@notewave/engine';
import { feedResponseBody, withNoteJson, withUserJson } from './view-json.ts';
import { publicView } from './user-views.ts';

const feedJson = (page: FeedResponse): string => feedResponseBody(page).toString('utf8');

const tricky = 'quote " backslash \\ newline \n tab \t line-sep \u2028 emoji 🍵 中文 </script>';

function user(id: string): User {
  return { id, handle: `h_${id}`, displayName: `${tricky} ${id}`, passwordHash: 'secret', locale: 'zh-CN', market: 'CN', signupSource: 'organic', role: 'operator', ageBand: '25-30', gender: 'female', incomeBand: 'high', createdAt: 1_700_000_000_123 };
}

function note(id: string, over: Partial<Note> = {}): Note {
  return { id, authorId: 'u1', kind: 'image', title: `${tricky} title`, body: `${tricky} body`, tags: ['探店', 'a"b'], category: 'food/cafe', language: 'zh', media: { images: [{ url: `/covers/${id}.svg`, width: 1080, height: 1440 }, { url: '/x.jpg' }] }, createdAt: 1_737_000_000_000, editedAt: null, deleted: false, ...over };
}

function view(n: Note, u: User, stats = { likes: 3, saves: 0, comments: 12, shares: 1 }): NoteView {
  const author = withUserJson(publicView(u), u);
  return withNoteJson({ id: n.id, kind: n.kind, title: n.title, body: n.body, tags: n.tags, category: n.category, language: n.language, media: n.media, createdAt: n.createdAt, editedAt: n.editedAt, author, stats }, n);
}

/** What Fastify's own schema serializer writes for the page. */
async function schemaSerialized(page: unknown): Promise<unknown> {
  const app = Fastify();
  app.get('/', { schema: { response: { 200: FeedResponse } } }, async () => page);
  try {
    return (await app.inject({ method: 'GET', url: '/' })).json();
  } finally {
    await app.close();
  }
}

test('the feed page text says what the FeedResponse schema serializer would, for cached and uncached notes', async () => {
  const cachedUser = Object.freeze(user('u1'));
  const freshUser = user('u2');
  // Media may hold fields the schema does not list; neither writer may pass them on.
  const withExtra = note('n3', { kind: 'video', editedAt: 1_737_000_000_999, media: { images: [{ url: '/v.jpg', alt: 'x' } as never], videoUrl: '/v.mp4', durationSec: 14.5, secret: 1 } as never });
  const cachedNote = Object.freeze(note('n1'));
  const page: FeedResponse = {
    sessionId: 'fs_1',
    strategy: 'funnel',
    items: [
      { note: view(cachedNote, cachedUser), recId: 'rec_1', reasons: [{ code: 'search', text: `you searched '${tricky}'`, params: { query: tricky, topic: 't:露营' } }], exploration: false },
      { note: view(note('n2', { tags: [] }), freshUser), recId: 'rec_2', reasons: [], exploration: true },
      { note: view(withExtra, cachedUser), recId: 'rec_3', reasons: [{ code: 'a', text: 'b' }, { code: 'c', text: 'd' }], exploration: false },
      // The same cached note again with other live counters: the reused fragment never holds stats.
      { note: view(cachedNote, cachedUser, { likes: 4, saves: 1, comments: 12, shares: 1 }), recId: 'rec_4', reasons: [], exploration: false },
    ],
  };
  const text = feedJson(page);
  assert.deepEqual(JSON.parse(text), await schemaSerialized(page));
  assert.equal(JSON.parse(text).items[3].note.stats.likes, 4);
  assert.deepEqual(await schemaSerialized({ sessionId: 's', strategy: 'viral', items: [] }), JSON.parse(feedJson({ sessionId: 's', strategy: 'viral', items: [] })));
});

test('the written fields are exactly the schema properties, in schema order', () => {
  const u = Object.freeze(user('u1'));
  const n = Object.freeze(note('n1'));
  const parsed = JSON.parse(feedJson({ sessionId: 's', strategy: 'x', items: [{ note: view(n, u), recId: 'r', reasons: [], exploration: false }] }));
  assert.deepEqual(Object.keys(parsed), Object.keys(FeedResponse.properties));
  assert.deepEqual(Object.keys(parsed.items[0].note), Object.keys(NoteView.properties));
  assert.deepEqual(Object.keys(parsed.items[0].note.author), Object.keys(PublicUser.properties));
});

test('a copy of a view does not carry the cached text, so an edited copy is written as edited', () => {
  const u = Object.freeze(user('u1'));
  const n = Object.freeze(note('n1'));
  const edited = { ...view(n, u), title: 'changed' };
  const parsed = JSON.parse(feedJson({ sessionId: 's', strategy: 'x', items: [{ note: edited, recId: 'r', reasons: [], exploration: false }] }));
  assert.equal(parsed.items[0].note.title, 'changed');
});
