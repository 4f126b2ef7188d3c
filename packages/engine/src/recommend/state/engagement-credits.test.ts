import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress } from '../testing/community-fixture.ts';
import { EngagementCredits } from './engagement-credits.ts';

test('each kind of engagement is credited once per user and note', () => {
  const credits = new EngagementCredits(4);
  assert.equal(credits.first('u1', 7, 'like', 1), true);
  assert.equal(credits.first('u1', 7, 'like', 2), false);
  assert.equal(credits.first('u1', 7, 'save', 3), true, 'another kind');
  assert.equal(credits.first('u2', 7, 'like', 4), true, 'another user');
  assert.equal(credits.first('u1', 8, 'like', 5), true, 'another note');
  // Past the per-user cap the least recently engaged note is forgotten.
  for (const ix of [9, 10, 11, 12]) credits.first('u1', ix, 'view', 6);
  assert.equal(credits.first('u1', 7, 'like', 7), true);
});

test('one user repeating engagement cannot pump a note’s trend, pool or share count', () => {
  const c = buildCommunity();
  const [pumped, honest] = c.groups.other.filter((id) => c.notes.get(id)!.tags.includes('pranks'));
  assert.ok(pumped && honest);
  c.engine.addUser({ id: 'pump', market: 'US', createdAt: c.clock.now() });
  for (let i = 0; i < 500; i++) {
    c.clock.advance(2_000);
    impress(c, 'pump', [pumped]);
    c.engine.applyEvent(c.ev('pump', { type: 'view', noteId: pumped, portion: 1 }));
    c.engine.applyEvent(c.ev('pump', { type: 'share', noteId: pumped }));
    c.engine.applyEvent(c.ev('pump', { type: i % 2 === 0 ? 'like' : 'unlike', noteId: pumped }));
  }
  const stats = c.engine.noteStats(pumped);
  assert.equal(stats.shares, 1);
  if (stats.pool.state === 'active') {
    assert.equal(stats.pool.impressions, 1);
    assert.ok(stats.pool.successes <= 1);
  }
  // Ten different users doing it once each make a real trend; the pumped note is not ahead of it.
  for (let i = 0; i < 10; i++) {
    const u = `fan${i}`;
    c.engine.addUser({ id: u, market: 'US', createdAt: c.clock.now() });
    impress(c, u, [honest]);
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: honest, portion: 1 }));
    c.engine.applyEvent(c.ev(u, { type: 'share', noteId: honest }));
  }
  const velocity = (id: string) => c.engine.recommender.state.trends.velocity('US', `n:${c.engine.catalog.get(id)!.ix}`, c.clock.now());
  assert.ok(velocity(pumped) < velocity(honest), `pumped ${velocity(pumped)} vs honest ${velocity(honest)}`);
  const keys = c.engine.trending('US', 50).map((t) => t.key);
  const rank = (id: string) => keys.indexOf(`n:${id}`);
  assert.ok(rank(pumped) === -1 || (rank(honest) !== -1 && rank(honest) < rank(pumped)), `trending: ${keys.join(' ')}`);
  assert.equal(c.engine.noteStats(honest).shares, 10);
});
