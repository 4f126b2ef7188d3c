import { test } from 'node:test';
import { LoginThrottle } from './login-throttle.ts';
import assert from 'node:assert/strict';
import { Engine, ManualClock, SeededRng, TimeRandomIds, type Clock, type RateLimitStore } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { AuthService, tokenHash } from './auth.service.ts';

test('signing in sweeps sessions that expired long ago', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const ids = new TimeRandomIds(clock, rng);
    const auth = new AuthService(storage.users, storage.sessions, new Engine({ clock, rng, ids }), clock, ids, { tokenTtlMs: 60_000 }, throttle(storage, clock));
    const input = { handle: 'mei_lin', password: 'correct horse', displayName: 'Mei', locale: 'en-US', market: 'US' } as const;
    const first = await auth.register(input);
    clock.advance(30_000);
    const second = await auth.login(input, '198.51.100.2');
    clock.advance(2 * 3_600_000);
    const third = await auth.login(input, '198.51.100.2');
    assert.equal(await storage.sessions.getSession(tokenHash(first.token)), null);
    assert.equal(await storage.sessions.getSession(tokenHash(second.token)), null);
    assert.equal((await storage.sessions.getSession(tokenHash(third.token)))?.userId, first.user.id);
  } finally {
    await storage.close();
  }
});

test('a looked-up session is served from memory, but signing out or expiry ends it at once', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const ids = new TimeRandomIds(clock, rng);
    let lookups = 0;
    const sessions = Object.create(storage.sessions) as typeof storage.sessions;
    sessions.getSession = (hash) => (lookups++, storage.sessions.getSession(hash));
    const auth = new AuthService(storage.users, sessions, new Engine({ clock, rng, ids }), clock, ids, { tokenTtlMs: 60_000, sessionCacheMs: 10_000 }, throttle(storage, clock));
    const input = { handle: 'mei_lin', password: 'correct horse', displayName: 'Mei', locale: 'en-US', market: 'US' } as const;
    const a = await auth.register(input);
    const b = await auth.login(input, '198.51.100.2');

    assert.equal((await auth.authenticate(a.token))?.id, a.user.id);
    assert.equal((await auth.authenticate(a.token))?.id, a.user.id);
    assert.equal(lookups, 1);

    // Signed out on this node: refused at once although the session was cached.
    await auth.logout(a.token);
    assert.equal(await auth.authenticate(a.token), null);

    // Deleted in storage by another node: still served from memory until the cache time passes, then refused.
    assert.equal((await auth.authenticate(b.token))?.id, b.user.id);
    await storage.sessions.deleteSession(tokenHash(b.token));
    assert.equal((await auth.authenticate(b.token))?.id, b.user.id);
    clock.advance(10_000);
    assert.equal(await auth.authenticate(b.token), null);

    // Expiry is checked on every request, cached or not.
    const c = await auth.login(input, '198.51.100.2');
    assert.equal((await auth.authenticate(c.token))?.id, c.user.id);
    clock.advance(60_000);
    assert.equal(await auth.authenticate(c.token), null);
    assert.equal(await storage.sessions.getSession(tokenHash(c.token)), null);
  } finally {
    await storage.close();
  }
});

test('a lookup that raced a sign-out does not cache the session', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const ids = new TimeRandomIds(clock, rng);
    let hold: Promise<void> | null = null;
    const sessions = Object.create(storage.sessions) as typeof storage.sessions;
    sessions.getSession = async (hash) => {
      const s = await storage.sessions.getSession(hash);
      if (hold) await hold;
      return s;
    };
    const auth = new AuthService(storage.users, sessions, new Engine({ clock, rng, ids }), clock, ids, { tokenTtlMs: 60_000 }, throttle(storage, clock));
    const a = await auth.register({ handle: 'mei_lin', password: 'correct horse', displayName: 'Mei', locale: 'en-US', market: 'US' });
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const racing = auth.authenticate(a.token);
    await new Promise((r) => setImmediate(r));
    await auth.logout(a.token);
    release();
    hold = null;
    assert.equal((await racing)?.id, a.user.id, 'the request that began before the sign-out still completes');
    assert.equal(await auth.authenticate(a.token), null);
  } finally {
    await storage.close();
  }
});

test('registering a taken handle fails with the same answer whoever holds it, and never grants a role', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const ids = new TimeRandomIds(clock, rng);
    const auth = new AuthService(storage.users, storage.sessions, new Engine({ clock, rng, ids }), clock, ids, { tokenTtlMs: 60_000 }, throttle(storage, clock));
    const input = { handle: 'operator', password: 'correct horse', displayName: 'Op', locale: 'en-US', market: 'US' } as const;
    const first = await auth.register(input);
    assert.equal(first.user.role, 'user');
    const messages: string[] = [];
    for (const handle of ['operator', 'OPERATOR']) {
      await assert.rejects(auth.register({ ...input, handle }), (e: Error & { code?: string }) => (messages.push(e.message), e.code === 'conflict'));
    }
    assert.deepEqual(messages, ['this handle is not available; choose another', 'this handle is not available; choose another']);
    assert.doesNotMatch(messages[0]!, /operator/, 'the message does not echo the handle');
  } finally {
    await storage.close();
  }
});

function throttle(storage: { rateLimits: RateLimitStore }, clock: Clock): LoginThrottle {
  return new LoginThrottle(storage.rateLimits, clock, { perPair: { limit: 10, windowMs: 900_000 }, perHandle: { limit: 100, windowMs: 900_000 } });
}
