import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Scorer } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam, numRecordParam } from '../pipeline/params.ts';
import { engagementQuality } from '../state/note-quality.ts';
import { LEVELS } from '../state/topic-keys.ts';
import type { TagHierarchy } from '../state/tag-hierarchy.ts';
import { DEFAULT_LEVEL_WEIGHTS, type AffinityModel } from './affinity.ts';

/**
 * Xiaohongshu-style funnel scoring: relevance to the user's narrowing interest profile first (the
 * topic hierarchy; within a topic, its sub-topic tags), active-search intent next, then engagement quality (a smoothed rate, not raw counts) and a little
 * freshness. Image notes are preferred on the discover surface through per-kind weights.
 */
export function funnelScorer(params: Params, deps: ComponentDeps): Scorer {
  const w = numRecordParam(params, 'weights', { affinity: 0.45, subtopic: 1, search: 0.3, retrieval: 0.1, quality: 0.15, freshness: 0.05 });
  const kindWeights = numRecordParam(params, 'kindWeights', { image: 1, video: 0.85 });
  const levels = numRecordParam(params, 'levelWeights', DEFAULT_LEVEL_WEIGHTS);
  const depth = numParam(params, 'depth', LEVELS.length, 1, LEVELS.length);
  const freshHours = numParam(params, 'freshnessHalfLifeHours', 72, 1);
  const { state, affinity } = deps;
  return {
    name: 'funnel',
    score(items: RankedItem[], ctx: FeedContext): void {
      const aff = ctx.profile ? affinity.model(ctx.profile, ctx.now, levels, depth) : null;
      for (const it of items) {
        const m = it.meta;
        let other = 0;
        let search = 0;
        const { sources, retrievals } = it;
        for (let i = 0; i < sources.length; i++) {
          const src = sources[i];
          if (src === 'search-intent') search = retrievals[i] as number;
          else if (src !== 'exploration') other = Math.max(other, retrievals[i] as number);
        }
        const s =
          w.affinity * (aff ? aff.score(m) : 0) +
          w.search * search +
          w.retrieval * other +
          w.quality * engagementQuality(state.counters, it.ix, state.cfg.quality) +
          w.freshness * Math.pow(2, -Math.max(0, ctx.now - m.createdAt) / (freshHours * 3_600_000));
        it.score = s * (kindWeights[m.kind] ?? 1);
      }
      if (aff && w.subtopic !== 0) narrowWithinTopics(items, aff, state.subtopics, w.subtopic, kindWeights);
    },
  };
}

/**
 * Sub-topic narrowing: within each topic (notes whose sub-topic tags share a parent tag), notes of sub-topics
 * the user did not read or save move down, by how far their sub-topic match falls short of the topic's best
 * candidate. Nothing moves up, so the topic as a whole keeps the standing that search and affinity gave it: a
 * sub-topic read last week does not outrank a search made now, it decides which of the search's notes come first.
 */
function narrowWithinTopics(items: RankedItem[], aff: AffinityModel, subtopics: TagHierarchy, weight: number, kindWeights: Record<string, number>): void {
  const topic = new Int32Array(items.length);
  const match = new Float64Array(items.length);
  const best = new Map<number, number>();
  items.forEach((it, i) => {
    const t = subtopics.topicOf(it.meta);
    topic[i] = t;
    if (t < 0) return;
    const x = aff.subtopic(it.meta);
    match[i] = x;
    best.set(t, Math.max(best.get(t) ?? -Infinity, x));
  });
  items.forEach((it, i) => {
    const top = topic[i]! >= 0 ? best.get(topic[i]!) : undefined;
    if (top !== undefined && top > 0) it.score -= weight * (top - match[i]!) * (kindWeights[it.meta.kind] ?? 1);
  });
}
