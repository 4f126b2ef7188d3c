import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { ApiError, createClient, type ClientEvent, type FetchLike } from '@notewave/api-client';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

/** Routes the client's fetch calls into the in-process app, so no port is opened. */
function injectFetch(node: TestNode): FetchLike {
  return async (input, init = {}) => {
    const url = new URL(input);
    let payload: string | Buffer | undefined;
    const headers = { ...(init.headers as Record<string, string>) };
    if (typeof init.body === 'string') payload = init.body;
    else if (init.body instanceof FormData) {
      const req = new Request('http://x', { method: 'POST', body: init.body });
      payload = Buffer.from(await req.arrayBuffer());
      headers['content-type'] = req.headers.get('content-type') as string;
    }
    const res = await node.http.inject({ method: (init.method ?? 'GET') as 'GET', url: url.pathname + url.search, headers, payload });
    return new Response(res.statusCode === 204 ? null : res.rawPayload, {
      status: res.statusCode,
      headers: res.headers as Record<string, string>,
    });
  };
}

test('the typed client drives a whole session against the app', async () => {
  const node = await startTestNode();
  try {
    const fetch = injectFetch(node);
    const mei = createClient({ baseUrl: 'http://notewave.test', fetch });
    const tom = createClient({ baseUrl: 'http://notewave.test/', fetch });
    const meiSession = await mei.auth.register({ handle: 'mei_lin', password: 'correct horse', displayName: 'Mei', locale: 'zh-CN', market: 'CN' });
    await tom.auth.register({ handle: 'tom_w', password: 'correct horse', displayName: 'Tom', locale: 'en-US', market: 'US' });
    assert.equal((await mei.me()).handle, 'mei_lin');

    const note = await mei.notes.create({ ...NOTE, kind: 'image' });
    assert.equal((await tom.notes.like(note.id)).likes, 1);
    const saved = await tom.notes.save(note.id);
    assert.ok(saved.collectionId);
    const c = await tom.notes.comment(note.id, { body: 'lovely' });
    await mei.notes.comment(note.id, { body: 'thanks', parentId: c.id });
    assert.equal((await tom.notes.comments(note.id)).items.length, 2);
    await tom.users.follow(meiSession.user.id);
    assert.equal((await mei.users.followers(meiSession.user.id)).items[0]?.handle, 'tom_w');

    const batch = await tom.events.send([
      { type: 'impression', clientEventId: 'i1', noteId: note.id, position: 0 },
      // A client out of step with the contract: the server still reports the item by its index.
      { type: 'bogus', clientEventId: 'b1' } as unknown as ClientEvent,
    ]);
    assert.deepEqual([batch.accepted, batch.rejected.length], [1, 1]);

    const feed = await tom.feed({ surface: 'discover', limit: 5 });
    assert.ok(feed.sessionId);
    const found = await tom.search({ q: 'Hangzhou' });
    assert.equal(found.hits[0]?.note.id, note.id);
    assert.ok(Array.isArray((await tom.suggest({ q: 'Week' })).suggestions));
    assert.ok((await tom.taxonomy()).categories.length > 5);

    const png = new Blob([new Uint8Array(await sharp({ create: { width: 4, height: 3, channels: 3, background: '#fff' } }).png().toBuffer())], { type: 'image/png' });
    const uploaded = await mei.uploads.image(png, 'a.png');
    assert.match(uploaded.url, /\.png$/);
    assert.deepEqual([uploaded.width, uploaded.height], [4, 3]);

    await tom.auth.logout();
    await assert.rejects(tom.me(), (e: unknown) => e instanceof ApiError && e.status === 401 && e.code === 'unauthenticated');
    await assert.rejects(mei.notes.update(note.id, { title: '' }), (e: unknown) => e instanceof ApiError && e.code === 'validation_failed');
    await mei.notes.remove(note.id);
    await assert.rejects(mei.notes.get(note.id), (e: unknown) => e instanceof ApiError && e.status === 404);
  } finally {
    await node.close();
  }
});
