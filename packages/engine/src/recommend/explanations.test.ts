import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress } from './testing/community-fixture.ts';
import { topicLabel } from './state/topic-keys.ts';
import type { FeedItem } from './feed.ts';

test('every explanation is true of the user, the note or the community', () => {
  const c = buildCommunity({ seed: 3 });
  const u = 'truth';
  const market = 'US';
  c.engine.addUser({ id: u, market, createdAt: c.clock.now() });
  const did = { search: [] as string[], save: [] as string[], like: [] as string[], read: [] as string[] };
  const other = c.groups.other;
  c.search(u, 'DeepSeek');
  did.search.push('DeepSeek');
  for (const id of other.slice(100, 103)) {
    c.engine.applyEvent(c.ev(u, { type: 'save', noteId: id }));
    did.save.push(id);
  }
  for (const id of other.slice(200, 203)) {
    c.engine.applyEvent(c.ev(u, { type: 'like', noteId: id }));
    did.like.push(id);
  }
  for (const id of c.groups.guide.slice(0, 2)) {
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 1 }));
    did.read.push(id);
  }
  c.engine.applyEvent(c.ev(u, { type: 'follow', targetUserId: 'author7' }));
  // Co-occurrence: others who saved what the user saved also saved another note.
  for (let i = 0; i < 5; i++) for (const id of [other[100] as string, other[300] as string]) c.engine.applyEvent(c.ev(`co${i}`, { type: 'save', noteId: id }));
  // A trend and a brand-new creator.
  for (let i = 0; i < 30; i++) {
    c.engine.addUser({ id: `t${i}`, market, createdAt: c.clock.now() });
    impress(c, `t${i}`, [other[150] as string]);
    c.engine.applyEvent(c.ev(`t${i}`, { type: 'like', noteId: other[150] as string }));
    c.engine.applyEvent(c.ev(`t${i}`, { type: 'share', noteId: other[150] as string }));
  }
  c.post('fresh-face', 'image', 'food/baking', 'first bake', ['baking'], undefined);
  c.post('fresh-face2', 'video', 'pets/cats', 'first cat', ['cats'], 12);

  const labelsOf = (ids: string[]) => new Set(ids.flatMap((id) => c.engine.runtime.topics.ofNote(c.engine.catalog.get(id)!).flatMap((k) => [topicLabel(k.key, 'en'), topicLabel(k.key, 'zh')])));
  const trending = new Set(c.engine.trending(market, 50).map((t) => t.key).concat(c.engine.trending('*', 50).map((t) => t.key)));
  const codes = new Set<string>();
  const check = (it: FeedItem) => {
    const note = c.notes.get(it.noteId)!;
    const meta = c.engine.catalog.get(it.noteId)!;
    for (const r of it.reasons) {
      codes.add(r.code);
      const about = (verb: string, ids: string[]) => {
        const m = r.text.match(new RegExp(`^you ${verb} notes on (.+)$`));
        assert.ok(m && labelsOf(ids).has(m[1] as string), `${r.text} for ${note.title}`);
      };
      switch (r.code) {
        case 'search': assert.ok(did.search.some((q) => r.text.startsWith(`you searched '${q}'`)), r.text); break;
        case 'saved': about('saved', did.save); break;
        case 'liked': about('liked', did.like); break;
        case 'finished': about('finished', did.read); break;
        case 'following': assert.equal(note.authorId, 'author7'); break;
        case 'trending': assert.ok(trending.has(`n:${note.id}`) || note.tags.some((t) => trending.has(`t:${t}`) && r.text.includes(`#${t}`)), `${r.text} for ${note.title}`); break;
        case 'new_creator': assert.ok(c.engine.recommender.state.follows.followerCount(note.authorId) < 10 && c.clock.now() - note.createdAt < 72 * 3_600_000); break;
        case 'popular': assert.ok([`s:${meta.category}`, `c:${meta.topCategory}`].some((k) => r.text === `popular in ${topicLabel(k, 'en')}`), r.text); break;
        case 'similar': assert.ok([...did.save, ...did.like, ...did.read].some((id) => r.text.includes(`'${c.notes.get(id)!.title}'`)), r.text); break;
        case 'explore': assert.equal(it.exploration, true); break;
        case 'fresh': assert.ok(c.clock.now() - note.createdAt < 72 * 3_600_000); break;
        case 'rising': assert.ok((c.engine.noteStats(note.id).pool as { stage?: number }).stage! >= 1); break;
        default: assert.fail(`unexpected reason ${r.code}: ${r.text}`);
      }
    }
  };
  for (const surface of ['discover', 'video']) {
    let sessionId: string | undefined;
    for (let p = 0; p < 4; p++) {
      const page = c.engine.feed({ userId: u, surface, limit: 20, ...(sessionId ? { sessionId } : {}) });
      sessionId = page.sessionId;
      page.items.forEach(check);
      // Reasons leave the engine as plain data: the same after a JSON round trip, at most three, distinct texts.
      for (const it of page.items) {
        assert.deepEqual(JSON.parse(JSON.stringify(it.reasons)), it.reasons);
        assert.ok(it.reasons.length <= 3 && new Set(it.reasons.map((r) => r.text)).size === it.reasons.length);
      }
    }
  }
  for (const code of ['search', 'saved', 'following', 'trending', 'new_creator', 'popular', 'similar']) assert.ok(codes.has(code), `no '${code}' reason seen`);
});
