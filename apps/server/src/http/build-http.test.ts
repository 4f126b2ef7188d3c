import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage } from '@notewave/storage';
import { parseConfig } from '../config.ts';
import { buildHttp } from './build-http.ts';
import { Metrics } from './metrics.ts';

test('each request is logged once, when it completes, with its status, time and request id', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  const lines: Record<string, unknown>[] = [];
  const { config } = parseConfig({ NOTEWAVE_DATABASE_URL: 'sqlite::memory:', NOTEWAVE_LOG_LEVEL: 'info', NOTEWAVE_ROLE: 'worker' });
  const app = await buildHttp({ config, storage, metrics: new Metrics(), services: null, logStream: { write: (l) => void lines.push(JSON.parse(l)) } });
  try {
    const ok = await app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'req-1' } });
    const missing = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
    assert.equal(ok.statusCode, 200);
    assert.equal(missing.statusCode, 404);
    const requests = lines.filter((l) => l.msg === 'request completed');
    assert.deepEqual(requests.map((l) => [l.reqId, l.method, l.url, l.statusCode]), [
      ['req-1', 'GET', '/health', 200],
      [missing.headers['x-request-id'], 'GET', '/nowhere?x=1', 404],
    ]);
    assert.ok(requests.every((l) => typeof l.responseTime === 'number'));
    assert.equal(lines.filter((l) => l.msg === 'incoming request').length, 0);
  } finally {
    await app.close();
    await storage.close();
  }
});
