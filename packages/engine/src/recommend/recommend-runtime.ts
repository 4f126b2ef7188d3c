import { CacheCounter } from './cache-counter.ts';
import { Sorter } from './pipeline/sort.ts';
import { AffinityModelCache, DEFAULT_AFFINITY_CACHE_PROFILES } from './scorers/affinity.ts';
import { TagHierarchy } from './state/tag-hierarchy.ts';
import { DEFAULT_MAX_LOOSE_TOPIC_KEYS, TopicKeyTable } from './state/topic-keys.ts';

/**
 * The recommender's mutable helpers that are neither live state nor config: interned topic keys, the tag hierarchy
 * learned over them, cached affinity models and sort scratch. They belong to one engine, never to a module, so two engines in one process (tests, the
 * simulator, a benchmark comparing configs) share nothing.
 */
export interface RecommendRuntime {
  readonly topics: TopicKeyTable;
  /** Which tags are sub-topics of which, learned from the catalog (written by the recommend state). */
  readonly subtopics: TagHierarchy;
  readonly affinity: AffinityModelCache;
  readonly sort: Sorter;
  /** Hits and misses of the search-intent source's per-query result cache, over every pipeline. */
  readonly searchIntentCache: CacheCounter;
}

export interface RecommendRuntimeOptions {
  /** Topic keys no note uses that may be interned (from search text and the like); see `TopicKeyTable`. */
  maxLooseTopicKeys?: number;
  /** Profiles whose affinity models are cached. */
  affinityCacheProfiles?: number;
}

/** A fresh runtime for one engine. */
export function createRecommendRuntime(opts: RecommendRuntimeOptions = {}): RecommendRuntime {
  const topics = new TopicKeyTable(opts.maxLooseTopicKeys ?? DEFAULT_MAX_LOOSE_TOPIC_KEYS);
  const subtopics = new TagHierarchy(topics);
  return { topics, subtopics, affinity: new AffinityModelCache(opts.affinityCacheProfiles ?? DEFAULT_AFFINITY_CACHE_PROFILES, topics, subtopics), sort: new Sorter(), searchIntentCache: new CacheCounter() };
}
