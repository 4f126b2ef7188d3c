import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('create, read, list, edit and delete a note; hashtags become tags', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const created = await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, tags: ['Hangzhou'] } });
    assert.equal(created.status, 201);
    const note = created.json;
    assert.deepEqual(note.tags, ['hangzhou', 'citywalk']);
    assert.equal(note.language, 'en');
    assert.equal(note.author.handle, 'mei_lin');
    assert.deepEqual(note.stats, { likes: 0, saves: 0, comments: 0, shares: 0 });

    const got = await node.call('GET', `/api/notes/${note.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.json.title, NOTE.title);

    const listed = await node.call('GET', `/api/notes?authorId=${mei.user.id}&kind=image`);
    assert.deepEqual(listed.json.items.map((n: { id: string }) => n.id), [note.id]);
    assert.equal(listed.json.nextCursor, null);

    const edited = await node.call('PATCH', `/api/notes/${note.id}`, { token: mei.token, body: { title: '西湖边的周末 #杭州旅行#' } });
    assert.equal(edited.status, 200);
    assert.ok(edited.json.tags.includes('杭州旅行'));
    assert.ok(edited.json.editedAt !== null);

    assert.equal((await node.call('DELETE', `/api/notes/${note.id}`, { token: mei.token })).status, 204);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).status, 404);
    assert.deepEqual((await node.call('GET', `/api/notes?authorId=${mei.user.id}`)).json.items, []);
    const search = await node.call('GET', '/api/search?q=Hangzhou');
    assert.equal(search.json.hits.length, 0);
  } finally {
    await node.close();
  }
});

test('only the author may edit or delete a note', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const edit = await node.call('PATCH', `/api/notes/${note.id}`, { token: tom.token, body: { title: 'mine now' } });
    assert.equal(edit.status, 403);
    assert.equal(edit.json.error.code, 'forbidden');
    assert.equal((await node.call('DELETE', `/api/notes/${note.id}`, { token: tom.token })).status, 403);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).json.title, NOTE.title);
  } finally {
    await node.close();
  }
});

test('listing pages newest first with a keyset cursor', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    for (let i = 0; i < 5; i++) await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: `note ${i}` } });
    const seen: string[] = [];
    let after = '';
    for (let pages = 0; pages < 5; pages++) {
      const page = await node.call('GET', `/api/notes?limit=2${after ? `&after=${after}` : ''}`);
      seen.push(...page.json.items.map((n: { title: string }) => n.title));
      if (!page.json.nextCursor) break;
      after = page.json.nextCursor;
    }
    assert.deepEqual(seen, ['note 4', 'note 3', 'note 2', 'note 1', 'note 0']);
    const own = await node.call('GET', `/api/notes?authorId=${mei.user.id}&limit=1`);
    assert.deepEqual(own.json.items.map((n: { title: string }) => n.title), ['note 4']);
  } finally {
    await node.close();
  }
});

test('unknown category and unknown ids are reported clearly', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const bad = await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, category: 'astrology' } });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /category/);
    const missing = await node.call('GET', '/api/notes/n_missing');
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'not_found');
    assert.equal((await node.call('GET', '/api/users/u_missing')).status, 404);
    assert.equal((await node.call('POST', '/api/notes/n_missing/like', { token: mei.token })).status, 404);
    assert.equal((await node.call('GET', '/api/no/such/route')).json.error.code, 'not_found');
  } finally {
    await node.close();
  }
});

test('a note without images gets a generated SVG cover', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const url = note.media.images[0].url;
    assert.equal(url, `/covers/${note.id}.svg`);
    const svg = await node.call('GET', url);
    assert.equal(svg.status, 200);
    assert.match(String(svg.headers['content-type']), /^image\/svg\+xml/);
    assert.match(svg.text, /^<svg/);
    assert.equal((await node.call('GET', '/covers/n_missing.svg')).status, 404);
  } finally {
    await node.close();
  }
});
