import assert from 'node:assert/strict';
import { test } from 'node:test';
import { variantOf, type Experiment } from '@notewave/engine';
import { NOTE, startTestNode } from '../testing/test-node.ts';

const DEFINITION = {
  name: 'funnel-vs-wide',
  hypothesis: 'A funnel that weighs affinity less keeps users opening more notes',
  surface: 'discover',
  variants: [
    { name: 'control', strategy: 'funnel' },
    { name: 'wide', strategy: 'funnel', override: { scorer: { name: 'funnel', weights: { affinity: 0.1, search: 0.1, retrieval: 0.1, quality: 0.6, freshness: 0.1 } } } },
  ],
  primaryMetric: 'ctr',
  guardrailMetrics: ['d1_retention', 'sessions_per_user'],
  mde: 0.1,
};

test('operators define, start, pause and stop an experiment; feeds are served and exposed by variant; the readout counts what was shown', async () => {
  const node = await startTestNode({ NOTEWAVE_RATE_LIMITS: 'false' });
  try {
    const ops = await node.register('ops_lead');
    await node.storage.users.setRole(ops.user.id, 'operator');
    const author = await node.register('author_one');
    for (let i = 0; i < 6; i++) {
      const r = await node.call('POST', '/api/notes', { token: author.token, body: { ...NOTE, title: `${NOTE.title} ${i}` } });
      assert.equal(r.status, 201, r.text);
    }
    const users = [];
    for (let i = 0; i < 24; i++) users.push(await node.register(`viewer_${i}`));

    assert.equal((await node.call('POST', '/api/experiments', { body: DEFINITION })).status, 401);
    const refused = await node.call('POST', '/api/experiments', { token: users[0]!.token, body: DEFINITION });
    assert.equal(refused.status, 403);
    assert.equal(refused.json.error.code, 'forbidden');
    for (const path of ['/api/experiments', '/api/experiments/funnel-vs-wide', '/api/experiments/funnel-vs-wide/readout']) {
      assert.equal((await node.call('GET', path, { token: users[0]!.token })).status, 403, path);
    }
    assert.equal((await node.call('POST', '/api/experiments/funnel-vs-wide/start', { token: users[0]!.token })).status, 403);

    // Bad definitions are 400s naming the problem.
    const badStrategy = await node.call('POST', '/api/experiments', { token: ops.token, body: { ...DEFINITION, variants: [DEFINITION.variants[0], { name: 'x', strategy: 'nope' }] } });
    assert.equal(badStrategy.status, 400);
    assert.match(badStrategy.json.error.message, /not a configured strategy/);
    const badOverride = await node.call('POST', '/api/experiments', { token: ops.token, body: { ...DEFINITION, variants: [DEFINITION.variants[0], { name: 'x', strategy: 'funnel', override: { rerankers: [{ name: 'no-such-reranker' }] } }] } });
    assert.equal(badOverride.status, 400);
    assert.match(badOverride.json.error.message, /unknown reranker 'no-such-reranker'/);
    assert.equal((await node.call('POST', '/api/experiments', { token: ops.token, body: { ...DEFINITION, primaryMetric: 'revenue' } })).status, 400);
    assert.equal((await node.call('POST', '/api/experiments', { token: ops.token, body: { ...DEFINITION, variants: [DEFINITION.variants[0]] } })).status, 400);
    assert.equal((await node.call('POST', '/api/experiments', { token: ops.token, body: { ...DEFINITION, variants: [DEFINITION.variants[0], DEFINITION.variants[0]] } })).status, 400);

    const created = await node.call('POST', '/api/experiments', { token: ops.token, body: DEFINITION });
    assert.equal(created.status, 201, created.text);
    const exp = created.json as Experiment;
    assert.equal(exp.status, 'draft');
    assert.equal(exp.layer, 'discover');
    assert.equal(exp.plan?.mde, 0.1);
    assert.equal((await node.call('POST', '/api/experiments', { token: ops.token, body: DEFINITION })).status, 409);
    assert.equal((await node.call('GET', '/api/experiments/nope', { token: ops.token })).status, 404);
    assert.equal((await node.call('POST', '/api/experiments/funnel-vs-wide/pause', { token: ops.token })).status, 409);

    // A draft serves nobody.
    const before = await node.call('GET', '/api/feed', { token: users[0]!.token });
    assert.equal(before.json.strategy, 'funnel');

    const started = await node.call('POST', '/api/experiments/funnel-vs-wide/start', { token: ops.token });
    assert.equal(started.status, 200, started.text);
    assert.equal(started.json.status, 'running');
    assert.deepEqual(started.json.layerRange, { start: 0, end: 10_000 });
    assert.equal((await node.call('POST', '/api/experiments/funnel-vs-wide/start', { token: ops.token })).status, 409);

    // Every viewer is served by their variant, the same on every page; each sends impressions and opens.
    const expected = { control: { imp: 0, open: 0 }, wide: { imp: 0, open: 0 } };
    for (const [i, u] of users.entries()) {
      const variant = variantOf(started.json as Experiment, u.user.id).name as 'control' | 'wide';
      const pipeline = variant === 'control' ? 'funnel' : 'funnel~funnel-vs-wide/wide';
      const page = await node.call('GET', '/api/feed?limit=4', { token: u.token });
      assert.equal(page.status, 200, page.text);
      assert.equal(page.json.strategy, pipeline);
      const again = await node.call('GET', `/api/feed?limit=4&sessionId=${page.json.sessionId}`, { token: u.token });
      assert.equal(again.json.strategy, pipeline);
      const items = page.json.items as { recId: string; note: { id: string } }[];
      assert.ok(items.length > 0);
      const opens = variant === 'wide' ? Math.min(2, items.length) : i % 2;
      const events = [
        ...items.map((it, k) => ({ type: 'impression', clientEventId: `i${i}-${k}`, noteId: it.note.id, position: k, surface: 'discover', recId: it.recId })),
        ...items.slice(0, opens).map((it, k) => ({ type: 'open', clientEventId: `o${i}-${k}`, noteId: it.note.id, surface: 'discover', recId: it.recId })),
        // An event about a note nobody showed them is not the experiment's.
        { type: 'open', clientEventId: `x${i}`, noteId: 'n_not_shown', surface: 'discover' },
      ];
      const sent = await node.call('POST', '/api/events', { token: u.token, body: { events } });
      assert.equal(sent.status, 200, sent.text);
      expected[variant].imp += items.length;
      expected[variant].open += opens;
    }
    // Naming a strategy opts out of the experiment; a guest is bucketed by device.
    const chosen = await node.call('GET', '/api/feed?strategy=viral&surface=video', { token: users[0]!.token });
    assert.equal(chosen.json.strategy, 'viral');
    const guest = await node.call('GET', '/api/feed?deviceId=device-0001', {});
    assert.equal(guest.status, 200);
    assert.equal(guest.json.strategy, variantOf(started.json as Experiment, 'device:device-0001').name === 'control' ? 'funnel' : 'funnel~funnel-vs-wide/wide');

    const r = await node.call('GET', '/api/experiments/funnel-vs-wide/readout', { token: ops.token });
    assert.equal(r.status, 200, r.text);
    const byName = Object.fromEntries(r.json.variants.map((v: { name: string }) => [v.name, v]));
    const exposed = users.reduce((n, u) => n + (variantOf(exp, u.user.id).name === 'control' ? 1 : 0), 0);
    assert.equal(byName.control.exposedUnits + byName.wide.exposedUnits, users.length + 1);
    assert.equal(byName.control.analysedUnits, exposed);
    assert.equal(byName.wide.analysedUnits, users.length - exposed);
    assert.ok(Math.abs(byName.control.metrics.ctr.raw - expected.control.open / expected.control.imp) < 1e-12);
    assert.ok(Math.abs(byName.wide.metrics.ctr.raw - expected.wide.open / expected.wide.imp) < 1e-12);
    assert.equal(r.json.decision.metric, 'ctr');
    assert.equal(typeof r.json.decision.summary, 'string');
    const ctr = r.json.comparisons.find((c: { metric: string }) => c.metric === 'ctr');
    assert.equal(ctr.role, 'primary');
    assert.ok(ctr.pSequential >= 0 && ctr.pSequential <= 1);

    // Retention splits by variant in analytics.
    const overview = await node.call('GET', '/api/analytics', { token: ops.token });
    assert.deepEqual(overview.json.dimensions.variant.filter((v: string) => v !== 'unknown'), ['funnel-vs-wide/control', 'funnel-vs-wide/wide']);

    const paused = await node.call('POST', '/api/experiments/funnel-vs-wide/pause', { token: ops.token });
    assert.equal(paused.json.status, 'paused');
    for (const u of users.slice(0, 6)) assert.equal((await node.call('GET', '/api/feed', { token: u.token })).json.strategy, 'funnel');
    const stopped = await node.call('POST', '/api/experiments/funnel-vs-wide/stop', { token: ops.token });
    assert.equal(stopped.json.status, 'stopped');
    assert.equal(stopped.json.layerRange, null);
    assert.equal((await node.call('POST', '/api/experiments/funnel-vs-wide/start', { token: ops.token })).status, 409);
    const list = await node.call('GET', '/api/experiments', { token: ops.token });
    assert.deepEqual(list.json.items.map((e: { name: string; status: string }) => [e.name, e.status]), [['funnel-vs-wide', 'stopped']]);
  } finally {
    await node.close();
  }
});
