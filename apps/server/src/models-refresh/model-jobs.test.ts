import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng, TimeRandomIds, type EngineEvent } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { parseConfig } from '../config.ts';
import { loadEngine } from '../engine/load-engine.ts';
import { ModelJobs } from './model-jobs.ts';

/** Four users, each save on a note of its own: one positive pair per event. */
function saves(from: number, count: number): EngineEvent[] {
  return Array.from({ length: count }, (_, k) => ({
    type: 'save', userId: `u${k % 4}`, noteId: `n${from + k}`, clientEventId: `s${from + k}`, ts: 1_000 + from + k,
  }) as EngineEvent);
}

test('training runs when due: at once without a model, then only after the interval and when events arrived', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    let now = Date.UTC(2026, 10, 20);
    const clock = { now: () => now };
    const rng = new SeededRng(1);
    const { engine } = await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) });
    const lines: string[] = [];
    const log = { info: (_: object, msg: string) => void lines.push(msg), error: (_: object, msg: string) => void lines.push(msg) };
    const make = (min: string) =>
      new ModelJobs({ config: parseConfig({ NOTEWAVE_MODEL: 'pop', NOTEWAVE_MODEL_REFRESH: '10m', NOTEWAVE_MODEL_MIN_INTERACTIONS: min }).config, storage, engine, clock, log });

    await storage.events.append(saves(0, 8));
    const jobs = make('12');
    assert.equal(await jobs.due(), true, 'nothing stored yet');
    await jobs.refreshIfDue();
    assert.match(lines.at(-1)!, /not trained: 8 positive interactions, fewer than the 12 required/);
    assert.equal(await jobs.due(), false, 'a run that stored nothing waits for the interval');
    now += 10 * 60_000;
    assert.equal(await jobs.due(), true);

    await storage.events.append(saves(8, 8));
    await jobs.refreshIfDue();
    assert.equal(lines.at(-1), 'model trained and stored');
    assert.equal(jobs.loader.version, 1);
    now += 10 * 60_000;
    assert.equal(await jobs.due(), false, 'no new events, nothing to learn');
    await storage.events.append(saves(16, 1));
    assert.equal(await jobs.due(), true);
  } finally {
    await storage.close();
  }
});

test('a serving node trains on a worker thread: ItemKNN through a one-thread pool is stored and attached', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const now = Date.UTC(2026, 10, 20);
    const clock = { now: () => now };
    const rng = new SeededRng(1);
    const { engine } = await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) });
    const lines: string[] = [];
    const log = { info: (_: object, msg: string) => void lines.push(msg), error: (_: object, msg: string) => void lines.push(msg) };
    const { config } = parseConfig({ NOTEWAVE_ROLE: 'all', NOTEWAVE_MODEL: 'itemknn', NOTEWAVE_MODEL_REFRESH: '10m', NOTEWAVE_MODEL_MIN_INTERACTIONS: '4' });
    // Overlapping histories, so item neighbours exist: user k saves notes k … k+5.
    const events = Array.from({ length: 6 }, (_, u) => Array.from({ length: 6 }, (_, j) => ({
      type: 'save', userId: `u${u}`, noteId: `n${u + j}`, clientEventId: `s${u}-${j}`, ts: 1_000 + u * 10 + j,
    }) as EngineEvent)).flat();
    await storage.events.append(events);
    const jobs = new ModelJobs({ config, storage, engine, clock, log });
    await jobs.refreshNow();
    assert.equal(lines.at(-1), 'model trained and stored');
    assert.equal(jobs.loader.version, 1);
    assert.equal(jobs.loader.kind, 'itemknn');
  } finally {
    await storage.close();
  }
});
