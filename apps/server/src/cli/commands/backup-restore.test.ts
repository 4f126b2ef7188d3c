import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NOTE, startTestNode } from '../../testing/test-node.ts';
import { command as backup } from './backup.ts';
import { command as restore } from './restore.ts';

test('a backup taken while events are being written restores to a database that a new node opens and serves', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-backup-'));
  const live = `sqlite://${join(dir, 'live.db')}`;
  const restored = `sqlite://${join(dir, 'restored.db')}`;
  const file = join(dir, 'backups', 'notewave.db');
  const node = await startTestNode({ NOTEWAVE_DATABASE_URL: live });
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let batch = 0; writing; batch++) {
        const events = Array.from({ length: 4 }, (_, k) => ({ type: 'impression', clientEventId: `b${batch}-${k}`, noteId: note.id, position: k }));
        const res = await node.call('POST', '/api/events', { token: mei.token, body: { events } });
        assert.equal(res.status, 200);
        acknowledged.push(...events.map((e) => e.clientEventId));
      }
    })();
    while (acknowledged.length < 200) await new Promise((r) => setTimeout(r, 5));
    const before = [...acknowledged];
    assert.equal(await backup.run([file, '--db', live]), 0);
    while (acknowledged.length < before.length + 40) await new Promise((r) => setTimeout(r, 5));
    writing = false;
    await writer;

    assert.equal(await backup.run([file, '--db', live]), 2, 'an existing backup file is not overwritten');
    assert.equal(await restore.run([file, '--db', live]), 2, 'a database a running node holds is not replaced');
    assert.equal(await restore.run([file, '--db', restored]), 0);

    const copy = await startTestNode({ NOTEWAVE_DATABASE_URL: restored });
    try {
      const stored = new Set((await copy.storage.events.readSince(0, 1_000_000)).map((e) => e.clientEventId));
      for (const id of before) assert.ok(stored.has(id), `acknowledged event ${id} is in the backup`);
      assert.equal(copy.loaded.events, stored.size);
      assert.equal((await copy.call('GET', `/api/notes/${note.id}`)).status, 200);
      const feed = await copy.call('GET', '/api/feed?surface=discover&limit=5');
      assert.equal(feed.status, 200);
      assert.ok(feed.json.items.length > 0);
    } finally {
      await copy.close();
    }
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('restore refuses a file that is not a Notewave database, and backup refuses PostgreSQL with a pointer to pg_dump', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-backup-'));
  try {
    const target = `sqlite://${join(dir, 'target.db')}`;
    writeFileSync(join(dir, 'junk.db'), 'this is not a database, only text that is long enough to have a header'.repeat(20));
    assert.equal(await restore.run([join(dir, 'junk.db'), '--db', target]), 2);
    assert.equal(await restore.run([join(dir, 'missing.db'), '--db', target]), 2);
    assert.equal(await backup.run([join(dir, 'out.db'), '--db', 'postgres://postgres@127.0.0.1:5432/test']), 2);
    assert.equal(await backup.run([]), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
