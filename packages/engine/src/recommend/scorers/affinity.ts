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
  private readonly maxByLevel = new Map<Level, number>();

  constructor(private readonly profile: UserProfile, private readonly now: number, private readonly weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS, depth: number = LEVELS.length) {
    for (const [key, tw] of profile.topics) {
      if (LEVELS.indexOf(tw.level) >= depth) continue;
      const w = profile.weight(key, now);
      if (w > (this.maxByLevel.get(tw.level) ?? 0)) this.maxByLevel.set(tw.level, w);
    }
  }

  /** Affinity in [-1, 1]: negative when the note's topics were skipped or rejected. */
  score(m: NoteMeta): number {
    const sums: Partial<Record<Level, number>> = {};
    for (const k of noteTopicKeys(m)) {
      const max = this.maxByLevel.get(k.level);
      if (!max) continue;
      sums[k.level] = (sums[k.level] ?? 0) + this.profile.weight(k.key, this.now) / max;
    }
    let a = 0;
    for (const l of LEVELS) {
      const x = sums[l];
      if (x !== undefined) a += this.weights[l] * (x >= 0 ? 1 - Math.exp(-1.5 * x) : -(1 - Math.exp(1.5 * x)));
    }
    return a;
  }
}
