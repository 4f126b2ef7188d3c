import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activesReport, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadAnalytics } from '../engine/load-analytics.ts';
import { formatReadout, runExperiment } from '../cli/commands/experiment.ts';
import { compareStrategies } from './compare.ts';
import { parseScenario, type Scenario } from './scenario.ts';
import { runSimulation } from './simulation.ts';

/** Thirty locals who read, and a small wave of scrollers who arrive on days 2-4 and whose other app returns on day 7. */
function tinyScenario(): Scenario {
  return parseScenario({
    name: 'tiny-wave',
    startDate: '2025-01-01',
    days: 11,
    users: 60,
    strategies: ['funnel', 'viral'],
    milestone: { day: 7, label: 'other app back' },
    catalog: { notesPerUser: 4, backlogDays: 10 },
    populations: [
      {
        name: 'locals', share: 0.5, markets: { CN: 1 }, strategy: 'funnel', languages: { zh: 1, en: 0.5 }, writes: 'zh',
        tastes: { categories: { beauty: 2, food: 2, travel: 1 }, kinds: { image: 0.8, video: 0.4 } },
        behaviour: { sessionItems: 6, search: 0.4, mode: 'read', open: 0.4, returnBase: 1, creatorShare: 0.3, postsPerWeek: 3, videoShare: 0.2 },
      },
      {
        name: 'wave', share: 0.5, markets: { US: 1 }, source: 'tiktok-refugee', arrival: { fromDay: 2, toDay: 4, peakDay: 3 },
        languages: { en: 1 }, writes: 'en',
        tastes: { categories: { comedy: 2, pets: 2, 'music-dance': 1 }, kinds: { image: 0.2, video: 0.9 } },
        behaviour: { sessionItems: 6, search: 0.05, mode: 'scroll', returnBase: 2, leave: 0.2, creatorShare: 0.4, postsPerWeek: 5, videoShare: 1 },
        outside: { pull: -2, changes: [{ day: 7, pull: 5 }] },
      },
    ],
  });
}

async function store(): Promise<Storage> {
  return openStorage('sqlite::memory:', { migrate: true });
}

test('the same seed gives the same run, another seed another', async () => {
  const s = tinyScenario();
  const run = async (seed: number) => {
    const storage = await store();
    try {
      return await runSimulation({ scenario: s, strategy: 'funnel', seed, storage, jieba: false });
    } finally {
      await storage.close();
    }
  };
  const a = await run(7);
  const b = await run(7);
  assert.deepEqual(a, b);
  assert.ok(a.events > 1000, `only ${a.events} events`);
  const c = await run(8);
  assert.notDeepEqual(c.dau, a.dau);
});

test('simulated events land in storage, and the analytics rollup read from storage counts the same actives', async () => {
  const s = tinyScenario();
  const storage = await store();
  try {
    const run = await runSimulation({ scenario: s, strategy: 'viral', seed: 3, storage, jieba: false });
    assert.equal(await storage.events.count(), run.events);
    assert.equal(await storage.users.countUsers(), 60);
    assert.ok((await storage.notes.countNotes()) >= 4 * 30, 'the backlog and the posts are stored');
    const rollup = await loadAnalytics(storage, 'UTC');
    const cal = rollup.calendar;
    const from = cal.parse(s.startDate);
    const report = activesReport(rollup, { from, to: from + s.days - 1, by: 'source', metric: 'dau' });
    const series = (key: string) => report.series.find((x) => x.key === key)?.values;
    assert.deepEqual(series('tiktok-refugee'), run.dauBySource['tiktok-refugee']);
    assert.deepEqual(series('organic'), run.dauBySource.organic);
    const likes = run.engagement.locals!.likes + run.engagement.wave!.likes;
    assert.ok(likes > 0);
  } finally {
    await storage.close();
  }
});

test('when the other app returns, the wave\'s daily actives drop while the locals stay', async () => {
  const s = tinyScenario();
  const storage = await store();
  try {
    const run = await runSimulation({ scenario: s, strategy: 'funnel', seed: 5, storage, jieba: false });
    const wave = run.dau.wave!;
    const before = wave[6]!;
    assert.ok(before >= 15, `wave DAU before the milestone: ${before}`);
    // Pull 5 against at most returnBase 2 + satisfaction 3: under a quarter come back, and some leave for good.
    assert.ok(wave[8]! < before * 0.5, `wave DAU ${wave.join(' ')}`);
    assert.ok(wave[10]! <= wave[8]! + 3);
    const locals = run.dau.locals!;
    assert.ok(locals[8]! > locals[6]! * 0.7, `locals DAU ${locals.join(' ')}`);
  } finally {
    await storage.close();
  }
});

test('a comparison runs the same scenario under each strategy, side by side, with a plugged-in assignment', async () => {
  const s = tinyScenario();
  const served: string[] = [];
  const { result, timings } = await compareStrategies({
    scenario: s,
    strategies: ['funnel', 'viral'],
    seed: 11,
    jieba: false,
    openStore: store,
    assign: (u, run) => {
      const strategy = u.fixedStrategy ?? run;
      served.push(`${u.population}:${strategy}`);
      return strategy;
    },
  });
  assert.deepEqual(result.strategies, ['funnel', 'viral']);
  assert.deepEqual(timings.map((t) => t.strategy), ['funnel', 'viral']);
  assert.ok(served.includes('wave:viral') && served.includes('wave:funnel') && !served.includes('locals:viral'));
  // The viral pipeline serves videos only; the locals are on the funnel in both runs and see images too.
  assert.equal(result.runs.viral!.content.wave!.video, 1);
  assert.ok(result.runs.funnel!.content.locals!.video < 1);
  for (const strategy of ['funnel', 'viral']) {
    const sum = result.summary[strategy]!.wave!;
    const dau = result.runs[strategy]!.dau.wave!;
    assert.equal(sum.dauBefore, dau[6]);
    assert.equal(sum.dropDay1, Math.round((1 - dau[8]! / dau[6]!) * 1e4) / 1e4);
    assert.equal(sum.dropWeek1, null, 'the run ends before a week after the milestone');
  }
});

test('an assignment naming an unknown strategy fails before anything runs', async () => {
  const storage = await store();
  try {
    await assert.rejects(runSimulation({ scenario: tinyScenario(), strategy: 'funnel', seed: 1, storage, jieba: false, assign: () => 'nope' }), /unknown strategy 'nope'/);
    assert.equal(await storage.users.countUsers(), 0);
  } finally {
    await storage.close();
  }
});

test('an experiment runs inside a simulation: the targeted wave is split between the arms, exposures are stored, and the readout is the one `notewave experiment report` prints', async () => {
  const s = tinyScenario();
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sim-exp-'));
  const url = `sqlite://${join(dir, 'sim.db')}`;
  const experiment = {
    name: 'wave-funnel-vs-viral',
    hypothesis: 'The wave stays longer on a swipe feed of videos.',
    surface: 'discover' as const,
    variants: [{ name: 'control', strategy: 'funnel' }, { name: 'swipe', strategy: 'viral' }],
    targeting: { signupSources: ['tiktok-refugee'], newUsersOnly: true },
    primaryMetric: 'd7_retention' as const,
    guardrailMetrics: ['sessions_per_user' as const],
  };
  try {
    const storage = await openStorage(url, { migrate: true });
    let run;
    try {
      run = await runSimulation({ scenario: s, strategy: 'funnel', seed: 21, storage, jieba: false, experiment });
      const x = run.experiment!;
      assert.ok(x, 'the run reports its experiment');
      assert.deepEqual(x.strategies, { control: 'funnel', swipe: 'viral' });
      // Only the wave (30 accounts, all arriving after the start) is targeted; hashing splits it between the arms.
      assert.ok(x.units.control! >= 5 && x.units.swipe! >= 5, `units ${JSON.stringify(x.units)}`);
      assert.ok(x.units.control! + x.units.swipe! <= 30);
      for (const [variant, dau] of Object.entries(x.dau)) {
        assert.equal(dau.length, s.days);
        assert.ok(Math.max(...dau) <= x.units[variant]!);
        assert.equal(dau[0], 0, 'nobody of the wave has arrived on day 0');
      }
      const exp = (await storage.experiments.getExperimentByName(experiment.name))!;
      assert.equal(exp.status, 'stopped');
      const stored = await storage.experiments.listExposures(exp.id, 0, 100_000);
      assert.ok(stored.length > 0);
      const users = new Map((await storage.users.listUsers(null, 1000)).map((u) => [u.id, u]));
      const kinds = new Map<string, Set<string>>();
      for (const e of stored) {
        assert.equal(users.get(e.userId!)?.signupSource, 'tiktok-refugee', 'locals are never exposed');
        assert.equal(e.surface, 'discover');
        const notes = await storage.notes.getNotes(e.noteIds);
        let set = kinds.get(e.variant);
        if (!set) kinds.set(e.variant, (set = new Set()));
        for (const n of notes) set.add(n.kind);
      }
      // The swipe arm is served the viral pipeline (videos only); the control the funnel's mix.
      assert.deepEqual([...kinds.get('swipe')!], ['video']);
      assert.ok(kinds.get('control')!.has('image'));
      const r = x.readout;
      assert.equal(r.read.exposures, stored.length);
      assert.deepEqual(r.srm.observed, [x.units.control, x.units.swipe]);
      assert.ok(r.variants.every((v) => v.analysedUnits > 0));
    } finally {
      await storage.close();
    }
    const report = await runExperiment(['report', experiment.name, '--db', url], {}, { now: () => Date.parse('2030-01-01T00:00:00Z') });
    assert.equal(report.code, 0, report.out.join('\n'));
    assert.deepEqual(report.out, formatReadout(run.experiment!.readout));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the same seed gives the same experiment run', async () => {
  const s = tinyScenario();
  const experiment = {
    name: 'wave-split', hypothesis: 'h', surface: 'discover' as const,
    variants: [{ name: 'a', strategy: 'funnel' }, { name: 'b', strategy: 'viral' }],
    targeting: { signupSources: ['tiktok-refugee'] }, primaryMetric: 'sessions_per_user' as const,
  };
  const run = async () => {
    const storage = await store();
    try {
      return await runSimulation({ scenario: s, strategy: 'funnel', seed: 4, storage, jieba: false, experiment });
    } finally {
      await storage.close();
    }
  };
  assert.deepEqual(await run(), await run());
});

test('an experiment definition the API would refuse stops the simulation before it runs', async () => {
  const storage = await store();
  try {
    const experiment = {
      name: 'bad', hypothesis: 'h', surface: 'discover' as const,
      variants: [{ name: 'a', strategy: 'funnel' }, { name: 'b', strategy: 'no-such-strategy' }], primaryMetric: 'ctr' as const,
    };
    await assert.rejects(runSimulation({ scenario: tinyScenario(), strategy: 'funnel', seed: 1, storage, jieba: false, experiment }), /no-such-strategy/);
    assert.equal(await storage.users.countUsers(), 0);
    assert.equal(await storage.notes.countNotes(), 0);
  } finally {
    await storage.close();
  }
});
