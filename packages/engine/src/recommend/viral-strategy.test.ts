import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommunity, impress, type Community } from './testing/community-fixture.ts';
import type { FeedItem } from './feed.ts';

const SMALL_POOLS = { pools: { stages: [30, 300, 3000] } };

/** One viewer request on the video surface; the viewer's reaction to each item is decided by `react`. */
function watch(c: Community, viewer: string, react: (item: FeedItem) => number | null): FeedItem[] {
  const page = c.engine.feed({ userId: viewer, surface: 'video', limit: 10 });
  impress(c, viewer, page.items.map((i) => i.noteId));
  for (const it of page.items) {
    const portion = react(it);
    if (portion === null) continue;
    c.engine.applyEvent(c.ev(viewer, { type: 'view', noteId: it.noteId, portion, ms: Math.round(portion * 30_000) }));
  }
  return page.items;
}

test('the video surface serves only videos', () => {
  const c = buildCommunity();
  const page = c.engine.feed({ userId: 'v0', surface: 'video', limit: 30 });
  assert.equal(page.strategy, 'viral');
  assert.ok(page.items.length === 30 && page.items.every((i) => c.notes.get(i.noteId)!.kind === 'video'));
});

test('a new note by an author with no followers reaches strangers through its first traffic pool', () => {
  const c = buildCommunity({ recommend: SMALL_POOLS });
  for (let i = 0; i < 19; i++) c.post(`other-new${i}`, 'video', 'pets/cats', `cat clip ${i}`, ['cats'], 20);
  const note = c.post('newbie', 'video', 'comedy/skits', 'my first skit', ['skits'], 25);
  assert.equal(c.engine.recommender.state.follows.followerCount('newbie'), 0);
  assert.deepEqual(c.engine.noteStats(note.id).pool, { state: 'active', stage: 0, capacity: 30, impressions: 0, successes: 0 });
  // 20 pool notes, 2.5 reserved pool slots a page handed to the least-shown notes first: every one of them has
  // been shown once within 20 / 2.5 = 8 requests (a page's slots break ties by score, so allow one page more).
  let firstSeen = -1;
  let reason = '';
  for (let r = 0; r < 40 && firstSeen < 0; r++) {
    const items = watch(c, `stranger${r}`, () => null);
    const hit = items.find((i) => i.noteId === note.id);
    if (hit) [firstSeen, reason] = [r, hit.reasons.map((x) => x.code).join(',')];
  }
  assert.ok(firstSeen >= 0, 'never served');
  assert.ok(firstSeen <= 9, `first served at request ${firstSeen}`);
  assert.match(reason, /new_creator/);
  // Served to strangers until its first pool is used up, then decided.
  for (let r = 40; r < 400 && c.engine.noteStats(note.id).pool.state === 'active' && (c.engine.noteStats(note.id).pool as { stage: number }).stage === 0; r++) {
    watch(c, `stranger${r}`, () => null);
  }
  assert.ok(c.engine.noteStats(note.id).impressions >= 9, 'reached at least the early-decision share of its first pool');
  assert.notDeepEqual(c.engine.noteStats(note.id).pool, { state: 'active', stage: 0, capacity: 30, impressions: 0, successes: 0 });
});

test('a high-completion note is promoted to the next pool, a low-completion one is retired', () => {
  const c = buildCommunity({ recommend: SMALL_POOLS });
  const hi = c.post('hi-author', 'video', 'pets/dogs', 'dog does a backflip', ['dogs'], 45).id;
  const lo = c.post('lo-author', 'video', 'pets/dogs', 'blurry dog', ['dogs'], 45).id;
  const avg = Array.from({ length: 6 }, (_, i) => c.post(`avg${i}`, 'video', 'pets/cats', `cat ${i}`, ['cats'], 45).id);
  const pct = (id: string) => (id === hi ? 0.95 : id === lo ? 0.05 : avg.includes(id) ? (c.rng.next() < 0.4 ? 0.9 : 0.3) : c.rng.next());
  for (let r = 0; r < 300; r++) {
    const state = (id: string) => c.engine.noteStats(id).pool;
    if (state(lo).state === 'retired' && state(hi).state !== 'active') break;
    if (state(lo).state === 'retired' && (state(hi) as { stage?: number }).stage === 1) break;
    watch(c, `viewer${r}`, (it) => pct(it.noteId));
  }
  const hiPool = c.engine.noteStats(hi).pool;
  const loPool = c.engine.noteStats(lo).pool;
  assert.ok(hiPool.state === 'graduated' || (hiPool.state === 'active' && hiPool.stage >= 1), `hi: ${JSON.stringify(hiPool)}`);
  assert.deepEqual(loPool, { state: 'retired', stage: 0 });
  // Promoted notes keep reaching strangers and are labelled as rising.
  let rising = false;
  for (let r = 0; r < 60 && !rising; r++) rising = watch(c, `later${r}`, () => null).some((i) => i.noteId === hi && i.reasons.some((x) => x.code === 'rising'));
  assert.ok(rising);
});

test('a complete view of a long video is stronger evidence than of a 10-second clip', () => {
  const c = buildCommunity();
  const short = c.post('s', 'video', 'pets/cats', 'short cat', ['shortcat'], 10).id;
  const long = c.post('l', 'video', 'pets/dogs', 'long dog', ['longdog'], 180).id;
  c.engine.applyEvent(c.ev('w', { type: 'view', noteId: short, portion: 1 }));
  c.engine.applyEvent(c.ev('w', { type: 'view', noteId: long, portion: 1 }));
  const p = c.engine.recommender.state.profile('w')!;
  assert.ok(p.weight('t:longdog', c.clock.now()) > 2 * p.weight('t:shortcat', c.clock.now()));
});

test('fast skips push a note down the viral ranking', () => {
  const c = buildCommunity();
  const a = c.post('x1', 'video', 'comedy/memes', 'meme a', ['memes'], 20).id;
  const b = c.post('x2', 'video', 'comedy/memes', 'meme b', ['memes'], 20).id;
  for (let i = 0; i < 30; i++) {
    const u = `sk${i}`;
    impress(c, u, [a, b]);
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: a, portion: 0.03, ms: 600 }));
    c.engine.applyEvent(c.ev(u, { type: 'view', noteId: b, portion: 0.6, ms: 12_000 }));
  }
  assert.equal(c.engine.noteStats(a).skips, 30);
  // Both notes on one page (the video catalog is small enough for a page of 100 to hold them), so their scores compare.
  const page = c.engine.feed({ userId: 'probe', surface: 'video', limit: 100 }).items;
  const ia = page.find((i) => i.noteId === a);
  const ib = page.find((i) => i.noteId === b);
  assert.ok(ia && ib, 'both notes are served');
  assert.ok(ib.score > ia.score, `watched ${ib.score}, skipped ${ia.score}`);
  assert.ok(page.indexOf(ib) < page.indexOf(ia));
});

test('a video shown 320 times to 40 viewers who never watch it leaves the pools and reaches few new users', () => {
  const c = buildCommunity();
  for (let i = 0; i < 9; i++) c.post(`pool-mate${i}`, 'video', 'pets/cats', `猫咪的一天 ${i}`, ['猫咪日常'], 20);
  const idle = c.post('idle-author', 'video', 'comedy/skits', '没人看完的段子', ['冷笑话'], 25).id;
  // Each of 40 viewers is shown it eight times over five hours and never plays it.
  for (let i = 0; i < 320; i++) {
    c.clock.advance(60_000);
    impress(c, `idler${i % 40}`, [idle]);
  }
  assert.equal(c.engine.noteStats(idle).impressions, 320);
  assert.deepEqual(c.engine.noteStats(idle).pool, { state: 'retired', stage: 0 });
  let reached = 0;
  for (let i = 0; i < 50; i++) {
    c.engine.addUser({ id: `newcomer${i}`, market: i % 2 ? 'US' : 'CN', createdAt: c.clock.now() });
    if (c.engine.feed({ userId: `newcomer${i}`, surface: 'video', limit: 20 }).items.some((it) => it.noteId === idle)) reached++;
  }
  assert.ok(reached <= 10, `shown to ${reached} of 50 new users`);
});

test('a video its first viewers skip still gets its share of the first pool', () => {
  const c = buildCommunity();
  const mates = Array.from({ length: 19 }, (_, i) => c.post(`mate${i}`, 'video', 'pets/dogs', `狗狗散步 ${i}`, ['遛狗'], 20).id);
  const skipped = c.post('skip-author', 'video', 'comedy/memes', '三秒就被划走', ['划走'], 25).id;
  for (let r = 0; r < 200; r++) watch(c, `passer${r}`, (it) => (it.noteId === skipped ? 0.03 : null));
  const stats = c.engine.noteStats(skipped);
  assert.ok(stats.skips >= 20, `skipped ${stats.skips} times`);
  // 200 requests × 2.5 pool slots over 20 pool videos: 25 each when shared evenly.
  const others = mates.map((id) => c.engine.noteStats(id).impressions).sort((x, y) => x - y);
  const median = others[9] as number;
  assert.ok(stats.impressions >= 20 && stats.impressions >= 0.8 * median, `skipped video ${stats.impressions} impressions, others' median ${median}`);
  assert.ok((others[0] as number) >= 0.8 * median, `least-shown pool video ${others[0]}, median ${median}`);
  assert.equal(stats.pool.state, 'active');
});
