import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle } from './login-throttle.ts';

test('repeated failures for one handle are refused until the window ends', () => {
  const t = new LoginThrottle(3, 1000);
  for (let i = 0; i < 3; i++) {
    t.check('mei', 0);
    t.fail('mei', 0);
  }
  assert.throws(() => t.check('mei', 10), (e: { code?: string }) => e.code === 'rate_limited');
  t.check('tom', 10);
  t.check('mei', 1000);
});

test('a successful sign-in clears the count', () => {
  const t = new LoginThrottle(2, 1000);
  t.fail('mei', 0);
  t.succeed('mei');
  t.fail('mei', 1);
  t.check('mei', 2);
});

test('tracking stays bounded', () => {
  const t = new LoginThrottle(1, 1000, 10);
  for (let i = 0; i < 100; i++) t.fail(`u${i}`, 0);
  t.check('u0', 1);
  assert.throws(() => t.check('u99', 1));
});
