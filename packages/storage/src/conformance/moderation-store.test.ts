import assert from 'node:assert/strict';
import type { Report, Storage } from '@notewave/engine';
import { conformance } from './backends.ts';
import { comment, note, user, viewEvent } from './fixtures.ts';

const T = 1_750_000_000_000;

function report(id: string, over: Partial<Report> = {}): Report {
  return {
    id, reporterId: 'u1', targetKind: 'note', targetId: 'n1', reason: 'spam', status: 'open', createdAt: T, resolvedBy: null, resolvedAt: null, ...over,
  };
}

conformance('UserStore roles and suspension', (it) => {
  it('grants and revokes a role on an existing account only, and lists its holders', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2'), user('u3')]);
    assert.equal(await s.users.setRole('u2', 'operator'), true);
    assert.equal(await s.users.setRole('u3', 'operator'), true);
    assert.equal(await s.users.setRole('nobody', 'operator'), false);
    assert.deepEqual((await s.users.listUsersByRole('operator')).map((u) => u.id), ['u2', 'u3']);
    assert.equal((await s.users.getUser('u2'))?.role, 'operator');
    assert.equal(await s.users.setRole('u3', 'user'), true);
    assert.deepEqual((await s.users.listUsersByRole('operator')).map((u) => u.id), ['u2']);
  });

  it('suspends and reinstates an account, reading the suspension back', async (s) => {
    const u = user('u1');
    await s.users.createUser(u);
    assert.equal(await s.users.setSuspension('u1', { at: T, reason: 'spam wave', by: 'op1' }), true);
    assert.deepEqual(await s.users.getUser('u1'), { ...u, suspension: { at: T, reason: 'spam wave', by: 'op1' } });
    assert.equal(await s.users.setSuspension('u1', null), true);
    assert.deepEqual(await s.users.getUser('u1'), u);
    assert.equal(await s.users.setSuspension('nobody', null), false);
  });

  it('replaces a password hash', async (s) => {
    await s.users.createUser(user('u1', { passwordHash: 'old' }));
    assert.equal(await s.users.setPasswordHash('u1', 'new'), true);
    assert.equal((await s.users.getUser('u1'))?.passwordHash, 'new');
    assert.equal(await s.users.setPasswordHash('nobody', 'x'), false);
  });
});

conformance('NoteStore and CommentStore under suspension', (it) => {
  it('hides an author’s live notes everywhere and shows them again, stamped so other nodes see both', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2')]);
    await s.notes.insertNotes([note('n1', 'u1'), note('n2', 'u1'), note('n3', 'u2'), note('n4', 'u1', { deleted: true })]);
    const hidden = await s.notes.setAuthorHidden('u1', true, T + 5);
    assert.deepEqual(hidden.map((n) => [n.id, n.deleted, n.editedAt]), [['n1', true, T + 5], ['n2', true, T + 5]]);
    assert.equal((await s.notes.getNote('n1'))?.deleted, true);
    assert.deepEqual((await s.notes.listNotes({ limit: 10 })).map((n) => n.id), ['n3']);
    assert.deepEqual((await s.notes.listIndexableNotes(null, 10)).map((n) => n.note.id), ['n3']);
    assert.equal(await s.notes.countNotes(), 1);
    assert.deepEqual((await s.notes.listChangedNotes(T + 5, null, 10)).map((n) => n.id), ['n1', 'n2']);
    assert.equal(await s.notes.updateNote('n1', { title: 'x' }, T + 6), null, 'a hidden note cannot be edited');
    assert.deepEqual(await s.notes.setAuthorHidden('u1', true, T + 7), [], 'hiding twice changes nothing');

    const shown = await s.notes.setAuthorHidden('u1', false, T + 9);
    assert.deepEqual(shown.map((n) => [n.id, n.deleted, n.editedAt]), [['n1', false, T + 9], ['n2', false, T + 9]]);
    assert.deepEqual((await s.notes.listNotes({ limit: 10 })).map((n) => n.id), ['n1', 'n2', 'n3']);
    assert.equal((await s.notes.getNote('n4'))?.deleted, true, 'a deleted note stays deleted');
  });

  it('leaves a suspended author’s comments out of threads until reinstated', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2')]);
    await s.notes.createNote(note('n1', 'u2'));
    await s.comments.createComment(comment('c1', 'n1', 'u1'));
    await s.comments.createComment(comment('c2', 'n1', 'u2', { createdAt: T + 1 }));
    await s.users.setSuspension('u1', { at: T, reason: 'abuse', by: 'op' });
    assert.deepEqual((await s.comments.listComments('n1', null, 10)).map((c) => c.id), ['c2']);
    await s.users.setSuspension('u1', null);
    assert.deepEqual((await s.comments.listComments('n1', null, 10)).map((c) => c.id), ['c1', 'c2']);
  });
});

conformance('SessionStore per user', (it) => {
  it('lists a user’s sessions newest first and deletes all but one', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2')]);
    for (const [hash, userId, at] of [['a', 'u1', 1], ['b', 'u1', 3], ['c', 'u1', 2], ['d', 'u2', 1]] as const) {
      await s.sessions.createSession({ tokenHash: hash, userId, createdAt: at, expiresAt: at + 1000 });
    }
    assert.deepEqual((await s.sessions.listUserSessions('u1')).map((r) => r.tokenHash), ['b', 'c', 'a']);
    assert.deepEqual((await s.sessions.deleteUserSessions('u1', 'c')).sort(), ['a', 'b']);
    assert.deepEqual((await s.sessions.listUserSessions('u1')).map((r) => r.tokenHash), ['c']);
    assert.deepEqual(await s.sessions.deleteUserSessions('u1'), ['c']);
    assert.deepEqual((await s.sessions.listUserSessions('u2')).map((r) => r.tokenHash), ['d']);
  });
});

conformance('ReportStore', (it) => {
  it('keeps one open report per reporter and target, and a new one once that is closed', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2')]);
    assert.deepEqual(await s.reports.createReport(report('r1')), report('r1'));
    assert.deepEqual(await s.reports.createReport(report('r2', { reason: 'again' })), report('r1'), 'the open one is returned');
    assert.equal((await s.reports.createReport(report('r3', { reporterId: 'u2' }))).id, 'r3', 'another reporter files their own');
    assert.equal((await s.reports.createReport(report('r4', { targetKind: 'comment' }))).id, 'r4');
    await s.reports.closeReport('r1', 'dismissed', 'u2', T);
    assert.equal((await s.reports.createReport(report('r5'))).id, 'r5');
    assert.deepEqual((await s.reports.listReports('open', null, 10)).map((r) => r.id), ['r3', 'r4', 'r5']);
  });

  it('queues reports, lists them by status in id order and closes each once', async (s) => {
    await s.users.insertUsers([user('u1'), user('u2')]);
    await s.reports.createReport(report('r2', { targetKind: 'user', targetId: 'u2', reason: '冒充 "someone"' }));
    await s.reports.createReport(report('r1'));
    await s.reports.createReport(report('r3', { targetKind: 'comment', targetId: 'c1' }));
    assert.deepEqual((await s.reports.listReports('open', null, 2)).map((r) => r.id), ['r1', 'r2']);
    assert.deepEqual((await s.reports.listReports('open', 'r2', 2)).map((r) => r.id), ['r3']);
    assert.deepEqual(await s.reports.getReport('r2'), report('r2', { targetKind: 'user', targetId: 'u2', reason: '冒充 "someone"' }));
    assert.equal(await s.reports.closeReport('r1', 'resolved', 'u2', T + 1), true);
    assert.equal(await s.reports.closeReport('r1', 'dismissed', 'u2', T + 2), false, 'a closed report stays as it was closed');
    assert.equal(await s.reports.closeReport('nope', 'dismissed', 'u2', T + 2), false);
    assert.deepEqual(await s.reports.getReport('r1'), report('r1', { status: 'resolved', resolvedBy: 'u2', resolvedAt: T + 1 }));
    assert.deepEqual((await s.reports.listReports('open', null, 10)).map((r) => r.id), ['r2', 'r3']);
    assert.deepEqual((await s.reports.listReports('resolved', null, 10)).map((r) => r.id), ['r1']);
    assert.equal(await s.reports.getReport('nope'), null);
  });
});

conformance('AccountStore', (it) => {
  async function community(s: Storage) {
    await s.users.insertUsers([user('u1', { passwordHash: 'h', ageBand: '18-24', role: 'operator' }), user('u2')]);
    await s.notes.insertNotes([note('n1', 'u1'), note('n2', 'u2')]);
    await s.comments.createComment(comment('c1', 'n2', 'u1'));
    await s.comments.createComment(comment('c2', 'n1', 'u2'));
    await s.social.like({ userId: 'u1', noteId: 'n2', createdAt: T });
    await s.social.like({ userId: 'u2', noteId: 'n1', createdAt: T });
    await s.social.createCollection({ id: 'col1', userId: 'u1', name: 'default', createdAt: T });
    await s.social.save({ userId: 'u1', noteId: 'n2', collectionId: 'col1', createdAt: T });
    await s.social.follow({ followerId: 'u1', followeeId: 'u2', createdAt: T });
    await s.social.follow({ followerId: 'u2', followeeId: 'u1', createdAt: T });
    await s.sessions.createSession({ tokenHash: 'tok', userId: 'u1', createdAt: T, expiresAt: T + 1000 });
    await s.reports.createReport(report('r1', { reporterId: 'u1', targetId: 'n2' }));
    await s.events.append([viewEvent('u1', 'e1'), viewEvent('u2', 'e1'), viewEvent('u1', 'e2')]);
  }

  it('reads back what one user owns', async (s) => {
    await community(s);
    assert.deepEqual((await s.accounts.listCommentsByAuthor('u1', null, 10)).map((c) => c.id), ['c1']);
    assert.deepEqual((await s.accounts.listLikesByUser('u1', null, 10)).map((l) => l.noteId), ['n2']);
    assert.deepEqual(await s.accounts.listSavesByUser('u1', null, 10), [{ userId: 'u1', noteId: 'n2', collectionId: 'col1', createdAt: T }]);
    assert.deepEqual(await s.accounts.listSavesByUser('u1', { collectionId: 'col1', noteId: 'n2' }, 10), []);
    const events = await s.accounts.listEventsByUser('u1', 0, 10);
    assert.deepEqual(events.map((e) => e.clientEventId), ['e1', 'e2']);
    assert.deepEqual((await s.accounts.listEventsByUser('u1', events[0]!.seq, 10)).map((e) => e.clientEventId), ['e2']);
  });

  it('erases an account: content gone, edges removed, events kept under another id, the row emptied', async (s) => {
    await community(s);
    const erased = await s.accounts.eraseAccount('u1', { anonymousId: 'anon_1', tombstoneHandle: '~deleted~u1', at: T + 50 });
    assert.deepEqual(erased?.noteIds, ['n1']);
    assert.deepEqual(erased?.follows.map((f) => `${f.followerId}>${f.followeeId}`).sort(), ['u1>u2', 'u2>u1']);
    assert.equal((await s.notes.getNote('n1'))?.deleted, true);
    const c1 = await s.comments.getComment('c1');
    assert.equal(c1?.deleted, true);
    assert.equal(c1?.body, '');
    assert.equal((await s.comments.getComment('c2'))?.deleted, false, 'others’ comments stay');
    assert.equal(await s.social.hasLiked('u1', 'n2'), false);
    assert.equal(await s.social.hasLiked('u2', 'n1'), true);
    assert.equal(await s.social.isSaved('u1', 'n2'), false);
    assert.deepEqual(await s.social.listCollections('u1'), []);
    assert.equal(await s.social.isFollowing('u2', 'u1'), false);
    assert.equal(await s.sessions.getSession('tok'), null);
    assert.equal(await s.reports.getReport('r1'), null);
    assert.deepEqual(await s.accounts.listEventsByUser('u1', 0, 10), []);
    assert.deepEqual((await s.accounts.listEventsByUser('anon_1', 0, 10)).map((e) => e.clientEventId), ['e1', 'e2']);
    assert.equal(await s.events.count(), 3);
    const row = await s.users.getUser('u1');
    assert.equal(row?.handle, '~deleted~u1');
    assert.equal(row?.displayName, '');
    assert.equal(row?.passwordHash, null);
    assert.equal(row?.ageBand, null);
    assert.equal(row?.role, 'user');
    assert.equal(row?.deletedAt, T + 50);
    assert.equal(await s.users.getUserByHandle('h_u1'), null, 'the handle is free again');
    assert.equal(await s.users.setRole('u1', 'operator'), false, 'a deleted account takes no role');
    assert.equal(await s.accounts.eraseAccount('u1', { anonymousId: 'anon_2', tombstoneHandle: '~x', at: T }), null);
  });
});
