import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

/** What the follow job does on a shared store, run by hand so the test decides when the node looks. */
function tailOf(node: TestNode): () => Promise<void> {
  return () => node.follower.pass();
}

test('follows, edits and deletions made on one node reach another node sharing the store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-nodes-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`, NOTEWAVE_EVENT_TAIL_MS: '0' };
  const a = await startTestNode(env);
  const b = await startTestNode(env);
  try {
    const tailB = tailOf(b);
    const mei = await a.register('mei_lin');
    const tom = await a.register('tom_w');
    const note = (await a.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    await tailB();
    assert.equal(b.engine.catalog.get(note.id)?.deleted, false);

    await a.call('POST', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    await tailB();
    assert.ok(b.engine.recommender.state.follows.following(tom.user.id).has(mei.user.id));
    await a.call('DELETE', `/api/users/${mei.user.id}/follow`, { token: tom.token });
    await tailB();
    assert.equal(b.engine.recommender.state.follows.following(tom.user.id).has(mei.user.id), false);

    await a.call('PATCH', `/api/notes/${note.id}`, { token: mei.token, body: { title: 'Lantern festival by the lake' } });
    await tailB();
    assert.deepEqual(b.engine.runSearch({ q: 'lantern', limit: 5 }).hits.map((h) => h.noteId), [note.id]);

    await a.call('DELETE', `/api/notes/${note.id}`, { token: mei.token });
    await tailB();
    assert.equal(b.engine.catalog.get(note.id)?.deleted, true);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
