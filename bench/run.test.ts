import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs } from './lib/args.ts';
import { bytes, ms, num, ratio } from './lib/format.ts';
import { ladderTo, scaleNamed } from './lib/scale.ts';
import { percentile, summarize } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { assertDisjoint, cacheDelta, hitRate } from './lib/feed-traffic.ts';
import { paced } from './lib/paced.ts';
import { closedLoop, pickOp } from './lib/closed-loop.ts';
import { QueryDistribution } from './lib/query-dist.ts';
import { discoverWorkloads, formatTargets } from './run.ts';

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

describe('bench query distribution', () => {
  const notes = Array.from({ length: 2_000 }, (_, i) => ({ tags: [`t${i % 300}`, `u${(i * 7) % 50}`], title: `标题${i}号 notes about things` }));

  it('draws a long tail: a Zipf head, many distinct queries, and tag pairs no note carries together', () => {
    const d = new QueryDistribution(notes, 1, 50_000, 0.9);
    const drawn = Array.from({ length: 20_000 }, () => d.next());
    const counts = new Map<string, number>();
    for (const q of drawn) counts.set(q, (counts.get(q) ?? 0) + 1);
    const top = Math.max(...counts.values());
    assert.ok(counts.size > 5_000, `distinct queries: ${counts.size}`);
    assert.ok(top / drawn.length > 0.02 && top / drawn.length < 0.2, `head query share ${top / drawn.length}`);
    const together = new Set(notes.map((n) => n.tags.join(' ')));
    const pairs = [...counts.keys()].filter((q) => /^[tu]\d+ [tu]\d+$/.test(q));
    assert.ok(pairs.some((q) => !together.has(q)), 'some combinations appear on no note');
  });

  it('maps a rank to the same query every time', () => {
    const a = new QueryDistribution(notes, 1, 50_000);
    const b = new QueryDistribution(notes, 2, 50_000);
    for (const r of [0, 5, 999, 1_000, 12_345, 49_999]) assert.equal(a.query(r), b.query(r));
  });
});

describe('bench users and caches', () => {
  it('fails when measured users were warmed up', () => {
    assert.throws(() => assertDisjoint(['a', 'b'], ['c', 'b'], 'feed'), /1 measured users were also warm-up users/);
    assert.doesNotThrow(() => assertDisjoint(['a', 'b'], ['c', 'd'], 'feed'));
  });

  it('reports cache hit shares between two readings', () => {
    const d = cacheDelta({ x: { hits: 5, misses: 5 } }, { x: { hits: 8, misses: 6 }, y: { hits: 1, misses: 0 } });
    assert.deepEqual(d, { x: { hits: 3, misses: 1 }, y: { hits: 1, misses: 0 } });
    assert.equal(hitRate(d.x, 2), '75% of 2.0/req');
    assert.equal(hitRate(undefined, 2), 'no lookups');
  });
});

describe('bench paced load', () => {
  it('counts queueing behind a slow operation in the latency of the requests after it (open loop)', async () => {
    const r = await paced({
      ratePerSec: 200, durationSec: 0.2, ops: [{ name: 'slow', share: 1 }], seed: 1, concurrent: false, label: 'test',
      run: async () => {
        await new Promise((res) => setTimeout(res, 10));
        return true;
      },
    });
    assert.equal(r.scheduled, 40);
    assert.equal(r.ops[0]!.latency.n, 40);
    // Each request takes ~10 ms but arrives every 5 ms: the backlog grows to ~200 ms by the last one.
    assert.ok(r.ops[0]!.latency.max > 150, `max ${r.ops[0]!.latency.max}`);
    assert.ok(r.achievedPerSec < 150);
  });

  it('fires concurrently at the stated rate and counts failures per operation', async () => {
    const r = await paced({
      ratePerSec: 500, durationSec: 0.2, ops: [{ name: 'a', share: 0.5 }, { name: 'b', share: 0.5 }], seed: 3, concurrent: true, label: 'test',
      run: async (op) => {
        await new Promise((res) => setTimeout(res, 20));
        if (op === 'b') throw new Error('refused');
        return true;
      },
    });
    const [a, b] = r.ops;
    assert.equal(a!.latency.n + b!.latency.n, 100);
    assert.equal(a!.errors, 0);
    assert.equal(b!.errors, b!.latency.n);
    assert.ok(a!.latency.n > 25 && b!.latency.n > 25);
    // One after another, 100 requests of 20 ms would take 2 s; fired concurrently they overlap.
    assert.ok(r.wallMs < 1_500, `concurrent requests do not queue behind each other: ${r.wallMs} ms`);
  });
});

describe('bench closed loop', () => {
  it('picks operations by cumulative share, the last one taking any remainder', () => {
    const ops = [{ name: 'a', share: 0.25 }, { name: 'b', share: 0.5 }, { name: 'c', share: 0.2 }];
    assert.deepEqual([0, 0.24, 0.25, 0.74, 0.75, 0.94, 0.96, 0.999].map((u) => pickOp(ops, u)), ['a', 'a', 'b', 'b', 'c', 'c', 'c', 'c']);
  });

  it('keeps each client to one request at a time and counts refusals and throws as errors per operation', async () => {
    let open = 0;
    let most = 0;
    const r = await closedLoop({
      clients: 3, durationSec: 0.2, ops: [{ name: 'ok', share: 0.5 }, { name: 'bad', share: 0.5 }], seed: 5,
      request: async (op, client) => {
        open++;
        most = Math.max(most, open);
        await new Promise((res) => setTimeout(res, 10));
        open--;
        if (op === 'bad' && client === 0) throw new Error('connection refused');
        return op === 'ok';
      },
    });
    assert.equal(most, 3, 'three clients, never more than three requests open');
    const [ok, bad] = r.ops;
    assert.equal(ok!.errors, 0);
    assert.equal(bad!.errors, bad!.latency.n);
    assert.equal(r.ok, ok!.latency.n);
    assert.equal(r.errors, bad!.latency.n);
    // 3 clients × 200 ms / 10 ms: about 60 requests, far fewer than an open loop would send.
    assert.ok(r.all.n > 20 && r.all.n < 80, `${r.all.n} requests`);
    assert.ok(Math.abs(r.okPerSec - r.ok / r.durationSec) < 1e-9);
  });
});

describe('bench workloads', () => {
  it('lists the mixed and model-refresh workloads with what they measure', async () => {
    const all = await discoverWorkloads();
    const mixed = all.find((w) => w.name === 'mixed');
    assert.ok(mixed, 'mixed workload registered');
    assert.match(mixed.description, /500 req\/s/);
    assert.match(mixed.description, /feed.*search.*events.*note/);
    assert.ok(all.some((w) => w.name === 'model-refresh'));
    assert.match(all.find((w) => w.name === 'multinode-http')?.description ?? '', /One vs two API node processes/);
    const names = all.map((w) => w.name);
    assert.ok(names.indexOf('mixed') > names.indexOf('ingest-http'), 'runs after the other HTTP workloads on the shared server');
  });
});

describe('bench paced load, bounded', () => {
  it('drops the arrivals it cannot start before the deadline and says so', async () => {
    const r = await paced({
      ratePerSec: 1_000, durationSec: 0.1, maxWallSec: 0.05, ops: [{ name: 'slow', share: 1 }], seed: 1, concurrent: false, label: 'test',
      run: async () => {
        await new Promise((res) => setTimeout(res, 20));
        return true;
      },
    });
    assert.equal(r.scheduled, 100);
    assert.ok(r.ops[0]!.dropped > 80, `dropped ${r.ops[0]!.dropped}`);
    assert.equal(r.ops[0]!.latency.n + r.ops[0]!.dropped, 100);
  });
});
