import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, ManualClock, SeededRng, TimeRandomIds, type EngineEvent } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { EngineSync } from './engine-sync.ts';

const share = (userId: string, id: string): EngineEvent => ({ type: 'share', userId, clientEventId: id, ts: 1, noteId: 'n1' });

test('on a shared log, tailing applies other nodes\' events once and skips this node\'s own', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(1);
    const engine = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng) });
    engine.upsertNote({
      id: 'n1', authorId: 'u9', kind: 'image', title: 't', body: '', tags: [], category: 'food/recipes', language: 'en',
      media: { images: [] }, createdAt: clock.now(), editedAt: null, deleted: false,
    });
    const sync = new EngineSync(engine, storage.events, true, 0);

    // This node stores and applies one event directly...
    const mine = share('u1', 'a');
    const [outcome] = await storage.events.append([mine]);
    sync.applyStored([{ event: mine, seq: (outcome as { seq: number }).seq }]);
    // ...while "another node" appends two more to the same log.
    await storage.events.append([share('u2', 'b'), share('u3', 'c')]);
    assert.equal(engine.noteStats('n1').shares, 1);

    assert.equal(await sync.catchUp(), 2);
    assert.equal(engine.noteStats('n1').shares, 3);
    assert.equal(await sync.catchUp(), 0);
    assert.equal(sync.appliedSeq, await storage.events.lastSeq());
  } finally {
    await storage.close();
  }
});

test('a single node applies its own events even when concurrent requests deliver them out of order', async () => {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  try {
    const clock = new ManualClock();
    const rng = new SeededRng(2);
    const engine = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng) });
    engine.upsertNote({
      id: 'n1', authorId: 'u9', kind: 'image', title: 't', body: '', tags: [], category: 'food/recipes', language: 'en',
      media: { images: [] }, createdAt: clock.now(), editedAt: null, deleted: false,
    });
    const sync = new EngineSync(engine, storage.events, false, 0);
    const a = share('u1', 'a');
    const b = share('u2', 'b');
    const [oa, ob] = await storage.events.append([a, b]);
    sync.applyStored([{ event: b, seq: (ob as { seq: number }).seq }]);
    sync.applyStored([{ event: a, seq: (oa as { seq: number }).seq }]);
    assert.equal(engine.noteStats('n1').shares, 2);
    assert.equal(sync.appliedSeq, (ob as { seq: number }).seq);
  } finally {
    await storage.close();
  }
});
