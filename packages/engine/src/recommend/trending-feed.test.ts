import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress } from './testing/community-fixture.ts';

test('a sudden burst on a tag reaches users who never engaged with it, labelled with that tag trending in their market', () => {
  const c = buildCommunity();
  const pranks = c.groups.other.filter((id) => c.notes.get(id)!.tags.includes('pranks'));
  // A skincare fan in the US with no history near pranks.
  const carol = 'carol';
  c.engine.addUser({ id: carol, market: 'US', createdAt: c.clock.now() });
  for (const id of c.groups.other.filter((x) => c.notes.get(x)!.category === 'beauty/skincare').slice(0, 3)) {
    c.engine.applyEvent(c.ev(carol, { type: 'save', noteId: id }));
  }
  const before = c.engine.feed({ userId: carol, surface: 'discover', limit: 20 });
  assert.ok(!before.items.some((i) => i.reasons.some((r) => r.code === 'trending')));
  // 40 US users pile onto three pranks notes within 20 minutes.
  for (let i = 0; i < 40; i++) {
    const u = `fan${i}`;
    c.engine.addUser({ id: u, market: 'US', createdAt: c.clock.now() });
    c.clock.advance(30_000);
    for (const id of pranks.slice(0, 3)) {
      impress(c, u, [id]);
      c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 1 }));
      c.engine.applyEvent(c.ev(u, { type: 'like', noteId: id }));
      if (i % 4 === 0) c.engine.applyEvent(c.ev(u, { type: 'share', noteId: id }));
    }
  }
  assert.ok(c.engine.trending('US', 5).some((t) => t.key === 't:pranks'));
  for (const surface of ['discover', 'video']) {
    const page = c.engine.feed({ userId: carol, surface, limit: 20 });
    const trending = page.items.filter((i) => i.reasons.some((r) => r.code === 'trending'));
    assert.ok(trending.length >= 1, `no trending item on ${surface}`);
    for (const it of trending) {
      const note = c.notes.get(it.noteId)!;
      assert.ok(note.tags.includes('pranks'), `${note.title} is not a pranks note`);
      assert.ok(it.reasons.some((r) => r.code === 'trending' && r.text.includes('US')));
      // The reason names the trend itself, whether the note was picked as a surging note or under its tag.
      assert.ok(it.reasons.some((r) => r.code === 'trending' && r.params?.tag === 'pranks'), `${note.title}: ${JSON.stringify(it.reasons)}`);
    }
  }
  // Users in another market see it as a community-wide trend at most, never labelled US.
  c.engine.addUser({ id: 'dan', market: 'CN', createdAt: c.clock.now() });
  const cn = c.engine.feed({ userId: 'dan', surface: 'discover', limit: 20 });
  assert.ok(cn.items.every((i) => i.reasons.every((r) => !r.text.includes('US'))));
});
