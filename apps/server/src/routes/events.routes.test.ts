import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('a mixed batch stores the valid events and reports the invalid ones by index', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const before = await node.storage.events.count();
    const res = await node.call('POST', '/api/events', {
      token: mei.token,
      body: {
        events: [
          { type: 'impression', clientEventId: 'e1', noteId: note.id, position: 0 },
          { type: 'view', clientEventId: 'e2', noteId: note.id, portion: 7 },
          { type: 'share', clientEventId: 'e3', noteId: note.id },
          { type: 'teleport', clientEventId: 'e4' },
          { type: 'dwell', clientEventId: 'e5', noteId: note.id, ms: 4200 },
          'not an event',
        ],
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.accepted, 3);
    assert.equal(res.json.duplicates, 0);
    assert.deepEqual(res.json.rejected.map((r: { index: number }) => r.index), [1, 3, 5]);
    assert.match(res.json.rejected[0].message, /portion/);
    assert.equal((await node.storage.events.count()) - before, 3);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).json.stats.shares, 1);
  } finally {
    await node.close();
  }
});

test('a resent clientEventId is a duplicate and is not counted twice', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const batch = { events: [{ type: 'share', clientEventId: 'retry-1', noteId: note.id }] };
    assert.equal((await node.call('POST', '/api/events', { token: mei.token, body: batch })).json.accepted, 1);
    const again = await node.call('POST', '/api/events', { token: mei.token, body: batch });
    assert.deepEqual(again.json, { accepted: 0, duplicates: 1, rejected: [] });
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).json.stats.shares, 1);
  } finally {
    await node.close();
  }
});

test('batches need a token and are bounded in size', async () => {
  const node = await startTestNode();
  try {
    assert.equal((await node.call('POST', '/api/events', { body: { events: [{}] } })).status, 401);
    const mei = await node.register('mei_lin');
    const tooMany = { events: Array.from({ length: 1001 }, (_, i) => ({ type: 'share', clientEventId: `c${i}`, noteId: 'n' })) };
    const res = await node.call('POST', '/api/events', { token: mei.token, body: tooMany });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'validation_failed');
  } finally {
    await node.close();
  }
});

test('an event with a lone surrogate or a NUL is refused by its index and the rest of the batch is stored', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const res = await node.call('POST', '/api/events', {
      token: mei.token,
      body: JSON.stringify({
        events: [
          { type: 'share', clientEventId: 'ok-1', noteId: note.id },
          { type: 'share', clientEventId: 'bad\uD800', noteId: note.id },
          { type: 'search', clientEventId: 'bad-2', query: 'a\u0000b' },
          { type: 'open', clientEventId: 'ok-2', noteId: note.id },
        ],
      }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.json.accepted, 2);
    assert.deepEqual(res.json.rejected.map((r: { index: number }) => r.index), [1, 2]);
  } finally {
    await node.close();
  }
});

test('engagement that has its own endpoint cannot be sent as an event, so counts follow the likes table', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const bo = await node.register('bo_li');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    assert.equal((await node.call('POST', `/api/notes/${note.id}/like`, { token: mei.token })).status, 200);
    const likes = Array.from({ length: 200 }, (_, i) => ({ type: 'like', clientEventId: `l${i}`, noteId: note.id }));
    const others = ['unlike', 'save', 'unsave', 'comment'].map((type, i) => ({ type, clientEventId: `o${i}`, noteId: note.id }));
    const follows = ['follow', 'unfollow'].map((type, i) => ({ type, clientEventId: `f${i}`, targetUserId: mei.user.id }));
    const res = await node.call('POST', '/api/events', { token: bo.token, body: { events: [...likes, ...others, ...follows] } });
    assert.equal(res.json.accepted, 0);
    assert.equal(res.json.rejected.length, 206);
    assert.match(res.json.rejected[0].message, /POST \/api\/notes\/\{id\}\/like/);
    const stats = (await node.call('GET', `/api/notes/${note.id}`)).json.stats;
    assert.deepEqual(stats, { likes: 1, saves: 0, comments: 0, shares: 0 });
  } finally {
    await node.close();
  }
});

test("event ids starting with srv_ are the server's own (likes and follows use predictable ones) and are refused from clients", async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const bo = await node.register('bo_li');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const res = await node.call('POST', '/api/events', {
      token: bo.token,
      body: { events: [{ type: 'impression', clientEventId: `srv_like_${note.id}_1`, noteId: note.id, position: 0 }, { type: 'impression', clientEventId: 'srv-ok', noteId: note.id, position: 1 }] },
    });
    assert.equal(res.json.accepted, 1);
    assert.deepEqual(res.json.rejected.map((r: { index: number }) => r.index), [0]);
    assert.match(res.json.rejected[0].message, /srv_/);
  } finally {
    await node.close();
  }
});

test('events about notes or users that do not exist are refused by index', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const gone = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    assert.equal((await node.call('DELETE', `/api/notes/${gone.id}`, { token: mei.token })).status, 204);
    const res = await node.call('POST', '/api/events', {
      token: mei.token,
      body: {
        events: [
          { type: 'view', clientEventId: 'a', noteId: note.id, portion: 1 },
          { type: 'view', clientEventId: 'b', noteId: 'n_missing', portion: 1 },
          { type: 'share', clientEventId: 'c', noteId: gone.id },
          { type: 'not_interested', clientEventId: 'd', targetKind: 'author', target: 'u_nobody' },
          { type: 'not_interested', clientEventId: 'e', targetKind: 'tag', target: 'anything' },
        ],
      },
    });
    assert.equal(res.json.accepted, 2);
    assert.deepEqual(res.json.rejected, [
      { index: 1, message: "no note 'n_missing'" },
      { index: 2, message: `no note '${gone.id}'` },
      { index: 3, message: "no user 'u_nobody'" },
    ]);
  } finally {
    await node.close();
  }
});
