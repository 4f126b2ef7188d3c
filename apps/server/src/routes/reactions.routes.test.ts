import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('likes count once per user and can be taken back', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    assert.deepEqual((await node.call('POST', `/api/notes/${note.id}/like`, { token: tom.token })).json, { liked: true, likes: 1 });
    assert.deepEqual((await node.call('POST', `/api/notes/${note.id}/like`, { token: tom.token })).json, { liked: true, likes: 1 });
    assert.deepEqual((await node.call('DELETE', `/api/notes/${note.id}/like`, { token: tom.token })).json, { liked: false, likes: 0 });
  } finally {
    await node.close();
  }
});

test('each like, save, follow and comment is logged with its change: repeats log nothing, undoing logs once', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    for (let repeat = 0; repeat < 2; repeat++) {
      assert.equal((await node.call('POST', `/api/notes/${note.id}/like`, { token: tom.token })).status, 200);
      assert.equal((await node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token })).status, 200);
      assert.equal((await node.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token })).status, 200);
    }
    assert.equal((await node.call('POST', `/api/notes/${note.id}/comments`, { token: tom.token, body: { body: 'Lovely glaze' } })).status, 201);
    for (let repeat = 0; repeat < 2; repeat++) {
      assert.equal((await node.call('DELETE', `/api/notes/${note.id}/like`, { token: tom.token })).status, 200);
      assert.equal((await node.call('DELETE', `/api/notes/${note.id}/save`, { token: tom.token })).status, 200);
      assert.equal((await node.call('DELETE', `/api/users/${mei.user.id}/follow`, { token: tom.token })).status, 200);
    }
    const logged = (await node.storage.events.readSince(0, 1_000)).filter((e) => e.userId === tom.user.id);
    assert.deepEqual(logged.map((e) => e.type), ['like', 'save', 'follow', 'comment', 'unlike', 'unsave', 'unfollow']);
    assert.ok(logged.every((e) => e.clientEventId.startsWith('srv_')));
    const { likes, saves, comments } = (await node.call('GET', `/api/notes/${note.id}`)).json.stats;
    assert.deepEqual({ likes, saves, comments }, { likes: 0, saves: 0, comments: 1 });
  } finally {
    await node.close();
  }
});

test('saves go to the default collection or a named one', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const trips = await node.call('POST', '/api/collections', { token: tom.token, body: { name: 'trips' } });
    assert.equal(trips.status, 201);
    assert.equal((await node.call('POST', '/api/collections', { token: tom.token, body: { name: 'trips' } })).status, 409);

    const saved = await node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token, body: { collectionId: trips.json.id } });
    assert.equal(saved.json.collectionId, trips.json.id);
    assert.equal(saved.json.saves, 1);
    const inDefault = await node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token });
    const collections = (await node.call('GET', '/api/collections', { token: tom.token })).json.items;
    assert.deepEqual(collections.map((c: { name: string }) => c.name).sort(), ['default', 'trips']);
    assert.equal(inDefault.json.collectionId, collections.find((c: { name: string }) => c.name === 'default').id);

    const inTrips = await node.call('GET', `/api/collections/${trips.json.id}/notes`, { token: tom.token });
    assert.deepEqual(inTrips.json.items.map((n: { id: string }) => n.id), [note.id]);
    // Collections are public: someone else reads the same notes.
    assert.deepEqual((await node.call('GET', `/api/collections/${trips.json.id}/notes`, { token: mei.token })).json.items.map((n: { id: string }) => n.id), [note.id]);

    await node.call('DELETE', `/api/notes/${note.id}/save?collectionId=${trips.json.id}`, { token: tom.token });
    assert.deepEqual((await node.call('GET', `/api/collections/${trips.json.id}/notes`, { token: tom.token })).json.items, []);
  } finally {
    await node.close();
  }
});

test('a note saved into two collections counts as one save until it leaves the last one', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const trips = (await node.call('POST', '/api/collections', { token: tom.token, body: { name: 'trips' } })).json;
    const save = (body?: unknown) => node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token, body });
    assert.equal((await save({})).json.saves, 1);
    assert.equal((await save({ collectionId: trips.id })).json.saves, 1);
    assert.equal((await save({ collectionId: trips.id })).json.saves, 1);

    const leftTrips = await node.call('DELETE', `/api/notes/${note.id}/save?collectionId=${trips.id}`, { token: tom.token });
    assert.deepEqual({ saved: leftTrips.json.saved, saves: leftTrips.json.saves }, { saved: true, saves: 1 });
    const leftAll = await node.call('DELETE', `/api/notes/${note.id}/save`, { token: tom.token });
    assert.deepEqual({ saved: leftAll.json.saved, saves: leftAll.json.saves }, { saved: false, saves: 0 });
    assert.equal((await node.call('DELETE', `/api/notes/${note.id}/save`, { token: tom.token })).json.saves, 0);

    const both = await Promise.all([save({}), save({ collectionId: trips.id })]);
    assert.deepEqual(both.map((r) => r.status), [200, 200]);
    assert.equal(node.engine.noteStats(note.id).saves, 1);
  } finally {
    await node.close();
  }
});

test('a collection lists its notes newest first', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const older = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'older' } })).json;
    const newer = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'newer' } })).json;
    const saved = (await node.call('POST', `/api/notes/${older.id}/save`, { token: tom.token })).json;
    await node.call('POST', `/api/notes/${newer.id}/save`, { token: tom.token });
    const first = await node.call('GET', `/api/collections/${saved.collectionId}/notes?limit=1`, { token: tom.token });
    const second = await node.call('GET', `/api/collections/${saved.collectionId}/notes?limit=1&after=${first.json.nextCursor}`, { token: tom.token });
    assert.deepEqual([...first.json.items, ...second.json.items].map((n: { title: string }) => n.title), ['newer', 'older']);
  } finally {
    await node.close();
  }
});

test('follow, list followers and following, unfollow; self-follow is refused', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    assert.deepEqual((await node.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token })).json, { following: true });
    const followers = await node.call('GET', `/api/users/${mei.user.id}/followers`);
    assert.deepEqual(followers.json.items.map((u: { handle: string }) => u.handle), ['tom_w']);
    const following = await node.call('GET', `/api/users/${tom.user.id}/following`);
    assert.deepEqual(following.json.items.map((u: { handle: string }) => u.handle), ['mei_lin']);
    assert.equal((await node.call('POST', `/api/users/${tom.user.id}/follow`, { token: tom.token })).status, 400);
    assert.deepEqual((await node.call('DELETE', `/api/users/${mei.user.id}/follow`, { token: tom.token })).json, { following: false });
    assert.deepEqual((await node.call('GET', `/api/users/${mei.user.id}/followers`)).json.items, []);
  } finally {
    await node.close();
  }
});

test('users edit only their own profile', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const ok = await node.call('PATCH', `/api/users/${mei.user.id}`, { token: mei.token, body: { displayName: 'Mei', gender: 'female' } });
    assert.equal(ok.status, 200);
    assert.equal(ok.json.displayName, 'Mei');
    assert.equal(ok.json.gender, 'female');
    assert.equal((await node.call('PATCH', `/api/users/${mei.user.id}`, { token: tom.token, body: { displayName: 'x' } })).status, 403);
  } finally {
    await node.close();
  }
});
