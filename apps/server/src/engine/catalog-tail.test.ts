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

test('edits and deletions made elsewhere reach this engine however old the note is', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(4);
    const ids = new TimeRandomIds(clock, rng);
    const engine = new Engine({ clock, rng, ids });
    const tail = new CatalogTail(engine, storage.notes, storage.users, clock, 60_000);
    const user = {
      id: ids.next('u'), handle: 'old_timer', displayName: 'Old', passwordHash: null, locale: 'en', market: 'US',
      signupSource: 'organic' as const, role: 'user' as const, ageBand: null, gender: null, incomeBand: null, createdAt: clock.now(),
    };
    await storage.users.createUser(user);
    const note: Note = {
      id: ids.next('n'), authorId: user.id, kind: 'image', title: 'Dumpling basics', body: '', tags: [], category: 'food/recipes',
      language: 'en', media: { images: [] }, createdAt: clock.now(), editedAt: null, deleted: false,
    };
    await storage.notes.createNote(note);
    // This node loaded the note at start-up, long before the edit.
    engine.addUser(user);
    engine.upsertNote(note);
    clock.advance(30 * 86_400_000);
    await tail.poll();

    await storage.notes.updateNote(note.id, { title: 'Wonton folding' }, clock.now());
    assert.equal(await tail.poll(), 1);
    assert.deepEqual(engine.runSearch({ q: 'wonton', limit: 5 }).hits.map((h) => h.noteId), [note.id]);
    assert.equal(await tail.poll(), 0);

    clock.advance(1_000);
    await storage.notes.softDeleteNote(note.id, clock.now());
    assert.equal(await tail.poll(), 1);
    assert.equal(engine.catalog.get(note.id)?.deleted, true);
    assert.deepEqual(engine.runSearch({ q: 'wonton', limit: 5 }).hits, []);
  } finally {
    await storage.close();
  }
});
