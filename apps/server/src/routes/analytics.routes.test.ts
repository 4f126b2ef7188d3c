import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NOTE, startTestNode } from '../testing/test-node.ts';

test('operators read every analytics report as JSON or CSV; other users are refused', async () => {
  const node = await startTestNode();
  try {
    const ops = await node.register('ops_lead');
    await node.storage.users.setRole(ops.user.id, 'operator');
    const mei = await node.register('mei_lin', { market: 'CN', demographics: { ageBand: '25-30', gender: 'female', incomeBand: 'high' } });
    const sam = await node.register('sam_k', { market: 'US', signupSource: 'tiktok-refugee', demographics: { ageBand: '18-24', gender: 'male' } });
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    for (const [who, cid] of [[mei, 'a'], [sam, 'b']] as const) {
      const r = await node.call('POST', '/api/events', {
        token: who.token,
        body: { events: [
          { type: 'impression', clientEventId: `${cid}1`, noteId: note.id, position: 0, surface: 'discover' },
          { type: 'open', clientEventId: `${cid}2`, noteId: note.id, surface: 'discover' },
        ] },
      });
      assert.equal(r.status, 200);
    }

    assert.equal((await node.call('GET', '/api/analytics/actives')).status, 401);
    const refused = await node.call('GET', '/api/analytics/actives', { token: mei.token });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'forbidden');

    const overview = await node.call('GET', '/api/analytics', { token: ops.token });
    assert.equal(overview.status, 200);
    assert.equal(overview.json.timeZone, 'UTC');
    assert.ok(overview.json.dimensions.source.includes('tiktok-refugee'));
    const day = overview.json.lastDay as string;

    const actives = await node.call('GET', `/api/analytics/actives?by=market&from=${day}&to=${day}`, { token: ops.token });
    assert.equal(actives.status, 200);
    const byMarket = Object.fromEntries(actives.json.series.map((s: { key: string; values: number[] }) => [s.key, s.values[0]]));
    assert.deepEqual(byMarket, { CN: 1, US: 1 });

    const audience = await node.call('GET', '/api/analytics/audience?by=source', { token: ops.token });
    const refugees = audience.json.groups.find((g: { key: string }) => g.key === 'tiktok-refugee');
    assert.deepEqual(refugees.mix.gender, { male: 1 });

    const funnel = await node.call('GET', `/api/analytics/funnel?from=${day}&to=${day}`, { token: ops.token });
    const row = funnel.json.groups[0].rows.find((r: { surface: string }) => r.surface === 'discover');
    assert.deepEqual(row.counts.slice(0, 2), [2, 2]);
    assert.equal(row.strategy, 'funnel');

    for (const name of ['retention', 'content']) {
      const r = await node.call('GET', `/api/analytics/${name}?from=${day}&to=${day}`, { token: ops.token });
      assert.equal(r.status, 200, `${name}: ${r.text}`);
    }
    const csv = await node.call('GET', `/api/analytics/actives?by=market&from=${day}&to=${day}&format=csv`, { token: ops.token });
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    assert.equal(csv.text.split('\r\n')[0], 'day,market,dau,day_over_day,week_over_week,since');

    const bad = await node.call('GET', '/api/analytics/actives?from=2025-02-30', { token: ops.token });
    assert.equal(bad.status, 400);
    const backwards = await node.call('GET', '/api/analytics/actives?from=2025-03-01&to=2025-02-01', { token: ops.token });
    assert.equal(backwards.status, 400);
    assert.match(backwards.json.error.message, /from must not be after to/);
  } finally {
    await node.close();
  }
});

test('a profile edit moves the user into their new groups for later events', async () => {
  const node = await startTestNode();
  try {
    const ops = await node.register('ops_lead');
    await node.storage.users.setRole(ops.user.id, 'operator');
    const mei = await node.register('mei_lin');
    const me = (await node.call('GET', '/api/me', { token: mei.token })).json;
    const patched = await node.call('PATCH', `/api/users/${me.id ?? me.user?.id}`, { token: mei.token, body: { ageBand: '31-35' } });
    assert.equal(patched.status, 200, patched.text);
    const audience = await node.call('GET', '/api/analytics/audience?by=ageBand', { token: ops.token });
    assert.ok(audience.json.groups.some((g: { key: string; users: number }) => g.key === '31-35' && g.users === 1));
  } finally {
    await node.close();
  }
});
