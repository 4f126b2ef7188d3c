import assert from 'node:assert/strict';
import type { Storage } from '@notewave/engine';
import { conformance } from './backends.ts';
import { comment, note, rejectsWithCode, user } from './fixtures.ts';

async function seed(s: Storage): Promise<void> {
  await s.users.insertUsers([user('u1'), user('u2')]);
  await s.notes.insertNotes([note('n1', 'u1'), note('n2', 'u1')]);
}

conformance('CommentStore', (it) => {
  it('creates a threaded comment and reads it back', async (s) => {
    await seed(s);
    const top = comment('c1', 'n1', 'u2', { body: '好看！🔥' });
    const reply = comment('c2', 'n1', 'u1', { parentId: 'c1', createdAt: top.createdAt + 1 });
    await s.comments.createComment(top);
    await s.comments.createComment(reply);
    assert.deepEqual(await s.comments.getComment('c1'), top);
    assert.deepEqual(await s.comments.getComment('c2'), reply);
    assert.equal(await s.comments.getComment('missing'), null);
  });

  it('stores a comment with the event that counts it in one transaction, or neither', async (s) => {
    await seed(s);
    const event = (commentId: string, clientEventId: string) => ({ type: 'comment' as const, userId: 'u2', noteId: 'n1', commentId, clientEventId, ts: 5 });
    assert.equal(await s.comments.createComment(comment('c0', 'n1', 'u2')), null, 'without an event nothing is logged');
    const seq = await s.comments.createComment(comment('c1', 'n1', 'u2'), event('c1', 'srv_c1'));
    assert.equal(seq, await s.events.lastSeq());
    assert.deepEqual((await s.events.readSince(0, 10)).map((e) => e.clientEventId), ['srv_c1']);
    // A comment whose event the log refuses is not stored, and an event whose comment fails is not logged.
    await rejectsWithCode(s.comments.createComment(comment('c2', 'n1', 'u2'), event('c2', 'srv_c1')), 'internal');
    assert.equal(await s.comments.getComment('c2'), null);
    await rejectsWithCode(s.comments.createComment(comment('c1', 'n1', 'u2'), event('c1', 'srv_c3')), 'conflict');
    assert.equal(await s.events.lastSeq(), seq);
  });

  it('rejects a duplicate id with conflict and a comment on an unknown note with not_found', async (s) => {
    await seed(s);
    await s.comments.createComment(comment('c1', 'n1', 'u2'));
    await rejectsWithCode(s.comments.createComment(comment('c1', 'n1', 'u2')), 'conflict');
    await rejectsWithCode(s.comments.createComment(comment('c2', 'ghost', 'u2')), 'not_found');
  });

  it('bulk-inserts comments, skipping ids already stored', async (s) => {
    await seed(s);
    const first = comment('c1', 'n1', 'u2', { body: 'first' });
    await s.comments.createComment(first);
    const more = [comment('c1', 'n1', 'u2', { body: 'again' }), comment('c2', 'n1', 'u1', { createdAt: first.createdAt + 1 }), comment('c3', 'n2', 'u2')];
    await s.comments.insertComments(more);
    await s.comments.insertComments([]);
    assert.deepEqual(await s.comments.getComment('c1'), first);
    assert.deepEqual(await s.comments.getComment('c2'), more[1]);
    assert.deepEqual((await s.comments.listComments('n1', null, 10)).map((c) => c.id), ['c1', 'c2']);
    await rejectsWithCode(s.comments.insertComments([comment('c4', 'ghost', 'u2')]), 'not_found');
    assert.equal(await s.comments.getComment('c4'), null);
  });

  it('lists a note\'s comments oldest first with keyset paging, even when ids sort differently', async (s) => {
    await seed(s);
    // ids deliberately in reverse of creation order; two share a timestamp to exercise the id tie-break
    const specs: [string, number][] = [['z', 1], ['y', 2], ['x', 3], ['w', 3], ['v', 5]];
    for (const [id, t] of specs) await s.comments.createComment(comment(id, 'n1', 'u2', { createdAt: t }));
    await s.comments.createComment(comment('other', 'n2', 'u2', { createdAt: 0 }));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await s.comments.listComments('n1', after, 2);
      if (page.length === 0) break;
      seen.push(...page.map((c) => c.id));
      after = page[page.length - 1]!.id;
    }
    assert.deepEqual(seen, ['z', 'y', 'w', 'x', 'v']);
  });

  it('soft delete hides a comment from the thread once', async (s) => {
    await seed(s);
    await s.comments.createComment(comment('c1', 'n1', 'u2', { createdAt: 1 }));
    await s.comments.createComment(comment('c2', 'n1', 'u2', { createdAt: 2 }));
    assert.equal(await s.comments.softDeleteComment('c1'), true);
    assert.equal(await s.comments.softDeleteComment('c1'), false);
    assert.equal(await s.comments.softDeleteComment('missing'), false);
    assert.equal((await s.comments.getComment('c1'))?.deleted, true);
    assert.deepEqual((await s.comments.listComments('n1', null, 10)).map((c) => c.id), ['c2']);
  });
});
