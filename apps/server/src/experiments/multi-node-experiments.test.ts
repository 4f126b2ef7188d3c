import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock, variantOf, type Experiment } from '@notewave/engine';
import { NOTE, startTestNode } from '../testing/test-node.ts';
import { ExposureTail } from './exposure-tail.ts';

test('an experiment started on one node is served by another within its refresh, and both nodes\' exposures count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-exp-nodes-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`, NOTEWAVE_EVENT_TAIL_MS: '0', NOTEWAVE_RATE_LIMITS: 'false' };
  const clock = new ManualClock(Date.UTC(2025, 4, 5, 10));
  const a = await startTestNode(env, { clock });
  const b = await startTestNode(env, { clock });
  try {
    const ops = await a.register('ops_lead');
    await a.storage.users.setRole(ops.user.id, 'operator');
    const author = await a.register('author_one');
    for (let i = 0; i < 4; i++) await a.call('POST', '/api/notes', { token: author.token, body: { ...NOTE, title: `${NOTE.title} ${i}` } });
    await b.sync.catchUp();
    const viewers = [];
    for (let i = 0; i < 8; i++) viewers.push(await a.register(`viewer_${i}`));
    const definition = {
      name: 'all-viral', hypothesis: 'h', surface: 'discover', primaryMetric: 'ctr',
      variants: [{ name: 'control', strategy: 'funnel' }, { name: 'treatment', strategy: 'funnel', override: { scorer: { name: 'funnel', weights: { quality: 0.9 } } } }],
    };
    assert.equal((await a.call('POST', '/api/experiments', { token: ops.token, body: definition })).status, 201);
    // B reads the (empty) live set before the start, then serves it until its copy is 5 s old.
    assert.equal((await b.call('GET', '/api/feed', { token: viewers[0]!.token })).json.strategy, 'funnel');
    const exp = (await a.call('POST', '/api/experiments/all-viral/start', { token: ops.token })).json as Experiment;
    const treated = viewers.find((v) => variantOf(exp, v.user.id).name === 'treatment')!;
    assert.equal((await b.call('GET', '/api/feed', { token: treated.token })).json.strategy, 'funnel');
    clock.advance(5_000);
    for (const [i, v] of viewers.entries()) {
      const node = i % 2 === 0 ? a : b;
      const want = variantOf(exp, v.user.id).name === 'treatment' ? 'funnel~all-viral/treatment' : 'funnel';
      assert.equal((await node.call('GET', '/api/feed', { token: v.token })).json.strategy, want);
    }
    const readout = await a.call('GET', '/api/experiments/all-viral/readout', { token: ops.token });
    assert.equal(readout.json.variants.reduce((n: number, v: { exposedUnits: number }) => n + v.exposedUnits, 0), viewers.length);

    // A's analytics learn of B's exposures from the store.
    const onB = viewers.filter((_, i) => i % 2 === 1).map((v) => v.user.id);
    const variantOnA = (id: string) => a.engine.analytics.users.value(a.engine.analytics.users.indexOf(id)!, 'variant');
    assert.ok(onB.every((id) => variantOnA(id) === 'unknown'));
    assert.ok(await new ExposureTail(a.storage.experiments, a.engine, 0).poll() >= viewers.length);
    for (const id of onB) assert.equal(variantOnA(id), `all-viral/${variantOf(exp, id).name}`);
  } finally {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
