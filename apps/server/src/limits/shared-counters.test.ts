import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { SharedCounters } from './shared-counters.ts';

const RULE = { limit: 5, windowMs: 60_000 };

test('a node refuses hits past the limit at once and tells how long until the window ends', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 10, 0, 15));
    const c = new SharedCounters(storage.rateLimits, clock);
    for (let i = 0; i < 5; i++) assert.equal(c.take('ip:a', RULE), null);
    assert.deepEqual(c.take('ip:a', RULE), { retryAfterMs: 45_000 });
    assert.equal(c.take('ip:b', RULE), null, 'another key has its own window');
    clock.advance(45_000);
    assert.equal(c.take('ip:a', RULE), null, 'a new window starts empty');
  } finally {
    await storage.close();
  }
});

test('nodes sharing a store see each other’s hits after a flush', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 10, 0, 0));
    const a = new SharedCounters(storage.rateLimits, clock);
    const b = new SharedCounters(storage.rateLimits, clock);
    for (let i = 0; i < 3; i++) assert.equal(a.take('user:x', RULE), null);
    await a.flush();
    assert.equal(b.take('user:x', RULE), null);
    await b.flush();
    // b now knows of a's three hits: 4 used, one left
    assert.equal(b.take('user:x', RULE), null);
    assert.notEqual(b.take('user:x', RULE), null);
    assert.deepEqual(await storage.rateLimits.readHits([{ key: 'user:x', windowStart: clock.now() }]), [4]);
  } finally {
    await storage.close();
  }
});

test('grant hands out what is left of a window and never more', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const c = new SharedCounters(storage.rateLimits, new ManualClock());
    assert.equal(c.grant('ev:u', RULE, 3), 3);
    assert.equal(c.grant('ev:u', RULE, 3), 2);
    assert.equal(c.grant('ev:u', RULE, 3), 0);
  } finally {
    await storage.close();
  }
});

test('a failed write keeps the hits pending and reports the error', async () => {
  const storage = await openStorage('sqlite::memory:');
  await storage.migrate();
  const errors: unknown[] = [];
  const c = new SharedCounters(storage.rateLimits, new ManualClock());
  c.onError((e) => errors.push(e));
  c.take('k', RULE);
  await storage.close();
  await c.flush();
  assert.equal(errors.length, 1);
  for (let i = 0; i < 4; i++) assert.equal(c.take('k', RULE), null);
  assert.notEqual(c.take('k', RULE), null);
});
