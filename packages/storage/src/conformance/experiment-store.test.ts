import assert from 'node:assert/strict';
import { allocateLayerRange, EngineError, type Experiment, type Exposure } from '@notewave/engine';
import { conformance } from './backends.ts';

function experiment(id: string, over: Partial<Experiment> = {}): Experiment {
  return {
    id, name: `exp-${id}`, hypothesis: 'viral keeps video users longer', surface: 'discover', layer: 'discover', traffic: 0.4,
    variants: [
      { name: 'control', weight: 1, strategy: 'funnel' },
      { name: 'treatment', weight: 1, strategy: 'funnel', override: { scorer: { name: 'funnel', weights: { affinity: 0.2 } } } },
    ],
    targeting: { markets: ['CN'], newUsersOnly: true }, primaryMetric: 'ctr', guardrailMetrics: ['d1_retention'],
    plan: { mde: 0.05, alpha: 0.05, power: 0.8, baseline: { mean: 0.1, variance: 0.09, units: 100, dailyUnits: 20 }, sampleSize: 1000, days: 50 },
    salt: `salt-${id}`, status: 'draft', layerRange: null, createdBy: 'op1', createdAt: 1_000, startedAt: null, pausedAt: null, stoppedAt: null,
    ...over,
  };
}

function exposure(experimentId: string, unitId: string, ts: number): Exposure {
  return { experimentId, experimentName: `exp-${experimentId}`, variant: 'control', unitId, userId: unitId.startsWith('device:') ? null : unitId, ts, surface: 'discover', sessionId: 'fs1', recIds: ['r1', 'r2'], noteIds: ['n1', 'n2'] };
}

conformance('ExperimentStore', (it) => {
  it('stores a definition whole and refuses a second experiment of the same name', async (s) => {
    const e = experiment('e1');
    await s.experiments.createExperiment(e);
    assert.deepEqual(await s.experiments.getExperiment('e1'), e);
    assert.deepEqual(await s.experiments.getExperimentByName('exp-e1'), e);
    assert.equal(await s.experiments.getExperiment('nope'), null);
    await assert.rejects(s.experiments.createExperiment(experiment('e2', { name: 'exp-e1' })), (err: unknown) => err instanceof EngineError && err.code === 'conflict');
    await s.experiments.createExperiment(experiment('e0', { createdAt: 2_000 }));
    assert.deepEqual((await s.experiments.listExperiments()).map((x) => x.id), ['e1', 'e0']);
  });

  it('changes status only from the states named, stamping times and allocating disjoint layer ranges', async (s) => {
    await s.experiments.createExperiment(experiment('a'));
    await s.experiments.createExperiment(experiment('b'));
    await s.experiments.createExperiment(experiment('c', { layer: 'other' }));
    const start = (id: string, at: number) => s.experiments.changeStatus(id, { from: ['draft', 'paused'], to: 'running', at, allocate: (taken) => allocateLayerRange(taken, 0.4) });
    const a = await start('a', 10);
    assert.equal(a?.status, 'running');
    assert.equal(a?.startedAt, 10);
    assert.deepEqual(a?.layerRange, { start: 0, end: 4000 });
    assert.deepEqual((await start('b', 11))?.layerRange, { start: 4000, end: 8000 });
    assert.deepEqual((await start('c', 12))?.layerRange, { start: 0, end: 4000 });
    assert.equal(await start('a', 13), null);
    const paused = await s.experiments.changeStatus('a', { from: ['running'], to: 'paused', at: 20 });
    assert.equal(paused?.pausedAt, 20);
    assert.deepEqual(paused?.layerRange, { start: 0, end: 4000 });
    // Resuming keeps the range and the first start time.
    const resumed = await start('a', 30);
    assert.deepEqual([resumed?.startedAt, resumed?.pausedAt, resumed?.layerRange], [10, null, { start: 0, end: 4000 }]);
    assert.deepEqual((await s.experiments.listLiveExperiments()).map((x) => x.id).sort(), ['a', 'b', 'c']);
    const stopped = await s.experiments.changeStatus('a', { from: ['draft', 'running', 'paused'], to: 'stopped', at: 40, release: true });
    assert.deepEqual([stopped?.status, stopped?.stoppedAt, stopped?.layerRange], ['stopped', 40, null]);
    assert.deepEqual((await s.experiments.listLiveExperiments()).map((x) => x.id).sort(), ['b', 'c']);
    assert.equal(await s.experiments.changeStatus('missing', { from: ['draft'], to: 'running', at: 1 }), null);
  });

  it('never hands two concurrent starts in one layer overlapping ranges', async (s) => {
    const ids = ['p', 'q', 'r', 's'];
    for (const id of ids) await s.experiments.createExperiment(experiment(id));
    const results = await Promise.allSettled(ids.map((id) => s.experiments.changeStatus(id, { from: ['draft'], to: 'running', at: 1, allocate: (taken) => allocateLayerRange(taken, 0.3) })));
    const ranges = results.flatMap((r) => (r.status === 'fulfilled' && r.value?.layerRange ? [r.value.layerRange] : []));
    // 3 × 30% fit; the fourth finds no room.
    assert.equal(ranges.length, 3);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 1);
    const sorted = ranges.sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]!.start >= sorted[i - 1]!.end);
  });

  it('records exposures and lists them per experiment in order, by pages', async (s) => {
    assert.equal(await s.experiments.lastExposureSeq(), 0);
    await s.experiments.createExperiment(experiment('x'));
    await s.experiments.createExperiment(experiment('y'));
    await s.experiments.recordExposures([exposure('x', 'u1', 100), exposure('y', 'u1', 101), exposure('x', 'device:d9', 102)]);
    await s.experiments.recordExposures([]);
    await s.experiments.recordExposures([exposure('x', 'u2', 103)]);
    const first = await s.experiments.listExposures('x', 0, 2);
    assert.deepEqual(first.map((e) => [e.unitId, e.userId, e.ts]), [['u1', 'u1', 100], ['device:d9', null, 102]]);
    const { seq: _seq, ...rest } = first[0]!;
    assert.deepEqual(rest, exposure('x', 'u1', 100));
    const next = await s.experiments.listExposures('x', first[1]!.seq, 10);
    assert.deepEqual(next.map((e) => e.unitId), ['u2']);
    assert.deepEqual((await s.experiments.listExposures('y', 0, 10)).map((e) => e.unitId), ['u1']);
    const all = await s.experiments.readExposuresSince(0, 10);
    assert.deepEqual(all.map((e) => [e.experimentId, e.unitId]), [['x', 'u1'], ['y', 'u1'], ['x', 'device:d9'], ['x', 'u2']]);
    assert.deepEqual((await s.experiments.readExposuresSince(all[1]!.seq, 1)).map((e) => e.unitId), ['device:d9']);
    assert.equal(await s.experiments.lastExposureSeq(), all[3]!.seq);
    await s.experiments.recordExposures([exposure('x', 'u1', 90)]);
    assert.deepEqual(await s.experiments.listFirstExposures(), [
      { experimentName: 'exp-x', variant: 'control', userId: 'u1', ts: 90 },
      { experimentName: 'exp-y', variant: 'control', userId: 'u1', ts: 101 },
      { experimentName: 'exp-x', variant: 'control', userId: 'u2', ts: 103 },
    ]);
  });
});
