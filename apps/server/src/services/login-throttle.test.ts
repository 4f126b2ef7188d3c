import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle } from './login-throttle.ts';

const limited = (e: { code?: string }) => e.code === 'rate_limited';

test('repeated failures for one handle from one address are refused until the window ends', () => {
  const t = new LoginThrottle({ maxFailures: 3, windowMs: 1000 });
  for (let i = 0; i < 3; i++) {
    t.check('mei', '10.0.0.9', 0);
    t.fail('mei', '10.0.0.9', 0);
  }
  assert.throws(() => t.check('mei', '10.0.0.9', 10), limited);
  t.check('tom', '10.0.0.9', 10);
  t.check('mei', '10.0.0.9', 1000);
});

test('failures from another address never lock the owner out', () => {
  const t = new LoginThrottle({ maxFailures: 3, windowMs: 1000 });
  for (let i = 0; i < 50; i++) t.fail('mei', '203.0.113.7', 0);
  assert.throws(() => t.check('mei', '203.0.113.7', 1), limited);
  t.check('mei', '198.51.100.2', 1);
});

test('one address guessing across many handles hits the per-address cap', () => {
  const t = new LoginThrottle({ maxFailures: 3, maxFailuresPerAddress: 5, windowMs: 1000 });
  for (let i = 0; i < 5; i++) {
    t.check(`user${i}`, '203.0.113.7', 0);
    t.fail(`user${i}`, '203.0.113.7', 0);
  }
  assert.throws(() => t.check('someone_new', '203.0.113.7', 1), limited);
  t.check('someone_new', '198.51.100.2', 1);
  t.check('someone_new', '203.0.113.7', 1000);
});

test('a success clears its own pair but not the address count', () => {
  const t = new LoginThrottle({ maxFailures: 2, maxFailuresPerAddress: 3, windowMs: 1000 });
  t.fail('mei', 'a', 0);
  t.fail('mei', 'a', 0);
  t.succeed('mei', 'a');
  t.check('mei', 'a', 1);
  t.fail('tom', 'a', 1);
  assert.throws(() => t.check('mei', 'a', 2), limited);
});

test('tracking stays bounded', () => {
  const t = new LoginThrottle({ maxFailures: 1, maxFailuresPerAddress: 1_000, windowMs: 1000, maxTracked: 10 });
  for (let i = 0; i < 100; i++) t.fail(`u${i}`, 'a', 0);
  t.check('u0', 'a', 1);
  assert.throws(() => t.check('u99', 'a', 1));
});
