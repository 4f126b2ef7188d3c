import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity } from './testing/community-fixture.ts';

// One contract, every registered strategy: what any pipeline must guarantee to the feed API.
const c0 = buildCommunity();
for (const strategy of c0.engine.recommender.strategies()) {
  test(`${strategy}: unknown users get a cold-start page within the limit`, () => {
    const c = buildCommunity();
    const page = c.engine.feed({ userId: 'nobody-knows-me', surface: 'discover', strategy, limit: 7 });
    assert.equal(page.strategy, strategy);
    assert.equal(page.items.length, 7);
  });

  test(`${strategy}: recIds are unique, items never repeat across pages, no deleted or blocked notes`, () => {
    const c = buildCommunity();
    const deleted = new Set([...c.groups.other.slice(0, 60), ...c.groups.guide.slice(0, 10)]);
    for (const id of deleted) c.engine.removeNote(id);
    c.engine.setAuthorBlocked('author3');
    const u = 'contract-user';
    c.engine.addUser({ id: u, market: 'US', createdAt: c.clock.now() });
    c.search(u, 'DeepSeek');
    c.engine.applyEvent(c.ev(u, { type: 'save', noteId: c.groups.other[70] as string }));
    const recIds = new Set<string>();
    const notes = new Set<string>();
    let sessionId: string | undefined;
    for (let p = 0; p < 5; p++) {
      const page = c.engine.feed({ userId: u, surface: 'discover', strategy, limit: 12, ...(sessionId ? { sessionId } : {}) });
      sessionId = page.sessionId;
      assert.ok(page.items.length > 0 && page.items.length <= 12);
      for (const it of page.items) {
        assert.ok(typeof it.recId === 'string' && it.recId.length > 0 && !recIds.has(it.recId));
        recIds.add(it.recId);
        assert.ok(!notes.has(it.noteId), `repeated ${it.noteId}`);
        notes.add(it.noteId);
        assert.ok(!deleted.has(it.noteId), 'deleted note served');
        assert.notEqual(c.notes.get(it.noteId)!.authorId, 'author3');
        assert.ok(it.reasons.length > 0 && it.sources.length > 0 && Number.isFinite(it.score));
        assert.equal(it.exploration, it.reasons.some((r) => r.code === 'explore'));
      }
    }
  });

  test(`${strategy}: a creator never sees their own notes`, () => {
    const c = buildCommunity();
    const author = c.notes.get(c.groups.guide[0] as string)!.authorId;
    c.engine.addUser({ id: author, market: 'CN', createdAt: c.clock.now() });
    c.search(author, 'DeepSeek');
    let sessionId: string | undefined;
    for (let p = 0; p < 4; p++) {
      const page = c.engine.feed({ userId: author, surface: 'discover', strategy, limit: 12, ...(sessionId ? { sessionId } : {}) });
      sessionId = page.sessionId;
      for (const it of page.items) assert.notEqual(c.notes.get(it.noteId)!.authorId, author, 'own note served');
    }
  });

  test(`${strategy}: the same seed and events give the same pages`, () => {
    const run = () => {
      const c = buildCommunity({ seed: 11 });
      c.search('det', 'DeepSeek');
      return c.engine.feed({ userId: 'det', surface: 'video', strategy, limit: 10, sessionId: 's' }).items.map((i) => [i.noteId, i.recId]);
    };
    assert.deepEqual(run(), run());
  });
}
