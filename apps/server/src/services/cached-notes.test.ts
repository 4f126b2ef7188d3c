import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, type Note, type NoteStore, type User } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { CachedNoteStore } from './cached-notes.ts';

const author: User = { id: 'u1', handle: 'h_u1', displayName: 'U', passwordHash: null, locale: 'zh-CN', market: 'CN', signupSource: 'organic', role: 'user', ageBand: null, gender: null, incomeBand: null, createdAt: 1 };

function note(id: string): Note {
  return { id, authorId: 'u1', kind: 'image', title: `title ${id}`, body: 'body', tags: ['探店'], category: 'food/cafe', language: 'zh', media: { images: [{ url: `/covers/${id}.svg` }] }, createdAt: 1_000, editedAt: null, deleted: false };
}

test('notes read by id come from memory; edits and deletions through the cache show at once', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    await storage.users.createUser(author);
    await storage.notes.insertNotes([note('n1'), note('n2'), note('n3')]);
    let reads = 0;
    const counted = Object.create(storage.notes) as NoteStore;
    counted.getNotes = (ids) => (reads++, storage.notes.getNotes(ids));
    const clock = new ManualClock(10_000);
    const cache = new CachedNoteStore(counted, clock, { ttlMs: 5_000, maxEntries: 100 });

    assert.deepEqual((await cache.getNotes(['n2', 'missing', 'n1', 'n2'])).map((n) => n.id), ['n2', 'n1', 'n2']);
    assert.deepEqual(await cache.getNote('n1'), note('n1'));
    assert.deepEqual((await cache.getNotes(['n1', 'n3'])).map((n) => n.id), ['n1', 'n3']);
    assert.equal(reads, 2, 'only n3 needed a second read');
    const cached = await cache.getNote('n1');
    assert.ok(cached && Object.isFrozen(cached) && Object.isFrozen(cached.tags) && Object.isFrozen(cached.media.images[0]));

    assert.equal((await cache.updateNote('n1', { title: 'new title' }, 11_000))?.title, 'new title');
    assert.equal((await cache.getNote('n1'))?.title, 'new title');
    assert.equal(await cache.softDeleteNote('n2', 11_000), true);
    assert.equal((await cache.getNote('n2'))?.deleted, true);

    // Changed by another node: served from memory until the catalog tail lists the change (or the TTL passes).
    await storage.notes.updateNote('n3', { title: 'edited elsewhere' }, 12_000);
    assert.equal((await cache.getNote('n3'))?.title, 'title n3');
    assert.deepEqual((await cache.listChangedNotes(11_500, null, 10)).map((n) => n.id), ['n3']);
    assert.equal((await cache.getNote('n3'))?.title, 'edited elsewhere');
    await storage.notes.updateNote('n3', { title: 'again' }, 13_000);
    clock.advance(5_000);
    assert.equal((await cache.getNote('n3'))?.title, 'again');
  } finally {
    await storage.close();
  }
});
