import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test("anyone, guests included, lists a user's collections and reads the notes in one", async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const trips = (await node.call('POST', '/api/collections', { token: tom.token, body: { name: 'trips' } })).json;
    await node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token, body: { collectionId: trips.id } });

    for (const token of [mei.token, undefined]) {
      const list = await node.call('GET', `/api/users/${tom.user.id}/collections`, { token });
      assert.equal(list.status, 200);
      assert.deepEqual(list.json.items.map((c: { id: string; name: string }) => [c.id, c.name]), [[trips.id, 'trips']]);
      const notes = await node.call('GET', `/api/collections/${trips.id}/notes`, { token });
      assert.equal(notes.status, 200);
      assert.deepEqual(notes.json.items.map((n: { id: string }) => n.id), [note.id]);
    }

    // A user who never saved anything has no collections yet.
    assert.deepEqual((await node.call('GET', `/api/users/${mei.user.id}/collections`)).json.items, []);
  } finally {
    await node.close();
  }
});

test('collections of an unknown user or an unknown collection are 404; only the owner saves into one', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const trips = (await node.call('POST', '/api/collections', { token: tom.token, body: { name: 'trips' } })).json;

    const unknownUser = await node.call('GET', '/api/users/u_nobody/collections');
    assert.equal(unknownUser.status, 404);
    assert.equal(unknownUser.json.error.code, 'not_found');
    assert.equal((await node.call('GET', '/api/collections/col_nothing/notes')).status, 404);
    // Reading is public, writing is not: mei cannot save into tom's collection.
    assert.equal((await node.call('POST', `/api/notes/${note.id}/save`, { token: mei.token, body: { collectionId: trips.id } })).status, 404);
    assert.deepEqual((await node.call('GET', `/api/collections/${trips.id}/notes`)).json.items, []);
  } finally {
    await node.close();
  }
});
