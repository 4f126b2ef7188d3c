import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateLayerRange, assign, isTargeted, layerBucket, variantOf, type AssignmentUnit } from './assignment.ts';
import { chiSquareSurvival } from './distributions.ts';
import type { Experiment } from './experiment.ts';
import { BUCKETS, bucketOf, murmur3 } from './hash.ts';

function experiment(over: Partial<Experiment> = {}): Experiment {
  return {
    id: 'e1', name: 'e1', hypothesis: 'h', surface: 'discover', layer: 'discover', traffic: 1,
    variants: [{ name: 'control', weight: 1, strategy: 'funnel' }, { name: 'treatment', weight: 1, strategy: 'viral' }],
    targeting: {}, primaryMetric: 'ctr', guardrailMetrics: [], plan: null, salt: 'salt-1', status: 'running',
    layerRange: { start: 0, end: BUCKETS }, createdBy: 'op', createdAt: 0, startedAt: 1000, pausedAt: null, stoppedAt: null,
    ...over,
  };
}

const unit = (id: string, extra: Partial<AssignmentUnit> = {}): AssignmentUnit => ({ unitId: id, guest: false, ...extra });
const ids = Array.from({ length: 100_000 }, (_, i) => `u${i}`);

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((s, o, i) => s + (o - expected[i]!) ** 2 / expected[i]!, 0);
}

describe('hashing', () => {
  it('is MurmurHash3 x86_32 of the UTF-16LE bytes (reference values)', () => {
    assert.equal(murmur3(''), 0);
    assert.equal(murmur3('', 1), 0x514e28b7);
    assert.equal(murmur3('ab'), 374890698);
    assert.equal(murmur3('abc'), 1118836419);
    assert.equal(murmur3('user-42'), 2703341929);
    assert.equal(murmur3('笔记'), 3984968444);
  });

  it('spreads 100k ids uniformly over 100 bucket ranges (chi-square)', () => {
    const bins = new Array<number>(100).fill(0);
    for (const id of ids) bins[Math.floor(bucketOf(id, 'x') / (BUCKETS / 100))]!++;
    const p = chiSquareSurvival(chiSquare(bins, bins.map(() => 1000)), 99);
    assert.ok(p > 0.01, `p = ${p}`);
  });
});

describe('assignment', () => {
  it('splits 100k ids by the variant weights (chi-square), 1:1 and 1:1:2', () => {
    const e = experiment();
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(variantOf(e, id).name, (counts.get(variantOf(e, id).name) ?? 0) + 1);
    const obs = [counts.get('control')!, counts.get('treatment')!];
    assert.ok(chiSquareSurvival(chiSquare(obs, [50_000, 50_000]), 1) > 0.01, String(obs));

    const three = experiment({ variants: [{ name: 'a', weight: 1, strategy: 'funnel' }, { name: 'b', weight: 1, strategy: 'funnel' }, { name: 'c', weight: 2, strategy: 'viral' }] });
    const c3 = { a: 0, b: 0, c: 0 } as Record<string, number>;
    for (const id of ids) c3[variantOf(three, id).name]!++;
    const p = chiSquareSurvival(chiSquare([c3.a!, c3.b!, c3.c!], [25_000, 25_000, 50_000]), 2);
    assert.ok(p > 0.01, JSON.stringify(c3));
  });

  it('is sticky: the same unit gets the same variant on every call, whatever else is running', () => {
    const e = experiment();
    const other = experiment({ id: 'e2', name: 'e2', surface: 'video', layer: 'video', salt: 'salt-2' });
    for (const id of ids.slice(0, 2000)) {
      const a = assign([e], 'discover', unit(id));
      const b = assign([other, e], 'discover', unit(id));
      assert.equal(a?.variant.name, b?.variant.name);
      assert.equal(a?.variant.name, variantOf(e, id).name);
    }
  });

  it('splits independently across experiments with different salts', () => {
    const a = experiment({ salt: 's1' });
    const b = experiment({ salt: 's2' });
    const both = [0, 0, 0, 0];
    for (const id of ids.slice(0, 40_000)) both[(variantOf(a, id).name === 'control' ? 0 : 2) + (variantOf(b, id).name === 'control' ? 0 : 1)]!++;
    assert.ok(chiSquareSurvival(chiSquare(both, [10_000, 10_000, 10_000, 10_000]), 3) > 0.01, String(both));
  });

  it('never puts a unit in two experiments of one layer, and fills each range by its share', () => {
    const first = allocateLayerRange([], 0.3);
    const second = allocateLayerRange([first], 0.5);
    assert.deepEqual(first, { start: 0, end: 3000 });
    assert.deepEqual(second, { start: 3000, end: 8000 });
    assert.throws(() => allocateLayerRange([first, second], 0.3), /no free range/);
    // A stopped experiment's range is free again; the gap is reused first-fit.
    assert.deepEqual(allocateLayerRange([second], 0.3), { start: 0, end: 3000 });
    const e1 = experiment({ id: 'a', salt: 'a', layerRange: first, startedAt: 1 });
    const e2 = experiment({ id: 'b', salt: 'b', layerRange: second, startedAt: 2 });
    let inA = 0;
    let inB = 0;
    for (const id of ids) {
      const b = layerBucket(id, 'discover');
      const inFirst = b >= first.start && b < first.end;
      const inSecond = b >= second.start && b < second.end;
      assert.ok(!(inFirst && inSecond));
      const got = assign([e1, e2], 'discover', unit(id));
      assert.equal(got?.experiment.id ?? null, inFirst ? 'a' : inSecond ? 'b' : null);
      if (inFirst) inA++;
      if (inSecond) inB++;
    }
    assert.ok(Math.abs(inA / ids.length - 0.3) < 0.01 && Math.abs(inB / ids.length - 0.5) < 0.01, `${inA} ${inB}`);
  });

  it('serves only running experiments of the surface', () => {
    assert.equal(assign([experiment({ status: 'paused' })], 'discover', unit('u1')), null);
    assert.equal(assign([experiment({ status: 'draft', layerRange: null })], 'discover', unit('u1')), null);
    assert.equal(assign([experiment()], 'video', unit('u1')), null);
  });

  it('targets by market, signup source, segment and new accounts; guests only untargeted experiments', () => {
    const e = experiment({ targeting: { markets: ['CN'], signupSources: ['tiktok-refugee'], segments: ['lifestyle'], newUsersOnly: true } });
    const fits = unit('u', { market: 'CN', signupSource: 'tiktok-refugee', segment: 'lifestyle', createdAt: 1000 });
    assert.equal(isTargeted(e, fits), true);
    assert.equal(isTargeted(e, { ...fits, market: 'US' }), false);
    assert.equal(isTargeted(e, { ...fits, signupSource: 'organic' }), false);
    assert.equal(isTargeted(e, { ...fits, segment: 'knowledge' }), false);
    assert.equal(isTargeted(e, { ...fits, createdAt: 999 }), false);
    assert.equal(isTargeted(e, { unitId: 'device:x', guest: true }), false);
    assert.equal(isTargeted(experiment(), { unitId: 'device:x', guest: true }), true);
  });
});
