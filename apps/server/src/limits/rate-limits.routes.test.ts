import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTE, startTestNode } from '../testing/test-node.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON a route answers by property path
function assert429(r: { status: number; json: any; headers: Record<string, unknown> }, what: string): void {
  assert.equal(r.status, 429, what);
  assert.equal(r.json.error.code, 'rate_limited');
  const after = Number(r.headers['retry-after']);
  assert.ok(Number.isInteger(after) && after >= 1 && after <= 3600, `${what}: Retry-After ${String(r.headers['retry-after'])}`);
}

/**
 * Windows are fixed and aligned to the clock (hour-long in these tests): start well inside one, so a test never
 * straddles a boundary, where counts rightly start again.
 */
async function awayFromHourBoundary(): Promise<void> {
  const toBoundary = 3_600_000 - (Date.now() % 3_600_000);
  if (toBoundary < 30_000) await new Promise((r) => setTimeout(r, toBoundary + 100));
}

test('writes are limited per account and per address, with Retry-After', async () => {
  await awayFromHourBoundary();
  const node = await startTestNode({ NOTEWAVE_LIMIT_WRITES_PER_USER: '3/1h', NOTEWAVE_LIMIT_WRITES_PER_IP: '5/1h' });
  try {
    const mei = await node.register('mei_lin');
    const tom = await node.register('tom_w');
    for (let i = 0; i < 3; i++) assert.equal((await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).status, 201);
    assert429(await node.call('POST', '/api/notes', { token: mei.token, body: NOTE }), 'fourth write of one account');
    assert.equal((await node.call('GET', '/api/notes', { token: mei.token })).status, 200, 'reads are not writes');
    // Same address (inject's 127.0.0.1): it allows five writes; three are used (a refused one is not counted).
    for (let i = 0; i < 2; i++) assert.equal((await node.call('POST', '/api/notes', { token: tom.token, body: NOTE })).status, 201);
    assert429(await node.call('POST', '/api/notes', { token: tom.token, body: NOTE }), 'sixth write from one address');
  } finally {
    await node.close();
  }
});

test('sign-ups, sign-in requests and searches have their own limits per address', async () => {
  await awayFromHourBoundary();
  const node = await startTestNode({
    NOTEWAVE_LIMIT_SIGNUPS_PER_IP: '2/1h', NOTEWAVE_LIMIT_SIGNINS_PER_IP: '2/1h', NOTEWAVE_LIMIT_SEARCHES_PER_IP: '2/1h',
  });
  try {
    await node.register('mei_lin');
    await node.register('tom_w');
    const third = await node.call('POST', '/api/auth/register', {
      body: { handle: 'third_one', password: 'correct horse', displayName: 'x', locale: 'en-US', market: 'US' },
    });
    assert429(third, 'third sign-up');
    const login = () => node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } });
    assert.equal((await login()).status, 200);
    assert.equal((await login()).status, 200);
    assert429(await login(), 'third sign-in request');
    assert.equal((await node.call('GET', '/api/search?q=x')).status, 200);
    assert.equal((await node.call('GET', '/api/search/suggest?q=x')).status, 200);
    assert429(await node.call('GET', '/api/search?q=x'), 'third search');
  } finally {
    await node.close();
  }
});

test('events past a user’s quota are dropped, not stored, and reported by index', async () => {
  await awayFromHourBoundary();
  const node = await startTestNode({ NOTEWAVE_LIMIT_EVENTS_PER_USER: '5/1h' });
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const before = await node.storage.events.count();
    const events = Array.from({ length: 8 }, (_, i) => ({ type: 'impression', clientEventId: `q${i}`, noteId: note.id, position: i }));
    const res = await node.call('POST', '/api/events', { token: mei.token, body: { events } });
    assert.equal(res.status, 200);
    assert.equal(res.json.accepted, 5);
    assert.deepEqual(res.json.rejected.map((r: { index: number }) => r.index), [5, 6, 7]);
    assert.match(res.json.rejected[0].message, /too many events/);
    assert.equal((await node.storage.events.count()) - before, 5);
    const more = await node.call('POST', '/api/events', { token: mei.token, body: { events: [{ type: 'open', clientEventId: 'z', noteId: note.id }] } });
    assert.equal(more.json.accepted, 0);
  } finally {
    await node.close();
  }
});

test('NOTEWAVE_RATE_LIMITS=false turns request limits and the event quota off', async () => {
  const node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false', NOTEWAVE_LIMIT_WRITES_PER_USER: '1/1m', NOTEWAVE_LIMIT_EVENTS_PER_USER: '1/1m' });
  try {
    const mei = await node.register('mei_lin');
    for (let i = 0; i < 3; i++) assert.equal((await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).status, 201);
  } finally {
    await node.close();
  }
});
