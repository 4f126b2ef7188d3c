import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activesReport, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadAnalytics } from '../engine/load-analytics.ts';
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
