import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { funnelReport, ManualClock, retentionReport, type Engine } from '@notewave/engine';
import { NOTE, startTestNode } from '../testing/test-node.ts';
import { loadAnalytics } from '../engine/load-analytics.ts';

const H = 3_600_000;

test('a restarted node and `notewave report` split by variant exactly as the live node did', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-exp-replay-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`, NOTEWAVE_RATE_LIMITS: 'false' };
  const clock = new ManualClock(Date.UTC(2025, 5, 2, 8));
  const reports = (engine: Engine | { analytics: Engine['analytics'] }): string => {
    const r = engine.analytics;
    const { from, to } = r.range!;
    return JSON.stringify([
      retentionReport(r, { from, to, period: 'day', by: 'variant', horizon: 2 }),
      funnelReport(r, { from, to, by: 'variant' }),
    ]);
  };
  let live: string;
  const first = await startTestNode(env, { clock });
  try {
    const ops = await first.register('ops_lead');
    await first.storage.users.setRole(ops.user.id, 'operator');
    const author = await first.register('author_one');
    for (let i = 0; i < 16; i++) await first.call('POST', '/api/notes', { token: author.token, body: { ...NOTE, title: `${NOTE.title} ${i}` } });
    const viewers = [];
    for (let i = 0; i < 8; i++) viewers.push(await first.register(`viewer_${i}`));
    // Activity before the experiment: these events belong to no variant, live or rebuilt.
    for (const [i, v] of viewers.entries()) {
      const page = await first.call('GET', '/api/feed?limit=2', { token: v.token });
      const it = page.json.items[0];
      await first.call('POST', '/api/events', { token: v.token, body: { events: [{ type: 'impression', clientEventId: `pre${i}`, noteId: it.note.id, position: 0, surface: 'discover', recId: it.recId }] } });
    }
    clock.advance(H);
    await first.call('POST', '/api/experiments', {
      token: ops.token,
      body: { name: 'replayed', hypothesis: 'h', surface: 'discover', primaryMetric: 'ctr', variants: [{ name: 'a', strategy: 'funnel' }, { name: 'b', strategy: 'funnel', override: { scorer: { name: 'funnel', weights: { quality: 0.9 } } } }] },
    });
    await first.call('POST', '/api/experiments/replayed/start', { token: ops.token });
    for (let day = 0; day < 2; day++) {
      for (const [i, v] of viewers.entries()) {
        if (day === 1 && i % 3 === 0) continue;
        clock.advance(60_000);
        const page = await first.call('GET', '/api/feed?limit=3', { token: v.token });
        const events = (page.json.items as { recId: string; note: { id: string } }[]).map((it, k) => ({ type: 'impression', clientEventId: `d${day}v${i}k${k}`, noteId: it.note.id, position: k, surface: 'discover', recId: it.recId }));
        assert.ok(events.length > 0);
        clock.advance(1_000);
        await first.call('POST', '/api/events', { token: v.token, body: { events: [...events, { type: 'open', clientEventId: `d${day}v${i}o`, noteId: events[0]!.noteId, surface: 'discover', recId: events[0]!.recId }] } });
      }
      clock.advance(24 * H);
    }
    live = reports(first.engine);
    assert.match(live, /replayed\/a/);
    assert.match(live, /replayed\/b/);
  } finally {
    await first.close();
  }
  const again = await startTestNode(env, { clock });
  try {
    assert.equal(reports(again.engine), live);
    assert.equal(reports({ analytics: await loadAnalytics(again.storage, 'UTC') }), live);
  } finally {
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
