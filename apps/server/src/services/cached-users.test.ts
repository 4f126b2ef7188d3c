import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, type User, type UserStore } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { CachedUserStore } from './cached-users.ts';

function user(id: string, over: Partial<User> = {}): User {
  return { id, handle: `h_${id}`, displayName: `User ${id}`, passwordHash: null, locale: 'zh-CN', market: 'CN', signupSource: 'organic', role: 'user', ageBand: null, gender: null, incomeBand: null, createdAt: 1, ...over };
}

/** Counts reads by id that reach the store. */
function counting(store: UserStore): { store: UserStore; reads: () => number } {
  let n = 0;
  const wrapped = Object.create(store) as UserStore;
  wrapped.getUser = (id) => (n++, store.getUser(id));
  wrapped.getUsers = (ids) => (n++, store.getUsers(ids));
  return { store: wrapped, reads: () => n };
}

test('reads by id are served from memory until the TTL passes; changes through the cache show at once', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    await storage.users.insertUsers([user('u1'), user('u2'), user('u3')]);
    const clock = new ManualClock(1_000);
    const { store, reads } = counting(storage.users);
    const cache = new CachedUserStore(store, clock, { ttlMs: 5_000, maxEntries: 100 });

    assert.equal((await cache.getUser('u1'))?.displayName, 'User u1');
    assert.deepEqual((await cache.getUsers(['u2', 'u1', 'missing', 'u2'])).map((u) => u.id), ['u2', 'u1']);
    assert.equal(reads(), 2, 'u2 was read in one call, u1 came from memory');
    await cache.getUser('u2');
    await cache.getUsers(['u1', 'u2']);
    assert.equal(reads(), 2);

    await cache.updateUser('u1', { displayName: 'Mei' });
    assert.equal((await cache.getUser('u1'))?.displayName, 'Mei');

    // A change made elsewhere (another node) is seen once the TTL has passed.
    await storage.users.updateUser('u2', { market: 'SG' });
    assert.equal((await cache.getUser('u2'))?.market, 'CN');
    clock.advance(5_000);
    assert.equal((await cache.getUser('u2'))?.market, 'SG');
    assert.equal(await cache.getUser('missing'), null);
  } finally {
    await storage.close();
  }
});

test('a read that raced a change does not put the old user back into the cache', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    await storage.users.insertUsers([user('u1')]);
    const clock = new ManualClock(1_000);
    // The store answers the first read with the row as it was, but only after the update has finished.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first = true;
    const slow = Object.create(storage.users) as UserStore;
    slow.getUser = async (id) => {
      const before = await storage.users.getUser(id);
      if (first) {
        first = false;
        await gate;
      }
      return before;
    };
    const cache = new CachedUserStore(slow, clock, { ttlMs: 60_000, maxEntries: 100 });
    const stale = cache.getUser('u1');
    await new Promise((r) => setImmediate(r));
    await cache.updateUser('u1', { displayName: 'Mei' });
    release();
    assert.equal((await stale)?.displayName, 'User u1');
    assert.equal((await cache.getUser('u1'))?.displayName, 'Mei');
  } finally {
    await storage.close();
  }
});

test('cached users are frozen, and the cache holds at most maxEntries', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    await storage.users.insertUsers([user('u1'), user('u2'), user('u3')]);
    const { store, reads } = counting(storage.users);
    const cache = new CachedUserStore(store, new ManualClock(0), { ttlMs: 60_000, maxEntries: 2 });
    const u1 = await cache.getUser('u1');
    assert.ok(u1 && Object.isFrozen(u1));
    await cache.getUser('u2');
    await cache.getUser('u3'); // evicts u1, the oldest
    const before = reads();
    await cache.getUser('u3');
    await cache.getUser('u1');
    assert.equal(reads(), before + 1);
  } finally {
    await storage.close();
  }
});
