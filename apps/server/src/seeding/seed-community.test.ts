import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCommunity } from '@notewave/demo';
import { openStorage } from '@notewave/storage';
import { verifyPassword } from '../services/password.ts';
import { DEMO_OPERATOR, seedCommunity } from './seed-community.ts';
import { parseSeedOptions } from './seed-options.ts';

test('seeding writes users, notes, follows and the event log, with social tables following the events', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const community = generateCommunity({ seed: 3, users: 40, notes: 200, days: 5, eventsPerUser: 30 });
    const phases = new Set<string>();
    const r = await seedCommunity(storage, community, async (p) => `plain:${p}`, (phase) => phases.add(phase));
    assert.equal(r.users, 40);
    assert.equal(await storage.users.countUsers(), 41, 'the generated users and the operator account');
    assert.equal(await storage.notes.countNotes(), 200);
    assert.equal(await storage.events.count(), r.events);
    assert.ok(r.events > 200, `expected a history, got ${r.events} events`);
    assert.deepEqual([...phases], ['users', 'notes', 'follows', 'events']);
    const demo = await storage.users.getUserByHandle(community.demoAccount.handle);
    assert.equal(demo?.passwordHash, `plain:${community.demoAccount.password}`);
    assert.equal(demo?.role, 'user');
    const operator = await storage.users.getUserByHandle(DEMO_OPERATOR.handle);
    assert.equal(operator?.passwordHash, `plain:${DEMO_OPERATOR.password}`);
    assert.equal(operator?.role, 'operator');
    assert.deepEqual((await storage.users.listUsersByRole('operator')).map((u) => u.handle), ['operator']);
    // Every like event that was not undone left a row behind.
    const liked = new Map<string, boolean>();
    for (const e of community.events()) {
      if (e.type === 'like') liked.set(`${e.userId}|${e.noteId}`, true);
      if (e.type === 'unlike') liked.set(`${e.userId}|${e.noteId}`, false);
    }
    for (const [key, on] of [...liked].slice(0, 50)) {
      const [u, n] = key.split('|') as [string, string];
      assert.equal(await storage.social.hasLiked(u, n), on, key);
    }
  } finally {
    await storage.close();
  }
});

test('the demo account password hashes with the server hasher', async () => {
  const { hashPassword } = await import('../services/password.ts');
  const community = generateCommunity({ seed: 1, users: 2, notes: 1, days: 1, eventsPerUser: 0 });
  const hash = await hashPassword(community.demoAccount.password);
  assert.equal(await verifyPassword(community.demoAccount.password, hash), true);
});

test('seed options are parsed strictly', () => {
  const now = Date.UTC(2026, 10, 26, 15);
  const o = parseSeedOptions(['--users', '10', '--notes=50', '--days', '3'], now);
  assert.deepEqual({ users: o.users, notes: o.notes, days: o.days }, { users: 10, notes: 50, days: 3 });
  assert.equal(o.startTime, Date.UTC(2026, 10, 23), 'history ends at today\'s midnight');
  assert.equal(parseSeedOptions(['--start', '2025-01-01'], now).startTime, Date.UTC(2025, 0, 1));
  assert.throws(() => parseSeedOptions(['--users', 'ten'], now), /whole number/);
  assert.throws(() => parseSeedOptions(['--usres', '5'], now), /unknown option/);
  assert.throws(() => parseSeedOptions(['--start', '2025-13-45'], now), /date/);
  assert.throws(() => parseSeedOptions(['--users', '0'], now), /between/);
});
