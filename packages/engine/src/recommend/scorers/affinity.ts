import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { UserProfile } from '../state/user-profile.ts';
import { LEVELS, noteTopicKeys, type Level, type TopicKey } from '../state/topic-keys.ts';

export type LevelWeights = Record<Level, number>;

/** Narrow levels weigh more: a sub-topic match says more about intent than a category match. */
export const DEFAULT_LEVEL_WEIGHTS: LevelWeights = { category: 0.15, subcategory: 0.2, tag: 0.35, term: 0.3 };

/**
 * A profile frozen at `now` for scoring many notes: each level's weights are normalised by that
 * level's strongest topic, summed over the note's keys per level and squashed (1 − e^(−x)), so a
 * note matching both the topic and its sub-topic beats one matching the topic alone.
 */
export class AffinityModel {
  /** Decayed weight of each profile topic divided by its level's strongest, by interned topic id. */
  private readonly norm = new Map<number, number>();
  /** Level weights by level index (LEVELS order). */
  private readonly levelWeights: number[];

  constructor(profile: UserProfile, now: number, weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS, depth: number = LEVELS.length) {
    this.levelWeights = LEVELS.map((l) => weights[l]);
    const decayed: [TopicKey, number][] = [];
    const maxByLevel = [0, 0, 0, 0];
    profile.forEachTopic(now, (k, w) => {
      if (k.li >= depth) return;
      decayed.push([k, w]);
      if (w > maxByLevel[k.li]!) maxByLevel[k.li] = w;
    });
    for (const [k, w] of decayed) {
      const max = maxByLevel[k.li]!;
      if (max) this.norm.set(k.id, w / max);
    }
  }

  /** Affinity in [-1, 1]: negative when the note's topics were skipped or rejected. */
  score(m: NoteMeta): number {
    const norm = this.norm;
    const keys = noteTopicKeys(m);
    let a = 0;
    let li = -1;
    let x = 0;
    // Keys come grouped by level (category, sub-category, tags, terms), so one pass sums per level.
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k.li !== li) {
        if (x !== 0) a += this.squash(li, x);
        li = k.li;
        x = 0;
      }
      x += norm.get(k.id) ?? 0;
    }
    if (x !== 0) a += this.squash(li, x);
    return a;
  }

  private squash(li: number, x: number): number {
    return this.levelWeights[li]! * (x > 0 ? 1 - Math.exp(-1.5 * x) : -(1 - Math.exp(1.5 * x)));
  }
}

/** Models kept for a profile, one per (level weights, depth) pair in use. */
interface CachedModel {
  weights: LevelWeights;
  depth: number;
  events: number;
  bucket: number;
  model: AffinityModel;
}

/** How long a cached model is reused while the profile is unchanged. */
const CACHE_BUCKET_MS = 60_000;

const CACHE = new WeakMap<UserProfile, CachedModel[]>();

/**
 * The affinity model of a profile, shared across requests and scorers while the profile is unchanged
 * (`UserProfile.events`, bumped by every topic change) within the same minute. Within a level every
 * topic decays at the same rate, so the normalised weights do not drift with time between changes;
 * the minute bound only keeps a model from outliving its clock by much. Held per profile object, so
 * it goes when the profile does.
 */
export function affinityModel(profile: UserProfile, now: number, weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS, depth: number = LEVELS.length): AffinityModel {
  const bucket = Math.floor(now / CACHE_BUCKET_MS);
  let list = CACHE.get(profile);
  if (!list) CACHE.set(profile, (list = []));
  for (const c of list) {
    if (c.weights !== weights || c.depth !== depth) continue;
    if (c.events !== profile.events || c.bucket !== bucket) {
      c.events = profile.events;
      c.bucket = bucket;
      c.model = new AffinityModel(profile, now, weights, depth);
    }
    return c.model;
  }
  const model = new AffinityModel(profile, now, weights, depth);
  if (list.length >= 8) list.shift();
  list.push({ weights, depth, events: profile.events, bucket, model });
  return model;
}
