import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TREND_CONFIG, TrendDetector } from './trend-detector.ts';

const MIN = 60_000;

test('a burst against a quiet baseline trends; the same volume spread over days does not', () => {
  const d = new TrendDetector(DEFAULT_TREND_CONFIG);
  let t = Date.UTC(2025, 0, 1);
  // Steady: tag `steady` gets 2 events an hour for three days.
  for (let h = 0; h < 72; h++) for (let i = 0; i < 2; i++) d.record(1, ['steady'], 'US', 1, (t += 30 * MIN));
  // Burst: tag `burst` gets 40 events within 20 minutes.
  for (let i = 0; i < 40; i++) d.record(2, ['burst'], 'US', 1, (t += 0.5 * MIN));
  const keys = d.trending('US', t, 10).map((x) => x.key);
  assert.ok(keys.includes('t:burst') && keys.includes('n:2'));
  assert.ok(!keys.includes('t:steady') && !keys.includes('n:1'));
  assert.ok(d.trending('CN', t, 10).length === 0, 'trends are per market');
  assert.ok(d.trending('*', t, 10).some((x) => x.key === 't:burst'), 'and community-wide');
});

test('a trend fades once the burst is over', () => {
  const d = new TrendDetector(DEFAULT_TREND_CONFIG);
  let t = Date.UTC(2025, 0, 1);
  for (let i = 0; i < 40; i++) d.record(3, ['flash'], null, 1, (t += 0.5 * MIN));
  assert.equal(d.trending('*', t, 5)[0]?.key !== undefined, true);
  assert.equal(d.trending('*', t + 6 * 60 * MIN, 5).length, 0);
});
