import { cumulative } from './random.ts';
import type { Segment } from './segments.ts';

/** Markets the demo community spans; CN is the majority, as on Xiaohongshu before and after the wave. */
export interface Market {
  code: string;
  /** Share of organic (non-refugee) users. */
  share: number;
  /** Probability that a user here uses the Chinese interface. */
  zhShare: number;
  /** Hours to add to UTC for local time, used for the daily rhythm. */
  utcOffset: number;
  segments: Record<Segment, number>;
}

const WESTERN = { lifestyle: 45, entertainment: 35, knowledge: 20 };

export const MARKETS: readonly Market[] = [
  { code: 'CN', share: 72, zhShare: 0.97, utcOffset: 8, segments: { lifestyle: 62, entertainment: 20, knowledge: 18 } },
  { code: 'US', share: 8, zhShare: 0.12, utcOffset: -5, segments: WESTERN },
  { code: 'GB', share: 3, zhShare: 0.1, utcOffset: 0, segments: WESTERN },
  { code: 'SG', share: 4, zhShare: 0.55, utcOffset: 8, segments: { lifestyle: 50, entertainment: 25, knowledge: 25 } },
  { code: 'MY', share: 4, zhShare: 0.6, utcOffset: 8, segments: { lifestyle: 52, entertainment: 30, knowledge: 18 } },
  { code: 'CA', share: 3, zhShare: 0.2, utcOffset: -5, segments: WESTERN },
  { code: 'AU', share: 3, zhShare: 0.2, utcOffset: 10, segments: WESTERN },
  { code: 'JP', share: 3, zhShare: 0.3, utcOffset: 9, segments: { lifestyle: 55, entertainment: 25, knowledge: 20 } },
];

export const MARKET_INDEX: Readonly<Record<string, number>> = Object.fromEntries(MARKETS.map((m, i) => [m.code, i]));

/** TikTok refugees: US users arriving with the wave, overwhelmingly there for entertainment. */
export const REFUGEE_SEGMENTS: Record<Segment, number> = { lifestyle: 16, entertainment: 78, knowledge: 6 };

/**
 * Share of sessions starting in each local hour: a lunch bump and the evening peak that lifestyle apps
 * report, near-silence at 3-6 am.
 */
export const HOURLY_RHYTHM: readonly number[] = [
  3, 2, 1, 0.6, 0.4, 0.5, 1, 2, 3.5, 3.5, 3.5, 4, 6, 5.5, 4, 4, 4, 4.5, 5.5, 7, 8.5, 9, 8, 5.5,
];

export const HOURLY_RHYTHM_CUM = cumulative(HOURLY_RHYTHM);
