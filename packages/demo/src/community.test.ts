import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { HANDLE_PATTERN } from '@notewave/engine';
import { generateCommunity } from './community.ts';

const SMALL = { seed: 11, users: 120, notes: 900, days: 21, eventsPerUser: 40 };

function digest(xs: Iterable<unknown>): string {
  const h = createHash('sha256');
  for (const x of xs) h.update(JSON.stringify(x));
  return h.digest('hex');
}

test('the same seed yields identical users, notes, follows and events', () => {
  const a = generateCommunity(SMALL);
  const b = generateCommunity(SMALL);
  assert.equal(digest(a.users()), digest(b.users()));
  assert.equal(digest(a.notes()), digest(b.notes()));
  assert.equal(digest(a.follows()), digest(b.follows()));
  assert.equal(digest(a.events()), digest(b.events()));
  // Streams are re-iterable: a second pass over the same community gives the same records.
  assert.equal(digest(a.events()), digest(b.events()));
});

test('a different seed yields a different community', () => {
  const a = generateCommunity(SMALL);
  const b = generateCommunity({ ...SMALL, seed: 12 });
  assert.notEqual(digest(a.notes()), digest(b.notes()));
});

test('handles are unique and valid, and only the demo account is named demo', () => {
  const c = generateCommunity({ seed: 3, users: 3000, notes: 0 });
  const handles = new Set<string>();
  for (const u of c.users()) {
    assert.match(u.handle, HANDLE_PATTERN);
    assert.ok(!handles.has(u.handle), `duplicate handle ${u.handle}`);
    handles.add(u.handle);
    assert.equal(u.passwordHash, null);
    assert.ok(u.locale === 'zh-CN' || u.locale === 'en-US');
    assert.ok(u.displayName.trim().length > 0);
  }
  const [first] = c.users();
  assert.equal(first!.handle, 'demo');
  assert.deepEqual(c.demoAccount, { userId: first!.id, handle: 'demo', password: 'notewave-demo' });
});

test('users stream in creation order with ids ascending', () => {
  const users = [...generateCommunity({ seed: 5, users: 500, notes: 0 }).users()];
  for (let i = 1; i < users.length; i++) {
    assert.ok(users[i - 1]!.createdAt <= users[i]!.createdAt);
    assert.ok(users[i - 1]!.id < users[i]!.id);
  }
});

test('segments follow the article: lifestyle mostly female, entertainment balanced with many minors', () => {
  const c = generateCommunity({ seed: 9, users: 4000, notes: 0 });
  const tally = { lifestyle: { n: 0, female: 0, minor: 0 }, entertainment: { n: 0, female: 0, minor: 0 }, knowledge: { n: 0, female: 0, minor: 0 } };
  let i = 0;
  let cn = 0;
  for (const u of c.users()) {
    const t = tally[c.profileOf(i++).segment];
    t.n++;
    if (u.gender === 'female') t.female++;
    if (u.ageBand === 'under-18') t.minor++;
    if (u.market === 'CN') cn++;
  }
  assert.ok(tally.lifestyle.female / tally.lifestyle.n > 0.7);
  const entFemale = tally.entertainment.female / tally.entertainment.n;
  assert.ok(entFemale > 0.35 && entFemale < 0.55);
  assert.ok(tally.entertainment.minor / tally.entertainment.n > 0.12);
  assert.ok(cn / c.userCount > 0.5, 'CN is the majority market');
});

test('TikTok refugees are US users who arrive with the wave and mostly leave within a week of the pause', () => {
  const c = generateCommunity({ seed: 21, users: 2000, notes: 0 });
  const { startTime, wave } = c.options;
  const DAY = 86_400_000;
  let refugees = 0;
  let gone = 0;
  let i = 0;
  for (const u of c.users()) {
    const p = c.profileOf(i++);
    assert.equal(p.refugee, u.signupSource === 'tiktok-refugee');
    if (!p.refugee) continue;
    refugees++;
    assert.equal(u.market, 'US');
    assert.ok(u.createdAt >= startTime + (wave.day - 1) * DAY);
    if (p.churnAt !== null && p.churnAt < startTime + (wave.pauseDay + 7) * DAY) gone++;
  }
  assert.ok(refugees > 150);
  assert.ok(gone / refugees > 0.6 && gone / refugees < 0.8);
});

test('rejects nonsensical sizes', () => {
  assert.throws(() => generateCommunity({ seed: 1, users: 0, notes: 10 }), RangeError);
  assert.throws(() => generateCommunity({ seed: 1, users: 10, notes: 1.5 }), RangeError);
});
