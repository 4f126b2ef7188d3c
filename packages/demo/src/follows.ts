import type { Follow } from '@notewave/engine';
import type { NotePlan } from './note-plan.ts';
import type { ResolvedOptions } from './options.ts';
import { countAtMost, logNormal, rngFor, searchCumulative, STREAM } from './random.ts';
import { INTERESTS_PER_USER, segmentName, type UserPlan } from './user-plan.ts';

/** Median standing follow counts; entertainment users follow creators freely, knowledge readers sparingly. */
const FOLLOW_MEDIAN = { lifestyle: 12, entertainment: 20, knowledge: 9 } as const;
const DEMO_MIN_FOLLOWS = 30;

export interface StandingFollow {
  followee: number;
  createdAt: number;
}

/**
 * The follow graph as it stands at startTime, for one user: half popularity-driven (posting-weighted
 * creators), half interest-driven (authors of notes in the user's categories). Derived from the user's
 * own stream, so it can be recomputed on demand without keeping the graph in memory.
 */
export function standingFollows(o: ResolvedOptions, users: UserPlan, notes: NotePlan, u: number): StandingFollow[] {
  const created = users.createdAt[u]!;
  if (created >= o.startTime) return [];
  const k = countAtMost(users.createdAt, o.startTime - 1);
  if (k < 2) return [];
  const rng = rngFor(o.seed, STREAM.follow, u);
  let count = Math.min(k - 1, Math.floor(logNormal(rng, FOLLOW_MEDIAN[segmentName(users, u)], 0.9)));
  if (u === 0) count = Math.min(k - 1, Math.max(count, DEMO_MIN_FOLLOWS));
  const notesBefore = countAtMost(notes.createdAt, o.startTime - 1);
  const totalWeight = users.creatorCum[k - 1]!;
  const seen = new Set<number>();
  const out: StandingFollow[] = [];
  for (let tries = 0; out.length < count && tries < count * 4 + 8; tries++) {
    let f = -1;
    if (rng.next() < 0.45) {
      const leaf = users.interests[u * INTERESTS_PER_USER + rng.int(INTERESTS_PER_USER)]!;
      const arr = notes.byLeaf[leaf]!;
      const c = countAtMost(arr, notesBefore - 1);
      if (c > 0) f = notes.author[arr[rng.int(c)]!]!;
    }
    if (f < 0) f = totalWeight > 0 ? searchCumulative(users.creatorCum, rng.next() * totalWeight, k) : rng.int(k);
    if (f === u || seen.has(f)) continue;
    seen.add(f);
    const from = Math.max(created, users.createdAt[f]!);
    out.push({ followee: f, createdAt: Math.floor(from + rng.next() * (o.startTime - 1 - from)) });
  }
  return out;
}

/** Streams the standing follow graph, grouped by follower. Follows made during the window arrive as events. */
export function* streamFollows(o: ResolvedOptions, users: UserPlan, notes: NotePlan): Generator<Follow> {
  for (let u = 0; u < users.count; u++) {
    if ((u & 4095) === 0) o.onProgress(u, users.count, 'follows');
    for (const f of standingFollows(o, users, notes, u)) {
      yield { followerId: users.ids[u]!, followeeId: users.ids[f.followee]!, createdAt: f.createdAt };
    }
  }
  o.onProgress(users.count, users.count, 'follows');
}
