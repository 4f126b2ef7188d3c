import { TAXONOMY, topCategory } from '@notewave/engine';
import type { SeededRng } from '@notewave/engine';
import { CONTENT, LEAVES } from './content/index.ts';
import { HOURLY_RHYTHM_CUM } from './markets.ts';
import { BACKLOG_DAYS, DAY_MS, HOUR_MS, type ResolvedOptions } from './options.ts';
import { clamp, cumulative, logNormal, pickCumulative, rngFor, searchCumulative, STREAM } from './random.ts';
import { SEGMENTS, SEGMENT_PROFILES, VIDEO_SHARE } from './segments.ts';
import { INTEREST_CUM, INTERESTS_PER_USER, type UserPlan } from './user-plan.ts';

/**
 * Note skeletons in creation order (about 25 bytes a note): who wrote what, when, in which category and
 * format. Text is written only when a note is streamed out.
 */
export interface NotePlan {
  count: number;
  createdAt: Float64Array;
  author: Uint32Array;
  leaf: Uint8Array;
  topic: Uint8Array;
  video: Uint8Array;
  durationSec: Uint16Array;
  zh: Uint8Array;
  /** Latent appeal, log-normal around 1: what makes some notes take off. */
  quality: Float32Array;
  /** Note indices per leaf, in creation order. */
  byLeaf: Uint32Array[];
}

const LEAF_TOP = LEAVES.map(topCategory);
const SEGMENT_LEAF_CUM = SEGMENTS.map((s) => cumulative(LEAVES.map((l) => (SEGMENT_PROFILES[s].interests[topCategory(l)] ?? 0) / childCount(l))));
// Notes are posted mostly on Chinese evenings: the rhythm is read in UTC+8.
const POST_OFFSET_HOURS = 8;

/** Times, authors, categories, formats and appeal of every note, in creation order. */
export function buildNotePlan(o: ResolvedOptions, users: UserPlan): NotePlan {
  const n = o.notes;
  const p: NotePlan = {
    count: n,
    createdAt: new Float64Array(n),
    author: new Uint32Array(n),
    leaf: new Uint8Array(n),
    topic: new Uint8Array(n),
    video: new Uint8Array(n),
    durationSec: new Uint16Array(n),
    zh: new Uint8Array(n),
    quality: new Float32Array(n),
    byLeaf: [],
  };
  const times = rngFor(o.seed, STREAM.plan, 1);
  const backlogStart = o.startTime - BACKLOG_DAYS * DAY_MS;
  const totalDays = BACKLOG_DAYS + o.days;
  for (let i = 0; i < n; i++) {
    // A third of the notes predate the window, so the feed is not empty on day one.
    const day = times.next() < 0.35 ? times.int(BACKLOG_DAYS) : BACKLOG_DAYS + times.int(o.days);
    const hour = (pickCumulative(times, HOURLY_RHYTHM_CUM) - POST_OFFSET_HOURS + 24) % 24;
    p.createdAt[i] = Math.floor(Math.min(backlogStart + day * DAY_MS + (hour + times.next()) * HOUR_MS, backlogStart + totalDays * DAY_MS - 1));
  }
  p.createdAt.sort();

  const leafCounts = new Uint32Array(LEAVES.length);
  // One sequential stream: the plan is always built whole, so per-note streams would only cost time.
  const rng = rngFor(o.seed, STREAM.note, 0);
  let joined = 0;
  for (let i = 0; i < n; i++) {
    const t = p.createdAt[i]!;
    // Notes are in time order, so the number of users who have joined only grows.
    while (joined < users.count && users.createdAt[joined]! <= t) joined++;
    const a = pickAuthor(users, t, joined, rng);
    const seg = users.segment[a]!;
    let leaf: number;
    let topic: number;
    if (rng.next() < 0.9) {
      const slot = a * INTERESTS_PER_USER + pickCumulative(rng, INTEREST_CUM);
      leaf = users.interests[slot]!;
      topic = rng.next() < 0.65 ? users.topics[slot]! : rng.int(CONTENT[leaf]!.topics.length);
    } else {
      leaf = pickCumulative(rng, SEGMENT_LEAF_CUM[seg]!);
      topic = rng.int(CONTENT[leaf]!.topics.length);
    }
    const videoShare = clamp((VIDEO_SHARE[LEAF_TOP[leaf]!] ?? 0.3) + SEGMENT_PROFILES[SEGMENTS[seg]!].videoShift, 0.02, 0.97);
    const video = rng.next() < videoShare;
    p.author[i] = a;
    p.leaf[i] = leaf;
    p.topic[i] = topic;
    p.video[i] = video ? 1 : 0;
    // Short-video lengths: median ~24 s, long tail to five minutes.
    p.durationSec[i] = video ? Math.round(clamp(logNormal(rng, 24, 0.85), 7, 300)) : 0;
    // A few bilingual authors write outside their interface language.
    p.zh[i] = (users.zh[a] === 1) !== (rng.next() < 0.03) ? 1 : 0;
    p.quality[i] = logNormal(rng, 1, 0.5);
    leafCounts[leaf]!++;
    if ((i & 16383) === 0) o.onProgress(users.count + i, users.count + n, 'plan');
  }
  p.byLeaf = Array.from(leafCounts, (c) => new Uint32Array(c));
  const fill = new Uint32Array(LEAVES.length);
  for (let i = 0; i < n; i++) {
    const l = p.leaf[i]!;
    p.byLeaf[l]![fill[l]!++] = i;
  }
  return p;
}

/** A posting-weighted author among the `joined` users who had not yet left; the demo account when nobody qualifies. */
function pickAuthor(users: UserPlan, t: number, joined: number, rng: SeededRng): number {
  if (joined === 0) return 0;
  const total = users.creatorCum[joined - 1]!;
  if (total <= 0) return 0;
  for (let tries = 0; tries < 5; tries++) {
    const a = searchCumulative(users.creatorCum, rng.next() * total, joined);
    if (users.churnAt[a]! > t) return a;
  }
  return 0;
}

function childCount(leafId: string): number {
  return TAXONOMY.find((n) => n.id === topCategory(leafId))?.children.length ?? 1;
}
