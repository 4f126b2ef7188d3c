import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCommunity } from '@notewave/demo';
import { deserializeModel, SeededRng, TimeRandomIds, topCandidates, type Engine, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadEngine } from '../engine/load-engine.ts';
import { seedCommunity } from '../seeding/seed-community.ts';
import { startTestNode } from '../testing/test-node.ts';
import { readHead, refreshModel, SERVED_MODEL, SERVED_MODEL_HEAD, type ServedModelMeta } from './model-refresh.ts';
import { attachServedModel } from './served-model.ts';

const TRAINED_AT = Date.UTC(2026, 10, 20);

/** A small demo community written into a fresh store. */
async function seeded(url = 'sqlite::memory:'): Promise<Storage> {
  const storage = await openStorage(url);
  await storage.migrate();
  const community = generateCommunity({ seed: 5, users: 40, notes: 160, days: 4, eventsPerUser: 40 });
  await seedCommunity(storage, community, async (p) => `plain:${p}`);
  return storage;
}

/** A throwaway SQLite file, so several nodes (as separate processes would) open the same database. */
function tempDatabase(): { url: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-models-'));
  return { url: `sqlite://${join(dir, 'notewave.db')}`, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function collaborativeItems(engine: Engine, userId: string): number {
  return engine.feed({ userId, surface: 'discover', limit: 60 }).items
    .filter((i) => i.sources.includes('collaborative') && i.reasons.some((r) => r.code === 'collaborative')).length;
}

test('a stored model round-trips, and the model the feed is served scores exactly as the trained one', async () => {
  const storage = await seeded();
  try {
    const r = await refreshModel(storage, { model: 'itemknn', seed: 3, minInteractions: 50, now: () => TRAINED_AT });
    assert.ok(r.stored, 'the demo community has enough positives');
    assert.equal(r.version, 1);
    assert.equal(r.meta.trainedAt, TRAINED_AT);
    assert.equal(r.meta.noteIds.length, r.model.nItems);
    assert.equal(r.meta.userIds.length, r.model.nUsers);
    assert.deepEqual(await readHead(storage), { version: 1, kind: 'itemknn', trainedAt: TRAINED_AT, lastSeq: r.meta.lastSeq });

    const stored = (await storage.models.getModel(SERVED_MODEL))!;
    const meta = stored.meta as unknown as ServedModelMeta;
    assert.deepEqual(meta, r.meta);
    const loaded = deserializeModel(stored.bytes);
    const a = new Float32Array(loaded.nItems), b = new Float32Array(loaded.nItems);
    for (let u = 0; u < loaded.nUsers; u += 7) {
      r.model.scoreItems(u, a);
      loaded.scoreItems(u, b);
      assert.deepEqual(b, a, `user ${meta.userIds[u]}`);
    }

    // The served adapter, mapped through ids onto a catalog, proposes the trained model's top items in order.
    const engine = await loadInto(storage);
    const served = attachServedModel(engine, loaded, meta);
    for (const u of [0, 3, 11]) {
      const userId = meta.userIds[u]!;
      const expected = topCandidates(r.model, { userIx: u, history: [] }, 20);
      const want = Array.from(expected.items, (item, k) => ({ ix: engine.catalog.get(meta.noteIds[item]!)!.ix, score: expected.scores[k]! }))
        .filter((x) => x.score > 0);
      assert.ok(want.length >= 5, `${userId} has ${want.length} scored neighbours`);
      assert.deepEqual(served.recommend(userId, [], 20), want, userId);
    }
    // Someone the model never saw is scored from their live history, the evaluation's fold-in path.
    const history = [meta.noteIds[0]!, meta.noteIds[1]!];
    const fold = topCandidates(r.model, { history: [0, 1] }, 10);
    assert.deepEqual(
      served.recommend('newcomer', history.map((id) => engine.catalog.get(id)!.ix), 10),
      Array.from(fold.items, (item, k) => ({ ix: engine.catalog.get(meta.noteIds[item]!)!.ix, score: fold.scores[k]! })).filter((x) => x.score > 0),
    );
  } finally {
    await storage.close();
  }
});

test('evaluating first records held-out metrics and stores the same model as training alone', async () => {
  const storage = await seeded();
  try {
    const plain = await refreshModel(storage, { model: 'itemknn', seed: 3, minInteractions: 50, now: () => TRAINED_AT });
    const checked = await refreshModel(storage, { model: 'itemknn', seed: 3, minInteractions: 50, now: () => TRAINED_AT, evaluate: true });
    assert.ok(plain.stored && checked.stored);
    assert.equal(plain.meta.metrics, undefined);
    const m = checked.meta.metrics!;
    assert.ok(m.users > 10 && m['recall@20']! > 0 && m['recall@20']! <= 1, JSON.stringify(m));
    assert.deepEqual(checked.model.serialize(), plain.model.serialize());
    assert.deepEqual((await storage.models.getModel(SERVED_MODEL))!.meta.metrics, m);
  } finally {
    await storage.close();
  }
});

test('repeated refreshes keep only the newest two models and one head record', async () => {
  const storage = await seeded();
  try {
    let last = 0;
    for (let i = 0; i < 4; i++) {
      const r = await refreshModel(storage, { model: 'pop', seed: 1, minInteractions: 50, now: () => TRAINED_AT + i });
      assert.ok(r.stored);
      last = r.version;
    }
    assert.equal(last, 4);
    assert.equal(await storage.models.pruneModels(SERVED_MODEL, 2), 0, 'already pruned to two');
    assert.equal(await storage.models.pruneModels(SERVED_MODEL_HEAD, 1), 0, 'already pruned to one');
    assert.equal((await storage.models.getModel(SERVED_MODEL))?.version, 4);
  } finally {
    await storage.close();
  }
});

test('too few interactions store nothing', async () => {
  const storage = await seeded();
  try {
    const r = await refreshModel(storage, { model: 'pop', seed: 1, minInteractions: 1_000_000, now: () => TRAINED_AT });
    assert.equal(r.stored, false);
    assert.match(!r.stored ? r.reason : '', /fewer than the 1000000 required/);
    assert.equal(await storage.models.getModel(SERVED_MODEL), null);
  } finally {
    await storage.close();
  }
});

test('in role all the node trains, attaches in-process, and the feed carries collaborative items', async () => {
  const db = tempDatabase();
  await (await seeded(db.url)).close();
  const node = await startTestNode({ NOTEWAVE_DATABASE_URL: db.url, NOTEWAVE_MODEL_MIN_INTERACTIONS: '50' });
  try {
    assert.deepEqual(node.jobs.names.filter((n) => n.startsWith('model')), ['model-load', 'model-refresh']);
    const [someone] = await node.storage.users.listUsers(null, 1);
    assert.equal(collaborativeItems(node.engine, someone!.id), 0, 'no model before the first training');
    assert.equal(await node.models.due(), true);
    await node.models.refreshIfDue();
    assert.equal(node.models.loader.version, 1);
    assert.equal(await node.models.due(), false, 'a fresh model is not retrained');
    assert.ok(collaborativeItems(node.engine, await trainedUser(node.storage)) > 0);
  } finally {
    await node.close();
    db.dispose();
  }
});

test('an api node loads the model a worker stored, and a node configured for another model retrains', async () => {
  const db = tempDatabase();
  await (await seeded(db.url)).close();
  const env = { NOTEWAVE_DATABASE_URL: db.url, NOTEWAVE_MODEL_MIN_INTERACTIONS: '50' };
  const worker = await startTestNode({ ...env, NOTEWAVE_ROLE: 'worker' });
  try {
    assert.deepEqual(worker.jobs.names.filter((n) => n.startsWith('model')), ['model-refresh']);
    await worker.models.refreshNow();
    assert.equal(worker.models.loader.version, 0, 'a worker stores without serving');
  } finally {
    await worker.close();
  }
  const api = await startTestNode({ ...env, NOTEWAVE_ROLE: 'api' });
  try {
    assert.deepEqual(api.jobs.names.filter((n) => n.startsWith('model')), ['model-load']);
    assert.equal(api.models.loader.version, 1, 'loaded at start-up');
    assert.equal(api.models.loader.kind, 'itemknn');
    assert.ok(collaborativeItems(api.engine, await trainedUser(api.storage)) > 0);
    assert.equal(await api.models.loader.refresh(), false, 'an unchanged version is not loaded again');
  } finally {
    await api.close();
  }
  const other = await startTestNode({ ...env, NOTEWAVE_MODEL: 'pop', NOTEWAVE_ROLE: 'worker' });
  try {
    assert.equal(await other.models.due(), true);
  } finally {
    await other.close();
    db.dispose();
  }
});

async function loadInto(storage: Storage): Promise<Engine> {
  const clock = { now: () => TRAINED_AT };
  const rng = new SeededRng(1);
  return (await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) })).engine;
}

/** The first user the stored model was trained on. */
async function trainedUser(storage: Storage): Promise<string> {
  const stored = await storage.models.getModel(SERVED_MODEL);
  return (stored!.meta as unknown as ServedModelMeta).userIds[0]!;
}
