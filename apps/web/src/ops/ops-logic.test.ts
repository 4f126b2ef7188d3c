import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoute } from '../lib/routes.ts';
import { opsTranslate } from './ops-i18n.ts';
import { addDays, daysBetween, defaultRange, exportName, heatColor, isDay, mixKeys, niceTicks, peakAndDrop, percent, shares, signedPercent } from './ops-logic.ts';

test('dashboard routes: /ops opens actives, each page has its path, unknown pages are not found', () => {
  assert.deepEqual(parseRoute('/ops', ''), { name: 'ops', page: 'actives' });
  assert.deepEqual(parseRoute('/ops/retention', ''), { name: 'ops', page: 'retention' });
  assert.deepEqual(parseRoute('/ops/funnel/', ''), { name: 'ops', page: 'funnel' });
  assert.deepEqual(parseRoute('/ops/secrets', ''), { name: 'not-found' });
});

test('date arithmetic on local dates crosses months, years and leap days', () => {
  assert.equal(addDays('2025-01-31', 1), '2025-02-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(addDays('2025-01-01', -1), '2024-12-31');
  assert.equal(daysBetween('2025-01-13', '2025-01-19'), 6);
  assert.ok(isDay('2024-02-29'));
  assert.ok(!isDay('2025-02-29'));
  assert.ok(!isDay('2025-1-1'));
});

test('the default window is the last 30 days of data, never before the first day', () => {
  assert.deepEqual(defaultRange('2025-01-01', '2025-03-01'), { from: '2025-01-31', to: '2025-03-01' });
  assert.deepEqual(defaultRange('2025-02-20', '2025-03-01'), { from: '2025-02-20', to: '2025-03-01' });
  assert.equal(defaultRange(null, null), null);
});

test('peak and drop read the article shape off a series: peak, the low after it, and the relative fall', () => {
  const days = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5'];
  // A wave of arrivals: 10 → 100 at the peak, then 46 (−54%) and 30 (−70%).
  const r = peakAndDrop(days, [10, 60, 100, 46, 38, 30]);
  assert.deepEqual(r, { peakDay: 'd2', peak: 100, lowDay: 'd5', low: 30, drop: -0.7 });
  // The low is only looked for after the peak: an early low does not count.
  assert.equal(peakAndDrop(days, [0, 5, 10, 8, 9, 9])?.low, 8);
  assert.equal(peakAndDrop(days, [0, 0, 0, 0, 0, 0])?.drop, null);
  assert.equal(peakAndDrop([], []), null);
});

test('mix keys keep the preferred order first, then the rest by total share', () => {
  const mixes: Record<string, number>[] = [{ female: 0.6, male: 0.3, unknown: 0.1 }, { male: 0.5, female: 0.4, other: 0.1 }];
  assert.deepEqual(mixKeys(mixes, ['female', 'male', 'other', 'unknown']), ['female', 'male', 'other', 'unknown']);
  assert.deepEqual(mixKeys([{ pets: 0.1, comedy: 0.5 }, { comedy: 0.2, food: 0.3 }]), ['comedy', 'food', 'pets']);
  assert.deepEqual(shares([1, 3, 0]), [0.25, 0.75, 0]);
  assert.deepEqual(shares([0, 0]), [0, 0]);
});

test('axis ticks land on round steps that cover the maximum', () => {
  assert.deepEqual(niceTicks(0.37), { top: 0.4, ticks: [0, 0.1, 0.2, 0.3, 0.4] });
  assert.deepEqual(niceTicks(0.5), { top: 0.6, ticks: [0, 0.2, 0.4, 0.6] });
  assert.deepEqual(niceTicks(54), { top: 60, ticks: [0, 20, 40, 60] });
  assert.equal(niceTicks(0).top, 1);
});

test('numbers print as shares and signed changes, with a dash for missing values', () => {
  assert.equal(percent(0.5412), '54.1%');
  assert.equal(percent(null), '–');
  assert.equal(signedPercent(-0.54), '−54.0%');
  assert.equal(signedPercent(0.125), '+12.5%');
  assert.equal(signedPercent(undefined), '–');
  assert.equal(heatColor(null, 1), 'transparent');
  assert.notEqual(heatColor(0.5, 0.5), heatColor(0.1, 0.5));
  assert.equal(exportName('actives', ['source', '2025-01-01', undefined], 'csv'), 'notewave-actives-source_2025-01-01.csv');
});

test('dimension values are named in either language; markets by their region name', () => {
  const zh = opsTranslate('zh', null);
  const en = opsTranslate('en', null);
  assert.equal(zh.value('source', 'tiktok-refugee'), 'TikTok 难民');
  assert.equal(en.value('source', 'tiktok-refugee'), 'TikTok refugees');
  assert.equal(en.value('market', 'US'), 'United States');
  assert.equal(zh.value('market', 'US'), '美国');
  assert.equal(zh.value('stage', 'complete'), '看完');
  assert.equal(en.value('ageBand', 'unknown'), 'Unknown');
  assert.equal(zh.dim('source'), '注册来源');
  assert.equal(en.t('overview', { users: 3, events: 9, first: 'a', last: 'b', tz: 'UTC' }), '3 users · 9 events · a to b · time zone UTC');
});
