import type { Level } from './topic-keys.ts';

/** Behaviour signals an interest profile learns from. */
export const SIGNALS = ['search', 'complete', 'save', 'comment', 'share', 'like', 'follow', 'open', 'skip', 'not_interested'] as const;
export type Signal = (typeof SIGNALS)[number];

export interface ProfileConfig {
  /**
   * Weight each signal adds to the topics of its note. Active search is the heaviest, then saves, complete
   * reads, comments and shares over likes: a save (收藏) is a bookmark for later use, a stronger statement of intent
   * than reading a note through (and a save usually follows a read, so the two add up), let alone a like. (The CES folklore weighs likes = saves for a note's
   * public heat; that lives in the quality config, not here.) Skips and not-interested subtract; a
   * skip outweighs the open before it, so opening and leaving at once is a net negative.
   */
  signals: Record<Signal, number>;
  /** Exponential decay per level: broad levels fade faster unless refreshed, sub-topics persist. */
  halfLifeHours: Record<Level, number>;
  /** Read/watch events on the same note within this many minutes are one visit. */
  visitWindowMinutes: number;
  /** Share of the search weight a click on a search result adds to the clicked note's topics. */
  searchClickShare: number;
  /** View portion at or above which a read/watch counts as complete. */
  completePortion: number;
  /** A view below this portion and under `skipMs` is a fast skip. */
  skipPortion: number;
  skipMs: number;
  /** Expected reading time of an image note: base + per character + per image (dwell normalisation). */
  readBaseMs: number;
  readMsPerChar: number;
  readMsPerImage: number;
  /**
   * Completion evidence grows with video length: watching a 10 s clip through says less than a
   * 3-minute one. Evidence = log(1 + d/ref) / log(1 + 180/ref), clamped to [min, max].
   */
  durationRefSec: number;
  durationEvidenceMin: number;
  durationEvidenceMax: number;
  /** Bounds that keep a profile small: topic keys, remembered queries, positives, seen notes. */
  maxKeys: number;
  maxQueries: number;
  queryHalfLifeHours: number;
  maxPositives: number;
  seenCap: number;
}

export const DEFAULT_PROFILE_CONFIG: ProfileConfig = {
  signals: { search: 8, complete: 5, save: 6, comment: 3, share: 3, like: 1, follow: 4, open: 0.5, skip: -2, not_interested: -8 },
  halfLifeHours: { category: 24, subcategory: 48, tag: 96, term: 96 },
  visitWindowMinutes: 30,
  searchClickShare: 0.25,
  completePortion: 0.8,
  skipPortion: 0.15,
  skipMs: 3000,
  readBaseMs: 4000,
  readMsPerChar: 45,
  readMsPerImage: 2500,
  durationRefSec: 20,
  durationEvidenceMin: 0.25,
  durationEvidenceMax: 1.5,
  maxKeys: 300,
  maxQueries: 8,
  queryHalfLifeHours: 48,
  maxPositives: 30,
  seenCap: 3000,
};
