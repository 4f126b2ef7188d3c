import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../../runtime/rng.ts';
import { probGreater, sampleBeta } from './beta-sampler.ts';
import { DEFAULT_TRAFFIC_POOL_CONFIG, TrafficPools } from './traffic-pools.ts';

test('Beta draws have the right mean and P(θ1 > θ2) separates clear cases', () => {
  const rng = new SeededRng(5);
  let sum = 0;
  for (let i = 0; i < 4000; i++) sum += sampleBeta(3, 7, rng);
  assert.ok(Math.abs(sum / 4000 - 0.3) < 0.02);
  assert.ok(probGreater(80, 20, 40, 60, 400, rng) > 0.99);
  assert.ok(probGreater(5, 95, 40, 60, 400, rng) < 0.01);
  const even = probGreater(50, 50, 50, 50, 2000, rng);
  assert.ok(even > 0.4 && even < 0.6);
});

test('notes are promoted or retired at the end of a stage against the baseline of their kind', () => {
  const pools = new TrafficPools({ ...DEFAULT_TRAFFIC_POOL_CONFIG, stages: [50, 500] });
  const now = 1_000_000;
  // Notes 0..5 are videos, 6 is an image note, 7 is too old to enter by the log's clock.
  pools.advance(now);
  for (let ix = 0; ix < 6; ix++) pools.enter(ix, 'video', now);
  pools.enter(6, 'image', now);
  pools.enter(7, 'video', now - 100 * 3_600_000);
  assert.deepEqual(pools.status(7), { state: 'none' });
  assert.equal(pools.stages('video')[0]!.length, 6);
  assert.equal(pools.stages('image')[0]!.length, 1);
  const rate = [0.9, 0.05, 0.4, 0.4, 0.4, 0.4];
  for (let n = 0; n < 50; n++) {
    for (let ix = 0; ix < 6; ix++) {
      pools.impression(ix);
      if ((n * 7919 + ix * 31) % 100 < (rate[ix] as number) * 100) pools.success(ix, 1);
    }
  }
  assert.equal(pools.stageOf(0), 1);
  assert.deepEqual(pools.status(1), { state: 'retired', stage: 0 });
  assert.ok(pools.stages('video')[1]!.includes(0));
  assert.ok(!pools.stages('video')[0]!.includes(1));
  pools.remove(0);
  assert.equal(pools.status(0).state, 'retired');
  assert.equal(pools.stages('video')[1]!.length, 0);
});

test('a note shown again and again without a single success is retired before its stage fills', () => {
  const pools = new TrafficPools({ ...DEFAULT_TRAFFIC_POOL_CONFIG, idleImpressions: 100 });
  const now = 1_000_000;
  pools.enter(0, 'video', now);
  pools.enter(1, 'video', now);
  // 40 viewers see each note 2–3 times: 99 showings, 40 distinct viewers (far below the stage's 300).
  for (let n = 0; n < 99; n++) {
    pools.impression(0, n < 40);
    pools.impression(1, n < 40);
  }
  assert.deepEqual(pools.status(0), { state: 'active', stage: 0, capacity: 300, impressions: 40, successes: 0 });
  pools.success(1, 1);
  pools.impression(0, false);
  pools.impression(1, false);
  assert.deepEqual(pools.status(0), { state: 'retired', stage: 0 });
  assert.ok(pools.isRetired(0));
  assert.equal(pools.stages('video')[0]!.includes(0), false);
  // One success is engagement: note 1 stays, its stage still counting distinct viewers.
  assert.deepEqual(pools.status(1), { state: 'active', stage: 0, capacity: 300, impressions: 40, successes: 1 });
  assert.equal(pools.impressionsOf(1), 40);
});

test('stage 0 is for new posts: a note the log\'s clock leaves 72 hours behind leaves it, a promoted note stays', () => {
  const pools = new TrafficPools({ ...DEFAULT_TRAFFIC_POOL_CONFIG, stages: [20, 200] });
  const h = 3_600_000;
  const t0 = 1_000_000_000;
  // Entered before any event (a rebuild loads every note first): the clock has not started, so all enter.
  pools.enter(0, 'video', t0 - 100 * h);
  pools.enter(1, 'video', t0);
  pools.enter(2, 'video', t0 + 10 * h);
  pools.enter(3, 'video', t0);
  assert.equal(pools.stages('video')[0]!.length, 4);
  // Note 3 earns its way to stage 1.
  for (let n = 0; n < 20; n++) {
    pools.impression(3);
    pools.success(3, 1);
  }
  assert.equal(pools.stageOf(3), 1);
  pools.advance(t0);
  assert.deepEqual(pools.status(0), { state: 'none' }, 'created 100 h before the clock: out of the pools');
  assert.equal(pools.stageOf(1), 0);
  pools.advance(t0 + 72 * h);
  assert.equal(pools.stageOf(1), 0, 'exactly 72 h old still counts');
  pools.advance(t0 + 72 * h + 1);
  assert.deepEqual(pools.status(1), { state: 'none' });
  assert.equal(pools.stageOf(2), 0);
  assert.equal(pools.stageOf(3), 1, 'a promoted note is past its first audience and stays');
  // The clock never goes back, and a note that old when first seen does not enter.
  pools.advance(t0);
  pools.enter(4, 'video', t0);
  assert.deepEqual(pools.status(4), { state: 'none' });
  pools.enter(5, 'video', t0 + 72 * h);
  assert.equal(pools.stageOf(5), 0);
  assert.deepEqual([...pools.stages('video')[0]!].sort(), [2, 5]);
  pools.advance(t0 + 200 * h);
  assert.equal(pools.stages('video')[0]!.length, 0);
  assert.equal(pools.stageOf(3), 1);
});
