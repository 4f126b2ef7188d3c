import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode } from '../testing/test-node.ts';

test('health reports storage and role', async () => {
  const node = await startTestNode();
  try {
    const res = await node.call('GET', '/health');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
    assert.equal(res.json.storage, 'ok');
    assert.equal(res.json.role, 'all');
    assert.ok(res.headers['x-request-id']);
    assert.equal((await node.call('GET', '/api/taxonomy')).headers['cache-control'], 'no-store');
  } finally {
    await node.close();
  }
});

test('metrics are Prometheus text with request counts, latency buckets and engine gauges', async () => {
  const node = await startTestNode();
  try {
    await node.call('GET', '/health');
    await node.call('GET', '/api/notes/n_missing');
    const res = await node.call('GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
    const lines = res.text.trim().split('\n').filter((l) => l !== '');
    for (const line of lines) {
      assert.match(line, /^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? -?[\d.e+-]+|\w+(\{[^}]*\})? (\+Inf|NaN))$/, line);
    }
    assert.ok(lines.includes('http_requests_total{method="GET",route="/api/notes/:id",status="404"} 1'));
    assert.ok(lines.some((l) => l.startsWith('http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/health"} 1')));
    assert.ok(lines.some((l) => l.startsWith('notewave_engine_notes ')));
    assert.ok(lines.includes('notewave_events_ingested_total{outcome="accepted"} 0'));
  } finally {
    await node.close();
  }
});

test('the worker role serves health and metrics but not the API', async () => {
  const node = await startTestNode({ NOTEWAVE_ROLE: 'worker' });
  try {
    assert.equal((await node.call('GET', '/health')).json.role, 'worker');
    assert.equal((await node.call('GET', '/api/taxonomy')).status, 404);
    assert.deepEqual(node.jobs.names, ['heartbeat', 'model-refresh']);
  } finally {
    await node.close();
  }
});

test('taxonomy lists the category tree', async () => {
  const node = await startTestNode();
  try {
    const res = await node.call('GET', '/api/taxonomy');
    assert.ok(res.json.categories.some((c: { id: string }) => c.id === 'beauty'));
  } finally {
    await node.close();
  }
});
