import { TAXONOMY } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import { CONTENT, LEAVES, leafIndex } from './content/index.ts';
import { MARKETS, MARKET_INDEX, REFUGEE_SEGMENTS } from './markets.ts';
import { DAY_MS, HOUR_MS, type ResolvedOptions } from './options.ts';
import { cumulative, logNormal, pickCumulative, rngFor, STREAM } from './random.ts';
import { SEGMENTS, SEGMENT_PROFILES, type Segment } from './segments.ts';

/** How strongly a user cares about their 1st..4th interest. */
export const INTEREST_WEIGHTS: readonly number[] = [0.5, 0.25, 0.15, 0.1];
export const INTERESTS_PER_USER = INTEREST_WEIGHTS.length;
export const INTEREST_CUM = cumulative(INTEREST_WEIGHTS);

/**
 * Everything later streams need to know about users, in typed arrays (a few dozen bytes per user), indexed
 * by position in creation order. Index 0 is always the demo account.
 */
export interface UserPlan {
  count: number;
  ids: string[];
  createdAt: Float64Array;
  segment: Uint8Array;
  market: Uint8Array;
  /** 1 when the user's interface language is Chinese. */
  zh: Uint8Array;
  refugee: Uint8Array;
  /** After this time the user is gone (Infinity when they never leave). */
  churnAt: Float64Array;
  /** Relative activity, heavy-tailed, mean about 1. */
  activity: Float32Array;
  /** Prefix sums of posting weight in index order, for picking authors who existed at a given time. */
  creatorCum: Float64Array;
  /** INTERESTS_PER_USER leaf indices per user, strongest first. */
  interests: Uint8Array;
  /** The sub-topic preferred within each interest (the funnel's narrow end). */
  topics: Uint8Array;
}

const SEGMENT_NAMES = SEGMENTS as readonly Segment[];
const MARKET_CUM = cumulative(MARKETS.map((m) => m.share));
const MARKET_SEGMENT_CUM = MARKETS.map((m) => cumulative(SEGMENT_NAMES.map((s) => m.segments[s])));
const REFUGEE_SEGMENT_CUM = cumulative(SEGMENT_NAMES.map((s) => REFUGEE_SEGMENTS[s]));
const TOP_CUM = SEGMENT_NAMES.map((s) => cumulative(TAXONOMY.map((n) => SEGMENT_PROFILES[s].interests[n.id] ?? 0)));
const CHILD_LEAVES = TAXONOMY.map((n) => n.children.map((c) => LEAVES.indexOf(c.id)));
const LIFESTYLE = SEGMENT_NAMES.indexOf('lifestyle');
/** Organic users were mostly there before the window (up to this many days back); the demo account predates all. */
const HISTORY_DAYS = 400;

/** Draws every user's market, segment, join and leave times, activity, posting weight and interests. */
export function buildUserPlan(o: ResolvedOptions): UserPlan {
  const n = o.users;
  const refugees = Math.round((n - 1) * o.wave.refugeeShare);
  // Drawn in one sequential stream (the plan is always built whole), then re-indexed by join time.
  const d = emptyPlan(n);
  const rng = rngFor(o.seed, STREAM.user, 0);
  for (let j = 0; j < n; j++) {
    if (j === 0) drawDemo(o, d);
    else drawUser(o, rng, d, j, j <= refugees);
    if ((j & 8191) === 0) o.onProgress(j, n + o.notes, 'plan');
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => d.createdAt[a]! - d.createdAt[b]! || a - b);
  const p = emptyPlan(n);
  let activitySum = 0;
  for (let j = 0; j < n; j++) activitySum += d.activity[j]!;
  const activityScale = n / activitySum;
  let cum = 0;
  for (let i = 0; i < n; i++) {
    const j = order[i]!;
    p.ids[i] = `u_${d.createdAt[j]!.toString(36).padStart(9, '0')}${i.toString(36).padStart(4, '0')}`;
    p.createdAt[i] = d.createdAt[j]!;
    p.segment[i] = d.segment[j]!;
    p.market[i] = d.market[j]!;
    p.zh[i] = d.zh[j]!;
    p.refugee[i] = d.refugee[j]!;
    p.churnAt[i] = d.churnAt[j]!;
    p.activity[i] = d.activity[j]! * activityScale;
    // creatorCum holds raw posting weights until this pass turns them into prefix sums.
    cum += d.creatorCum[j]!;
    p.creatorCum[i] = cum;
    p.interests.set(d.interests.subarray(j * INTERESTS_PER_USER, (j + 1) * INTERESTS_PER_USER), i * INTERESTS_PER_USER);
    p.topics.set(d.topics.subarray(j * INTERESTS_PER_USER, (j + 1) * INTERESTS_PER_USER), i * INTERESTS_PER_USER);
  }
  return p;
}

/** The segment of user i by name. */
export function segmentName(p: UserPlan, i: number): Segment {
  return SEGMENT_NAMES[p.segment[i]!]!;
}

function emptyPlan(n: number): UserPlan {
  return {
    count: n,
    ids: new Array<string>(n),
    createdAt: new Float64Array(n),
    segment: new Uint8Array(n),
    market: new Uint8Array(n),
    zh: new Uint8Array(n),
    refugee: new Uint8Array(n),
    churnAt: new Float64Array(n),
    activity: new Float32Array(n),
    creatorCum: new Float64Array(n),
    interests: new Uint8Array(n * INTERESTS_PER_USER),
    topics: new Uint8Array(n * INTERESTS_PER_USER),
  };
}

/** The known demo account: a long-time Chinese lifestyle user whose interests show both funnels. */
function drawDemo(o: ResolvedOptions, d: UserPlan): void {
  d.createdAt[0] = o.startTime - (HISTORY_DAYS + 60) * DAY_MS;
  d.segment[0] = LIFESTYLE;
  d.market[0] = MARKET_INDEX.CN!;
  d.zh[0] = 1;
  d.churnAt[0] = Infinity;
  d.activity[0] = 1.5;
  d.creatorCum[0] = 3;
  ['beauty/skincare', 'travel/shop-visits', 'food/drinks', 'tech/ai'].forEach((id, k) => (d.interests[k] = leafIndex(id)));
}

function drawUser(o: ResolvedOptions, rng: SeededRng, d: UserPlan, j: number, refugee: boolean): void {
  const span = o.endTime - o.startTime;
  let createdAt: number;
  let churnAt = Infinity;
  let market: number;
  let segment: number;
  if (refugee) {
    market = MARKET_INDEX.US!;
    segment = pickCumulative(rng, REFUGEE_SEGMENT_CUM);
    // Arrivals peak on the wave day, a few the evening before, a long tail after.
    const offsetDays = -0.3 + -Math.log(1 - rng.next()) * 1.6;
    createdAt = clampTime(o.startTime + (o.wave.day + offsetDays) * DAY_MS, o);
    const pause = o.startTime + o.wave.pauseDay * DAY_MS;
    if (rng.next() >= o.wave.retained) {
      const onPauseDay = rng.next() < 0.78;
      churnAt = onPauseDay ? pause + rng.next() * 4 * HOUR_MS : pause + (1 + rng.next() * 6) * DAY_MS;
      if (churnAt <= createdAt + HOUR_MS) churnAt = createdAt + (1 + rng.next() * 24) * HOUR_MS;
    }
  } else {
    market = pickCumulative(rng, MARKET_CUM);
    segment = pickCumulative(rng, MARKET_SEGMENT_CUM[market]!);
    createdAt = rng.next() < 0.85
      ? o.startTime - Math.pow(rng.next(), 1.3) * HISTORY_DAYS * DAY_MS - HOUR_MS
      : o.startTime + rng.next() * span;
    if (rng.next() < 0.03) churnAt = Math.max(createdAt, o.startTime) + rng.next() * span;
  }
  d.createdAt[j] = Math.floor(createdAt);
  d.churnAt[j] = Math.floor(churnAt);
  d.market[j] = market;
  d.segment[j] = segment;
  d.refugee[j] = refugee ? 1 : 0;
  d.zh[j] = refugee ? 0 : rng.next() < MARKETS[market]!.zhShare ? 1 : 0;
  d.activity[j] = logNormal(rng, 1, 1.0) * (refugee ? 1.4 : 1);
  // Pareto-tailed posting: most people rarely post, a few creators post a lot.
  d.creatorCum[j] = rng.next() < (refugee ? 0.5 : 0.4) ? 0 : Math.min(200, Math.pow(1 - rng.next(), -1 / 1.3)) * (refugee ? 0.5 : 1);
  drawInterests(rng, d, j, segment, refugee);
}

function drawInterests(rng: SeededRng, d: UserPlan, j: number, segment: number, refugee: boolean): void {
  const at = j * INTERESTS_PER_USER;
  let count = 0;
  if (refugee && rng.next() < 0.55) {
    const [leafId, topicKey] = rng.next() < 0.75 ? ['comedy/memes', 'tiktok-refugee'] : ['study/languages', 'learn-chinese'];
    const li = leafIndex(leafId);
    d.interests[at] = li;
    d.topics[at] = CONTENT[li]!.topics.findIndex((t) => t.key === topicKey);
    count = 1;
  }
  const tops = TOP_CUM[segment]!;
  for (let tries = 0; count < INTERESTS_PER_USER && tries < 50; tries++) {
    const li = rng.pick(CHILD_LEAVES[pickCumulative(rng, tops)]!);
    if (d.interests.subarray(at, at + count).includes(li)) continue;
    d.interests[at + count] = li;
    d.topics[at + count] = rng.int(CONTENT[li]!.topics.length);
    count++;
  }
  for (; count < INTERESTS_PER_USER; count++) {
    d.interests[at + count] = d.interests[at]!;
    d.topics[at + count] = d.topics[at]!;
  }
}

function clampTime(t: number, o: ResolvedOptions): number {
  return Math.min(Math.max(t, o.startTime), o.endTime - HOUR_MS);
}
