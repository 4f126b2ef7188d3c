import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EngineEvent } from '../domain/event.ts';
import { activesReport } from './actives.ts';
import { audienceReport } from './audience.ts';
import { Bitset, intersectCount } from './bitset.ts';
import { DayCalendar } from './calendar.ts';
import { contentReport } from './content.ts';
import { funnelReport } from './funnel.ts';
import { retentionReport } from './retention.ts';
import { reportTable, toCsv } from './tables.ts';
import { AnalyticsRollup, type AnalyticsNoteInfo } from './rollup.ts';
import type { AnalyticsUser } from './user-table.ts';

const T0 = Date.UTC(2025, 0, 13); // Monday 2025-01-13 00:00 UTC
const H = 3_600_000;
const D = 24 * H;

const NOTES: Record<string, AnalyticsNoteInfo> = {
  n1: { category: 'beauty/skincare', kind: 'image', tags: ['护肤', 'spf'] },
  n2: { category: 'comedy/sketch', kind: 'video', tags: ['prank'] },
  n3: { category: 'music-dance/challenge', kind: 'video', tags: ['dance'] },
};

function rollup(timeZone = 'UTC'): AnalyticsRollup {
  return new AnalyticsRollup({
    timeZone,
    noteInfo: (id) => NOTES[id] ?? null,
    strategyOf: (surface) => (surface === 'video' ? 'viral' : 'funnel'),
  });
}

function user(id: string, createdAt: number, extra: Partial<AnalyticsUser> = {}): AnalyticsUser {
  return { id, createdAt, market: 'CN', signupSource: 'organic', ageBand: null, gender: null, incomeBand: null, ...extra };
}

let cid = 0;
function ev(userId: string, ts: number, e: Record<string, unknown>): EngineEvent {
  return { userId, ts, clientEventId: `c${cid++}`, ...e } as EngineEvent;
}

describe('day calendar', () => {
  it('puts an instant on the local date of the community time zone, across daylight-saving changes', () => {
    const ny = new DayCalendar('America/New_York');
    // 2025-01-14 03:00 UTC is still 2025-01-13 in New York (UTC-5).
    assert.equal(ny.label(ny.dayOf(T0 + D + 3 * H)), '2025-01-13');
    assert.equal(ny.label(ny.dayOf(T0 + D + 6 * H)), '2025-01-14');
    // Summer time (UTC-4): 2025-07-01 03:30 UTC is 2025-06-30 23:30 local.
    assert.equal(ny.label(ny.dayOf(Date.UTC(2025, 6, 1, 3, 30))), '2025-06-30');
    assert.equal(ny.label(ny.dayOf(Date.UTC(2025, 6, 1, 4, 30))), '2025-07-01');
    const sh = new DayCalendar('Asia/Shanghai');
    assert.equal(sh.label(sh.dayOf(T0 - 9 * H)), '2025-01-12');
    assert.equal(sh.label(sh.dayOf(T0 - 7 * H)), '2025-01-13');
  });

  it('parses only real YYYY-MM-DD dates and refuses unknown zones', () => {
    const c = new DayCalendar();
    assert.equal(c.label(c.parse('2025-01-13')), '2025-01-13');
    assert.throws(() => c.parse('2025-02-30'), RangeError);
    assert.throws(() => c.parse('13/01/2025'), RangeError);
    assert.throws(() => new DayCalendar('Mars/Olympus'), RangeError);
    assert.equal(c.label(c.weekStart(c.weekOf(c.parse('2025-01-19')))), '2025-01-13');
  });
});

describe('bitset', () => {
  it('adds, counts, iterates and intersects past its first capacity', () => {
    const a = new Bitset(8);
    for (const i of [0, 31, 32, 1000, 5000]) assert.equal(a.add(i), true);
    assert.equal(a.add(32), false);
    assert.equal(a.count(), 5);
    const seen: number[] = [];
    a.forEach((i) => seen.push(i));
    assert.deepEqual(seen, [0, 31, 32, 1000, 5000]);
    const b = new Bitset();
    b.add(31);
    b.add(5000);
    b.add(7);
    assert.equal(intersectCount(a, b), 2);
  });
});

describe('actives', () => {
  it('counts daily actives by market in the community time zone, with day-over-day change', () => {
    const r = rollup('America/New_York');
    r.addUser(user('a', T0 - 10 * D, { market: 'US' }));
    r.addUser(user('b', T0 - 10 * D, { market: 'US' }));
    r.addUser(user('c', T0 - 10 * D, { market: 'CN' }));
    // Local 2025-01-13 (New York): a at 15:00 UTC, b at 2025-01-14 02:00 UTC (still the 13th locally), c at 18:00 UTC.
    r.apply(ev('a', T0 + 15 * H, { type: 'open', noteId: 'n1' }));
    r.apply(ev('b', T0 + D + 2 * H, { type: 'open', noteId: 'n1' }));
    r.apply(ev('c', T0 + 18 * H, { type: 'open', noteId: 'n1' }));
    // Local 2025-01-14: only a (twice).
    r.apply(ev('a', T0 + D + 14 * H, { type: 'like', noteId: 'n1' }));
    r.apply(ev('a', T0 + D + 15 * H, { type: 'share', noteId: 'n1' }));
    const from = r.calendar.parse('2025-01-13');
    const rep = activesReport(r, { from, to: from + 1, by: 'market', metric: 'dau', since: from });
    assert.deepEqual(rep.days, ['2025-01-13', '2025-01-14']);
    const us = rep.series.find((s) => s.key === 'US')!;
    const cn = rep.series.find((s) => s.key === 'CN')!;
    assert.deepEqual(us.values, [2, 1]);
    assert.deepEqual(cn.values, [1, 0]);
    assert.deepEqual(us.dayOverDay, [null, -0.5]);
    assert.deepEqual(cn.sinceChange, [0, -1]);
    // The same log in UTC splits b onto the 14th.
    const u = rollup('UTC');
    for (const id of ['a', 'b', 'c']) u.addUser(user(id, T0 - 10 * D, { market: id === 'c' ? 'CN' : 'US' }));
    u.apply(ev('a', T0 + 15 * H, { type: 'open', noteId: 'n1' }));
    u.apply(ev('b', T0 + D + 2 * H, { type: 'open', noteId: 'n1' }));
    u.apply(ev('a', T0 + D + 14 * H, { type: 'like', noteId: 'n1' }));
    const utc = activesReport(u, { from, to: from + 1, by: 'market', metric: 'dau' });
    assert.deepEqual(utc.series.find((s) => s.key === 'US')!.values, [1, 2]);
  });

  it('counts weekly actives over a rolling seven days and reads a -54% / -70% drop straight off', () => {
    const r = rollup();
    for (let i = 0; i < 100; i++) r.addUser(user(`u${i}`, T0 - 30 * D, { signupSource: 'tiktok-refugee', market: 'US' }));
    const day0 = r.calendar.dayOf(T0);
    // 100 active on day 0, 46 on day 1, 30 on day 7.
    for (let i = 0; i < 100; i++) r.apply(ev(`u${i}`, T0 + H, { type: 'open', noteId: 'n1' }));
    for (let i = 0; i < 46; i++) r.apply(ev(`u${i}`, T0 + D + H, { type: 'open', noteId: 'n1' }));
    for (let i = 0; i < 30; i++) r.apply(ev(`u${i}`, T0 + 7 * D + H, { type: 'open', noteId: 'n1' }));
    const dau = activesReport(r, { from: day0, to: day0 + 7, by: 'source', metric: 'dau', since: day0 });
    const s = dau.series[0]!;
    assert.equal(s.key, 'tiktok-refugee');
    assert.equal(s.sinceChange![1], -0.54);
    assert.ok(Math.abs((s.sinceChange![7] as number) + 0.7) < 1e-12);
    assert.equal(s.weekOverWeek[7], -0.7);
    const wau = activesReport(r, { from: day0, to: day0 + 7, by: 'all', metric: 'wau' });
    assert.deepEqual(wau.series[0]!.values, [100, 100, 100, 100, 100, 100, 100, 46]);
  });
});

describe('retention', () => {
  it('builds a daily cohort table and size-weighted curves split by source', () => {
    const r = rollup();
    const day0 = r.calendar.dayOf(T0);
    // Cohort day 0: four refugees, two natives. Cohort day 1: two natives.
    for (const id of ['r1', 'r2', 'r3', 'r4']) r.addUser(user(id, T0 + H, { signupSource: 'tiktok-refugee' }));
    for (const id of ['n1', 'n2']) r.addUser(user(id, T0 + 2 * H));
    for (const id of ['n3', 'n4']) r.addUser(user(id, T0 + D + H));
    const act = (id: string, day: number): void => r.apply(ev(id, T0 + day * D + 5 * H, { type: 'open', noteId: 'n1' }));
    for (const id of ['r1', 'r2', 'r3', 'r4', 'n1', 'n2']) act(id, 0);
    act('r1', 1); act('n1', 1); act('n2', 1); act('n3', 1); act('n4', 1);
    act('n1', 2); act('n3', 2);
    const rep = retentionReport(r, { from: day0, to: day0 + 1, period: 'day', by: 'source', horizon: 3 });
    const row = (cohort: string, key: string) => rep.rows.find((x) => x.cohort === cohort && x.key === key)!;
    assert.deepEqual(row('2025-01-13', 'tiktok-refugee'), { cohort: '2025-01-13', key: 'tiktok-refugee', size: 4, retained: [1, 0.25, 0, null] });
    assert.deepEqual(row('2025-01-13', 'organic').retained, [1, 1, 0.5, null]);
    // The day-1 cohort has data up to day 2 only (its day 1); days past the data are null.
    assert.deepEqual(row('2025-01-14', 'organic').retained, [1, 0.5, null, null]);
    const organic = rep.curves.find((c) => c.key === 'organic')!;
    assert.deepEqual(organic.retained, [1, 0.75, 0.5, null]);
  });

  it('measures weekly cohorts by activity on any day of each week', () => {
    const r = rollup();
    const day0 = r.calendar.dayOf(T0); // a Monday
    r.addUser(user('a', T0 + 2 * D)); // signs up Wednesday of week 0
    r.addUser(user('b', T0 + 3 * D));
    r.apply(ev('a', T0 + 2 * D, { type: 'open', noteId: 'n1' }));
    r.apply(ev('b', T0 + 3 * D, { type: 'open', noteId: 'n1' }));
    r.apply(ev('a', T0 + 13 * D, { type: 'open', noteId: 'n1' })); // Sunday of week 1
    r.apply(ev('b', T0 + 14 * D, { type: 'open', noteId: 'n1' })); // Monday of week 2: the data ends mid-week 2
    const rep = retentionReport(r, { from: day0, to: day0 + 6, period: 'week', by: 'all', horizon: 2 });
    assert.deepEqual(rep.rows, [{ cohort: '2025-01-13', key: 'all', size: 2, retained: [1, 0.5, null] }]);
  });
});

describe('audience', () => {
  it('compares the demographic mix of two sources as shares', () => {
    const r = rollup();
    r.addUser(user('n1', T0, { ageBand: '25-30', gender: 'female', incomeBand: 'high' }));
    r.addUser(user('n2', T0, { ageBand: '18-24', gender: 'female', incomeBand: 'high' }));
    r.addUser(user('n3', T0, { ageBand: '25-30', gender: 'male', incomeBand: 'mid' }));
    r.addUser(user('n4', T0, { ageBand: '25-30', gender: 'female', incomeBand: null }));
    r.addUser(user('t1', T0 + D, { signupSource: 'tiktok-refugee', ageBand: 'under-18', gender: 'male', incomeBand: 'low' }));
    r.addUser(user('t2', T0 + D, { signupSource: 'tiktok-refugee', ageBand: '18-24', gender: 'female', incomeBand: 'mid' }));
    const rep = audienceReport(r, { by: 'source' });
    const organic = rep.groups.find((g) => g.key === 'organic')!;
    const refugees = rep.groups.find((g) => g.key === 'tiktok-refugee')!;
    assert.equal(organic.users, 4);
    assert.deepEqual(organic.mix.gender, { female: 0.75, male: 0.25 });
    assert.deepEqual(organic.mix.ageBand, { '25-30': 0.75, '18-24': 0.25 });
    assert.deepEqual(organic.mix.incomeBand, { high: 0.5, mid: 0.25, unknown: 0.25 });
    assert.deepEqual(refugees.mix.gender, { male: 0.5, female: 0.5 });
    assert.deepEqual(refugees.mix.ageBand, { 'under-18': 0.5, '18-24': 0.5 });
    // Restricted to signups on the second day, only the refugees remain.
    const day1 = r.calendar.dayOf(T0 + D);
    assert.deepEqual(audienceReport(r, { by: 'all', from: day1, to: day1 }).groups.map((g) => g.users), [2]);
  });
});

describe('content', () => {
  it('gives the category mix consumed and created per group, the video share and rising tags', () => {
    const r = rollup();
    r.addUser(user('n', T0));
    r.addUser(user('t', T0, { signupSource: 'tiktok-refugee' }));
    const day0 = r.calendar.dayOf(T0);
    r.addNote('n', T0 + H, NOTES.n1!);
    r.addNote('t', T0 + H, NOTES.n2!);
    r.addNote('t', T0 + 2 * H, NOTES.n3!);
    r.apply(ev('n', T0 + 3 * H, { type: 'open', noteId: 'n1' }));
    r.apply(ev('n', T0 + 3 * H, { type: 'open', noteId: 'n2' })); // opening a video is not a watch
    r.apply(ev('n', T0 + 4 * H, { type: 'view', noteId: 'n2', portion: 0.5 }));
    r.apply(ev('t', T0 + 3 * H, { type: 'view', noteId: 'n2', portion: 1 }));
    r.apply(ev('t', T0 + D + 3 * H, { type: 'view', noteId: 'n3', portion: 0.2 }));
    r.apply(ev('t', T0 + D + 4 * H, { type: 'view', noteId: 'n3', portion: 0.95 }));
    r.apply(ev('t', T0 + D + 5 * H, { type: 'view', noteId: 'missing', portion: 1 }));
    const rep = contentReport(r, { from: day0, to: day0 + 1, by: 'source' });
    const n = rep.groups.find((g) => g.key === 'organic')!;
    const t = rep.groups.find((g) => g.key === 'tiktok-refugee')!;
    assert.deepEqual(n.consumed, { beauty: 0.5, comedy: 0.5 });
    assert.equal(n.videoShare, 0.5);
    assert.deepEqual(n.created, { beauty: 1 });
    assert.deepEqual(t.consumed, { 'music-dance': 2 / 3, comedy: 1 / 3 });
    assert.deepEqual(t.created, { comedy: 0.5, 'music-dance': 0.5 });
    assert.equal(t.videoShare, 1);
    assert.deepEqual(t.topTags, [{ tag: 'dance', count: 2 }, { tag: 'prank', count: 1 }]);
    assert.deepEqual(t.risingTags, [{ tag: 'dance', count: 2, growth: 3 }]);
  });
});

describe('funnel', () => {
  it('counts impression → open → complete → actions per surface and strategy, completion bins and search-first sessions', () => {
    const r = rollup();
    r.addUser(user('a', T0));
    r.addUser(user('b', T0));
    const day0 = r.calendar.dayOf(T0);
    // a: a discover session that starts with a search.
    r.apply(ev('a', T0 + H, { type: 'impression', noteId: 'n1', position: 0, surface: 'discover' }));
    r.apply(ev('a', T0 + H + 1000, { type: 'search', query: '护肤', resultIds: ['n1'], surface: 'search' }));
    r.apply(ev('a', T0 + H + 2000, { type: 'open', noteId: 'n1', surface: 'discover' }));
    r.apply(ev('a', T0 + H + 3000, { type: 'save', noteId: 'n1', surface: 'discover' }));
    // b: two video sessions (a 2-hour gap), neither starting with a search.
    r.apply(ev('b', T0 + H, { type: 'impression', noteId: 'n2', position: 0, surface: 'video' }));
    r.apply(ev('b', T0 + H, { type: 'impression', noteId: 'n3', position: 1, surface: 'video' }));
    r.apply(ev('b', T0 + H + 5000, { type: 'view', noteId: 'n2', portion: 0.95, surface: 'video' }));
    r.apply(ev('b', T0 + H + 9000, { type: 'view', noteId: 'n3', portion: 0.31, surface: 'video' }));
    r.apply(ev('b', T0 + 3 * H, { type: 'like', noteId: 'n2', surface: 'video' }));
    r.apply(ev('b', T0 + 3 * H + 1, { type: 'follow', targetUserId: 'a', surface: 'video' }));
    const rep = funnelReport(r, { from: day0, to: day0, by: 'all' });
    const g = rep.groups[0]!;
    const discover = g.rows.find((x) => x.surface === 'discover')!;
    const video = g.rows.find((x) => x.surface === 'video')!;
    assert.equal(discover.strategy, 'funnel');
    assert.deepEqual(discover.counts, [1, 1, 0, 0, 1, 0, 0, 0]);
    assert.equal(video.strategy, 'viral');
    assert.deepEqual(video.counts, [2, 0, 1, 1, 0, 0, 0, 1]);
    assert.deepEqual(video.perImpression.slice(0, 4), [1, 0, 0.5, 0.5]);
    assert.deepEqual(g.completion, [0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    assert.equal(g.sessions, 3);
    assert.equal(g.searchFirstShare, 1 / 3);
    // The user's strategy is the one that first served them.
    const byStrategy = funnelReport(r, { from: day0, to: day0, by: 'strategy' });
    assert.deepEqual(byStrategy.groups.map((x) => x.key).sort(), ['funnel', 'viral']);
  });
});

describe('incremental rollups', () => {
  it('equal a rollup rebuilt from scratch, whatever the reports read in between', () => {
    const users: AnalyticsUser[] = [];
    const events: EngineEvent[] = [];
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 60; i++) {
      users.push(user(`u${i}`, T0 + Math.floor(rnd() * 5) * D, {
        market: rnd() < 0.5 ? 'US' : 'CN', signupSource: rnd() < 0.4 ? 'tiktok-refugee' : 'organic',
        ageBand: rnd() < 0.5 ? '18-24' : '25-30', gender: rnd() < 0.6 ? 'female' : 'male', incomeBand: 'mid',
      }));
    }
    const types = ['impression', 'open', 'view', 'like', 'save', 'search', 'share'];
    let ts = T0;
    for (let i = 0; i < 3000; i++) {
      ts += Math.floor(rnd() * 20 * 60_000);
      const u = users[Math.floor(rnd() * users.length)]!;
      const type = types[Math.floor(rnd() * types.length)]!;
      const noteId = ['n1', 'n2', 'n3'][Math.floor(rnd() * 3)]!;
      const surface = rnd() < 0.5 ? 'video' : 'discover';
      const extra = type === 'impression' ? { position: 0 } : type === 'view' ? { portion: Math.round(rnd() * 100) / 100 } : type === 'search' ? { query: 'q', resultIds: [] } : {};
      events.push(ev(u.id, Math.max(ts, u.createdAt), { type, noteId, surface, ...extra }));
    }
    const reports = (r: AnalyticsRollup): string => {
      const { from, to } = r.range!;
      return JSON.stringify([
        activesReport(r, { from, to, by: 'market', metric: 'wau', since: from }),
        retentionReport(r, { from, to, period: 'day', by: 'source', horizon: 7 }),
        audienceReport(r, { by: 'source' }),
        contentReport(r, { from, to, by: 'ageBand' }),
        funnelReport(r, { from, to, by: 'strategy' }),
      ]);
    };
    const incremental = rollup();
    for (const u of users) incremental.addUser(u);
    for (let i = 0; i < events.length; i++) {
      incremental.apply(events[i]!);
      if (i % 700 === 0) reports(incremental);
    }
    const rebuilt = rollup();
    for (const u of users) rebuilt.addUser(u);
    for (const e of events) rebuilt.apply(e);
    assert.equal(reports(incremental), reports(rebuilt));
    assert.equal(rebuilt.appliedEvents, 3000);
  });
});

describe('report tables', () => {
  it('flatten a report to rows and quote CSV fields that need it', () => {
    const r = rollup();
    r.addUser(user('a', T0, { market: 'US,CA' }));
    r.apply(ev('a', T0 + H, { type: 'open', noteId: 'n1' }));
    const day0 = r.calendar.dayOf(T0);
    const t = reportTable({ name: 'actives', report: activesReport(r, { from: day0, to: day0, by: 'market', metric: 'dau' }) });
    assert.deepEqual(t.columns, ['day', 'market', 'dau', 'day_over_day', 'week_over_week', 'since']);
    assert.deepEqual(t.rows, [['2025-01-13', 'US,CA', 1, null, null, null]]);
    assert.equal(toCsv(t), 'day,market,dau,day_over_day,week_over_week,since\r\n2025-01-13,"US,CA",1,,,\r\n');
    const ret = reportTable({ name: 'retention', report: retentionReport(r, { from: day0, to: day0, period: 'day', by: 'all', horizon: 1 }) });
    assert.deepEqual(ret.columns, ['cohort', 'all', 'size', 'd0', 'd1']);
    assert.deepEqual(ret.rows, [['2025-01-13', 'all', 1, 1, null]]);
  });
});

describe('segments', () => {
  it('put an account in the audience whose categories it consumes most, unless it brought its own', () => {
    const r = rollup();
    r.addUser(user('a', T0));
    r.addUser(user('b', T0, { segment: 'knowledge' }));
    const day0 = r.calendar.dayOf(T0);
    r.apply(ev('a', T0 + H, { type: 'open', noteId: 'n1' })); // beauty: lifestyle
    r.apply(ev('a', T0 + 2 * H, { type: 'view', noteId: 'n2', portion: 1 })); // comedy: entertainment (a tie keeps the first)
    r.apply(ev('a', T0 + 3 * H, { type: 'view', noteId: 'n3', portion: 1 })); // music: entertainment
    r.apply(ev('b', T0 + 3 * H, { type: 'view', noteId: 'n3', portion: 1 }));
    assert.equal(r.users.value(r.users.indexOf('a')!, 'segment'), 'entertainment');
    assert.equal(r.users.value(r.users.indexOf('b')!, 'segment'), 'knowledge');
    // Actives split by the account's segment now; counters by the segment it was in when each event happened.
    const dau = activesReport(r, { from: day0, to: day0, by: 'segment', metric: 'dau' });
    assert.deepEqual(dau.series.map((s) => s.key).sort(), ['entertainment', 'knowledge']);
    const content = contentReport(r, { from: day0, to: day0, by: 'segment' });
    assert.deepEqual(content.groups.map((g) => [g.key, g.consumedTotal]).sort(), [['knowledge', 1], ['lifestyle', 2], ['unknown', 1]]);
  });
});

describe('experiment variants', () => {
  it('split retention by the variant that first served each account, the same live and rebuilt', () => {
    const build = (): AnalyticsRollup => {
      const r = rollup();
      for (const id of ['a', 'b', 'c']) r.addUser(user(id, T0));
      r.addExposure('a', 'exp/control', T0 + H);
      r.apply(ev('a', T0 + H, { type: 'impression', noteId: 'n1', position: 0, surface: 'discover' }));
      r.addExposure('b', 'exp/treatment', T0 + 2 * H);
      r.apply(ev('b', T0 + 2 * H, { type: 'impression', noteId: 'n1', position: 0, surface: 'discover' }));
      // A later exposure to another variant does not move the account.
      r.addExposure('a', 'other/b', T0 + 3 * H);
      r.apply(ev('b', T0 + D + H, { type: 'open', noteId: 'n1' }));
      r.apply(ev('c', T0 + D + H, { type: 'open', noteId: 'n1' }));
      return r;
    };
    const r = build();
    assert.equal(r.users.value(r.users.indexOf('a')!, 'variant'), 'exp/control');
    const day0 = r.calendar.dayOf(T0);
    const report = retentionReport(r, { from: day0, to: day0, period: 'day', by: 'variant', horizon: 1 });
    assert.deepEqual(report.rows.map((row) => [row.key, row.size, row.retained]), [
      ['unknown', 1, [0, 1]],
      ['exp/control', 1, [1, 0]],
      ['exp/treatment', 1, [1, 1]],
    ]);
    assert.equal(JSON.stringify(retentionReport(build(), { from: day0, to: day0, period: 'day', by: 'variant', horizon: 1 })), JSON.stringify(report));
  });
});
