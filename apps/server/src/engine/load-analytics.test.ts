import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activesReport, contentReport, funnelReport, retentionReport } from '@notewave/engine';
import { formatTable } from '../cli/commands/report.ts';
import { NOTE, startTestNode } from '../testing/test-node.ts';
import { loadAnalytics } from './load-analytics.ts';

test('rollups rebuilt from storage equal the ones a serving engine kept up to date', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const sam = await node.register('sam_k', { signupSource: 'tiktok-refugee' });
    const a = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const b = (await node.call('POST', '/api/notes', { token: sam.token, body: { ...NOTE, title: 'second' } })).json;
    await node.call('POST', '/api/events', { token: sam.token, body: { events: [
      { type: 'impression', clientEventId: 's1', noteId: a.id, position: 0, surface: 'discover' },
      { type: 'open', clientEventId: 's2', noteId: a.id, surface: 'discover' },
      { type: 'view', clientEventId: 's3', noteId: a.id, portion: 1, surface: 'discover' },
    ] } });
    await node.call('GET', '/api/search?q=second', { token: mei.token });
    await node.call('POST', `/api/notes/${b.id}/like`, { token: mei.token });
    const live = node.engine.analytics;
    const rebuilt = await loadAnalytics(node.storage, 'UTC');
    const { from, to } = live.range!;
    const all = (r: typeof live) => JSON.stringify([
      activesReport(r, { from, to, by: 'source', metric: 'dau' }),
      retentionReport(r, { from, to, by: 'source', period: 'day', horizon: 2 }),
      contentReport(r, { from, to, by: 'source' }),
      funnelReport(r, { from, to, by: 'all' }),
    ]);
    assert.equal(all(rebuilt), all(live));
    assert.equal(rebuilt.appliedEvents, live.appliedEvents);
    assert.ok(live.appliedEvents >= 4);
  } finally {
    await node.close();
  }
});

test('terminal tables align columns and print fractions as percentages', () => {
  const out = formatTable({ columns: ['day', 'dau', 'change'], rows: [['2025-01-13', 100, null], ['2025-01-14', 46, -0.54]] });
  assert.equal(out, [
    'day         dau  change',
    '2025-01-13  100       -',
    '2025-01-14   46  -54.0%',
  ].join('\n') + '\n');
});
