import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('a note tells a signed-in viewer whether they liked and saved it; a guest gets no viewer state', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const state = async () => (await node.call('GET', `/api/notes/${note.id}`, { token: tom.token })).json.viewer;

    assert.deepEqual(await state(), { liked: false, saved: false });
    await node.call('POST', `/api/notes/${note.id}/like`, { token: tom.token });
    assert.deepEqual(await state(), { liked: true, saved: false });
    await node.call('POST', `/api/notes/${note.id}/save`, { token: tom.token });
    assert.deepEqual(await state(), { liked: true, saved: true });
    await node.call('DELETE', `/api/notes/${note.id}/like`, { token: tom.token });
    assert.deepEqual(await state(), { liked: false, saved: true });
    await node.call('DELETE', `/api/notes/${note.id}/save`, { token: tom.token });
    assert.deepEqual(await state(), { liked: false, saved: false });

    // Another viewer's state is their own.
    await node.call('POST', `/api/notes/${note.id}/like`, { token: tom.token });
    assert.deepEqual((await node.call('GET', `/api/notes/${note.id}`, { token: mei.token })).json.viewer, { liked: false, saved: false });

    const guest = await node.call('GET', `/api/notes/${note.id}`);
    assert.equal(guest.status, 200);
    assert.equal('viewer' in guest.json, false);
  } finally {
    await node.close();
  }
});

test('a user tells a signed-in viewer whether they follow them; a guest gets no viewer state', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const state = async () => (await node.call('GET', `/api/users/${mei.user.id}`, { token: tom.token })).json.viewer;

    assert.deepEqual(await state(), { following: false });
    await node.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    assert.deepEqual(await state(), { following: true });
    // Following is one way.
    assert.deepEqual((await node.call('GET', `/api/users/${tom.user.id}`, { token: mei.token })).json.viewer, { following: false });
    await node.call('DELETE', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    assert.deepEqual(await state(), { following: false });

    // The private view of oneself carries the state too, next to the demographics.
    const own = (await node.call('GET', `/api/users/${mei.user.id}`, { token: mei.token })).json;
    assert.equal(own.role, 'user');
    assert.deepEqual(own.viewer, { following: false });

    const guest = await node.call('GET', `/api/users/${mei.user.id}`);
    assert.equal(guest.status, 200);
    assert.equal('viewer' in guest.json, false);
  } finally {
    await node.close();
  }
});
