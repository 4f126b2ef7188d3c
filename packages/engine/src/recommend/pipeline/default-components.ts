import { authorDiversity } from '../rerankers/author-diversity.ts';
import { nearDuplicate } from '../rerankers/near-duplicate.ts';
import { businessRulesFilter } from '../rerankers/business-rules-filter.ts';
import { categoryDiversity } from '../rerankers/category-diversity.ts';
import { notInterestedFilter } from '../rerankers/not-interested-filter.ts';
import { noveltyCap } from '../rerankers/novelty-cap.ts';
import { reservedSlots } from '../rerankers/reserved-slots.ts';
import { seenFilter } from '../rerankers/seen-filter.ts';
import { funnelScorer } from '../scorers/funnel-scorer.ts';
import { viralScorer } from '../scorers/viral-scorer.ts';
import { coOccurrenceSource } from '../sources/co-occurrence-source.ts';
import { explorationSource } from '../sources/exploration-source.ts';
import { followingSource } from '../sources/following-source.ts';
import { freshSource } from '../sources/fresh-source.ts';
import { modelSource } from '../sources/model-source.ts';
import { popularSource } from '../sources/popular-source.ts';
import { searchIntentSource } from '../sources/search-intent-source.ts';
import { topicAffinitySource } from '../sources/topic-affinity-source.ts';
import { trafficPoolSource } from '../sources/traffic-pool-source.ts';
import { trendingSource } from '../sources/trending-source.ts';
import type { ComponentRegistry } from './components.ts';

/**
 * The built-in components by name. The composition root passes this (or an extended copy) to the
 * recommender; nothing registers itself on import.
 */
export function defaultComponents(): ComponentRegistry {
  return {
    sources: {
      'search-intent': searchIntentSource,
      'topic-affinity': topicAffinitySource,
      'co-occurrence': coOccurrenceSource,
      model: modelSource,
      following: followingSource,
      popular: popularSource,
      fresh: freshSource,
      trending: trendingSource,
      'traffic-pool': trafficPoolSource,
      exploration: explorationSource,
    },
    scorers: { funnel: funnelScorer, viral: viralScorer },
    rerankers: {
      'business-rules': businessRulesFilter,
      'not-interested': notInterestedFilter,
      seen: seenFilter,
      'author-diversity': authorDiversity,
      'near-duplicate': nearDuplicate,
      'category-diversity': categoryDiversity,
      'novelty-cap': noveltyCap,
      'reserved-slots': reservedSlots,
    },
  };
}
