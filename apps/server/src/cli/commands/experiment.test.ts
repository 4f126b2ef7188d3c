import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ManualClock } from '@notewave/engine';
import { NOTE, startTestNode } from '../../testing/test-node.ts';
import { runExperiment } from './experiment.ts';

const H = 3_600_000;

test('the command line defines and starts an experiment a running node then serves, and reads out the same numbers as the API', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-exp-cli-'));
  const db = `sqlite://${join(dir, 'notewave.db')}`;
  const env = { NOTEWAVE_DATABASE_URL: db };
  const clock = new ManualClock(Date.UTC(2025, 2, 3, 9));
  const node = await startTestNode({ ...env, NOTEWAVE_RATE_LIMITS: 'false' }, { clock });
  try {
    const ops = await node.register('ops_lead');
    await node.storage.users.setRole(ops.user.id, 'operator');
    const author = await node.register('author_one');
    for (let i = 0; i < 5; i++) await node.call('POST', '/api/notes', { token: author.token, body: { ...NOTE, title: `${NOTE.title} ${i}` } });

    const file = join(dir, 'definition.json');
    writeFileSync(file, JSON.stringify({
      name: 'funnel-vs-viral', hypothesis: 'Video-first feeds keep newcomers', surface: 'discover', primaryMetric: 'ctr',
      guardrailMetrics: ['d1_retention'], variants: [{ name: 'funnel', strategy: 'funnel' }, { name: 'viral', strategy: 'funnel', override: { kinds: ['image', 'video'] } }],
    }));
    assert.equal((await runExperiment(['create'], env, clock)).code, 2);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'Bad Name' }));
    const bad = await runExperiment(['create', '--file', join(dir, 'bad.json')], env, clock);
    assert.equal(bad.code, 2);
    assert.match(bad.out.join('\n'), /not valid/);
    const created = await runExperiment(['create', '--file', file, '--by', 'ops_lead'], env, clock);
    assert.equal(created.code, 0, created.out.join('\n'));
    assert.match(created.out[0]!, /^funnel-vs-viral \(exp_[^)]+\): draft$/);
    assert.equal((await runExperiment(['start', 'funnel-vs-viral'], env, clock)).code, 0);
    const again = await runExperiment(['start', 'funnel-vs-viral'], env, clock);
    assert.deepEqual([again.code, again.out], [1, ["notewave experiment: cannot start experiment 'funnel-vs-viral': it is running"]]);
    assert.deepEqual((await runExperiment(['show', 'missing'], env, clock)).code, 1);
    // The node reads definitions again within seconds.
    clock.advance(6_000);

    const users = [];
    for (let i = 0; i < 10; i++) users.push(await node.register(`viewer_${i}`));
    for (const [i, u] of users.entries()) {
      const page = await node.call('GET', '/api/feed?limit=3', { token: u.token });
      assert.ok(['funnel', 'funnel~funnel-vs-viral/viral'].includes(page.json.strategy), page.json.strategy);
      const items = page.json.items as { recId: string; note: { id: string } }[];
      const events = items.map((it, k) => ({ type: 'impression', clientEventId: `i${i}${k}`, noteId: it.note.id, position: k, surface: 'discover', recId: it.recId }));
      if (i % 3 === 0) events.push({ type: 'open', clientEventId: `o${i}`, noteId: items[0]!.note.id, position: 0, surface: 'discover', recId: items[0]!.recId });
      await node.call('POST', '/api/events', { token: u.token, body: { events } });
    }
    const exp = await node.storage.experiments.getExperimentByName('funnel-vs-viral');
    const exposed = await node.storage.experiments.listExposures(exp!.id, 0, 100);
    assert.equal(new Set(exposed.map((x) => x.unitId)).size, users.length);
    clock.advance(30 * H);
    for (const u of users.slice(0, 4)) await node.call('GET', '/api/feed', { token: u.token });
    clock.advance(30 * H);

    const http = await node.call('GET', '/api/experiments/funnel-vs-viral/readout', { token: ops.token });
    assert.equal(http.status, 200, http.text);
    const cli = await runExperiment(['report', 'funnel-vs-viral', '--format', 'json'], env, clock);
    assert.equal(cli.code, 0);
    assert.deepEqual(JSON.parse(cli.out.join('\n')), http.json);
    const table = await runExperiment(['readout', 'funnel-vs-viral'], env, clock);
    assert.match(table.out[0]!, /^funnel-vs-viral: /);
    assert.ok(table.out.some((l) => l.startsWith('  d1_retention')));
    assert.match((await runExperiment(['list'], env, clock)).out[0]!, /^funnel-vs-viral\trunning\tdiscover\/discover\tfunnel vs viral\tctr$/);
  } finally {
    await node.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
