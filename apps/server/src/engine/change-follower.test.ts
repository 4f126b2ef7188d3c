import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ManualClock, SeededRng, TimeRandomIds, type Note, type Storage, type User } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { ChangeFollower } from './change-follower.ts';

async function setup(seed: number) {
  const storage: Storage = await openStorage('sqlite::memory:', { migrate: true });
  const clock = new ManualClock();
  const rng = new SeededRng(seed);
  const ids = new TimeRandomIds(clock, rng);
  const engine = new Engine({ clock, rng, ids });
  const forgotten = { notes: [] as string[], users: [] as string[], sessions: [] as string[], missed: [] as [number, number][] };
  const follower = new ChangeFollower(engine, storage.changes, storage.notes, storage.users, {
    forgetNotes: (x) => forgotten.notes.push(...x),
    forgetUsers: (x) => forgotten.users.push(...x),
    forgetSessions: (x) => forgotten.sessions.push(...x),
    missedChanges: (after, oldest) => forgotten.missed.push([after, oldest]),
  }, await storage.changes.latestSeq());
  const user = (handle: string): User => ({
    id: ids.next('u'), handle, displayName: handle, passwordHash: null, locale: 'en', market: 'US',
    signupSource: 'organic', role: 'user', ageBand: null, gender: null, incomeBand: null, createdAt: clock.now(),
  });
  const note = (authorId: string, title: string): Note => ({
    id: ids.next('n'), authorId, kind: 'image', title, body: '', tags: [], category: 'food/recipes',
    language: 'en', media: { images: [] }, createdAt: clock.now(), editedAt: null, deleted: false,
  });
  return { storage, clock, engine, follower, forgotten, user, note };
}

test('notes and users created by another node reach this engine; deletions follow', async () => {
  const { storage, clock, engine, follower, user, note } = await setup(3);
  try {
    // "Another node" writes straight to the shared store.
    const u = user('far_away');
    await storage.users.createUser(u);
    clock.advance(5);
    const n = note(u.id, 'Remote note');
    await storage.notes.createNote(n);

    assert.equal(await follower.poll(), 2);
    assert.ok(engine.hasUser(u.id));
    assert.equal(engine.catalog.get(n.id)?.deleted, false);
    assert.equal(await follower.poll(), 0);
    assert.equal(follower.appliedSeq, await storage.changes.latestSeq());

    clock.advance(5);
    await storage.notes.softDeleteNote(n.id, clock.now());
    assert.equal(await follower.poll(), 1);
    assert.equal(engine.catalog.get(n.id)?.deleted, true);
  } finally {
    await storage.close();
  }
});

test('an edit reaches this engine however old the note is and whatever the clocks say', async () => {
  const { storage, clock, engine, follower, user, note } = await setup(4);
  try {
    const u = user('old_timer');
    await storage.users.createUser(u);
    const n = note(u.id, 'Dumpling basics');
    await storage.notes.createNote(n);
    await follower.poll();
    clock.advance(30 * 86_400_000);
    // The writing node's clock runs a day behind: nothing here depends on it.
    await storage.notes.updateNote(n.id, { title: 'Wonton folding' }, clock.now() - 86_400_000);
    assert.equal(await follower.poll(), 1);
    assert.deepEqual(engine.runSearch({ q: 'wonton', limit: 5 }).hits.map((h) => h.noteId), [n.id]);
    assert.equal(await follower.poll(), 0);
  } finally {
    await storage.close();
  }
});

test('a change read again leaves the engine as it was', async () => {
  const { storage, engine, user, note } = await setup(5);
  try {
    const u = user('twice_over');
    await storage.users.createUser(u);
    const n = note(u.id, 'Lantern walk');
    await storage.notes.createNote(n);
    const sinks = { forgetNotes: () => {}, forgetUsers: () => {}, forgetSessions: () => {} };
    const first = new ChangeFollower(engine, storage.changes, storage.notes, storage.users, sinks, 0);
    await first.poll();
    await storage.notes.softDeleteNote(n.id, n.createdAt + 1);
    await first.poll();
    const size = engine.catalog.size;
    // A second follower from seq 0 replays every change over the same engine, as a restart after a crash would.
    const again = new ChangeFollower(engine, storage.changes, storage.notes, storage.users, sinks, 0);
    assert.equal(await again.poll(), 3);
    assert.equal(engine.catalog.size, size);
    assert.equal(engine.catalog.get(n.id)?.deleted, true);
    assert.deepEqual(engine.runSearch({ q: 'lantern', limit: 5 }).hits, []);
  } finally {
    await storage.close();
  }
});

test('renames and revoked sessions drop this node\'s cached users and sessions', async () => {
  const { storage, clock, follower, forgotten, user } = await setup(6);
  try {
    const u = user('mei_lin');
    await storage.users.createUser(u);
    await storage.sessions.createSession({ tokenHash: 'ab'.repeat(32), userId: u.id, createdAt: clock.now(), expiresAt: clock.now() + 1e6 });
    await storage.sessions.createSession({ tokenHash: 'cd'.repeat(32), userId: u.id, createdAt: clock.now(), expiresAt: clock.now() + 1e6 });
    await follower.poll();
    forgotten.users.length = 0;

    await storage.users.updateUser(u.id, { displayName: 'Mei L.' });
    await storage.sessions.deleteSession('ab'.repeat(32));
    await storage.sessions.deleteUserSessions(u.id);
    await follower.poll();
    assert.deepEqual(forgotten.users, [u.id]);
    assert.deepEqual(forgotten.sessions.sort(), ['ab'.repeat(32), 'cd'.repeat(32)]);
  } finally {
    await storage.close();
  }
});

test('a node whose unread changes were pruned says so once; pruning what it already read changes nothing', async () => {
  const { storage, clock, follower, forgotten, user, note } = await setup(8);
  try {
    const u = user('kept_up');
    await storage.users.createUser(u);
    for (let i = 0; i < 3; i++) await storage.notes.createNote(note(u.id, `Read in time ${i}`));
    await follower.poll();
    assert.ok((await storage.changes.prune(Date.now() + 60_000)) > 0);
    await storage.notes.createNote(note(u.id, 'After the prune'));
    assert.equal(await follower.poll(), 1);
    assert.equal(follower.missed, null, 'everything pruned had been read');

    const applied = follower.appliedSeq;
    clock.advance(5);
    for (let i = 0; i < 3; i++) await storage.notes.createNote(note(u.id, `Never read ${i}`));
    await storage.changes.prune(Date.now() + 60_000);
    const oldest = await storage.changes.oldestSeq();
    assert.ok(oldest > applied + 1);
    assert.equal(await follower.poll(), 1, 'the newest change is still read');
    assert.deepEqual(follower.missed, { after: applied, oldest });
    assert.deepEqual(forgotten.missed, [[applied, oldest]]);
    await storage.notes.createNote(note(u.id, 'Later'));
    await follower.poll();
    assert.equal(forgotten.missed.length, 1, 'reported once');
  } finally {
    await storage.close();
  }
});
