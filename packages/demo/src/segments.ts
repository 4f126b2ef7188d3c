import type { AgeBand, Gender, IncomeBand } from '@notewave/engine';

/**
 * The three audiences the article describes: the Xiaohongshu-like lifestyle crowd, the TikTok-like
 * entertainment crowd, and the knowledge/tech readers behind its DeepSeek example. Shares below follow
 * the article's demographics (lifestyle 18-30 and overwhelmingly female with higher income; entertainment
 * mostly under 24 with ~20% under 18, gender-balanced, mid income).
 */
export const SEGMENTS = ['lifestyle', 'entertainment', 'knowledge'] as const;
export type Segment = (typeof SEGMENTS)[number];

export interface SegmentProfile {
  ages: Record<AgeBand, number>;
  genders: Record<Gender, number>;
  incomes: Record<IncomeBand, number>;
  /** Top-level category → interest weight. */
  interests: Record<string, number>;
  /** Added to a category's base video share when this segment posts. */
  videoShift: number;
  /** Searches per session: Xiaohongshu's funnel starts from active search. */
  searchRate: number;
  /** Relative session length (entertainment users scroll longer). */
  sessionLength: number;
}

export const SEGMENT_PROFILES: Record<Segment, SegmentProfile> = {
  lifestyle: {
    ages: { 'under-18': 4, '18-24': 40, '25-30': 38, '31-35': 11, '36-44': 5, '45+': 2 },
    genders: { female: 87, male: 11, other: 2 },
    incomes: { low: 10, mid: 45, high: 45 },
    interests: { beauty: 22, fashion: 18, travel: 16, food: 15, home: 10, fitness: 10, pets: 3, study: 3, 'life-hacks': 2, other: 1 },
    videoShift: -0.05,
    searchRate: 0.45,
    sessionLength: 1,
  },
  entertainment: {
    ages: { 'under-18': 20, '18-24': 44, '25-30': 20, '31-35': 9, '36-44': 5, '45+': 2 },
    genders: { female: 48, male: 49, other: 3 },
    incomes: { low: 35, mid: 52, high: 13 },
    interests: { 'music-dance': 22, comedy: 22, pets: 14, 'life-hacks': 12, food: 10, beauty: 8, fashion: 6, fitness: 3, tech: 2, other: 1 },
    videoShift: 0.35,
    searchRate: 0.12,
    sessionLength: 1.6,
  },
  knowledge: {
    ages: { 'under-18': 3, '18-24': 30, '25-30': 38, '31-35': 19, '36-44': 8, '45+': 2 },
    genders: { female: 38, male: 59, other: 3 },
    incomes: { low: 10, mid: 50, high: 40 },
    interests: { tech: 46, study: 28, 'life-hacks': 5, fitness: 5, food: 5, travel: 5, home: 5, other: 1 },
    videoShift: 0,
    searchRate: 0.6,
    sessionLength: 0.8,
  },
};

/** Base video share per top-level category before the author's segment shifts it. */
export const VIDEO_SHARE: Record<string, number> = {
  beauty: 0.25, fashion: 0.25, travel: 0.25, food: 0.3, home: 0.2, fitness: 0.4,
  'music-dance': 0.9, comedy: 0.85, 'life-hacks': 0.55, pets: 0.55, tech: 0.25, study: 0.15, other: 0.3,
};
