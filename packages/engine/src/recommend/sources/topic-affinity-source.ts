import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { engagementQuality } from '../state/note-quality.ts';
import { topicReason } from '../state/topic-reasons.ts';
import { LEVELS } from '../state/topic-keys.ts';

/**
 * The funnel's narrowing: candidates come from the posting lists of the user's strongest topics,
 * where deeper levels (tags, sub-topic terms) are favoured by `depthBias` per level. As evidence
 * piles up on a sub-topic its key outranks the broad category and takes the quota; `breadth`
 * bounds how many topics one page draws from, `depth` how far down the hierarchy it goes. Within a
 * level, a sub-topic is a narrower key that co-occurs inside a topic ("保姆级攻略" inside
 * "DeepSeek"): `narrowBias` favours keys with shorter posting lists, ln(largest/own) per unit, so
 * equal evidence on the topic and its sub-topic hands the quota to the sub-topic.
 */
export function topicAffinitySource(params: Params, deps: ComponentDeps): CandidateSource {
  const breadth = numParam(params, 'breadth', 6, 1, 50);
  const depth = numParam(params, 'depth', LEVELS.length, 1, LEVELS.length);
  const depthBias = numParam(params, 'depthBias', 0.5, 0);
  const narrowBias = numParam(params, 'narrowBias', 0.5, 0);
  const scan = numParam(params, 'scanFactor', 4, 1, 50);
  const { state } = deps;

  return {
    name: 'topic-affinity',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const p = ctx.profile;
      if (!p) return [];
      const topics = p.topTopics(ctx.now, breadth * 4).filter((t) => LEVELS.indexOf(t.tw.level) < depth && !(t.tw.level === 'tag' && p.hiddenTags.has(t.key.slice(2))));
      const max = topics[0]?.w ?? 0;
      if (max <= 0) return [];
      const sizes = topics.map((t) => Math.max(1, state.pools.size(t.key)));
      const largest = Math.max(...sizes);
      const ranked = topics
        .map((t, i) => ({ ...t, priority: (t.w / max) * (1 + depthBias * LEVELS.indexOf(t.tw.level)) * (1 + narrowBias * Math.log(largest / (sizes[i] as number))) }))
        .sort((a, b) => b.priority - a.priority)
        .slice(0, breadth);
      const totalPriority = ranked.reduce((s, t) => s + t.priority, 0);
      const topPriority = ranked[0]?.priority ?? 1;
      const out: Candidate[] = [];
      const taken = new Set<number>();
      // Shares follow priority; narrow keys pick first, so a note matching both a topic and its
      // sub-topic is explained by the sub-topic.
      const byNarrowness = ranked.map((t) => ({ t, size: state.pools.size(t.key) })).sort((a, b) => a.size - b.size);
      for (const { t } of byNarrowness) {
        const share = Math.max(1, Math.round((quota * t.priority) / totalPriority));
        const pool = [...state.pools.newest(t.key, share * scan), ...state.popular.top(t.key, share).map((x) => x.ix)];
        const scored: { ix: number; q: number }[] = [];
        const local = new Set<number>();
        for (const ix of pool) {
          if (taken.has(ix) || local.has(ix) || !ctx.admissible(ix)) continue;
          local.add(ix);
          scored.push({ ix, q: engagementQuality(state.counters, ix, state.cfg.quality) });
        }
        scored.sort((a, b) => b.q - a.q);
        const reason = topicReason(t.key, t.tw, ctx.lang);
        for (const s of scored.slice(0, share)) {
          taken.add(s.ix);
          out.push({ ix: s.ix, retrieval: (t.priority / topPriority) * (0.5 + 0.5 * s.q), reasons: [reason] });
        }
      }
      return out;
    },
  };
}
