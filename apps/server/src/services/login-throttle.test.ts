import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { LoginThrottle } from './login-throttle.ts';

const RULES = { perPair: { limit: 3, windowMs: 60_000 }, perHandle: { limit: 10, windowMs: 60_000 } };

async function withStore(run: (s: Storage, clock: ManualClock) => Promise<void>): Promise<void> {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    await run(storage, new ManualClock(Date.UTC(2026, 0, 1, 9, 0, 0)));
  } finally {
    await storage.close();
  }
}

async function refusal(p: Promise<void>): Promise<number | null> {
  try {
    await p;
    return null;
  } catch (e) {
    assert.equal((e as { code?: string }).code, 'rate_limited');
    return (e as { details: { retryAfterMs: number } }).details.retryAfterMs;
  }
}

test('repeated failures for one handle from one address refuse that pair only, until the window ends', async () => {
  await withStore(async (s, clock) => {
    const t = new LoginThrottle(s.rateLimits, clock, RULES);
    for (let i = 0; i < 3; i++) await t.fail('mei', '10.0.0.9');
    clock.advance(15_000);
    assert.equal(await refusal(t.check('mei', '10.0.0.9')), 45_000);
    assert.equal(await refusal(t.check('tom', '10.0.0.9')), null, 'other accounts on the same address sign in');
    assert.equal(await refusal(t.check('mei', '198.51.100.2')), null, 'the owner elsewhere signs in');
    clock.advance(45_000);
    assert.equal(await refusal(t.check('mei', '10.0.0.9')), null);
  });
});

test('failures counted on one node refuse on another sharing the store', async () => {
  await withStore(async (s, clock) => {
    const a = new LoginThrottle(s.rateLimits, clock, RULES);
    const b = new LoginThrottle(s.rateLimits, clock, RULES);
    await a.fail('mei', '10.0.0.9');
    await b.fail('mei', '10.0.0.9');
    await a.fail('mei', '10.0.0.9');
    assert.notEqual(await refusal(b.check('mei', '10.0.0.9')), null);
  });
});

test('guesses spread over many addresses slow the handle to one attempt a minute without locking it', async () => {
  await withStore(async (s, clock) => {
    const t = new LoginThrottle(s.rateLimits, clock, RULES);
    for (let i = 0; i < 10; i++) await t.fail('mei', `203.0.113.${i}`);
    assert.equal(await refusal(t.check('mei', '198.51.100.2')), null, 'one attempt in this minute');
    assert.equal(await refusal(t.check('mei', '198.51.100.3')), 60_000);
    clock.advance(60_000);
    assert.equal(await refusal(t.check('mei', '198.51.100.2')), null, 'the next minute takes one more');
    assert.equal(await refusal(t.check('tom', '203.0.113.1')), null, 'other handles are untouched');
  });
});

test('a success clears its own pair only', async () => {
  await withStore(async (s, clock) => {
    const t = new LoginThrottle(s.rateLimits, clock, RULES);
    for (let i = 0; i < 2; i++) await t.fail('mei', '10.0.0.9');
    await t.succeed('mei', '10.0.0.9');
    for (let i = 0; i < 2; i++) await t.fail('mei', '10.0.0.9');
    assert.equal(await refusal(t.check('mei', '10.0.0.9')), null);
  });
});
