import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ManualClock, SeededRng, TimeRandomIds } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { AuthService, tokenHash } from './auth.service.ts';

test('signing in sweeps sessions that expired long ago', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const ids = new TimeRandomIds(clock, rng);
    const auth = new AuthService(storage.users, storage.sessions, new Engine({ clock, rng, ids }), clock, ids, { tokenTtlMs: 60_000, operatorHandles: [] });
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
