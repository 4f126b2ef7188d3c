import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

const login = (handle: string, password = 'correct horse') => ({ body: { handle, password } });

test('changing the password needs the current one and ends every other session', async () => {
  const node = await startTestNode();
  try {
    const first = await node.register('mei_lin');
    const second = (await node.call('POST', '/api/auth/login', login('mei_lin'))).json;
    const wrong = await node.call('POST', '/api/me/password', { token: first.token, body: { currentPassword: 'nope nope', newPassword: 'a new secret' } });
    assert.equal(wrong.status, 401);
    assert.equal((await node.call('GET', '/api/me', { token: second.token })).status, 200, 'a wrong attempt changes nothing');

    const ok = await node.call('POST', '/api/me/password', { token: first.token, body: { currentPassword: 'correct horse', newPassword: 'a new secret' } });
    assert.equal(ok.status, 204);
    assert.equal((await node.call('GET', '/api/me', { token: first.token })).status, 200, 'the session in use stays');
    assert.equal((await node.call('GET', '/api/me', { token: second.token })).status, 401);
    assert.equal((await node.call('POST', '/api/auth/login', login('mei_lin'))).status, 401);
    assert.equal((await node.call('POST', '/api/auth/login', login('mei_lin', 'a new secret'))).status, 200);
  } finally {
    await node.close();
  }
});

test('a user lists their sessions and ends one, or all but the current one', async () => {
  const node = await startTestNode();
  try {
    const a = await node.register('mei_lin');
    const b = (await node.call('POST', '/api/auth/login', login('mei_lin'))).json;
    const c = (await node.call('POST', '/api/auth/login', login('mei_lin'))).json;
    const tom = await node.register('tom_w');
    const list = (await node.call('GET', '/api/me/sessions', { token: a.token })).json.items as { id: string; current: boolean }[];
    assert.equal(list.length, 3);
    assert.equal(list.filter((s) => s.current).length, 1);
    assert.ok(list.every((s) => !a.token.includes(s.id) && s.id.length === 16), 'ids are not tokens');

    const bId = ((await node.call('GET', '/api/me/sessions', { token: b.token })).json.items as { id: string; current: boolean }[]).find((s) => s.current)!.id;
    assert.equal((await node.call('DELETE', `/api/me/sessions/${bId}`, { token: tom.token })).status, 404, 'only your own sessions');
    assert.equal((await node.call('DELETE', `/api/me/sessions/${bId}`, { token: a.token })).status, 204);
    assert.equal((await node.call('GET', '/api/me', { token: b.token })).status, 401);

    const others = await node.call('POST', '/api/me/sessions/revoke-others', { token: a.token });
    assert.deepEqual(others.json, { revoked: 1 });
    assert.equal((await node.call('GET', '/api/me', { token: c.token })).status, 401);
    assert.equal((await node.call('GET', '/api/me', { token: a.token })).status, 200);
    assert.equal((await node.call('GET', '/api/me', { token: tom.token })).status, 200, 'other accounts are untouched');
  } finally {
    await node.close();
  }
});

test('the export holds everything the user owns and nothing of anyone else', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin', { demographics: { ageBand: '18-24' } });
    const tom = await node.register('tom_w');
    const own = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const his = (await node.call('POST', '/api/notes', { token: tom.token, body: NOTE })).json;
    await node.call('POST', `/api/notes/${his.id}/like`, { token: mei.token });
    await node.call('POST', `/api/notes/${his.id}/save`, { token: mei.token });
    await node.call('POST', `/api/notes/${his.id}/comments`, { token: mei.token, body: { body: 'lovely' } });
    await node.call('POST', `/api/notes/${own.id}/comments`, { token: tom.token, body: { body: 'his comment' } });
    await node.call('POST', `/api/users/${tom.user.id}/follow`, { token: mei.token });
    await node.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    await node.call('POST', '/api/events', { token: mei.token, body: { events: [{ type: 'view', noteId: his.id, portion: 0.5, clientEventId: 'v1' }] } });

    const res = await node.call('GET', '/api/me/export', { token: mei.token });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-disposition']), /attachment/);
    const doc = res.json;
    assert.equal(doc.profile.id, mei.user.id);
    assert.equal(doc.profile.ageBand, '18-24');
    assert.deepEqual(doc.notes.map((n: { id: string }) => n.id), [own.id]);
    assert.deepEqual(doc.comments.map((c: { body: string }) => c.body), ['lovely']);
    assert.deepEqual(doc.likes.map((l: { noteId: string }) => l.noteId), [his.id]);
    assert.deepEqual(doc.saves.map((s: { noteId: string }) => s.noteId), [his.id]);
    assert.equal(doc.collections.length, 1);
    assert.deepEqual(doc.following.map((f: { userId: string }) => f.userId), [tom.user.id]);
    assert.deepEqual(doc.followers.map((f: { userId: string }) => f.userId), [tom.user.id]);
    assert.equal(doc.events.find((e: { clientEventId: string }) => e.clientEventId === 'v1')?.portion, 0.5, 'events keep their fields');
    assert.equal(doc.notes[0].title, NOTE.title);
    assert.ok(doc.notes[0].media.images.length >= 1, 'notes keep their media');
    assert.ok(doc.events.every((e: { userId: string }) => e.userId === mei.user.id));
    assert.ok(!JSON.stringify(doc).includes('his comment'));
    assert.equal((await node.call('GET', '/api/me/export')).status, 401);
  } finally {
    await node.close();
  }
});

test('deleting an account needs the password, removes what it owns, anonymises its events and frees the handle', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const own = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Lantern walk' } })).json;
    const his = (await node.call('POST', '/api/notes', { token: tom.token, body: NOTE })).json;
    await node.call('POST', `/api/notes/${his.id}/like`, { token: mei.token });
    await node.call('POST', `/api/notes/${his.id}/comments`, { token: mei.token, body: { body: 'from mei' } });
    await node.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    await node.call('POST', '/api/events', { token: mei.token, body: { events: [{ type: 'view', noteId: his.id, portion: 1, clientEventId: 'v1' }] } });
    const eventsBefore = await node.storage.events.count();

    assert.equal((await node.call('POST', '/api/me/delete', { token: mei.token, body: { password: 'wrong one' } })).status, 401);
    assert.equal((await node.call('GET', '/api/me', { token: mei.token })).status, 200);

    assert.equal((await node.call('POST', '/api/me/delete', { token: mei.token, body: { password: 'correct horse' } })).status, 204);
    assert.equal((await node.call('GET', '/api/me', { token: mei.token })).status, 401);
    assert.equal((await node.call('POST', '/api/auth/login', login('mei_lin'))).status, 401);
    assert.equal((await node.call('GET', `/api/notes/${own.id}`)).status, 404);
    assert.deepEqual(node.engine.runSearch({ q: 'lantern', limit: 5 }).hits, []);
    assert.deepEqual((await node.call('GET', `/api/notes/${his.id}/comments`)).json.items, []);
    assert.equal(await node.storage.social.hasLiked(mei.user.id, his.id), false);
    assert.deepEqual((await node.call('GET', `/api/users/${tom.user.id}/following`)).json.items, []);
    assert.equal(node.engine.recommender.state.follows.following(tom.user.id).has(mei.user.id), false);

    assert.equal(await node.storage.events.count(), eventsBefore, 'analytics keep their counts');
    assert.deepEqual(await node.storage.accounts.listEventsByUser(mei.user.id, 0, 100), []);
    const profile = await node.call('GET', `/api/users/${mei.user.id}`);
    assert.equal(profile.status, 404);

    const again = await node.register('mei_lin');
    assert.notEqual(again.user.id, mei.user.id, 'the handle is free for a new account');
  } finally {
    await node.close();
  }
});
