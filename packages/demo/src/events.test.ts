import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent, type EngineEvent } from '@notewave/engine';
import { generateCommunity } from './community.ts';

const community = generateCommunity({ seed: 8, users: 400, notes: 3000, days: 30, eventsPerUser: 60 });
const events = [...community.events()];
const notes = [...community.notes()];
const noteById = new Map(notes.map((n) => [n.id, n]));
const users = [...community.users()];
const userIndex = new Map(users.map((u, i) => [u.id, i]));

test('every event validates and comes back unchanged', () => {
  assert.ok(events.length > 10_000);
  for (const e of events) {
    const r = validateEvent(e, e.userId, e.ts);
    assert.ok(r.ok, r.ok ? '' : `${r.message}: ${JSON.stringify(e)}`);
    assert.deepEqual(r.event, e);
  }
});

test('events are time-ordered inside the window and never precede their user or note', () => {
  const { startTime, endTime } = community.options;
  let last = -Infinity;
  for (const e of events) {
    assert.ok(e.ts >= last && e.ts >= startTime && e.ts < endTime);
    last = e.ts;
    assert.ok(users[userIndex.get(e.userId)!]!.createdAt <= e.ts);
    if ('noteId' in e) assert.ok(noteById.get(e.noteId)!.createdAt <= e.ts, `${e.type} before its note exists`);
  }
});

test('client event ids are unique per user', () => {
  const seen = new Set<string>();
  for (const e of events) {
    const key = `${e.userId} ${e.clientEventId}`;
    assert.ok(!seen.has(key), key);
    seen.add(key);
  }
});

test('follow events only add edges that did not stand before', () => {
  const edges = new Set<string>();
  for (const f of community.follows()) edges.add(`${f.followerId}>${f.followeeId}`);
  let follows = 0;
  for (const e of events) {
    if (e.type !== 'follow') continue;
    follows++;
    const key = `${e.userId}>${e.targetUserId}`;
    assert.ok(!edges.has(key), key);
    edges.add(key);
  }
  assert.ok(follows > 0);
});

test('behaviour follows interests: most opens land on the reader’s categories', () => {
  let opens = 0;
  let onInterest = 0;
  for (const e of events) {
    if (e.type !== 'open') continue;
    opens++;
    if (community.profileOf(userIndex.get(e.userId)!).interests.includes(noteById.get(e.noteId)!.category)) onInterest++;
  }
  assert.ok(onInterest / opens > 0.6);
});

test('short videos are watched through more often than long ones', () => {
  const rate = (pred: (sec: number) => boolean) => {
    const vs = events.filter((e): e is Extract<EngineEvent, { type: 'view' }> => {
      if (e.type !== 'view') return false;
      const n = noteById.get(e.noteId)!;
      return n.kind === 'video' && pred(n.media.durationSec!);
    });
    return vs.filter((v) => v.portion === 1).length / vs.length;
  };
  assert.ok(rate((s) => s <= 20) > rate((s) => s >= 60));
});

test('the search history carries the article’s queries', () => {
  const c = generateCommunity({ seed: 2, users: 800, notes: 2000, eventsPerUser: 40 });
  const queries = new Set<string>();
  for (const e of c.events()) if (e.type === 'search') queries.add(e.query);
  for (const q of ['DeepSeek', 'AI', '护肤', '杭州旅行']) assert.ok(queries.has(q), q);
});

test('US activity spikes with the refugee wave and collapses after the pause', () => {
  const { startTime, wave } = community.options;
  const DAY = 86_400_000;
  const dau = (day: number) => {
    const active = new Set<string>();
    for (const e of events) {
      if (Math.floor((e.ts - startTime) / DAY) === day && users[userIndex.get(e.userId)!]!.market === 'US') active.add(e.userId);
    }
    return active.size;
  };
  const before = dau(wave.day - 3);
  const peak = Math.max(dau(wave.pauseDay - 2), dau(wave.pauseDay - 1));
  const after = dau(wave.pauseDay + 5);
  assert.ok(peak > before * 1.5, `peak ${peak} vs before ${before}`);
  assert.ok(after < peak * 0.6, `after ${after} vs peak ${peak}`);
});

test('comment events carry an id from which the Comment record is rebuilt', () => {
  const comments = events.filter((e) => e.type === 'comment');
  assert.ok(comments.length > 0);
  for (const e of comments) {
    const c = community.commentFor(e)!;
    assert.ok(c && e.type === 'comment' && c.id === e.commentId && c.noteId === e.noteId && c.authorId === e.userId && c.createdAt === e.ts);
    assert.ok(c.body.length > 0);
  }
  assert.equal(community.commentFor(events.find((e) => e.type !== 'comment')!), null);
});
