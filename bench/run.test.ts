import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './lib/args.ts';
import { bytes, ms, num, ratio } from './lib/format.ts';
import { ladderTo, scaleNamed } from './lib/scale.ts';
import { percentile, summarize } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { formatTargets } from './run.ts';

describe('bench percentiles', () => {
  it('interpolates between ranks of a sorted sample', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(s, 0), 1);
    assert.equal(percentile(s, 50), 5.5);
    assert.equal(percentile(s, 100), 10);
    assert.ok(Math.abs(percentile(s, 99) - 9.91) < 1e-9);
  });

  it('summarises an unsorted sample without reordering the caller\'s array', () => {
    const xs = [9, 1, 5, 3, 7];
    const s = summarize(xs);
    assert.deepEqual(xs, [9, 1, 5, 3, 7]);
    assert.equal(s.n, 5);
    assert.equal(s.min, 1);
    assert.equal(s.max, 9);
    assert.equal(s.mean, 5);
    assert.equal(s.p50, 5);
    assert.ok(Math.abs(s.p95 - 8.6) < 1e-9);
  });

  it('reports NaN for an empty sample instead of throwing', () => {
    assert.ok(Number.isNaN(summarize([]).p99));
  });
});

describe('bench tables', () => {
  it('right-aligns figures and left-aligns labels under a rule', () => {
    const out = formatTable({ title: 'feed (ms)', columns: ['surface', 'p50', 'req/s'], rows: [['discover', ms(2.5), num(1234)], ['video', ms(12.25), num(87)]] });
    assert.equal(out, ['feed (ms)', 'surface   p50    req/s', '--------  -----  -----', 'discover   2.50  1,234', 'video     12.25     87'].join('\n'));
  });

  it('lists targets as met, missed or not applicable', () => {
    const t = formatTargets([
      { workload: 'feed', metric: 'p50', target: '≤ 3 ms', measured: '2 ms', met: true },
      { workload: 'feed', metric: 'p99', target: '≤ 10 ms', measured: '12 ms', met: false },
      { workload: 'startup', metric: 'full', target: '≤ 60 s', measured: 'not measured', met: null },
    ]);
    assert.deepEqual(t.rows.map((r) => r[4]), ['met', 'MISSED', 'n/a']);
  });

  it('formats sizes, ratios and missing values', () => {
    assert.equal(bytes(1536), '1.5 KB');
    assert.equal(bytes(3 * 1024 ** 3), '3.0 GB');
    assert.equal(ratio(3, 2), '1.50×');
    assert.equal(ratio(1, 0), '–');
    assert.equal(ms(Number.NaN), '–');
    assert.equal(ms(0.12345), '0.123');
  });
});

describe('bench arguments', () => {
  it('uses the CI size with --quick and the full size otherwise', () => {
    assert.equal(parseArgs(['--quick']).scale.notes, 50_000);
    assert.equal(parseArgs([]).scale.notes, 1_000_000);
    assert.deepEqual(parseArgs(['--only', 'feed,ingest']).only, ['feed', 'ingest']);
    assert.equal(parseArgs(['--scale=medium']).scale.name, 'medium');
  });

  it('accepts a custom size and rejects unknown options', () => {
    const a = parseArgs(['--notes', '1000', '--users=100']);
    assert.equal(a.scale.name, 'custom');
    assert.equal(a.scale.notes, 1000);
    assert.throws(() => parseArgs(['--fast']));
  });

  it('walks the scale ladder up to the selected size', () => {
    assert.deepEqual(ladderTo(scaleNamed('quick')).map((s) => s.name), ['tiny', 'quick']);
    assert.deepEqual(ladderTo({ name: 'custom', notes: 100_000, users: 10_000, events: 1 }).map((s) => s.name), ['tiny', 'quick', 'custom']);
  });

  it('lets --ladder choose which smaller scales memory and start-up also measure', () => {
    const names = (argv: string[]) => parseArgs(argv).ladder.map((s) => s.name);
    assert.deepEqual(names(['--scale', 'medium']), ['tiny', 'quick', 'medium']);
    assert.deepEqual(names(['--scale', 'full', '--ladder', 'none']), ['full']);
    assert.deepEqual(names(['--scale', 'full', '--ladder', 'quick,tiny']), ['tiny', 'quick', 'full']);
    assert.throws(() => parseArgs(['--quick', '--ladder', 'medium']), /not smaller/);
    assert.throws(() => parseArgs(['--ladder', 'huge']), /unknown scale/);
  });
});
