import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

/**
 * A node writes its engine snapshot when it shuts down and, started again, restores it and reads only the log after
 * it: what it then serves equals what a node rebuilt from storage serves, including changes made meanwhile by a node
 * that wrote no snapshot. A snapshot that no longer describes the store (rows added outside it, damage) is not used.
 */
test('a node restores its engine snapshot plus the log after it, and falls back to storage when the snapshot does not fit', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-snapshot-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'nw.db');
  const env = (snapshot: string) => ({ NOTEWAVE_DATABASE_URL: `sqlite://${db}`, NOTEWAVE_ENGINE_SNAPSHOT: snapshot });
  const file = `${db}.engine-snapshot`;

  // What the served state looks like from outside: counts, search, and the discover feed's first items.
  const served = async (node: TestNode, token: string, noteIds: readonly string[]) => ({
    stats: await Promise.all(noteIds.map(async (id) => (await node.call('GET', `/api/notes/${id}`)).json.stats)),
    search: (await node.call('GET', '/api/search?q=ceramics&limit=10')).json.hits.map((h: { note: { id: string } }) => h.note.id),
    pools: noteIds.map((id) => node.engine.noteStats(id).pool),
    profile: node.engine.recommender.state.profile((await node.call('GET', '/api/me', { token })).json.id)?.queries,
  });

  const first = await startTestNode(env('auto'));
  const potter = await first.register('potter_li');
  const fan = await first.register('glaze_fan');
  const ids: string[] = [];
  for (const title of ['Ceramics studio diary', 'Wheel throwing basics', 'Raku firing at dusk']) {
    ids.push((await first.call('POST', '/api/notes', { token: potter.token, body: { ...NOTE, title, body: `${title} #ceramics` } })).json.id);
  }
  await first.call('POST', `/api/notes/${ids[0]}/like`, { token: fan.token });
  await first.call('POST', `/api/notes/${ids[1]}/save`, { token: fan.token });
  const events = [
    { type: 'search', clientEventId: 's1', query: 'ceramics' },
    ...ids.map((noteId, i) => ({ type: 'view', clientEventId: `v${i}`, noteId, portion: 1, ms: 40_000 })),
  ];
  assert.equal((await first.call('POST', '/api/events', { token: fan.token, body: { events } })).json.accepted, events.length);
  assert.equal(first.loadedFrom, 'storage');
  await first.close();
  assert.ok(existsSync(file), 'the snapshot is written at shutdown');

  // Changes made while the snapshot sat on disk, by a node that writes none: an edit, a like, an unsave, events.
  const other = await startTestNode(env('off'));
  assert.equal(other.loadedFrom, 'storage');
  assert.equal((await other.call('PATCH', `/api/notes/${ids[2]}`, { token: potter.token, body: { title: 'Raku ceramics at dusk' } })).status, 200);
  await other.call('POST', `/api/notes/${ids[2]}/like`, { token: fan.token });
  await other.call('DELETE', `/api/notes/${ids[1]}/save`, { token: fan.token });
  await other.call('POST', '/api/events', { token: fan.token, body: { events: [{ type: 'view', clientEventId: 'v9', noteId: ids[2], portion: 1, ms: 30_000 }] } });
  const rebuilt = await served(other, fan.token, ids);
  await other.close();

  const restored = await startTestNode(env('auto'));
  try {
    assert.equal(restored.loadedFrom, 'snapshot');
    assert.equal(restored.loaded.events, 3, 'the three events logged after the snapshot were read');
    assert.deepEqual(await served(restored, fan.token, ids), rebuilt);
    assert.equal((await restored.call('GET', `/api/notes/${ids[2]}`)).json.title, 'Raku ceramics at dusk');
  } finally {
    await restored.close();
  }

  // A note added outside the change log (a seed or import writes rows in bulk) makes the snapshot stale.
  const bulk = await startTestNode(env('off'));
  await bulk.storage.notes.insertNotes([{ ...NOTE, id: 'n_bulk', authorId: potter.user.id, tags: [], language: 'en', media: { images: [] }, createdAt: Date.now(), editedAt: null, deleted: false } as never]);
  await bulk.close();
  const afterBulk = await startTestNode(env('auto'));
  assert.equal(afterBulk.loadedFrom, 'storage');
  assert.equal((await afterBulk.call('GET', '/api/notes/n_bulk')).status, 200);
  await afterBulk.close();

  // A damaged snapshot is refused (its frames are checksummed) and the node starts from storage.
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = bytes[middle]! ^ 0xff;
  writeFileSync(file, bytes);
  const afterDamage = await startTestNode(env('auto'));
  try {
    assert.equal(afterDamage.loadedFrom, 'storage');
    assert.deepEqual((await afterDamage.call('GET', `/api/notes/${ids[0]}`)).json.stats.likes, 1);
  } finally {
    await afterDamage.close();
  }
});
