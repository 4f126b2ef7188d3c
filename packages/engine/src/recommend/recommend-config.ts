import { DEFAULT_TRAFFIC_POOL_CONFIG, type TrafficPoolConfig } from './exposure/traffic-pools.ts';
import type { PipelineConfig } from './pipeline/pipeline.ts';
import { DEFAULT_QUALITY_CONFIG, type QualityConfig } from './state/note-quality.ts';
import { DEFAULT_PROFILE_CONFIG, type ProfileConfig } from './state/profile-config.ts';
import { DEFAULT_TREND_CONFIG, type TrendConfig } from './trends/trend-detector.ts';

/** Everything the recommender is configured by: shared live-state settings, named pipelines, surface defaults. */
export interface RecommendConfig {
  profile: ProfileConfig;
  quality: QualityConfig;
  trends: TrendConfig;
  pools: TrafficPoolConfig;
  pipelines: Record<string, PipelineConfig>;
  /** Surface → pipeline used when a request names no strategy. */
  surfaces: Record<string, string>;
  defaultLimit: number;
  maxLimit: number;
}

/**
 * Defaults. Two strategies over the same live state:
 *
 * - `funnel` (Xiaohongshu, surface `discover`): vertical and deep. Search intent and topic affinity
 *   supply most candidates; the scorer ranks by profile match (narrowing into sub-topics) and
 *   search intent, with quality as a smoothed CES rate. Diversity is soft so a page can stay on
 *   one topic; image notes come first. Small reserved shares keep trends, new notes and
 *   exploration visible; notes there only for being new are capped, so a cold user's first pages
 *   show what the community liked, while the pools still bring every new post its first audience.
 * - `viral` (TikTok, surface `video`): broad. Videos only; completion-led scoring; a quarter of
 *   every page is reserved for the traffic pools (new notes reach strangers, followers not
 *   required) and a further share for trends; stronger author and category diversity.
 */
export const DEFAULT_RECOMMEND_CONFIG: RecommendConfig = {
  profile: DEFAULT_PROFILE_CONFIG,
  quality: DEFAULT_QUALITY_CONFIG,
  trends: DEFAULT_TREND_CONFIG,
  pools: DEFAULT_TRAFFIC_POOL_CONFIG,
  pipelines: {
    funnel: {
      sources: [
        { name: 'search-intent', quota: 60, queries: 3 },
        // Narrowing: deeper topic levels are favoured by depthBias per level, up to `depth` levels, and
        // narrower keys (smaller posting lists, i.e. sub-topics within a topic) by narrowBias.
        { name: 'topic-affinity', quota: 120, breadth: 6, depth: 4, depthBias: 0.5, narrowBias: 0.5 },
        { name: 'co-occurrence', quota: 40 },
        { name: 'model', quota: 40, model: 'collaborative' },
        { name: 'following', quota: 30 },
        { name: 'popular', quota: 40 },
        { name: 'fresh', quota: 20 },
        { name: 'trending', quota: 15 },
        { name: 'traffic-pool', quota: 10 },
        { name: 'exploration', quota: 6 },
      ],
      scorer: {
        name: 'funnel',
        // `subtopic`: how far a note of the searched topic drops for each unit its sub-topic match falls short of the
        // topic's best candidate; heavier than affinity and search together, so a search's other sub-topics give way.
        weights: { affinity: 0.45, subtopic: 1, search: 0.3, retrieval: 0.1, quality: 0.15, freshness: 0.05 },
        // Image notes first on discover: videos are kept, a step lower.
        kindWeights: { image: 1, video: 0.8 },
      },
      rerankers: [
        { name: 'business-rules', maxReports: 5 },
        { name: 'not-interested' },
        { name: 'seen', windowHours: 72 },
        { name: 'author-diversity', decay: 0.7 },
        { name: 'near-duplicate', threshold: 0.55, penalty: 0.3 },
        { name: 'category-diversity', window: 10, allowance: 6, penalty: 0.85 },
        // At most 15% of a page for notes there only for being new, plus the pools' reserved 5%.
        { name: 'novelty-cap', share: 0.15, sources: ['fresh', 'traffic-pool'] },
        {
          name: 'reserved-slots',
          slots: [
            { source: 'trending', share: 0.1 },
            { source: 'traffic-pool', share: 0.05, order: 'retrieval' },
            { source: 'exploration', share: 0.05 },
          ],
        },
      ],
    },
    viral: {
      kinds: ['video'],
      sources: [
        { name: 'traffic-pool', quota: 40 },
        { name: 'trending', quota: 30 },
        { name: 'topic-affinity', quota: 60, breadth: 10, depth: 3, depthBias: 0.2, narrowBias: 0 },
        { name: 'co-occurrence', quota: 30 },
        { name: 'model', quota: 30, model: 'collaborative' },
        { name: 'following', quota: 20 },
        { name: 'popular', quota: 60 },
        { name: 'fresh', quota: 30 },
        { name: 'exploration', quota: 10 },
      ],
      scorer: { name: 'viral', weights: { completion: 0.4, engagement: 0.2, affinity: 0.2, retrieval: 0.1, skip: 0.3, promoted: 0.05 } },
      rerankers: [
        { name: 'business-rules', maxReports: 5 },
        { name: 'not-interested' },
        { name: 'seen', windowHours: 72 },
        { name: 'author-diversity', decay: 0.5 },
        { name: 'near-duplicate', threshold: 0.55, penalty: 0.3 },
        { name: 'category-diversity', window: 4, allowance: 1, penalty: 0.6 },
        {
          name: 'reserved-slots',
          slots: [
            { source: 'traffic-pool', share: 0.25, order: 'retrieval' },
            { source: 'trending', share: 0.15 },
            { source: 'exploration', share: 0.05 },
          ],
        },
      ],
    },
  },
  surfaces: { discover: 'funnel', video: 'viral' },
  defaultLimit: 20,
  maxLimit: 100,
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K] };
export type RecommendConfigOverrides = DeepPartial<RecommendConfig>;

/** Deep-merges overrides into a config: objects merge, arrays and scalars replace. */
export function mergeRecommendConfig(base: RecommendConfig, over: RecommendConfigOverrides | undefined): RecommendConfig {
  return over ? (merge(base, over) as RecommendConfig) : base;
}

/** A pipeline with overrides merged in the same way. */
export function mergePipelineConfig(base: PipelineConfig, over: Partial<PipelineConfig>): PipelineConfig {
  return merge(base, over) as PipelineConfig;
}

function merge(a: unknown, b: unknown): unknown {
  if (b === undefined) return a;
  if (!isPlain(a) || !isPlain(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = merge(a[k], v);
  return out;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
