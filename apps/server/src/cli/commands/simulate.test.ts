import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@notewave/storage';
import { compareStrategies } from '../../simulator/compare.ts';
import { parseScenario } from '../../simulator/scenario.ts';
import { command } from './simulate.ts';

const scenario = {
  name: 'cli-wave',
  startDate: '2025-03-01',
  days: 6,
  users: 30,
  strategies: ['funnel', 'viral'],
  milestone: { day: 4, label: 'back' },
  catalog: { notesPerUser: 3, backlogDays: 5 },
  populations: [
    { name: 'locals', share: 0.6, strategy: 'funnel', markets: { CN: 1 }, languages: { zh: 1 }, writes: 'zh', tastes: { categories: { food: 1, travel: 1 } }, behaviour: { sessionItems: 4, creatorShare: 0.3 } },
    {
      name: 'wave', share: 0.4, source: 'tiktok-refugee', arrival: { fromDay: 1, toDay: 2 }, tastes: { categories: { pets: 1, comedy: 1 }, kinds: { image: 0.2, video: 1 } },
      behaviour: { sessionItems: 4, mode: 'scroll', creatorShare: 0.5, videoShare: 1 }, outside: { pull: -2, changes: [{ day: 4, pull: 4 }] },
    },
  ],
};

test('simulate writes the table, JSON, charts and one database per strategy, the same figures as a run in one thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sim-cli-'));
  try {
    const file = join(dir, 'wave.json');
    writeFileSync(file, JSON.stringify(scenario));
    const code = await command.run([file, '--seed', '4', '--json', join(dir, 'out.json'), '--charts', join(dir, 'charts'), '--db', join(dir, 'sim.db')]);
    assert.equal(code, 0);
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    assert.deepEqual(Object.keys(out.summary), ['funnel', 'viral']);
    assert.deepEqual(Object.keys(out.summary.funnel), ['locals', 'wave']);
    assert.ok(readFileSync(join(dir, 'charts', 'dau.svg'), 'utf8').includes('wave · viral'));
    assert.ok(existsSync(join(dir, 'charts', 'retention.svg')));
    for (const s of ['funnel', 'viral']) {
      const storage = await openStorage(`sqlite://${join(dir, `sim-${s}.db`)}`);
      try {
        assert.equal(await storage.events.count(), out.runs[s].events);
      } finally {
        await storage.close();
      }
    }
    // The worker threads' result equals the same comparison run here, one strategy after the other.
    const inProcess = await compareStrategies({
      scenario: parseScenario(scenario), strategies: ['funnel', 'viral'], seed: 4, openStore: () => openStorage('sqlite::memory:', { migrate: true }),
    });
    assert.deepEqual(JSON.parse(JSON.stringify(inProcess.result)), out);
    // A database that already holds a community is refused.
    assert.equal(await command.run([file, '--strategy', 'funnel', '--db', join(dir, 'sim-funnel.db')]), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('simulate refuses bad arguments and bad scenarios with exit code 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sim-cli-'));
  try {
    assert.equal(await command.run([]), 2);
    assert.equal(await command.run(['no-such-scenario']), 2);
    assert.equal(await command.run(['refugee-wave', '--users', 'many']), 2);
    assert.equal(await command.run(['refugee-wave', '--frobnicate', '1']), 2);
    assert.equal(await command.run(['refugee-wave', '--strategy', 'funnel,funnel']), 2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...scenario, populations: [{ ...scenario.populations[0], share: 2 }] }));
    assert.equal(await command.run([bad]), 2);
    writeFileSync(bad, '{ not json');
    assert.equal(await command.run([bad]), 2);
    assert.equal(await command.run(['refugee-wave', '--experiment', 'no-such-experiment']), 2);
    assert.equal(await command.run(['refugee-wave', '--experiment', 'arrivals-funnel-vs-viral', '--strategy', 'funnel,viral']), 2);
    writeFileSync(bad, JSON.stringify({ name: 'x', hypothesis: 'h', surface: 'nowhere', variants: [], primaryMetric: 'ctr' }));
    assert.equal(await command.run(['refugee-wave', '--experiment', bad]), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('simulate --experiment runs the shipped experiment inside the run, prints its readout, and keeps it for `notewave experiment report`', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sim-cli-'));
  try {
    const file = join(dir, 'wave.json');
    writeFileSync(file, JSON.stringify(scenario));
    const db = join(dir, 'sim.db');
    // In a child process: the readout goes to standard output, which this test runner reads for its own reports.
    const main = fileURLToPath(new URL('../main.ts', import.meta.url));
    const r = spawnSync(process.execPath, [
      '--import', 'tsx', '--conditions=notewave-source', main,
      'simulate', file, '--experiment', 'arrivals-funnel-vs-viral', '--db', db, '--json', join(dir, 'out.json'), '--charts', join(dir, 'charts'),
    ], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    const code = r.status;
    const lines = [r.stdout, r.stderr];
    assert.equal(code, 0, lines.join(''));
    const out = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    assert.deepEqual(out.strategies, ['funnel'], 'an experiment runs inside the first of the scenario\'s strategies');
    const x = out.runs.funnel.experiment;
    assert.equal(x.name, 'arrivals-funnel-vs-viral');
    assert.deepEqual(Object.keys(x.units), ['funnel', 'viral']);
    const printed = lines.join('');
    assert.match(printed, /arrivals-funnel-vs-viral {2}viral/);
    assert.match(printed, /d7_retention/);
    assert.match(printed, /notewave experiment report arrivals-funnel-vs-viral --db/);
    assert.ok(readFileSync(join(dir, 'charts', 'experiment-dau.svg'), 'utf8').includes('viral (viral)'));
    const storage = await openStorage(`sqlite://${db}`);
    try {
      const stored = await storage.experiments.getExperimentByName('arrivals-funnel-vs-viral');
      assert.equal(stored?.status, 'stopped');
      assert.equal(x.readout.read.exposures > 0, true);
    } finally {
      await storage.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
