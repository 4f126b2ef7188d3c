import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode } from '../testing/test-node.ts';

test('/metrics is open by default', async () => {
  const node = await startTestNode();
  try {
    assert.equal((await node.call('GET', '/metrics')).status, 200);
  } finally {
    await node.close();
  }
});

test('with a metrics token, /metrics needs it as a bearer token and nothing else changes', async () => {
  const node = await startTestNode({ NOTEWAVE_METRICS_TOKEN: 'scrape-me-please-1234' });
  try {
    const none = await node.call('GET', '/metrics');
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'unauthenticated');
    assert.equal((await node.call('GET', '/metrics', { token: 'scrape-me-please-12345' })).status, 401);
    for (const spelling of ['/%6Detrics', '/metrics?x=1', '/metrics#a']) {
      const r = await node.call('GET', spelling);
      assert.ok(r.status === 401 || r.status === 404, `${spelling}: ${r.status}`);
    }
    const ok = await node.call('GET', '/metrics', { token: 'scrape-me-please-1234' });
    assert.equal(ok.status, 200);
    assert.match(ok.text, /# TYPE/);
    assert.equal((await node.call('GET', '/health')).status, 200);
  } finally {
    await node.close();
  }
});

test('with a metrics address, /metrics moves to its own listener and leaves the API listener', async () => {
  const node = await startTestNode({ NOTEWAVE_PORT: '0', NOTEWAVE_METRICS_ADDRESS: '127.0.0.1:0', NOTEWAVE_METRICS_TOKEN: 'scrape-me-please-1234' });
  try {
    const api = await node.start();
    assert.ok(api);
    assert.equal((await fetch(`${api}/metrics`, { headers: { authorization: 'Bearer scrape-me-please-1234' } })).status, 404);
    const url = node.metricsUrl();
    assert.ok(url && url !== `${api}/metrics`);
    assert.equal((await fetch(url)).status, 401);
    const res = await fetch(url, { headers: { authorization: 'Bearer scrape-me-please-1234' } });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /# TYPE/);
    assert.equal((await fetch(url.replace('/metrics', '/api/notes'))).status, 404, 'only metrics are served there');
  } finally {
    await node.close();
  }
});
