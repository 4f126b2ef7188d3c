import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOTE, startTestNode } from './testing/test-node.ts';

test('a restarted node rebuilds its engine from storage: notes, counters and search', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-restart-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'nw.db')}` };
  try {
    const first = await startTestNode(env);
    const mei = await first.register('mei_lin');
    const note = (await first.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    await first.call('POST', `/api/notes/${note.id}/like`, { token: mei.token });
    await first.close();

    const second = await startTestNode(env);
    try {
      assert.equal(second.loaded.notes, 1);
      assert.equal((await second.call('GET', `/api/notes/${note.id}`)).json.stats.likes, 1);
      assert.equal((await second.call('GET', '/api/search?q=Hangzhou')).json.hits[0]?.note.id, note.id);
      const login = await second.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } });
      assert.equal(login.status, 200);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the api role serves the API without background jobs besides picking up stored models', async () => {
  const node = await startTestNode({ NOTEWAVE_ROLE: 'api' });
  try {
    assert.deepEqual(node.jobs.names, ['model-load']);
    assert.equal((await node.call('GET', '/api/taxonomy')).status, 200);
  } finally {
    await node.close();
  }
});
