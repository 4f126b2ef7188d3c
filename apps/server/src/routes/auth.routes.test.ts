import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode } from '../testing/test-node.ts';

test('register, read yourself, log out, log back in', async () => {
  const node = await startTestNode();
  try {
    const s = await node.register('mei_lin', { demographics: { ageBand: '25-30', gender: 'female' }, signupSource: 'tiktok-refugee' });
    assert.ok(s.token.length > 20);
    assert.equal(s.user.handle, 'mei_lin');
    assert.equal(s.user.role, 'user');

    const me = await node.call('GET', '/api/me', { token: s.token });
    assert.equal(me.status, 200);
    assert.equal(me.json.ageBand, '25-30');
    assert.equal(me.json.signupSource, 'tiktok-refugee');

    assert.equal((await node.call('POST', '/api/auth/logout', { token: s.token })).status, 204);
    const after = await node.call('GET', '/api/me', { token: s.token });
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'unauthenticated');

    const login = await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'correct horse' } });
    assert.equal(login.status, 200);
    assert.equal((await node.call('GET', '/api/me', { token: login.json.token })).status, 200);
  } finally {
    await node.close();
  }
});

test('wrong password and unknown handle get the same answer', async () => {
  const node = await startTestNode();
  try {
    await node.register('mei_lin');
    const wrong = await node.call('POST', '/api/auth/login', { body: { handle: 'mei_lin', password: 'not the password' } });
    const unknown = await node.call('POST', '/api/auth/login', { body: { handle: 'nobody_here', password: 'whatever1' } });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.json, unknown.json);
    assert.equal(wrong.json.error.code, 'invalid_credentials');
  } finally {
    await node.close();
  }
});

test('failed sign-ins refuse that handle from that address only, with Retry-After; other accounts on the address sign in', async () => {
  const node = await startTestNode();
  try {
    await node.register('mei_lin');
    await node.register('tom_w');
    const login = (handle: string, password: string, remoteAddress: string) =>
      node.http.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { handle, password } });
    for (let i = 0; i < 10; i++) assert.equal((await login('mei_lin', 'guess number ' + i, '203.0.113.7')).statusCode, 401);
    const refused = await login('mei_lin', 'correct horse', '203.0.113.7');
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'rate_limited');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${refused.headers['retry-after']}`);
    assert.equal((await login('tom_w', 'correct horse', '203.0.113.7')).statusCode, 200, 'another account behind the same NAT');
    assert.equal((await login('mei_lin', 'correct horse', '198.51.100.2')).statusCode, 200, 'the owner from elsewhere');
  } finally {
    await node.close();
  }
});

test('behind one trusted proxy the throttle keys on the hop the proxy added, not on what the client wrote', async () => {
  const node = await startTestNode({ NOTEWAVE_TRUST_PROXY: '1' });
  try {
    await node.register('mei_lin');
    const login = (password: string, forwardedFor: string) =>
      node.http.inject({
        method: 'POST', url: '/api/auth/login', remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': forwardedFor }, payload: { handle: 'mei_lin', password },
      });
    // The client writes a fresh address each time; the proxy appends the real one.
    for (let i = 0; i < 10; i++) assert.equal((await login('guess number ' + i, `192.0.2.${i}, 203.0.113.7`)).statusCode, 401);
    assert.equal((await login('correct horse', '192.0.2.99, 203.0.113.7')).statusCode, 429);
    assert.equal((await login('correct horse', '203.0.113.7, 198.51.100.2')).statusCode, 200, 'another client behind the same proxy');
  } finally {
    await node.close();
  }
});

test('a taken handle is a conflict and a short password is rejected', async () => {
  const node = await startTestNode();
  try {
    await node.register('mei_lin');
    const dup = await node.call('POST', '/api/auth/register', {
      body: { handle: 'mei_lin', password: 'another one', displayName: 'x', locale: 'zh-CN', market: 'CN' },
    });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.error.code, 'conflict');
    const short = await node.call('POST', '/api/auth/register', {
      body: { handle: 'short_pw', password: 'seven77', displayName: 'x', locale: 'zh-CN', market: 'CN' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.json.error.code, 'validation_failed');
  } finally {
    await node.close();
  }
});

test('writes need a token; an unknown token is refused', async () => {
  const node = await startTestNode();
  try {
    const anon = await node.call('POST', '/api/notes', { body: { kind: 'image', title: 't', body: '', category: 'food' } });
    assert.equal(anon.status, 401);
    const bad = await node.call('GET', '/api/me', { token: 'not-a-real-token' });
    assert.equal(bad.status, 401);
  } finally {
    await node.close();
  }
});

test('operators see demographics of others, users see the public view only', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin', { demographics: { ageBand: '18-24', incomeBand: 'mid' } });
    const ops = await node.register('ops_admin');
    await node.storage.users.setRole(ops.user.id, 'operator');
    const other = await node.register('someone');
    const asOps = await node.call('GET', `/api/users/${mei.user.id}`, { token: ops.token });
    assert.equal(asOps.json.incomeBand, 'mid');
    const asOther = await node.call('GET', `/api/users/${mei.user.id}`, { token: other.token });
    assert.equal(asOther.json.incomeBand, undefined);
    assert.equal(asOther.json.handle, 'mei_lin');
  } finally {
    await node.close();
  }
});
