import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Metrics } from './metrics.ts';

test('metrics render request counts, latency buckets, ingest outcomes and gauges in Prometheus text', async () => {
  const m = new Metrics();
  let notes = 3;
  m.gauge('notewave_engine_notes', 'Notes known to the engine.', () => notes);
  m.observeRequest('GET', '/api/notes/:id', 404, 0.003);
  m.observeRequest('GET', '/api/notes/:id', 404, 0.2);
  m.observeRequest('POST', '/api/events', 200, 0.02);
  m.countEvents('accepted', 5);
  m.countEvents('rejected', 0);
  notes = 4;
  const lines = (await m.render()).split('\n');
  assert.ok(lines.includes('http_requests_total{method="GET",route="/api/notes/:id",status="404"} 2'));
  assert.ok(lines.includes('http_requests_total{method="POST",route="/api/events",status="200"} 1'));
  assert.ok(lines.includes('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/notes/:id"} 1'));
  assert.ok(lines.includes('http_request_duration_seconds_bucket{le="0.25",method="GET",route="/api/notes/:id"} 2'));
  assert.ok(lines.includes('http_request_duration_seconds_count{method="GET",route="/api/notes/:id"} 2'));
  assert.ok(lines.includes('notewave_events_ingested_total{outcome="accepted"} 5'));
  assert.ok(lines.includes('notewave_events_ingested_total{outcome="duplicate"} 0'));
  assert.ok(lines.includes('notewave_events_ingested_total{outcome="rejected"} 0'));
  assert.ok(lines.includes('# TYPE notewave_engine_notes gauge'));
  assert.ok(lines.includes('notewave_engine_notes 4'), 'gauges are read at scrape time');
  assert.match(m.contentType, /^text\/plain; version=0\.0\.4/);
});

test('two nodes in one process keep separate metrics', async () => {
  const a = new Metrics();
  const b = new Metrics();
  a.gauge('notewave_engine_notes', 'Notes.', () => 1);
  b.gauge('notewave_engine_notes', 'Notes.', () => 2);
  a.countEvents('accepted', 1);
  assert.match(await a.render(), /notewave_engine_notes 1\n/);
  assert.match(await b.render(), /notewave_events_ingested_total\{outcome="accepted"\} 0\n/);
});
