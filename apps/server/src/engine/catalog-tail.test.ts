import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ManualClock, SeededRng, TimeRandomIds, type Note } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { CatalogTail } from './catalog-tail.ts';

test('notes and users created by another node reach this engine; deletions follow', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(3);
    const ids = new TimeRandomIds(clock, rng);
    const engine = new Engine({ clock, rng, ids });
    const tail = new CatalogTail(engine, storage.notes, storage.users, clock);

    // "Another node" writes straight to the shared store.
    const user = {
      id: ids.next('u'), handle: 'far_away', displayName: 'Far', passwordHash: null, locale: 'en', market: 'US',
      signupSource: 'organic' as const, role: 'user' as const, ageBand: null, gender: null, incomeBand: null, createdAt: clock.now(),
    };
    await storage.users.createUser(user);
    clock.advance(5);
    const note: Note = {
      id: ids.next('n'), authorId: user.id, kind: 'image', title: 'Remote note', body: '', tags: [], category: 'food/recipes',
      language: 'en', media: { images: [] }, createdAt: clock.now(), editedAt: null, deleted: false,
    };
    await storage.notes.createNote(note);

    assert.equal(await tail.poll(), 2);
    assert.ok(engine.hasUser(user.id));
    assert.equal(engine.catalog.get(note.id)?.deleted, false);
    assert.equal(await tail.poll(), 0);

    clock.advance(5);
    await storage.notes.softDeleteNote(note.id, clock.now());
    assert.equal(await tail.poll(), 1);
    assert.equal(engine.catalog.get(note.id)?.deleted, true);
  } finally {
    await storage.close();
  }
});
