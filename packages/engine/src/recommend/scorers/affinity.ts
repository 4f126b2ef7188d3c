import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { UserProfile } from '../state/user-profile.ts';
import { LEVELS, noteTopicKeys, type Level } from '../state/topic-keys.ts';

export type LevelWeights = Record<Level, number>;

/** Narrow levels weigh more: a sub-topic match says more about intent than a category match. */
export const DEFAULT_LEVEL_WEIGHTS: LevelWeights = { category: 0.15, subcategory: 0.2, tag: 0.35, term: 0.3 };

/**
 * A profile frozen at `now` for scoring many notes: each level's weights are normalised by that
 * level's strongest topic, summed over the note's keys per level and squashed (1 − e^(−x)), so a
 * note matching both the topic and its sub-topic beats one matching the topic alone.
 */
export class AffinityModel {
  /** Decayed weight of each profile topic divided by its level's strongest, computed once. */
  private readonly norm = new Map<string, number>();

  constructor(profile: UserProfile, now: number, private readonly weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS, depth: number = LEVELS.length) {
    const decayed: [string, Level, number][] = [];
    const maxByLevel = new Map<Level, number>();
    for (const [key, tw] of profile.topics) {
      if (LEVELS.indexOf(tw.level) >= depth) continue;
      const w = profile.weight(key, now);
      decayed.push([key, tw.level, w]);
      if (w > (maxByLevel.get(tw.level) ?? 0)) maxByLevel.set(tw.level, w);
    }
    for (const [key, level, w] of decayed) {
      const max = maxByLevel.get(level);
      if (max) this.norm.set(key, w / max);
    }
  }

  /** Affinity in [-1, 1]: negative when the note's topics were skipped or rejected. */
  score(m: NoteMeta): number {
    let a = 0;
    let level: Level | null = null;
    let x = 0;
    // Keys come grouped by level (category, sub-category, tags, terms), so one pass sums per level.
    for (const k of noteTopicKeys(m)) {
      if (k.level !== level) {
        if (level) a += this.squash(level, x);
        level = k.level;
        x = 0;
      }
      x += this.norm.get(k.key) ?? 0;
    }
    if (level) a += this.squash(level, x);
    return a;
  }

  private squash(level: Level, x: number): number {
    if (x === 0) return 0;
    return this.weights[level] * (x > 0 ? 1 - Math.exp(-1.5 * x) : -(1 - Math.exp(1.5 * x)));
  }
}
