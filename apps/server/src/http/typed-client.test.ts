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

test('the typed client reads analytics as an operator, CSV included, and surfaces the refusal for members', async () => {
  const node = await startTestNode();
  try {
    const fetch = injectFetch(node);
    const ops = createClient({ baseUrl: 'http://notewave.test', fetch });
    const sam = createClient({ baseUrl: 'http://notewave.test', fetch });
    const opsSession = await ops.auth.register({ handle: 'ops_lead', password: 'correct horse', displayName: 'Ops', locale: 'en-US', market: 'CN' });
    await node.storage.users.setRole(opsSession.user.id, 'operator');
    await sam.auth.register({ handle: 'sam_k', password: 'correct horse', displayName: 'Sam', locale: 'en-US', market: 'US', signupSource: 'tiktok-refugee' });
    const note = await ops.notes.create({ ...NOTE, kind: 'image' });
    await sam.events.send([
      { type: 'impression', clientEventId: 'i1', noteId: note.id, position: 0, surface: 'discover' },
      { type: 'open', clientEventId: 'o1', noteId: note.id, surface: 'discover' },
    ]);

    const overview = await ops.analytics.overview();
    assert.ok(overview.lastDay);
    const day = overview.lastDay;
    const actives = await ops.analytics.actives({ from: day, to: day, by: 'source' });
    assert.equal(actives.series.find((s) => s.key === 'tiktok-refugee')?.values[0], 1);
    const funnel = await ops.analytics.funnel({ from: day, to: day });
    assert.deepEqual(funnel.groups[0]?.rows.find((r) => r.surface === 'discover')?.counts.slice(0, 2), [1, 1]);
    assert.equal((await ops.analytics.retention({ from: day, to: day, horizon: 1 })).horizon, 1);
    assert.ok((await ops.analytics.audience({ by: 'source' })).groups.length >= 1);
    assert.ok(Array.isArray((await ops.analytics.content({ from: day, to: day })).groups));
    const csv = await ops.analytics.csv('actives', { from: day, to: day, by: 'source' });
    assert.match(csv.split('\n')[0] ?? '', /^day,source,dau/);
    assert.match(csv, new RegExp(`${day},tiktok-refugee,1`));

    await assert.rejects(sam.analytics.actives(), (e: unknown) => e instanceof ApiError && e.status === 403 && e.code === 'forbidden');
    await assert.rejects(sam.analytics.csv('funnel'), (e: unknown) => e instanceof ApiError && e.status === 403);
    await assert.rejects(ops.analytics.actives({ from: '2025-02-30' }), (e: unknown) => e instanceof ApiError && e.status === 400);
  } finally {
    await node.close();
  }
});
