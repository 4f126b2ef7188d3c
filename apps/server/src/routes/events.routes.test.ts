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
