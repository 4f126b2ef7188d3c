import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRng, TimeRandomIds, type Engine, type EngineEvent, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { parseConfig } from '../config.ts';
import { loadEngine } from '../engine/load-engine.ts';
import { ModelJobs } from './model-jobs.ts';
import { packIds } from './id-index.ts';
import { MODEL_THREAD_NICE, packedIdIndexMap } from './model-thread.ts';
import { SERVED_MODEL } from './model-refresh.ts';
import { idIndexMap } from './served-model.ts';

const now = Date.UTC(2026, 10, 20);
const clock = { now: () => now };

async function engineOn(storage: Storage): Promise<Engine> {
  const rng = new SeededRng(1);
  return (await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) })).engine;
}

function logger(lines: { msg: string; fields: object }[]) {
  return { info: (fields: object, msg: string) => void lines.push({ msg, fields }), error: (fields: object, msg: string) => void lines.push({ msg, fields }) };
}

/** Nice values of this process's threads (Linux: field 19 of /proc/self/task/<tid>/stat, counted after the name). */
/** A field of each of this process's threads' /proc stat lines (1-based, as proc(5) numbers them; 3 and up). */
function threadStatField(field: number): number[] {
  return readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[field - 3])];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}
const threadNiceValues = () => threadStatField(19);
/** Linux's SCHED_IDLE policy number, as /proc reports it. */
const SCHED_IDLE = 5;
const threadPolicies = () => threadStatField(41);
const hasChrt = (() => {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Twelve users with overlapping histories (user k saves notes k … k+7), so item neighbours exist. */
const events: EngineEvent[] = Array.from({ length: 12 }, (_, u) => Array.from({ length: 8 }, (_, j) => ({
  type: 'save', userId: `u${u}`, noteId: `n${u + j}`, clientEventId: `s${u}-${j}`, ts: 1_000 + u * 10 + j,
}) as EngineEvent)).flat();

test('on a database file, a serving node trains, stores and reads models on its model thread and attaches the same model as in-thread training', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-model-thread-'));
  const url = `sqlite://${join(dir, 'nw.db')}`;
  const storage = await openStorage(url, { migrate: true });
  const config = parseConfig({ NOTEWAVE_ROLE: 'all', NOTEWAVE_MODEL: 'itemknn', NOTEWAVE_MODEL_REFRESH: '10m', NOTEWAVE_MODEL_MIN_INTERACTIONS: '4' }).config;
  const jobs: ModelJobs[] = [];
  try {
    await storage.events.append(events);
    const lines: { msg: string; fields: object }[] = [];
    const threadedEngine = await engineOn(storage);
    // The threaded node's storage records the models it reads on this (the serving) thread while `countReads` is set.
    const mainReads: string[] = [];
    let countReads = false;
    const models = new Proxy(storage.models, {
      get: (target, key) => (key === 'getModel'
        ? (name: string) => {
          if (countReads) mainReads.push(name);
          return target.getModel(name);
        }
        : Reflect.get(target, key)),
    });
    const seen = new Proxy(storage, { get: (target, key) => (key === 'models' ? models : Reflect.get(target, key)) });
    const threaded = new ModelJobs({ config, storage: seen, engine: threadedEngine, clock, log: logger(lines), databaseUrl: url });
    jobs.push(threaded);
    const linux = process.platform === 'linux';
    if (linux) assert.ok(!threadNiceValues().includes(MODEL_THREAD_NICE), 'no thread runs at the model thread\'s priority yet');
    // An API node has nothing to train and, with no model stored, nothing to load: it starts no thread.
    const idleApi = new ModelJobs({ config: { ...config, role: 'api' }, storage, engine: await engineOn(storage), clock, log: logger([]), databaseUrl: url });
    jobs.push(idleApi);
    await idleApi.loadAtStart();
    assert.equal(idleApi.threadStarted, false, 'no model to load and none to train: no thread yet');
    await threaded.loadAtStart();
    assert.equal(threaded.threaded, true);
    assert.equal(threadedEngine.recommender.attachedModel(SERVED_MODEL), undefined, 'nothing stored yet');
    assert.equal(threaded.threadStarted, true, 'a node that trains starts its model thread before it serves');
    if (linux) assert.equal(threadNiceValues().filter((n) => n === MODEL_THREAD_NICE).length, 1, 'the model thread, and only it, runs at a lower priority');
    if (linux && hasChrt) assert.equal(threadPolicies().filter((p) => p === SCHED_IDLE).length, 1, 'the model thread, and only it, is in the idle scheduling class');
    await threaded.refreshNow();
    assert.equal(lines.at(-1)?.msg, 'model trained and stored');
    assert.deepEqual({ ...lines.at(-1)!.fields, ms: 0 }, { model: 'itemknn', version: 1, users: 12, notes: 19, interactions: 96, events: 96, ms: 0, thread: true });
    assert.equal(threaded.loader.version, 1);
    assert.equal(threaded.loader.kind, 'itemknn');
    assert.equal(threaded.threadStarted, true);

    // The same run on the calling thread, on an engine of its own over the same database.
    const inThreadEngine = await engineOn(storage);
    const inThread = new ModelJobs({ config, storage, engine: inThreadEngine, clock, log: logger([]) });
    jobs.push(inThread);
    await inThread.loadAtStart();
    assert.equal(inThread.threaded, false);
    await inThread.refreshNow();
    assert.equal(inThread.loader.version, 2);
    // With its thread running, the threaded node learns of version 2 and loads it without reading storage itself.
    countReads = true;
    assert.equal(await threaded.loader.refresh(), true);
    assert.equal(await threaded.loader.refresh(), false, 'nothing newer');
    countReads = false;
    assert.deepEqual(mainReads, [], 'the model thread read the head and the model');
    assert.equal(threaded.loader.version, 2);
    const a = threadedEngine.recommender.attachedModel(SERVED_MODEL)!;
    const b = inThreadEngine.recommender.attachedModel(SERVED_MODEL)!;
    for (let u = 0; u < 12; u++) {
      const recent = [threadedEngine.catalog.get(`n${u}`)?.ix ?? -1].filter((ix) => ix >= 0);
      assert.deepEqual(a.recommend(`u${u}`, recent, 10), b.recommend(`u${u}`, recent, 10), `user u${u}`);
    }

    // An API node picks the newest version up through its own model thread.
    const apiEngine = await engineOn(storage);
    const api = new ModelJobs({ config: { ...config, role: 'api' }, storage, engine: apiEngine, clock, log: logger([]), databaseUrl: url });
    jobs.push(api);
    await api.loadAtStart();
    assert.equal(api.threadStarted, true, 'a stored model is read on the thread');
    assert.equal(api.loader.version, 2);
    assert.equal(await api.loader.refresh(), false, 'nothing newer');
    assert.deepEqual(apiEngine.recommender.attachedModel(SERVED_MODEL)!.recommend('u3', [], 10), b.recommend('u3', [], 10));
  } finally {
    for (const j of jobs) await j.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a memory database keeps the model work on the calling thread', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const config = parseConfig({ NOTEWAVE_MODEL: 'pop', NOTEWAVE_MODEL_MIN_INTERACTIONS: '4' }).config;
    const jobs = new ModelJobs({ config, storage, engine: await engineOn(storage), clock, log: logger([]), databaseUrl: 'sqlite::memory:' });
    await jobs.loadAtStart();
    assert.equal(jobs.threaded, false);
    await jobs.close();
  } finally {
    await storage.close();
  }
});

test('ids packed by the model thread map exactly as the whole-array mapping does', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const engine = await engineOn(storage);
    const noteIds = Array.from({ length: 45_001 }, (_, i) => `n${i}`);
    const userIds = Array.from({ length: 20_003 }, (_, i) => `u${i}`);
    const packed = packedIdIndexMap(engine, { noteIds: packIds(noteIds), userIds: packIds(userIds) });
    const whole = idIndexMap(engine, { noteIds, userIds });
    for (const u of [0, 1, 19_999, 20_000, 20_002, 20_003]) assert.equal(packed.userOf?.(`u${u}`), whole.userOf?.(`u${u}`), `u${u}`);
    assert.equal(packed.userOf?.('u20002'), 20_002);
    for (const i of [0, 1, 19_999, 20_000, 45_000, 45_001]) assert.equal(packed.noteOfItem(i), whole.noteOfItem(i));
  } finally {
    await storage.close();
  }
});
