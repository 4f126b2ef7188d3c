import assert from 'node:assert/strict';
import type { EngineEvent, Follow, Storage } from '@notewave/engine';
import { conformance } from './backends.ts';
import { note, rejectsWithCode, user } from './fixtures.ts';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];

async function seed(s: Storage): Promise<void> {
  await s.users.insertUsers(USERS.map((id) => user(id)));
  await s.notes.insertNotes(['n1', 'n2', 'n3', 'n4'].map((id) => note(id, 'u1')));
}

const edge = (followerId: string, followeeId: string, createdAt = 10): Follow => ({ followerId, followeeId, createdAt });

conformance('SocialStore', (it) => {
  it('follow is idempotent and unfollow reports whether an edge existed', async (s) => {
    await seed(s);
    assert.equal(await s.social.follow(edge('u1', 'u2')), true);
    assert.equal(await s.social.follow(edge('u1', 'u2', 99)), false);
    assert.equal(await s.social.isFollowing('u1', 'u2'), true);
    assert.equal(await s.social.isFollowing('u2', 'u1'), false);
    assert.equal(await s.social.followedAt('u1', 'u2'), 10, 'a repeated follow keeps the first edge and its time');
    assert.equal(await s.social.followedAt('u2', 'u1'), null);
    assert.deepEqual(await s.social.listFollowing('u1', null, 10), [edge('u1', 'u2')]);
    assert.equal(await s.social.unfollow('u1', 'u2'), true);
    assert.equal(await s.social.unfollow('u1', 'u2'), false);
    assert.equal(await s.social.isFollowing('u1', 'u2'), false);
    assert.equal(await s.social.followedAt('u1', 'u2'), null);
    await rejectsWithCode(s.social.follow(edge('u1', 'ghost')), 'not_found');
  });

  it('pages following and followers lists, and scans every edge by (follower, followee)', async (s) => {
    await seed(s);
    const edges = USERS.flatMap((a) => USERS.filter((b) => b !== a && (a < b || a === 'u5')).map((b) => edge(a, b)));
    await s.social.insertFollows(edges);
    await s.social.insertFollows(edges.slice(0, 3)); // re-importing existing edges is harmless

    const following = [...(await s.social.listFollowing('u1', null, 2)), ...(await s.social.listFollowing('u1', 'u3', 10))];
    assert.deepEqual(following.map((f) => f.followeeId), ['u2', 'u3', 'u4', 'u5']);
    const followers = await s.social.listFollowers('u4', 'u1', 10);
    assert.deepEqual(followers.map((f) => f.followerId), ['u2', 'u3', 'u5']);

    const scanned: Follow[] = [];
    let after: { followerId: string; followeeId: string } | null = null;
    for (;;) {
      const page = await s.social.scanFollows(after, 3);
      if (page.length === 0) break;
      scanned.push(...page);
      const last = page[page.length - 1]!;
      after = { followerId: last.followerId, followeeId: last.followeeId };
    }
    const key = (f: Follow) => `${f.followerId}>${f.followeeId}`;
    assert.deepEqual(scanned.map(key), edges.map(key).sort());
  });

  it('like is idempotent and unlike reports whether a like existed', async (s) => {
    await seed(s);
    assert.equal(await s.social.like({ userId: 'u2', noteId: 'n1', createdAt: 1 }), true);
    assert.equal(await s.social.like({ userId: 'u2', noteId: 'n1', createdAt: 2 }), false);
    assert.equal(await s.social.hasLiked('u2', 'n1'), true);
    assert.equal(await s.social.hasLiked('u3', 'n1'), false);
    assert.equal(await s.social.likedAt('u2', 'n1'), 1, 'a repeated like keeps the first like and its time');
    assert.equal(await s.social.likedAt('u3', 'n1'), null);
    assert.equal(await s.social.unlike('u2', 'n1'), true);
    assert.equal(await s.social.unlike('u2', 'n1'), false);
    assert.equal(await s.social.hasLiked('u2', 'n1'), false);
    assert.equal(await s.social.likedAt('u2', 'n1'), null);
    await rejectsWithCode(s.social.like({ userId: 'u2', noteId: 'ghost', createdAt: 1 }), 'not_found');
  });

  it('creates collections, lists them oldest first and rejects duplicate ids and names', async (s) => {
    await seed(s);
    const def = { id: 'c1', userId: 'u2', name: 'default', createdAt: 1 };
    const trip = { id: 'c0', userId: 'u2', name: '杭州旅行', createdAt: 2 };
    await s.social.createCollection(def);
    await s.social.createCollection(trip);
    await s.social.createCollection({ id: 'c9', userId: 'u3', name: 'default', createdAt: 1 });
    assert.deepEqual(await s.social.getCollection('c0'), trip);
    assert.equal(await s.social.getCollection('missing'), null);
    assert.deepEqual(await s.social.listCollections('u2'), [def, trip]);
    assert.deepEqual(await s.social.listCollections('u4'), []);
    await rejectsWithCode(s.social.createCollection({ ...def, name: 'other' }), 'conflict');
    await rejectsWithCode(s.social.createCollection({ ...def, id: 'c2' }), 'conflict');
  });

  it('save is idempotent per collection; unsave removes from one collection or from all', async (s) => {
    await seed(s);
    await s.social.createCollection({ id: 'ca', userId: 'u2', name: 'default', createdAt: 1 });
    await s.social.createCollection({ id: 'cb', userId: 'u2', name: 'food', createdAt: 2 });
    const save = (noteId: string, collectionId: string) => ({ userId: 'u2', noteId, collectionId, createdAt: 5 });
    assert.deepEqual(await s.social.save(save('n1', 'ca')), { added: true, first: true });
    assert.deepEqual(await s.social.save(save('n1', 'ca')), { added: false, first: false });
    assert.deepEqual(await s.social.save(save('n1', 'cb')), { added: true, first: false });
    assert.deepEqual(await s.social.save(save('n2', 'cb')), { added: true, first: true });

    assert.deepEqual(await s.social.unsave('u2', 'n1', 'cb'), { removed: true, last: false });
    assert.deepEqual(await s.social.listSaves('u2', 'ca', null, 10), [save('n1', 'ca')]);
    assert.deepEqual(await s.social.listSaves('u2', 'cb', null, 10), [save('n2', 'cb')]);

    assert.deepEqual(await s.social.save(save('n1', 'cb')), { added: true, first: false });
    assert.deepEqual(await s.social.unsave('u2', 'n1'), { removed: true, last: true });
    assert.deepEqual(await s.social.listSaves('u2', 'ca', null, 10), []);
    assert.deepEqual((await s.social.listSaves('u2', 'cb', null, 10)).map((x) => x.noteId), ['n2']);
    assert.deepEqual(await s.social.unsave('u2', 'n1'), { removed: false, last: false });
    assert.deepEqual(await s.social.unsave('u2', 'n2', 'ca'), { removed: false, last: false });
  });

  it('the same note saved at once through two connections into two collections is one first save', async (s, lease) => {
    await seed(s);
    await s.social.createCollection({ id: 'ca', userId: 'u2', name: 'default', createdAt: 1 });
    await s.social.createCollection({ id: 'cb', userId: 'u2', name: 'food', createdAt: 2 });
    const other = await lease.another();
    for (const noteId of ['n1', 'n2', 'n3', 'n4']) {
      const outcomes = await Promise.all([
        s.social.save({ userId: 'u2', noteId, collectionId: 'ca', createdAt: 5 }),
        other.social.save({ userId: 'u2', noteId, collectionId: 'cb', createdAt: 5 }),
      ]);
      assert.deepEqual(outcomes.map((o) => o.added), [true, true]);
      assert.equal(outcomes.filter((o) => o.first).length, 1, `exactly one first save of ${noteId}`);
    }
    // The same save twice at once stores one row; and removing from both at once leaves exactly one last removal.
    await s.social.createCollection({ id: 'cc', userId: 'u3', name: 'default', createdAt: 3 });
    const same = await Promise.all([s, other].map((x) => x.social.save({ userId: 'u3', noteId: 'n1', collectionId: 'cc', createdAt: 6 })));
    assert.deepEqual(same.map((o) => o.first).sort(), [false, true]);
    assert.equal((await s.social.listSaves('u3', 'cc', null, 10)).length, 1);
    const gone = await Promise.all([s.social.unsave('u2', 'n1', 'ca'), other.social.unsave('u2', 'n1', 'cb')]);
    assert.equal(gone.filter((o) => o.last).length, 1);
    const liked = await Promise.all([s.social.like({ userId: 'u4', noteId: 'n1', createdAt: 7 }), other.social.like({ userId: 'u4', noteId: 'n1', createdAt: 7 })]);
    assert.equal(liked.filter(Boolean).length, 1);
  }, { concurrentWriters: true });

  it('isSaved answers whether a note is in any of the user\'s collections', async (s) => {
    await seed(s);
    await s.social.createCollection({ id: 'ca', userId: 'u2', name: 'default', createdAt: 1 });
    await s.social.createCollection({ id: 'cb', userId: 'u2', name: 'food', createdAt: 2 });
    assert.equal(await s.social.isSaved('u2', 'n1'), false);
    await s.social.save({ userId: 'u2', noteId: 'n1', collectionId: 'ca', createdAt: 5 });
    await s.social.save({ userId: 'u2', noteId: 'n1', collectionId: 'cb', createdAt: 6 });
    assert.equal(await s.social.isSaved('u2', 'n1'), true);
    assert.equal(await s.social.isSaved('u2', 'n2'), false);
    assert.equal(await s.social.isSaved('u1', 'n1'), false);
    await s.social.unsave('u2', 'n1', 'ca');
    assert.equal(await s.social.isSaved('u2', 'n1'), true);
    await s.social.unsave('u2', 'n1', 'cb');
    assert.equal(await s.social.isSaved('u2', 'n1'), false);
  });

  it('pages saves by note id and refuses saving into another user\'s or an unknown collection', async (s) => {
    await seed(s);
    await s.social.createCollection({ id: 'ca', userId: 'u2', name: 'default', createdAt: 1 });
    for (const n of ['n4', 'n2', 'n3', 'n1']) await s.social.save({ userId: 'u2', noteId: n, collectionId: 'ca', createdAt: 1 });
    const first = await s.social.listSaves('u2', 'ca', null, 3);
    const rest = await s.social.listSaves('u2', 'ca', first[first.length - 1]!.noteId, 3);
    assert.deepEqual([...first, ...rest].map((x) => x.noteId), ['n1', 'n2', 'n3', 'n4']);
    const newest = await s.social.listSaves('u2', 'ca', null, 3, 'desc');
    const older = await s.social.listSaves('u2', 'ca', newest[newest.length - 1]!.noteId, 3, 'desc');
    assert.deepEqual([...newest, ...older].map((x) => x.noteId), ['n4', 'n3', 'n2', 'n1']);
    assert.deepEqual(await s.social.listSaves('u3', 'ca', null, 10), []);
    await rejectsWithCode(s.social.save({ userId: 'u3', noteId: 'n1', collectionId: 'ca', createdAt: 1 }), 'not_found');
    await rejectsWithCode(s.social.save({ userId: 'u2', noteId: 'n1', collectionId: 'nope', createdAt: 1 }), 'not_found');
  });

  it('bulk-inserts likes, collections and saves in one go, skipping what is already stored', async (s) => {
    await seed(s);
    await s.social.like({ userId: 'u2', noteId: 'n1', createdAt: 1 });
    await s.social.insertLikes([
      { userId: 'u2', noteId: 'n1', createdAt: 9 },
      { userId: 'u2', noteId: 'n2', createdAt: 2 },
      { userId: 'u3', noteId: 'n2', createdAt: 3 },
      { userId: 'u3', noteId: 'n2', createdAt: 4 },
    ]);
    await s.social.insertLikes([]);
    assert.deepEqual(await s.accounts.listLikesByUser('u2', null, 10), [
      { userId: 'u2', noteId: 'n1', createdAt: 1 },
      { userId: 'u2', noteId: 'n2', createdAt: 2 },
    ]);
    assert.deepEqual(await s.accounts.listLikesByUser('u3', null, 10), [{ userId: 'u3', noteId: 'n2', createdAt: 3 }]);

    const ca = { id: 'ca', userId: 'u2', name: 'default', createdAt: 1 };
    await s.social.createCollection(ca);
    await s.social.insertCollections([{ ...ca, name: 'renamed' }, { id: 'cb', userId: 'u3', name: 'default', createdAt: 2 }]);
    assert.deepEqual(await s.social.listCollections('u2'), [ca]);
    assert.deepEqual((await s.social.listCollections('u3')).map((c) => c.id), ['cb']);

    const save = (userId: string, noteId: string, collectionId: string, createdAt = 5) => ({ userId, noteId, collectionId, createdAt });
    await s.social.save(save('u2', 'n1', 'ca'));
    await s.social.insertSaves([save('u2', 'n1', 'ca', 8), save('u2', 'n3', 'ca'), save('u3', 'n1', 'cb'), save('u3', 'n1', 'cb', 7)]);
    assert.deepEqual(await s.social.listSaves('u2', 'ca', null, 10), [save('u2', 'n1', 'ca'), save('u2', 'n3', 'ca')]);
    assert.deepEqual(await s.social.listSaves('u3', 'cb', null, 10), [save('u3', 'n1', 'cb')]);
    await rejectsWithCode(s.social.insertSaves([save('u3', 'n2', 'ca')]), 'not_found');
    assert.equal(await s.social.isSaved('u3', 'n2'), false);
  });

  it('change stores a counted change and its event in one transaction, and neither when either fails', async (s) => {
    await seed(s);
    await s.social.createCollection({ id: 'ca', userId: 'u2', name: 'default', createdAt: 1 });
    await s.social.createCollection({ id: 'cb', userId: 'u2', name: 'more', createdAt: 2 });
    let n = 0;
    const ev = (e: Record<string, unknown>): EngineEvent => ({ userId: 'u2', clientEventId: `srv_t${++n}`, ts: 100 + n, ...e }) as EngineEvent;
    const logged = async () => (await s.events.readSince(0, 100)).map((e) => `${e.type}:${e.clientEventId}`);

    const like = ev({ type: 'like', noteId: 'n1' });
    const first = await s.social.change({ kind: 'like', like: { userId: 'u2', noteId: 'n1', createdAt: 1 } }, like);
    assert.equal(first.changed, true);
    assert.equal(first.seq, await s.events.lastSeq());
    assert.deepEqual(await s.social.change({ kind: 'like', like: { userId: 'u2', noteId: 'n1', createdAt: 2 } }, ev({ type: 'like', noteId: 'n1' })), { changed: false, seq: null });
    const unliked = await s.social.change({ kind: 'unlike', userId: 'u2', noteId: 'n1' }, ev({ type: 'unlike', noteId: 'n1' }));
    assert.ok(unliked.changed && unliked.seq !== null && unliked.seq > (first.seq as number));
    assert.deepEqual(await s.social.change({ kind: 'unlike', userId: 'u2', noteId: 'n1' }, ev({ type: 'unlike', noteId: 'n1' })), { changed: false, seq: null });

    // A note's first save and last unsave are counted; a second collection's save and unsave are not.
    const saveIn = (collectionId: string) => ({ kind: 'save' as const, save: { userId: 'u2', noteId: 'n2', collectionId, createdAt: 3 } });
    assert.notEqual((await s.social.change(saveIn('ca'), ev({ type: 'save', noteId: 'n2', collectionId: 'ca' }))).seq, null);
    assert.deepEqual(await s.social.change(saveIn('cb'), ev({ type: 'save', noteId: 'n2', collectionId: 'cb' })), { changed: true, seq: null });
    assert.deepEqual(await s.social.change({ kind: 'unsave', userId: 'u2', noteId: 'n2', collectionId: 'ca' }, ev({ type: 'unsave', noteId: 'n2' })), { changed: true, seq: null });
    const lastUnsave = await s.social.change({ kind: 'unsave', userId: 'u2', noteId: 'n2' }, ev({ type: 'unsave', noteId: 'n2' }));
    assert.ok(lastUnsave.changed && lastUnsave.seq !== null);

    const followed = await s.social.change({ kind: 'follow', follow: edge('u2', 'u3') }, ev({ type: 'follow', targetUserId: 'u3' }));
    assert.ok(followed.changed && followed.seq !== null);
    const unfollowed = await s.social.change({ kind: 'unfollow', followerId: 'u2', followeeId: 'u3' }, ev({ type: 'unfollow', targetUserId: 'u3' }));
    assert.ok(unfollowed.changed && unfollowed.seq !== null);
    assert.deepEqual(await logged(), ['like:srv_t1', 'unlike:srv_t3', 'save:srv_t5', 'unsave:srv_t8', 'follow:srv_t9', 'unfollow:srv_t10']);

    // An event the log refuses (its id already stored, text it cannot keep) takes its change back with it.
    await rejectsWithCode(s.social.change({ kind: 'like', like: { userId: 'u2', noteId: 'n3', createdAt: 4 } }, { ...like }), 'internal');
    assert.equal(await s.social.hasLiked('u2', 'n3'), false);
    await rejectsWithCode(s.social.change({ kind: 'follow', follow: edge('u2', 'u4') }, ev({ type: 'follow', targetUserId: 'u4', clientEventId: 'bad\u0000id' })), 'validation_failed');
    assert.equal(await s.social.isFollowing('u2', 'u4'), false);
    // And a change that fails logs nothing.
    await rejectsWithCode(s.social.change({ kind: 'like', like: { userId: 'u2', noteId: 'ghost', createdAt: 5 } }, ev({ type: 'like', noteId: 'ghost' })), 'not_found');
    assert.equal((await logged()).length, 6);
  });
});
