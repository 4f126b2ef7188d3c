import { TAXONOMY } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import { CONTENT, LEAVES, leafIndex } from './content/index.ts';
import { MARKETS, MARKET_INDEX, REFUGEE_SEGMENTS } from './markets.ts';
import { DAY_MS, HOUR_MS, type ResolvedOptions } from './options.ts';
import { cumulative, logNormal, pickWeighted, rngFor, STREAM } from './random.ts';
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

interface Draw {
  createdAt: number;
  segment: number;
  market: number;
  zh: number;
  refugee: number;
  churnAt: number;
  activity: number;
  creator: number;
  interests: number[];
  topics: number[];
}

const SEGMENT_NAMES = SEGMENTS as readonly Segment[];
const TOPS = TAXONOMY.map((n) => n.id);

export function buildUserPlan(o: ResolvedOptions): UserPlan {
  const n = o.users;
  const refugees = Math.round((n - 1) * o.wave.refugeeShare);
  const draws: Draw[] = new Array(n);
  for (let j = 0; j < n; j++) draws[j] = j === 0 ? demoDraw(o) : drawUser(o, rngFor(o.seed, STREAM.user, j), j <= refugees);
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => draws[a]!.createdAt - draws[b]!.createdAt || a - b);
  const p: UserPlan = {
    count: n,
    ids: new Array(n),
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
  let cum = 0;
  let activitySum = 0;
  for (let i = 0; i < n; i++) activitySum += draws[i]!.activity;
  const activityScale = n / activitySum;
  for (let i = 0; i < n; i++) {
    const d = draws[order[i]!]!;
    p.ids[i] = `u_${d.createdAt.toString(36).padStart(9, '0')}${i.toString(36).padStart(4, '0')}`;
    p.createdAt[i] = d.createdAt;
    p.segment[i] = d.segment;
    p.market[i] = d.market;
    p.zh[i] = d.zh;
    p.refugee[i] = d.refugee;
    p.churnAt[i] = d.churnAt;
    p.activity[i] = d.activity * activityScale;
    cum += d.creator;
    p.creatorCum[i] = cum;
    for (let k = 0; k < INTERESTS_PER_USER; k++) {
      p.interests[i * INTERESTS_PER_USER + k] = d.interests[k]!;
      p.topics[i * INTERESTS_PER_USER + k] = d.topics[k]!;
    }
    if ((i & 4095) === 0) o.onProgress(i, n, 'plan');
  }
  return p;
}

export function segmentName(p: UserPlan, i: number): Segment {
  return SEGMENT_NAMES[p.segment[i]!]!;
}

/** The known demo account: a long-time Chinese lifestyle user whose interests show both funnels. */
function demoDraw(o: ResolvedOptions): Draw {
  const interests = ['beauty/skincare', 'travel/shop-visits', 'food/drinks', 'tech/ai'].map(leafIndex);
  return {
    createdAt: o.startTime - (BACKLOG_MARGIN_DAYS + 60) * DAY_MS,
    segment: SEGMENT_NAMES.indexOf('lifestyle'),
    market: MARKET_INDEX.CN!,
    zh: 1,
    refugee: 0,
    churnAt: Infinity,
    activity: 1.5,
    creator: 3,
    interests,
    topics: [0, 0, 0, 0],
  };
}

/** Organic users were mostly there before the window (up to a year back); the demo account predates all. */
const BACKLOG_MARGIN_DAYS = 400;

function drawUser(o: ResolvedOptions, rng: SeededRng, refugee: boolean): Draw {
  const span = o.endTime - o.startTime;
  let createdAt: number;
  let churnAt = Infinity;
  let market: number;
  let segment: number;
  if (refugee) {
    market = MARKET_INDEX.US!;
    segment = pickWeighted(rng, SEGMENT_NAMES.map((s) => REFUGEE_SEGMENTS[s]));
    // Arrivals peak on the wave day, a few the evening before, a long tail after.
    const offsetDays = -0.3 + -Math.log(1 - rng.next()) * 1.6;
    createdAt = clampTime(o.startTime + (o.wave.day + offsetDays) * DAY_MS, o);
    const pause = o.startTime + o.wave.pauseDay * DAY_MS;
    const r = rng.next();
    if (r >= o.wave.retained) {
      const onPauseDay = rng.next() < 0.78;
      churnAt = onPauseDay ? pause + rng.next() * 4 * HOUR_MS : pause + (1 + rng.next() * 6) * DAY_MS;
      if (churnAt <= createdAt + HOUR_MS) churnAt = createdAt + (1 + rng.next() * 24) * HOUR_MS;
    }
  } else {
    market = pickWeighted(rng, MARKETS.map((m) => m.share));
    segment = pickWeighted(rng, SEGMENT_NAMES.map((s) => MARKETS[market]!.segments[s]));
    createdAt = rng.next() < 0.85
      ? o.startTime - Math.pow(rng.next(), 1.3) * BACKLOG_MARGIN_DAYS * DAY_MS - HOUR_MS
      : o.startTime + rng.next() * span;
    if (rng.next() < 0.03) churnAt = Math.max(createdAt, o.startTime) + rng.next() * span;
  }
  const zh = refugee ? 0 : rng.next() < MARKETS[market]!.zhShare ? 1 : 0;
  const activity = logNormal(rng, 1, 1.0) * (refugee ? 1.4 : 1);
  // Pareto-tailed posting: most people rarely post, a few creators post a lot.
  const creator = rng.next() < (refugee ? 0.5 : 0.4) ? 0 : Math.min(200, Math.pow(1 - rng.next(), -1 / 1.3)) * (refugee ? 0.5 : 1);
  const { interests, topics } = drawInterests(rng, SEGMENT_NAMES[segment]!, refugee);
  return { createdAt: Math.floor(createdAt), segment, market, zh, refugee: refugee ? 1 : 0, churnAt: Math.floor(churnAt), activity, creator, interests, topics };
}

function drawInterests(rng: SeededRng, segment: Segment, refugee: boolean): { interests: number[]; topics: number[] } {
  const interests: number[] = [];
  const topics: number[] = [];
  if (refugee && rng.next() < 0.55) {
    const [leafId, topicKey] = rng.next() < 0.75 ? ['comedy/memes', 'tiktok-refugee'] : ['study/languages', 'learn-chinese'];
    const li = leafIndex(leafId);
    interests.push(li);
    topics.push(CONTENT[li]!.topics.findIndex((t) => t.key === topicKey));
  }
  const weights = TOPS.map((t) => SEGMENT_PROFILES[segment].interests[t] ?? 0);
  for (let tries = 0; interests.length < INTERESTS_PER_USER && tries < 50; tries++) {
    const top = TAXONOMY[pickWeighted(rng, weights)]!;
    const li = LEAVES.indexOf(rng.pick(top.children).id);
    if (interests.includes(li)) continue;
    interests.push(li);
    topics.push(rng.int(CONTENT[li]!.topics.length));
  }
  while (interests.length < INTERESTS_PER_USER) {
    interests.push(interests[0]!);
    topics.push(topics[0]!);
  }
  return { interests, topics };
}

function clampTime(t: number, o: ResolvedOptions): number {
  return Math.min(Math.max(t, o.startTime), o.endTime - HOUR_MS);
}
