import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('comments thread one level: replies to replies are rejected', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const top = await node.call('POST', `/api/notes/${note.id}/comments`, { token: tom.token, body: { body: 'Which month is best?' } });
    assert.equal(top.status, 201);
    assert.equal(top.json.parentId, null);
    const reply = await node.call('POST', `/api/notes/${note.id}/comments`, { token: mei.token, body: { body: 'April!', parentId: top.json.id } });
    assert.equal(reply.status, 201);
    assert.equal(reply.json.parentId, top.json.id);
    const deep = await node.call('POST', `/api/notes/${note.id}/comments`, { token: tom.token, body: { body: 'thanks', parentId: reply.json.id } });
    assert.equal(deep.status, 400);
    assert.equal(deep.json.error.code, 'validation_failed');

    const list = await node.call('GET', `/api/notes/${note.id}/comments`);
    assert.deepEqual(list.json.items.map((c: { body: string }) => c.body), ['Which month is best?', 'April!']);
    assert.equal((await node.call('GET', `/api/notes/${note.id}`)).json.stats.comments, 2);
  } finally {
    await node.close();
  }
});

test('only the comment author may delete it, and deleted comments disappear', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const c = (await node.call('POST', `/api/notes/${note.id}/comments`, { token: tom.token, body: { body: 'hello' } })).json;
    assert.equal((await node.call('DELETE', `/api/comments/${c.id}`, { token: mei.token })).status, 403);
    assert.equal((await node.call('DELETE', `/api/comments/${c.id}`, { token: tom.token })).status, 204);
    assert.deepEqual((await node.call('GET', `/api/notes/${note.id}/comments`)).json.items, []);
    assert.equal((await node.call('DELETE', `/api/comments/${c.id}`, { token: tom.token })).status, 404);
  } finally {
    await node.close();
  }
});
