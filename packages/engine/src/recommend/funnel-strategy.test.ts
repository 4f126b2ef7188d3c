import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress, type Community } from './testing/community-fixture.ts';
import type { FeedPage } from './feed.ts';

const groupOf = (c: Community, id: string) => (Object.entries(c.groups).find(([, ids]) => ids.includes(id))?.[0] ?? 'none');
const count = (c: Community, page: FeedPage, ...groups: string[]) => page.items.filter((i) => groups.includes(groupOf(c, i.noteId))).length;

function newUser(c: Community, id: string, market = 'US'): string {
  c.engine.addUser({ id, market, createdAt: c.clock.now() });
  return id;
}

test('after searching "DeepSeek" the next discover page is dominated by DeepSeek notes, explained by the search', () => {
  const c = buildCommunity();
  const u = newUser(c, 'alice');
  const before = c.engine.feed({ userId: u, surface: 'discover', limit: 20 });
  const baseline = count(c, before, 'guide', 'coder', 'deepseek');
  c.search(u, 'DeepSeek');
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20 });
  const after = count(c, page, 'guide', 'coder', 'deepseek');
  assert.ok(after >= 14 && after >= baseline + 6, `DeepSeek notes: ${baseline}/20 before, ${after}/20 after`);
  const related = page.items.filter((i) => groupOf(c, i.noteId) !== 'other' && groupOf(c, i.noteId) !== 'ai');
  assert.ok(related.every((i) => i.reasons.some((r) => r.code === 'search' && r.text.includes("'DeepSeek'"))));
});

test('complete reads of a sub-topic narrow the following pages to it, skimmed notes do not', () => {
  const c = buildCommunity();
  const u = newUser(c, 'bo', 'CN');
  c.search(u, 'DeepSeek');
  const s = 'sess-bo';
  const first = c.engine.feed({ userId: u, surface: 'discover', limit: 10, sessionId: s });
  impress(c, u, first.items.map((i) => i.noteId));
  const read = c.groups.guide.slice(0, 3);
  const skimmed = c.groups.coder.slice(0, 3);
  for (const id of read) {
    c.engine.applyEvent(c.ev(u, { type: 'open', noteId: id }));
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 0.95, ms: 40_000 }));
  }
  for (const id of skimmed) {
    c.engine.applyEvent(c.ev(u, { type: 'open', noteId: id }));
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: id, portion: 0.08, ms: 1_200 }));
  }
  const next = c.engine.feed({ userId: u, surface: 'discover', limit: 10, sessionId: s });
  const guide = count(c, next, 'guide');
  const coder = count(c, next, 'coder');
  assert.ok(guide >= 6, `guide notes ${guide}/10`);
  assert.ok(coder <= 2, `coder notes ${coder}/10`);
  assert.ok(guide > count(c, first, 'guide'));
  assert.ok(next.items.some((i) => groupOf(c, i.noteId) === 'guide' && i.reasons.some((r) => r.code === 'finished' && r.text.includes('保姆级攻略'))));
});

test('dwell normalised by note length counts as a complete read', () => {
  const c = buildCommunity();
  const u = newUser(c, 'dw');
  const id = c.groups.guide[0] as string;
  const expected = c.engine.recommender.state.expectedMs(c.engine.catalog.get(id)!);
  const base = c.engine.noteStats(id).completes;
  c.engine.applyEvent(c.ev(u, { type: 'dwell', noteId: id, ms: Math.ceil(expected) }));
  assert.equal(c.engine.noteStats(id).completes, base + 1);
  c.engine.applyEvent(c.ev(u, { type: 'dwell', noteId: id, ms: Math.floor(expected * 0.3) }));
  assert.equal(c.engine.noteStats(id).completes, base + 1);
});

test('saves weigh more than likes in the interest profile', () => {
  const c = buildCommunity();
  const u = newUser(c, 'cy');
  const liked = c.groups.other.filter((id) => c.notes.get(id)!.category === 'food/baking').slice(0, 3);
  const saved = c.groups.other.filter((id) => c.notes.get(id)!.category === 'home/decor').slice(0, 3);
  for (const id of liked) c.engine.applyEvent(c.ev(u, { type: 'like', noteId: id }));
  for (const id of saved) c.engine.applyEvent(c.ev(u, { type: 'save', noteId: id }));
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 30 });
  const rank = (cat: string) => {
    const pos = page.items.map((it, i) => (c.notes.get(it.noteId)!.category === cat ? i : -1)).filter((i) => i >= 0);
    assert.ok(pos.length > 0, `no ${cat} notes`);
    return pos.reduce((a, b) => a + b, 0) / pos.length;
  };
  assert.ok(rank('home/decor') < rank('food/baking'));
  const p = c.engine.recommender.state.profile(u)!;
  assert.ok(p.weight('s:home/decor', c.clock.now()) > 2 * p.weight('s:food/baking', c.clock.now()));
  const decor = page.items.find((i) => c.notes.get(i.noteId)!.category === 'home/decor')!;
  assert.ok(decor.reasons.some((r) => r.code === 'saved'));
});

test('not interested in an author removes that author from every later page', () => {
  const c = buildCommunity();
  const u = newUser(c, 'dee');
  c.search(u, 'DeepSeek');
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20 });
  const author = c.notes.get(page.items[0]!.noteId)!.authorId;
  c.engine.applyEvent(c.ev(u, { type: 'not_interested', targetKind: 'author', target: author }));
  for (let i = 0; i < 5; i++) {
    const p = c.engine.feed({ userId: u, surface: i % 2 ? 'video' : 'discover', limit: 20 });
    assert.ok(p.items.every((it) => c.notes.get(it.noteId)!.authorId !== author));
  }
});

test('not interested in a tag and in a note hide them', () => {
  const c = buildCommunity();
  const u = newUser(c, 'eve');
  c.search(u, 'DeepSeek');
  c.engine.applyEvent(c.ev(u, { type: 'not_interested', targetKind: 'tag', target: '#程序员神器' }));
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 30 });
  assert.ok(page.items.every((it) => !c.notes.get(it.noteId)!.tags.includes('程序员神器')));
  const note = page.items[0]!.noteId;
  c.engine.applyEvent(c.ev(u, { type: 'not_interested', targetKind: 'note', target: note }));
  const again = c.engine.feed({ userId: u, surface: 'discover', limit: 30 });
  assert.ok(again.items.every((it) => it.noteId !== note));
});

test('pages of one session never repeat a note; impressed notes are not served again soon', () => {
  const c = buildCommunity();
  const u = newUser(c, 'fay');
  c.search(u, 'DeepSeek');
  const seen = new Set<string>();
  for (let i = 0; i < 8; i++) {
    const p = c.engine.feed({ userId: u, surface: 'discover', limit: 15, sessionId: 's1' });
    assert.equal(p.items.length, 15);
    for (const it of p.items) {
      assert.ok(!seen.has(it.noteId), `repeated ${it.noteId} on page ${i}`);
      seen.add(it.noteId);
    }
  }
  const impressed = [...seen].slice(0, 10);
  impress(c, u, impressed);
  const other = c.engine.feed({ userId: u, surface: 'discover', limit: 50, sessionId: 's2' });
  assert.ok(other.items.every((it) => !impressed.includes(it.noteId)));
});

test('image notes come first on discover', () => {
  const c = buildCommunity();
  const u = newUser(c, 'gus');
  const page = c.engine.feed({ userId: u, surface: 'discover', limit: 20 });
  const images = page.items.filter((i) => c.notes.get(i.noteId)!.kind === 'image').length;
  assert.ok(images >= 15, `${images} image notes of 20`);
});

test('clicking a search result strengthens the clicked sub-topic under that query', () => {
  const c = buildCommunity();
  const u = newUser(c, 'hal');
  c.search(u, 'DeepSeek');
  const p = c.engine.recommender.state.profile(u)!;
  const before = p.weight('t:保姆级攻略', c.clock.now());
  c.engine.applyEvent(c.ev(u, { type: 'search_click', noteId: c.groups.guide[3] as string, query: 'DeepSeek' }));
  assert.ok(p.weight('t:保姆级攻略', c.clock.now()) > before + 1);
  assert.equal(p.topics.get('t:保姆级攻略')?.query, 'DeepSeek');
});

test('a read reported as both view and dwell counts once; a later completion upgrades a skim', () => {
  const c = buildCommunity();
  const u = newUser(c, 'ivy');
  const [a, b] = c.groups.coder as [string, string];
  const before = { a: c.engine.noteStats(a), b: c.engine.noteStats(b) };
  c.engine.applyEvent(c.ev(u, { type: 'view', noteId: a, portion: 1 }));
  c.engine.applyEvent(c.ev(u, { type: 'dwell', noteId: a, ms: 600_000 }));
  assert.equal(c.engine.noteStats(a).views, before.a.views + 1);
  assert.equal(c.engine.noteStats(a).completes, before.a.completes + 1);
  c.engine.applyEvent(c.ev(u, { type: 'view', noteId: b, portion: 0.05, ms: 500 }));
  assert.equal(c.engine.noteStats(b).skips, before.b.skips + 1);
  c.clock.advance(60_000);
  c.engine.applyEvent(c.ev(u, { type: 'view', noteId: b, portion: 0.95 }));
  assert.deepEqual([c.engine.noteStats(b).views, c.engine.noteStats(b).skips, c.engine.noteStats(b).completes], [before.b.views + 1, before.b.skips, before.b.completes + 1]);
});
