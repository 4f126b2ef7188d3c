import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { engagementQuality } from '../state/note-quality.ts';
import { topicReason } from '../state/topic-reasons.ts';
import { LEVELS } from '../state/topic-keys.ts';
import { sortByKeyDesc } from '../pipeline/sort.ts';
import { IxMarks } from '../pipeline/ix-marks.ts';
import { lazyReason } from '../pipeline/candidate.ts';

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
  // Reused by every request: notes taken for earlier topics, and notes already considered for the current one.
  const taken = new IxMarks();
  const local = new IxMarks();

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
      const ranked = sortByKeyDesc(
        topics.map((t, i) => ({ t, priority: (t.w / max) * (1 + depthBias * LEVELS.indexOf(t.tw.level)) * (1 + narrowBias * Math.log(largest / (sizes[i] as number))) })),
        priorityOf,
      ).slice(0, breadth);
      let totalPriority = 0;
      for (const r of ranked) totalPriority += r.priority;
      const topPriority = ranked[0]?.priority ?? 1;
      const out: Candidate[] = [];
      taken.clear();
      // Shares follow priority; narrow keys pick first, so a note matching both a topic and its
      // sub-topic is explained by the sub-topic.
      const byNarrowness = sortByKeyDesc(ranked.map((r) => ({ r, size: state.pools.size(r.t.key) })), narrowness);
      const scored: { ix: number; q: number }[] = [];
      for (const { r } of byNarrowness) {
        const { t, priority } = r;
        const share = Math.max(1, Math.round((quota * priority) / totalPriority));
        scored.length = 0;
        local.clear();
        const consider = (ix: number): void => {
          if (taken.has(ix) || local.has(ix) || !ctx.admissible(ix)) return;
          local.add(ix);
          scored.push({ ix, q: engagementQuality(state.counters, ix, state.cfg.quality) });
        };
        for (const ix of state.pools.newest(t.key, share * scan)) consider(ix);
        for (const x of state.popular.top(t.key, share)) consider(x.ix);
        sortByKeyDesc(scored, qualityOf);
        const reasons = [lazyReason(() => topicReason(t.key, t.tw, ctx.lang))];
        for (let i = 0, n = Math.min(share, scored.length); i < n; i++) {
          const s = scored[i] as { ix: number; q: number };
          taken.add(s.ix);
          // Candidates of one topic share their one-reason list; the pipeline copies it before adding to it.
          out.push({ ix: s.ix, retrieval: (priority / topPriority) * (0.5 + 0.5 * s.q), reasons });
        }
      }
      return out;
    },
  };
}

const priorityOf = (r: { priority: number }): number => r.priority;
/** Ascending posting-list size, as a descending key. */
const narrowness = (x: { size: number }): number => -x.size;
const qualityOf = (s: { q: number }): number => s.q;
