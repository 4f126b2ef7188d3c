import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadScenario, shippedScenarios } from './scenario-files.ts';
import { outsidePull, parseScenario, ScenarioError } from './scenario.ts';

const minimal = () => ({
  name: 'tiny',
  startDate: '2025-01-01',
  days: 10,
  users: 10,
  populations: [{ name: 'a', share: 1, tastes: { categories: { beauty: 1 } } }],
});

function problems(raw: unknown): string[] {
  try {
    parseScenario(raw);
  } catch (err) {
    assert.ok(err instanceof ScenarioError);
    return err.problems;
  }
  assert.fail('expected the scenario to be rejected');
}

test('a minimal scenario is filled with defaults', () => {
  const s = parseScenario(minimal());
  assert.deepEqual(s.strategies, ['funnel', 'viral']);
  assert.equal(s.milestone, null);
  assert.equal(s.populations[0]!.behaviour.mode, 'read');
  assert.equal(s.populations[0]!.strategy, null);
  assert.deepEqual(s.populations[0]!.markets, { US: 1 });
});

test('every problem is reported with its path', () => {
  const raw = minimal() as Record<string, unknown>;
  raw.days = 0;
  raw.startDate = '2025/01/01';
  raw.populations = [
    {
      name: 'a', share: 0.7, source: 'tv', markets: { usa: 1 },
      tastes: { categories: { cooking: 2 } },
      behaviour: { mode: 'swipe', like: 3 },
      arrival: { fromDay: 5, toDay: 3 },
    },
  ];
  const p = problems(raw);
  const expect = [
    /^days must be a whole number between 1 and 365, got 0$/,
    /^startDate must be a date YYYY-MM-DD/,
    /populations\[0\]\.source must be one of organic/,
    /populations\[0\]\.markets: 'usa' is not a two-letter market code/,
    /populations\[0\]\.tastes\.categories: 'cooking' is not a category id/,
    /populations\[0\]\.behaviour\.mode must be 'read' or 'scroll'/,
    /populations\[0\]\.behaviour\.like must be a number between 0 and 1, got 3/,
    /populations: shares must add up to 1, got 0\.7/,
    /at least one population must be present from the start/,
  ];
  for (const re of expect) assert.ok(p.some((m) => re.test(m)), `${re} not in:\n${p.join('\n')}`);
});

test('population names are unique and populations are required', () => {
  const two = { ...minimal(), populations: [minimal().populations[0], { ...minimal().populations[0], share: 0 }] };
  assert.ok(problems(two).some((m) => /name 'a' is used twice/.test(m)));
  assert.ok(problems({ ...minimal(), populations: [] }).some((m) => /populations must be a non-empty array/.test(m)));
  assert.ok(problems(null).some((m) => /the scenario must be an object/.test(m)));
  const late = { ...minimal(), populations: [minimal().populations[0], { ...minimal().populations[0], name: 'b', share: 0, arrival: { fromDay: 5, toDay: 3 } }] };
  assert.ok(problems(late).some((m) => /populations\[1\]\.arrival: toDay must not come before fromDay/.test(m)));
});

test('the error message lists the problems under the scenario\'s name', () => {
  assert.throws(() => parseScenario({ ...minimal(), users: -1 }, 'my.json'), /my\.json is invalid:\n {2}- users must be a whole number/);
});

test('the outside option\'s pull changes on its days', () => {
  const s = parseScenario({ ...minimal(), populations: [{ ...minimal().populations[0], outside: { pull: -1, changes: [{ day: 6, pull: 3 }, { day: 2, pull: 0 }] } }] });
  const p = s.populations[0]!;
  assert.deepEqual([0, 1, 2, 5, 6, 9].map((d) => outsidePull(p, d)), [-1, -1, 0, 0, 3, 3]);
});

test('the shipped refugee-wave scenario is valid and follows the article', () => {
  assert.ok(shippedScenarios().includes('refugee-wave'));
  const s = loadScenario('refugee-wave');
  const natives = s.populations.find((p) => p.name === 'natives')!;
  const arrivals = s.populations.find((p) => p.name === 'arrivals')!;
  assert.equal(natives.strategy, 'funnel');
  assert.equal(arrivals.strategy, null);
  assert.equal(arrivals.source, 'tiktok-refugee');
  assert.ok(natives.behaviour.search > arrivals.behaviour.search);
  assert.ok(natives.behaviour.save > arrivals.behaviour.save);
  assert.equal(arrivals.behaviour.mode, 'scroll');
  assert.ok((natives.gender.female ?? 0) > 0.7);
  assert.ok(s.milestone !== null && outsidePull(arrivals, s.milestone.day) > outsidePull(arrivals, s.milestone.day - 1));
});

test('an unknown scenario name says which ones ship', () => {
  assert.throws(() => loadScenario('no-such-scenario'), /no scenario 'no-such-scenario' \(shipped: .*refugee-wave/);
});
