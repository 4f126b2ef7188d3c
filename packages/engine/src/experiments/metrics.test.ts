import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineEvent } from '../domain/event.ts';
import { SeededRng } from '../runtime/rng.ts';
import type { Experiment } from './experiment.ts';
import { unitMetrics, type Exposure, type ExperimentMetric, type MetricOptions, type UnitMetrics, type UnitValue } from './metrics.ts';
import { readout } from './readout.ts';

const T0 = Date.UTC(2025, 0, 13);
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const AUTHORS: Record<string, string> = { n1: 'a1', n2: 'a2', n3: 'a1', n4: 'a3', n5: 'a4' };

function exposure(unitId: string, variant: string, ts: number, recIds: string[], noteIds: string[], userId: string | null = unitId): Exposure {
  return { experimentId: 'x1', experimentName: 'exp', variant, unitId, userId, ts, surface: 'discover', sessionId: 's', recIds, noteIds };
}
let cid = 0;
function ev(userId: string, ts: number, e: Record<string, unknown>): EngineEvent {
  return { userId, ts, clientEventId: `c${cid++}`, surface: 'discover', ...e } as EngineEvent;
}

const exposures = [
  exposure('u1', 'control', T0 + H, ['r1', 'r2'], ['n1', 'n2']),
  exposure('u1', 'control', T0 + H + 10 * M, ['r3'], ['n3']),
  exposure('u2', 'treatment', T0 + 2 * H, ['r4', 'r5'], ['n4', 'n5']),
  exposure('device:g', 'treatment', T0 + 3 * H, ['r6'], ['n1'], null),
];
const events: EngineEvent[] = [
  // u1's pre-period: one discover impression and open, a search, two minutes apart.
  ev('u1', T0 - 2 * D, { type: 'impression', noteId: 'n9', position: 0 }),
  ev('u1', T0 - 2 * D + M, { type: 'open', noteId: 'n9' }),
  ev('u1', T0 - 2 * D + 2 * M, { type: 'search', query: 'q', resultIds: [] }),
  ev('u1', T0 + H + 1 * S, { type: 'impression', noteId: 'n1', position: 0, recId: 'r1' }),
  ev('u1', T0 + H + 2 * S, { type: 'impression', noteId: 'n2', position: 1, recId: 'r2' }),
  ev('u1', T0 + H + 5 * S, { type: 'open', noteId: 'n1', recId: 'r1' }),
  ev('u1', T0 + H + 60 * S, { type: 'view', noteId: 'n1', portion: 1 }), // no rec id, but n1 was shown
  ev('u1', T0 + H + 70 * S, { type: 'save', noteId: 'n1', recId: 'r1' }),
  ev('u1', T0 + H + 80 * S, { type: 'follow', targetUserId: 'a1' }), // author of a shown note
  ev('u1', T0 + H + 90 * S, { type: 'follow', targetUserId: 'a9' }), // not
  ev('u1', T0 + H + 5 * M, { type: 'search', query: 'q', resultIds: [] }),
  ev('u1', T0 + H + 10 * M + S, { type: 'impression', noteId: 'n3', position: 0, recId: 'r3' }),
  ev('u1', T0 + H + 11 * M, { type: 'open', noteId: 'n7' }), // never shown
  ev('u1', T0 + D + 2 * H, { type: 'like', noteId: 'n1' }), // active on day 1
  ev('u2', T0 + 2 * H + 1 * S, { type: 'impression', noteId: 'n4', position: 0, recId: 'r4' }),
  ev('u2', T0 + 2 * H + 2 * S, { type: 'impression', noteId: 'n5', position: 1, recId: 'r5' }),
  ev('u2', T0 + 2 * H + 10 * S, { type: 'share', noteId: 'n5', recId: 'r5' }),
  ev('u2', T0 + 2 * H + 20 * S, { type: 'comment', noteId: 'n4', recId: 'r4' }),
  ev('u2', T0 + 2 * H + 30 * S, { type: 'view', noteId: 'n4', portion: 0.5, recId: 'r4' }),
  ev('u2', T0 + 2 * H + 40 * S, { type: 'open', noteId: 'n1', recId: 'r1' }), // someone else's rec id
  ev('u2', T0 + 10 * D + S, { type: 'open', noteId: 'n4', recId: 'r4' }), // after the end
];
const opts: MetricOptions = {
  start: T0, end: T0 + 10 * D, surface: 'discover', preDays: 7, completePortion: 0.9, sessionGapMs: 30 * M,
  authorOf: (id) => AUTHORS[id] ?? null,
};

function valueOf(m: UnitMetrics, variant: string, metric: ExperimentMetric): UnitValue[] {
  return m.values.get(variant)?.get(metric) ?? [];
}

describe('experiment metrics', () => {
  const m = unitMetrics(exposures, events, opts);

  it('count exposed units per variant, guests included', () => {
    assert.deepEqual([...m.exposedUnits].sort(), [['control', 1], ['treatment', 2]]);
    assert.equal(valueOf(m, 'treatment', 'ctr').length, 1);
  });

  it('attribute engagement to what was shown, with the pre-period on the surface as covariate', () => {
    assert.deepEqual(valueOf(m, 'control', 'ctr'), [{ y: 1, n: 3, x: 1, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'complete_rate'), [{ y: 1, n: 3, x: 0, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'saves_per_impression'), [{ y: 1, n: 3, x: 0, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'follows_per_impression'), [{ y: 1, n: 3, x: 0, m: 1 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'ctr'), [{ y: 0, n: 2, x: 0, m: 0 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'comments_per_impression'), [{ y: 1, n: 2, x: 0, m: 0 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'shares_per_impression'), [{ y: 1, n: 2, x: 0, m: 0 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'complete_rate'), [{ y: 0, n: 2, x: 0, m: 0 }]);
  });

  it('measure sessions from the first exposure on, in minutes', () => {
    // u1: 1h → 1h11m is one session (11 min), the day-1 like another (0 min); pre-period one of 2 min.
    assert.deepEqual(valueOf(m, 'control', 'session_length'), [{ y: 11, n: 2, x: 2, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'sessions_per_user'), [{ y: 2, n: 1, x: 1, m: 1 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'session_length'), [{ y: 40 / 60, n: 1, x: 0, m: 0 }]);
  });

  it('count D1 and D7 retention only once the day has ended, and search-led next feeds', () => {
    assert.deepEqual(valueOf(m, 'control', 'd1_retention'), [{ y: 1, n: 1, x: 1 / 7, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'd7_retention'), [{ y: 0, n: 1, x: 1 / 7, m: 1 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'd1_retention'), [{ y: 0, n: 1, x: 0, m: 1 }]);
    assert.deepEqual(valueOf(m, 'control', 'search_next_feed'), [{ y: 1, n: 1, x: 1, m: 1 }]);
    assert.deepEqual(valueOf(m, 'treatment', 'search_next_feed'), [{ y: 0, n: 1, x: 0, m: 1 }]);
    const young = unitMetrics(exposures, events, { ...opts, end: T0 + 3 * D });
    assert.deepEqual(valueOf(young, 'control', 'd7_retention'), [{ y: 0, n: 0, x: 0, m: 0 }]);
    assert.deepEqual(valueOf(young, 'control', 'd1_retention'), [{ y: 1, n: 1, x: 1 / 7, m: 1 }]);
  });
});

function experiment(over: Partial<Experiment> = {}): Experiment {
  return {
    id: 'x1', name: 'exp', hypothesis: 'h', surface: 'discover', layer: 'discover', traffic: 1,
    variants: [{ name: 'control', weight: 1, strategy: 'funnel' }, { name: 'treatment', weight: 1, strategy: 'viral' }],
    targeting: {}, primaryMetric: 'ctr', guardrailMetrics: ['sessions_per_user'], plan: null, salt: 's', status: 'running',
    layerRange: { start: 0, end: 10_000 }, createdBy: 'op', createdAt: 0, startedAt: 0, pausedAt: null, stoppedAt: null, ...over,
  };
}

/** Synthetic per-unit values: ctr with `impressions` Bernoulli(p) opens, sessions ~ 1 + Poisson-ish. */
function synthetic(seed: number, arms: { name: string; units: number; ctr: number; sessions: number }[]): UnitMetrics {
  const rng = new SeededRng(seed);
  const values: UnitMetrics['values'] = new Map();
  const exposedUnits = new Map<string, number>();
  for (const a of arms) {
    const ctr: UnitValue[] = [];
    const sessions: UnitValue[] = [];
    for (let i = 0; i < a.units; i++) {
      let opens = 0;
      for (let k = 0; k < 20; k++) if (rng.next() < a.ctr) opens++;
      ctr.push({ y: opens, n: 20, x: 0, m: 0 });
      sessions.push({ y: 1 + Math.floor(rng.next() * 2 * a.sessions), n: 1, x: 0, m: 0 });
    }
    values.set(a.name, new Map<ExperimentMetric, UnitValue[]>([['ctr', ctr], ['sessions_per_user', sessions]]));
    exposedUnits.set(a.name, a.units);
  }
  return { exposedUnits, values };
}

describe('readout', () => {
  it('names the winner, by how much and how sure', () => {
    const r = readout(experiment(), synthetic(1, [{ name: 'control', units: 3000, ctr: 0.1, sessions: 3 }, { name: 'treatment', units: 3000, ctr: 0.12, sessions: 3 }]), T0);
    assert.equal(r.decision.verdict, 'winner');
    assert.equal(r.decision.winner, 'treatment');
    assert.ok(r.decision.relative! > 0.1 && r.decision.relative! < 0.3);
    assert.ok(r.decision.pSequential! < 0.05);
    assert.match(r.decision.summary, /^treatment beats control on ctr/);
    const c = r.comparisons.find((x) => x.metric === 'ctr')!;
    assert.ok(c.ci[0] > 0 && c.sequentialCi[0] > 0 && c.sequentialCi[0] < c.ci[0]);
    assert.equal(r.srm.mismatch, false);
  });

  it('calls an A/A experiment inconclusive', () => {
    const r = readout(experiment(), synthetic(2, [{ name: 'control', units: 2000, ctr: 0.1, sessions: 3 }, { name: 'treatment', units: 2000, ctr: 0.1, sessions: 3 }]), T0);
    assert.equal(r.decision.verdict, 'inconclusive');
    assert.equal(r.decision.winner, null);
  });

  it('refuses a winner whose guardrail got significantly worse', () => {
    const r = readout(experiment(), synthetic(3, [{ name: 'control', units: 3000, ctr: 0.1, sessions: 3 }, { name: 'treatment', units: 3000, ctr: 0.12, sessions: 2 }]), T0);
    assert.equal(r.decision.verdict, 'guardrail_failed');
    assert.match(r.decision.summary, /sessions_per_user/);
  });

  it('flags a sample ratio mismatch before anything else', () => {
    const data = synthetic(4, [{ name: 'control', units: 3000, ctr: 0.1, sessions: 3 }, { name: 'treatment', units: 3300, ctr: 0.12, sessions: 3 }]);
    const r = readout(experiment(), data, T0);
    assert.equal(r.srm.mismatch, true);
    assert.equal(r.decision.verdict, 'sample_ratio_mismatch');
    assert.equal(readout(experiment(), { exposedUnits: new Map(), values: new Map() }, T0).decision.verdict, 'no_data');
  });
});
