import assert from 'node:assert/strict';
import type { Storage } from '@notewave/engine';
import { conformance } from './backends.ts';
import { note, user, viewEvent } from './fixtures.ts';

/** The changes recorded after `from`, as (kind, entity) pairs in seq order. */
async function since(s: Storage, from: number): Promise<string[]> {
  const page = await s.changes.readSince(from, 100);
  for (let i = 1; i < page.length; i++) assert.ok(page[i]!.seq > page[i - 1]!.seq, 'seqs ascend');
  return page.map((c) => `${c.kind}:${c.entityId}`);
}

conformance('ChangeLog', (it) => {
  it('records note, user and session changes in the order they were made, and only real changes', async (s) => {
    assert.equal(await s.changes.latestSeq(), 0);
    await s.users.createUser(user('u1'));
    await s.notes.createNote(note('n1', 'u1'));
    await s.notes.updateNote('n1', { title: 'Edited' }, 10);
    await s.users.updateUser('u1', { displayName: 'Renamed' });
    await s.users.setRole('u1', 'operator');
    await s.users.setPasswordHash('u1', 'x');
    await s.sessions.createSession({ tokenHash: 'aa', userId: 'u1', createdAt: 1, expiresAt: 1e12 });
    await s.sessions.createSession({ tokenHash: 'bb', userId: 'u1', createdAt: 1, expiresAt: 1e12 });
    await s.sessions.deleteSession('aa');
    await s.sessions.deleteUserSessions('u1');
    await s.notes.softDeleteNote('n1', 20);
    // None of these change anything, so none is recorded.
    await s.notes.updateNote('n1', { title: 'Too late' }, 30);
    await s.notes.softDeleteNote('n1', 30);
    await s.notes.updateNote('ghost', { title: 'Nobody' }, 30);
    await s.sessions.deleteSession('aa');
    await s.users.setRole('ghost', 'operator');
    assert.deepEqual(await since(s, 0), [
      'user:u1', 'note:n1', 'note:n1', 'user:u1', 'user:u1', 'user:u1', 'session:aa', 'session:bb', 'note:n1',
    ]);
    const all = await s.changes.readSince(0, 100);
    assert.equal(await s.changes.latestSeq(), all[all.length - 1]!.seq);
    assert.ok(all.every((c) => Number.isInteger(c.createdAt) && c.createdAt > 1_600_000_000_000));
  });

  it('pages by seq from any point', async (s) => {
    await s.users.createUser(user('u1'));
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n5']) await s.notes.createNote(note(id, 'u1'));
    const first = await s.changes.readSince(0, 2);
    assert.deepEqual(first.map((c) => c.entityId), ['u1', 'n1']);
    const rest = await s.changes.readSince(first[1]!.seq, 100);
    assert.deepEqual(rest.map((c) => c.entityId), ['n2', 'n3', 'n4', 'n5']);
    assert.deepEqual(await s.changes.readSince(await s.changes.latestSeq(), 100), []);
  });

  it('records suspension with the notes it hides, and an erased account with its notes and sessions', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2', { handle: 'second_user' })]);
    await s.notes.insertNotes([note('n1', 'u1'), note('n2', 'u1'), note('n3', 'u2')]);
    await s.sessions.createSession({ tokenHash: 'cc', userId: 'u2', createdAt: 1, expiresAt: 1e12 });
    // Bulk inserts are for seeding and imports: not recorded.
    assert.deepEqual(await since(s, 0), []);
    const from = await s.changes.latestSeq();
    await s.users.setSuspension('u1', { at: 5, reason: 'spam', by: 'u2' });
    await s.notes.setAuthorHidden('u1', true, 5);
    assert.deepEqual(await since(s, from), ['user:u1', 'note:n1', 'note:n2']);
    const mid = await s.changes.latestSeq();
    await s.accounts.eraseAccount('u2', { anonymousId: 'anon_1', tombstoneHandle: 'deleted_1', at: 9 });
    assert.deepEqual((await since(s, mid)).sort(), ['note:n3', 'session:cc', 'user:u2']);
  });

  it('wakes a watcher on another connection when a change or an event commits', async (s, lease) => {
    const other = await lease.another();
    let wakes = 0;
    let wake: () => void = () => {};
    const stop = await other.changes.watch(() => {
      wakes++;
      wake();
    });
    try {
      const next = () => new Promise<void>((resolve) => (wake = resolve));
      // Connecting wakes once, so a follower catches up with what it missed while not listening.
      assert.equal(wakes, 1);
      let woken = next();
      await s.users.createUser(user('u1'));
      await woken;
      woken = next();
      await s.events.append([viewEvent('u1', 'e1')]);
      await woken;
      assert.ok(wakes >= 3);
    } finally {
      await stop();
    }
  }, { concurrentWriters: true });

  it('hands back a stop function even where it cannot tell of commits', async (s) => {
    const stop = await s.changes.watch(() => {});
    await stop();
  });

  it('tells this process of its own commits once they are readable, and only of real changes', async (s) => {
    const seen: Promise<[number, number]>[] = [];
    // Each wake-up reads at once what it announces, as a node told over a bus would.
    const stop = await s.changes.watchOwnCommits(() => void seen.push(Promise.all([s.changes.latestSeq(), s.events.lastSeq()])));
    await s.users.createUser(user('u1'));
    await s.notes.updateNote('ghost', { title: 'Nobody' }, 30);
    await s.events.append([viewEvent('u1', 'e1')]);
    await s.accounts.eraseAccount('nobody', { anonymousId: 'anon_1', tombstoneHandle: 'deleted_1', at: 9 });
    assert.equal(seen.length, 2, 'one wake-up per committed write, none for writes that changed nothing');
    const [afterUser, afterEvent] = await Promise.all(seen);
    assert.ok(afterUser![0] >= 1, 'the user change was readable when announced');
    assert.ok(afterEvent![1] >= 1, 'the appended event was readable when announced');
    await s.accounts.eraseAccount('u1', { anonymousId: 'anon_1', tombstoneHandle: 'deleted_1', at: 9 });
    assert.equal(seen.length, 3, 'an erased account is announced');
    await stop();
    await s.notes.createNote(note('n1', 'u1'));
    assert.equal(seen.length, 3, 'nothing after stopping');
  });
  it('prunes changes older than a moment but always keeps the newest, so the latest seq still answers', async (s) => {
    assert.equal(await s.changes.prune(Date.now() + 60_000), 0, 'an empty log has nothing to prune');
    assert.equal(await s.changes.oldestSeq(), 0);
    await s.users.createUser(user('u1'));
    for (const id of ['n1', 'n2', 'n3']) await s.notes.createNote(note(id, 'u1'));
    const all = await s.changes.readSince(0, 100);
    const latest = await s.changes.latestSeq();
    assert.equal(await s.changes.oldestSeq(), all[0]!.seq);
    assert.equal(await s.changes.prune(all[0]!.createdAt - 60_000), 0, 'nothing is that old');
    assert.equal(await s.changes.prune(Date.now() + 60_000), 3, 'all but the newest');
    assert.equal(await s.changes.latestSeq(), latest);
    assert.equal(await s.changes.oldestSeq(), latest);
    assert.deepEqual(await since(s, 0), ['note:n3']);
    await s.notes.createNote(note('n4', 'u1'));
    assert.deepEqual(await since(s, latest), ['note:n4'], 'numbering goes on after a prune');
  });
});
