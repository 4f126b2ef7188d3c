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
  assert.deepEqual(d.trending('*', t, 5, 't:').map((x) => x.key), ['t:flash']);
  assert.equal(d.trending('*', t + 6 * 60 * MIN, 5).length, 0);
});

test('reads reuse a ranking for a short clock interval, but a new burst shows at once', () => {
  const d = new TrendDetector({ ...DEFAULT_TREND_CONFIG, cacheMs: 60 * MIN });
  let t = Date.UTC(2025, 0, 1);
  for (let i = 0; i < 40; i++) d.record(4, ['first'], 'US', 1, (t += 0.5 * MIN));
  const before = d.trending('US', t, 10);
  assert.ok(before.some((x) => x.key === 't:first'));
  assert.deepEqual(d.trending('US', t + MIN, 10), before, 'reused within the interval');
  // A burst at the same clock reading is not hidden by the cached ranking.
  for (let i = 0; i < 40; i++) d.record(5, ['second'], 'US', 1, t);
  assert.ok(d.trending('US', t, 10).some((x) => x.key === 't:second'));
  assert.deepEqual(d.hotNotesWithTag('US', 'second', t, (ix) => (ix === 5 ? ['second'] : ['first']), 1), [5]);
  // Past the interval the ranking is recomputed: the trends fade.
  assert.equal(d.trending('US', t + 6 * 60 * MIN, 10).length, 0);
});

test('the hot set stays bounded and keeps the strongest surges', () => {
  const d = new TrendDetector({ ...DEFAULT_TREND_CONFIG, hotPerMarket: 4, cacheMs: 0 });
  const t = Date.UTC(2025, 0, 1);
  // 30 notes surge at once, note k with k events: the strongest are the last ones.
  for (let k = 1; k <= 30; k++) for (let i = 0; i < k; i++) d.record(k, [], null, 1, t);
  const notes = d.trending('*', t, 100, 'n:').map((x) => x.key);
  assert.ok(notes.length <= 6, `hot set holds at most 1.5 × 4 notes, got ${notes.length}`);
  for (const k of [30, 29, 28, 27]) assert.ok(notes.includes(`n:${k}`), `n:${k} in ${notes.join(',')}`);
  assert.ok(!notes.includes('n:20'), 'a weaker surge was trimmed');
});

test('a note whose tags change (even in place) is recorded under its new tags', () => {
  const d = new TrendDetector({ ...DEFAULT_TREND_CONFIG, cacheMs: 0 });
  const t = Date.UTC(2025, 0, 1);
  const tags = ['old'];
  for (let i = 0; i < 40; i++) d.record(9, tags, null, 1, t);
  tags[0] = 'new';
  for (let i = 0; i < 40; i++) d.record(9, tags, null, 1, t);
  for (let i = 0; i < 40; i++) d.record(9, ['newer', 'new'], null, 1, t);
  const v = (k: string) => d.velocity('*', k, t);
  assert.ok(v('t:new') > v('t:old') && v('t:old') > 0, `new ${v('t:new')} old ${v('t:old')}`);
  assert.ok(v('t:newer') > 0);
  assert.ok(Math.abs(v('t:new') - 2 * v('t:old')) < 1e-9, 'each recording counted under the tags it had');
});

test('among many busy tags, the planted burst is the one that trends, and the busiest steady tags do not', () => {
  const d = new TrendDetector({ ...DEFAULT_TREND_CONFIG, cacheMs: 0 });
  const t0 = Date.UTC(2025, 0, 1);
  // 30 tags with steady but uneven traffic for two days: tag k gets an event every (60 / (k + 1)) minutes on
  // average, spread over 60 notes; the busiest steady tags carry far more volume than the burst below.
  let seed = 17;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const events: { t: number; tag: string; ix: number }[] = [];
  for (let k = 0; k < 30; k++) {
    for (let t = t0; t < t0 + 48 * 60 * MIN; t += (60 * MIN) / (k + 1)) events.push({ t: t + rand() * 10 * MIN, tag: `steady${k}`, ix: 100 + Math.floor(rand() * 60) });
  }
  const end = t0 + 48 * 60 * MIN;
  // The planted burst: 30 events on one tag over the last 15 minutes, on three notes.
  for (let i = 0; i < 30; i++) events.push({ t: end - 15 * MIN + i * 0.5 * MIN, tag: 'planted', ix: 1 + (i % 3) });
  events.sort((a, b) => a.t - b.t);
  for (const e of events) d.record(e.ix, [e.tag, 'everyday'], 'US', 1, e.t);
  const now = end;
  const tags = d.trending('US', now, 10, 't:');
  assert.equal(tags[0]?.key, 't:planted', `trending: ${tags.map((x) => x.key).join(',')}`);
  assert.deepEqual(tags.map((x) => x.key), ['t:planted'], 'no steady tag trends, nor the tag every note carries');
  // Each planted note alone is below the velocity floor; whatever notes do trend are planted ones.
  assert.ok(d.trending('US', now, 10, 'n:').every((x) => ['n:1', 'n:2', 'n:3'].includes(x.key)));
  assert.deepEqual(d.hotNotesWithTag('US', 'planted', now, (ix) => (ix <= 3 ? ['planted', 'everyday'] : ['everyday']), 0).sort(), [1, 2, 3]);
  // The steady tags are busier than the burst, so volume alone would have picked them.
  assert.ok(d.velocity('US', 't:steady29', now) > 0 && d.velocity('US', 't:everyday', now) > d.velocity('US', 't:planted', now));
});
