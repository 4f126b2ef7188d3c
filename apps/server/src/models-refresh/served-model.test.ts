import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateCommunity } from '@notewave/demo';
import { PopularityModel, SeededRng, TimeRandomIds } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadEngine } from '../engine/load-engine.ts';
import { seedCommunity } from '../seeding/seed-community.ts';
import { attachServedModel, idIndexMap } from './served-model.ts';

test('model indices map to the catalog through note ids: unknown notes map to nothing, and a mismatched model is refused', async () => {
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    await seedCommunity(storage, generateCommunity({ seed: 2, users: 6, notes: 12, days: 1, eventsPerUser: 0 }), async (p) => p);
    const clock = { now: () => Date.UTC(2026, 10, 20) };
    const rng = new SeededRng(1);
    const { engine } = await loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng) });
    const a = engine.catalog.at(3)!, b = engine.catalog.at(7)!;
    // Trained on notes b, a and one since deleted; catalog note 0 was never trained on.
    const meta = { userIds: ['u1'], noteIds: [b.id, 'deleted-note', a.id] };
    const map = idIndexMap(engine, meta);
    assert.deepEqual([0, 1, 2].map((i) => map.noteOfItem(i)), [7, -1, 3]);
    assert.deepEqual([7, 3, 0, 999].map((ix) => map.itemOfNote(ix)), [0, 2, -1, -1]);
    assert.equal(map.userOf?.('u1'), 0);
    assert.equal(map.userOf?.('someone-else'), undefined);

    const model = new PopularityModel('pop', 1, Float32Array.of(3, 2, 1));
    const served = attachServedModel(engine, model, { ...meta, kind: 'pop', trainedAt: 0, interactions: 3, lastSeq: 0, seed: 1 });
    // The deleted note is skipped; the rest keep the model's order and scores.
    assert.deepEqual(served.recommend('u1', [], 3), [{ ix: 7, score: 3 }, { ix: 3, score: 1 }]);
    assert.throws(() => attachServedModel(engine, model, { ...meta, noteIds: [b.id], kind: 'pop', trainedAt: 0, interactions: 3, lastSeq: 0, seed: 1 }), /1×3 indices but 1 user and 1 note ids/);
  } finally {
    await storage.close();
  }
});
