import assert from 'node:assert/strict';
import { conformance } from './backends.ts';
import { MIXED_CASE_IDS, rejectsWithCode, user } from './fixtures.ts';

conformance('UserStore', (it) => {
  it('creates a user and reads it back by id and by handle', async (s) => {
    const u = user('u1', { passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', ageBand: '25-30', gender: 'female', incomeBand: 'mid', role: 'operator' });
    await s.users.createUser(u);
    assert.deepEqual(await s.users.getUser('u1'), u);
    assert.deepEqual(await s.users.getUserByHandle(u.handle), u);
    assert.equal(await s.users.getUser('nope'), null);
    assert.equal(await s.users.getUserByHandle('nope'), null);
  });

  it('text the backend cannot keep is refused as invalid input, never as an internal error', async (s) => {
    for (const [i, bad] of ['a\u0000b', 'x\uD800'].entries()) {
      for (const attempt of [() => s.users.createUser(user(`bad${i}`, { displayName: bad })), () => s.users.getUserByHandle(bad)]) {
        try {
          await attempt();
        } catch (e) {
          assert.equal((e as { code?: unknown }).code, 'validation_failed', String(e));
        }
      }
    }
  });

  it('reads many users at once, in the order asked, each once, skipping missing ids', async (s) => {
    const [a, b, c] = [user('u1', { handle: 'ha' }), user('u2', { handle: 'hb' }), user('u3', { handle: 'hc' })];
    for (const u of [a, b, c]) await s.users.createUser(u);
    assert.deepEqual(await s.users.getUsers(['u3', 'nope', 'u1', 'u3']), [c, a]);
    assert.deepEqual(await s.users.getUsers([]), []);
    const many = Array.from({ length: 1_100 }, (_, i) => user(`m${String(i).padStart(5, '0')}`));
    await s.users.insertUsers(many);
    const ids = many.map((u) => u.id).reverse();
    assert.deepEqual((await s.users.getUsers(ids)).map((u) => u.id), ids);
    // The same number of ids again, other ids: each call binds its own values.
    assert.deepEqual(await s.users.getUsers(['u2', 'u1', 'u3', 'nope']), [b, a, c]);
    assert.deepEqual(await s.users.getUsers(['u1', 'u3', 'u2', 'm00007']), [a, c, b, many[7]]);
    assert.deepEqual(await s.users.getUser('u2'), b);
    assert.deepEqual(await s.users.getUser('u3'), c);
  });

  it('rejects a duplicate id or handle with conflict', async (s) => {
    await s.users.createUser(user('u1', { handle: 'alice' }));
    await rejectsWithCode(s.users.createUser(user('u1', { handle: 'bob' })), 'conflict');
    await rejectsWithCode(s.users.createUser(user('u2', { handle: 'alice' })), 'conflict');
    assert.equal(await s.users.countUsers(), 1);
  });

  it('updates only the patched fields and returns null for a missing user', async (s) => {
    const u = user('u1');
    await s.users.createUser(u);
    const updated = await s.users.updateUser('u1', { displayName: '小红', market: 'SG', ageBand: '18-24' });
    assert.deepEqual(updated, { ...u, displayName: '小红', market: 'SG', ageBand: '18-24' });
    assert.deepEqual(await s.users.updateUser('u1', {}), updated);
    assert.equal(await s.users.updateUser('missing', { displayName: 'x' }), null);
  });

  it('pages through users by id in byte order', async (s) => {
    for (const id of MIXED_CASE_IDS) await s.users.createUser(user(id, { handle: `h_${MIXED_CASE_IDS.indexOf(id)}aa` }));
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await s.users.listUsers(after, 3);
      assert.ok(page.length <= 3);
      if (page.length === 0) break;
      seen.push(...page.map((u) => u.id));
      after = page[page.length - 1]!.id;
    }
    assert.deepEqual(seen, [...MIXED_CASE_IDS].sort());
    assert.equal(await s.users.countUsers(), MIXED_CASE_IDS.length);
  });

  it('bulk-inserts across statement chunks in one transaction', async (s) => {
    const many = Array.from({ length: 1_100 }, (_, i) => user(`u${String(i).padStart(5, '0')}`));
    await s.users.insertUsers(many);
    assert.equal(await s.users.countUsers(), 1_100);
    assert.deepEqual(await s.users.getUser('u01099'), many[1_099]);
    await s.users.insertUsers([]);
  });

  it('rolls back a whole bulk insert when one row conflicts', async (s) => {
    await s.users.createUser(user('taken'));
    // the conflicting row lands in the second statement, after the first one already ran
    const batch = [...Array.from({ length: 1_000 }, (_, i) => user(`b${i}`)), user('taken')];
    await rejectsWithCode(s.users.insertUsers(batch), 'conflict');
    assert.equal(await s.users.countUsers(), 1);
  });
});
