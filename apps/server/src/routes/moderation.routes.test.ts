import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

/** Registers an account and makes it an operator before it is ever looked up (so no cache holds the old role). */
async function operator(node: TestNode, handle = 'op_anna') {
  const s = await node.register(handle);
  await node.storage.users.setRole(s.user.id, 'operator');
  return s;
}

const MODERATION_ROUTES = [
  ['GET', '/api/moderation/reports'],
  ['POST', '/api/moderation/reports/rp_1/resolve'],
  ['POST', '/api/moderation/reports/rp_1/dismiss'],
  ['DELETE', '/api/moderation/notes/n_1'],
  ['DELETE', '/api/moderation/comments/c_1'],
  ['GET', '/api/moderation/users/u_1'],
  ['POST', '/api/moderation/users/u_1/suspend', { reason: 'spam' }],
  ['POST', '/api/moderation/users/u_1/unsuspend'],
] as const;

test('every moderation route refuses ordinary users with 403 and anonymous callers with 401', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    for (const [method, url, body] of MODERATION_ROUTES) {
      const asUser = await node.call(method, url, { token, body });
      assert.equal(asUser.status, 403, `${method} ${url}`);
      assert.equal(asUser.json.error.code, 'forbidden');
      assert.equal((await node.call(method, url, { body })).status, 401, `${method} ${url}`);
    }
  } finally {
    await node.close();
  }
});

test('registering a handle listed nowhere, or any handle, never makes an operator', async () => {
  const node = await startTestNode();
  try {
    const s = await node.register('admin');
    assert.equal(s.user.role, 'user');
    assert.equal((await node.call('GET', '/api/moderation/reports', { token: s.token })).status, 403);
  } finally {
    await node.close();
  }
});

test('operators remove any note or comment; the note leaves feeds and search', async () => {
  const node = await startTestNode();
  try {
    const op = await operator(node);
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Lantern walk' } })).json;
    const other = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const comment = (await node.call('POST', `/api/notes/${other.id}/comments`, { token: mei.token, body: { body: 'buy followers here' } })).json;
    assert.deepEqual(node.engine.runSearch({ q: 'lantern', limit: 5 }).hits.map((h) => h.noteId), [note.id]);

    assert.equal((await node.call('DELETE', `/api/moderation/notes/${note.id}`, { token: op.token })).status, 204);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).status, 404);
    assert.deepEqual(node.engine.runSearch({ q: 'lantern', limit: 5 }).hits, []);
    assert.equal(node.engine.catalog.get(note.id)?.deleted, true);
    assert.equal((await node.call('DELETE', `/api/moderation/notes/${note.id}`, { token: op.token })).status, 404);

    assert.equal((await node.call('DELETE', `/api/moderation/comments/${comment.id}`, { token: op.token })).status, 204);
    assert.deepEqual((await node.call('GET', `/api/notes/${other.id}/comments`)).json.items, []);
    assert.equal((await node.call('DELETE', `/api/moderation/comments/${comment.id}`, { token: op.token })).status, 404);
  } finally {
    await node.close();
  }
});

test('reports from the report route and from report events form one queue that operators resolve or dismiss', async () => {
  const node = await startTestNode();
  try {
    const op = await operator(node);
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;

    const viaRoute = await node.call('POST', '/api/reports', { token: tom.token, body: { targetKind: 'user', targetId: mei.user.id, reason: 'impersonation' } });
    assert.equal(viaRoute.status, 201);
    assert.equal(viaRoute.json.status, 'open');
    const repeated = await node.call('POST', '/api/reports', { token: tom.token, body: { targetKind: 'user', targetId: mei.user.id, reason: 'again!' } });
    assert.equal(repeated.json.id, viaRoute.json.id, 'reporting the same again adds nothing to the queue');
    const missing = await node.call('POST', '/api/reports', { token: tom.token, body: { targetKind: 'note', targetId: 'n_missing', reason: 'spam' } });
    assert.equal(missing.status, 404);
    assert.equal((await node.call('POST', '/api/reports', { body: { targetKind: 'note', targetId: note.id, reason: 'spam' } })).status, 401);

    const ev = { type: 'report', noteId: note.id, reason: 'spam link', clientEventId: 'rep-1' };
    assert.equal((await node.call('POST', '/api/events', { token: tom.token, body: { events: [ev] } })).json.accepted, 1);
    // A resent event is a duplicate, not a second report.
    await node.call('POST', '/api/events', { token: tom.token, body: { events: [ev] } });

    const queue = (await node.call('GET', '/api/moderation/reports', { token: op.token })).json;
    assert.deepEqual(
      queue.items.map((r: { targetKind: string; targetId: string; reason: string; reporterId: string }) => [r.targetKind, r.targetId, r.reason, r.reporterId]).sort(),
      [['note', note.id, 'spam link', tom.user.id], ['user', mei.user.id, 'impersonation', tom.user.id]],
    );
    const [first, second] = queue.items as { id: string }[];
    const resolved = await node.call('POST', `/api/moderation/reports/${first!.id}/resolve`, { token: op.token });
    assert.equal(resolved.status, 200);
    assert.deepEqual([resolved.json.status, resolved.json.resolvedBy], ['resolved', op.user.id]);
    assert.equal((await node.call('POST', `/api/moderation/reports/${first!.id}/dismiss`, { token: op.token })).status, 409);
    assert.equal((await node.call('POST', `/api/moderation/reports/${second!.id}/dismiss`, { token: op.token })).json.status, 'dismissed');
    assert.equal((await node.call('POST', '/api/moderation/reports/rp_nope/dismiss', { token: op.token })).status, 404);
    assert.deepEqual((await node.call('GET', '/api/moderation/reports', { token: op.token })).json.items, []);
    const closed = await node.call('GET', '/api/moderation/reports?status=dismissed', { token: op.token });
    assert.deepEqual(closed.json.items.map((r: { id: string }) => r.id), [second!.id]);
  } finally {
    await node.close();
  }
});

test('a suspended account is signed out, cannot sign in or post, and its notes and comments disappear until reinstated', async () => {
  const node = await startTestNode();
  try {
    const op = await operator(node);
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Lantern walk' } })).json;
    const tomNote = (await node.call('POST', '/api/notes', { token: tom.token, body: NOTE })).json;
    await node.call('POST', `/api/notes/${tomNote.id}/comments`, { token: mei.token, body: { body: 'spam spam' } });

    const suspended = await node.call('POST', `/api/moderation/users/${mei.user.id}/suspend`, { token: op.token, body: { reason: 'spam wave' } });
    assert.equal(suspended.status, 200);
    assert.deepEqual([suspended.json.suspension.reason, suspended.json.suspension.by], ['spam wave', op.user.id]);

    assert.equal((await node.call('GET', '/api/me', { token: mei.token })).status, 401, 'the session ended');
    const login = await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } });
    assert.equal(login.status, 403);
    assert.match(login.json.error.message, /suspended: spam wave/);
    const wrong = await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'wrong password' } });
    assert.equal(wrong.status, 401, 'a stranger learns nothing about the suspension');

    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).status, 404);
    assert.deepEqual(node.engine.runSearch({ q: 'lantern', limit: 5 }).hits, []);
    assert.equal(node.engine.catalog.get(note.id)?.deleted, true);
    const feed = (await node.call('GET', '/api/feed?limit=50', { token: tom.token })).json;
    assert.ok(!JSON.stringify(feed).includes(note.id), 'the note left the feed');
    assert.deepEqual((await node.call('GET', `/api/notes/${tomNote.id}/comments`)).json.items, []);

    assert.equal((await node.call('POST', `/api/moderation/users/${op.user.id}/suspend`, { token: op.token, body: { reason: 'x' } })).status, 409);

    const back = await node.call('POST', `/api/moderation/users/${mei.user.id}/unsuspend`, { token: op.token });
    assert.equal(back.json.suspension, null);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).status, 200);
    assert.deepEqual(node.engine.runSearch({ q: 'lantern', limit: 5 }).hits.map((h) => h.noteId), [note.id]);
    assert.equal((await node.call('GET', `/api/notes/${tomNote.id}/comments`)).json.items.length, 1);
    assert.equal((await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } })).status, 200);
  } finally {
    await node.close();
  }
});

test('a suspension made on one node takes the content out of another node sharing the store, and reinstating brings it back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-moderation-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`, NOTEWAVE_EVENT_TAIL_MS: '0' };
  const a = await startTestNode(env);
  const b = await startTestNode(env);
  try {
    const tail = b.follower;
    const op = await operator(a);
    const mei = await a.register('mei_lin');
    const note = (await a.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Lantern walk' } })).json;
    await tail.pass();
    assert.deepEqual(b.engine.runSearch({ q: 'lantern', limit: 5 }).hits.map((h) => h.noteId), [note.id]);

    await a.call('POST', `/api/moderation/users/${mei.user.id}/suspend`, { token: op.token, body: { reason: 'spam' } });
    await tail.pass();
    assert.equal(b.engine.catalog.get(note.id)?.deleted, true);
    assert.deepEqual(b.engine.runSearch({ q: 'lantern', limit: 5 }).hits, []);

    // Stamps are milliseconds: let the reinstatement carry a later one than the suspension.
    await new Promise((r) => setTimeout(r, 5));
    await a.call('POST', `/api/moderation/users/${mei.user.id}/unsuspend`, { token: op.token });
    await tail.pass();
    assert.equal(b.engine.catalog.get(note.id)?.deleted, false);
    assert.deepEqual(b.engine.runSearch({ q: 'lantern', limit: 5 }).hits.map((h) => h.noteId), [note.id]);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
