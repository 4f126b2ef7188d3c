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
  // Notes 0..5 are videos, 6 is an image note, 7 is too old to enter.
  for (let ix = 0; ix < 6; ix++) pools.enter(ix, 'video', now, now);
  pools.enter(6, 'image', now, now);
  pools.enter(7, 'video', now - 100 * 3_600_000, now);
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
  pools.enter(0, 'video', now, now);
  pools.enter(1, 'video', now, now);
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
