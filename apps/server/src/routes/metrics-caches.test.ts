import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode } from '../testing/test-node.ts';

function lookups(text: string, cache: string, result: 'hit' | 'miss'): number {
  const m = new RegExp(`^notewave_cache_lookups_total\\{cache="${cache}",result="${result}"\\} (\\S+)$`, 'm').exec(text);
  assert.ok(m, `no ${cache} ${result} series in /metrics`);
  return Number(m[1]);
}

test('/metrics counts hits and misses of the node\'s caches, the session cache and the feed path\'s included', async () => {
  const node = await startTestNode();
  try {
    const s = await node.register('cachey');
    const before = (await node.call('GET', '/metrics')).text;
    for (let i = 0; i < 3; i++) assert.equal((await node.call('GET', '/api/feed?surface=discover&limit=5', { token: s.token })).status, 200);
    const after = (await node.call('GET', '/metrics')).text;
    assert.ok(lookups(after, 'sessions', 'hit') >= lookups(before, 'sessions', 'hit') + 2, 'repeated requests with one token hit the session cache');
    for (const cache of ['affinity', 'search-intent', 'trend-snapshot', 'users', 'notes']) lookups(after, cache, 'miss');
  } finally {
    await node.close();
  }
});
