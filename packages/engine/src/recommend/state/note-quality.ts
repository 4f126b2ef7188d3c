import type { NoteCounters } from './note-counters.ts';

export interface QualityConfig {
  /**
   * CES engagement weights (the widely repeated, unofficial Xiaohongshu folklore: like 1, save 1,
   * comment 4, share 4, follow 8). Tunable defaults, not facts.
   */
  ces: { like: number; save: number; comment: number; share: number; follow: number };
  /** Pseudo-impressions of the Bayesian prior: how much evidence it takes to move off the community mean. */
  priorImpressions: number;
}

export const DEFAULT_QUALITY_CONFIG: QualityConfig = {
  ces: { like: 1, save: 1, comment: 4, share: 4, follow: 8 },
  priorImpressions: 50,
};

/** A note's raw CES. */
export function cesOf(c: NoteCounters, ix: number, cfg: QualityConfig): number {
  const w = cfg.ces;
  return c.get('likes', ix) * w.like + c.get('saves', ix) * w.save + c.get('comments', ix) * w.comment + c.get('shares', ix) * w.share + c.get('follows', ix) * w.follow;
}

/**
 * Engagement quality in (0, 1): the CES per impression, smoothed towards the community mean
 * (empirical-Bayes shrinkage), then mapped so the mean is 0.5. Rates, not raw counts: a note with 40
 * saves from 100 impressions beats one with 200 saves from 50,000.
 */
export function engagementQuality(c: NoteCounters, ix: number, cfg: QualityConfig): number {
  const mean = priorMean(c);
  const exposure = Math.max(c.get('impressions', ix), c.get('views', ix), c.get('opens', ix));
  const rate = (cesOf(c, ix, cfg) + mean * cfg.priorImpressions) / (exposure + cfg.priorImpressions);
  return rate / (rate + mean);
}

function priorMean(c: NoteCounters): number {
  return (c.totalCes + 5) / (c.totalImpressions + 100);
}
