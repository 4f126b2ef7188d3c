import assert from 'node:assert/strict';
import { conformance } from './backends.ts';
import { rejectsWithCode, user } from './fixtures.ts';

conformance('SessionStore', (it) => {
  it('creates, reads and deletes a session by token hash', async (s) => {
    await s.users.createUser(user('u1'));
    const rec = { tokenHash: 'ab'.repeat(32), userId: 'u1', createdAt: 1_750_000_000_000, expiresAt: 1_752_592_000_000 };
    await s.sessions.createSession(rec);
    assert.deepEqual(await s.sessions.getSession(rec.tokenHash), rec);
    assert.equal(await s.sessions.getSession('cd'.repeat(32)), null);
    await s.sessions.deleteSession(rec.tokenHash);
    assert.equal(await s.sessions.getSession(rec.tokenHash), null);
    await s.sessions.deleteSession(rec.tokenHash);
  });

  it('looks up each token hash by its own value when many are read in turn', async (s) => {
    await s.users.createUser(user('u1'));
    await s.users.createUser(user('u2', { handle: 'second_user' }));
    const recs = ['01', '02', '03'].map((h, i) => ({ tokenHash: h.repeat(32), userId: i === 1 ? 'u2' : 'u1', createdAt: i, expiresAt: 1_000 + i }));
    for (const r of recs) await s.sessions.createSession(r);
    for (const r of [...recs].reverse()) assert.deepEqual(await s.sessions.getSession(r.tokenHash), r);
  });

  it('rejects a duplicate token hash with conflict and an unknown user with not_found', async (s) => {
    await s.users.createUser(user('u1'));
    const rec = { tokenHash: 'ef'.repeat(32), userId: 'u1', createdAt: 1, expiresAt: 2 };
    await s.sessions.createSession(rec);
    await rejectsWithCode(s.sessions.createSession(rec), 'conflict');
    await rejectsWithCode(s.sessions.createSession({ ...rec, tokenHash: '00', userId: 'ghost' }), 'not_found');
  });

  it('purges sessions that have expired and keeps the rest', async (s) => {
    await s.users.createUser(user('u1'));
    const rec = (tokenHash: string, expiresAt: number) => ({ tokenHash, userId: 'u1', createdAt: 1, expiresAt });
    await s.sessions.createSession(rec('aa', 100));
    await s.sessions.createSession(rec('bb', 200));
    await s.sessions.createSession(rec('cc', 300));
    assert.equal(await s.sessions.deleteExpiredSessions(200), 2);
    assert.equal(await s.sessions.getSession('aa'), null);
    assert.equal(await s.sessions.getSession('bb'), null);
    assert.deepEqual(await s.sessions.getSession('cc'), rec('cc', 300));
    assert.equal(await s.sessions.deleteExpiredSessions(200), 0);
  });
});
