import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { engagementQuality } from '../state/note-quality.ts';
import { topicReason } from '../state/topic-reasons.ts';
import { LEVELS } from '../state/topic-keys.ts';
import { IxMarks } from '../pipeline/ix-marks.ts';
import { lazyReason } from '../pipeline/candidate.ts';
import type { Explanation } from '../feed.ts';
import type { TopicWeight } from '../state/user-profile.ts';

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
  const { state, sort } = deps;
  // Reused by every request: notes taken for earlier topics, and notes already considered for the current one.
  const taken = new IxMarks();
  const local = new IxMarks();
  // The current topic's pool: note indices and their engagement quality, in pool order.
  let poolIx = new Int32Array(256);
  let poolQ = new Float64Array(256);

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
      const ranked = sort.sortByKeyDesc(
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
      const byNarrowness = sort.sortByKeyDesc(ranked.map((r) => ({ r, size: state.pools.size(r.t.key) })), narrowness);
      for (const { r } of byNarrowness) {
        const { t, priority } = r;
        const share = Math.max(1, Math.round((quota * priority) / totalPriority));
        local.clear();
        const newest = state.pools.newest(t.key, share * scan);
        const popular = state.popular.top(t.key, share);
        if (poolIx.length < newest.length + popular.length) {
          poolIx = new Int32Array(2 * (newest.length + popular.length));
          poolQ = new Float64Array(poolIx.length);
        }
        let n = 0;
        for (let i = 0; i < newest.length + popular.length; i++) {
          const ix = i < newest.length ? (newest[i] as number) : (popular[i - newest.length] as { ix: number }).ix;
          if (taken.has(ix) || local.has(ix) || !ctx.admissible(ix)) continue;
          local.add(ix);
          poolIx[n] = ix;
          poolQ[n++] = engagementQuality(state.counters, ix, state.cfg.quality);
        }
        // Best quality first, pool order among equals (a stable sort of the pool by quality).
        const order = sort.orderByKeyDesc(poolQ, n);
        const term = t.tw.level === 'term';
        const reasons = term ? null : [lazyReason(() => topicReason(t.key, t.tw, ctx.lang))];
        for (let i = 0, m = Math.min(share, n); i < m; i++) {
          const at = order[i] as number;
          const ix = poolIx[at] as number;
          taken.add(ix);
          if (!reasons) {
            out.push({ ix, retrieval: (priority / topPriority) * (0.5 + 0.5 * (poolQ[at] as number)), reasons: [lazyReason(() => readableReason(ix, t.key, t.tw, ctx, deps))] });
            continue;
          }
          // Candidates of one topic share their one-reason list; the pipeline copies it before adding to it.
          out.push({ ix, retrieval: (priority / topPriority) * (0.5 + 0.5 * (poolQ[at] as number)), reasons });
        }
      }
      return out;
    },
  };
}

const priorityOf = (r: { priority: number }): number => r.priority;
/** Ascending posting-list size, as a descending key. */
const narrowness = (x: { size: number }): number => -x.size;

/**
 * Title phrases are cut from titles without a segmenter and read as fragments ("款谁最不油"), so a note drawn by one is
 * explained by the note's own category or tag that weighs most in the profile; the phrase itself only when none is
 * there (clients leave a phrase out of the sentence).
 */
function readableReason(ix: number, key: string, tw: TopicWeight, ctx: FeedContext, deps: ComponentDeps): Explanation {
  const p = ctx.profile;
  const m = deps.catalog.at(ix);
  let best: string | null = null;
  let bestTw: TopicWeight | undefined;
  let max = 0;
  if (p && m) {
    for (const k of deps.state.topics.ofNote(m)) {
      if (k.level === 'term') continue;
      const w = p.weight(k.key, ctx.now);
      if (w > max) [max, best, bestTw] = [w, k.key, p.topic(k.key)];
    }
  }
  return best !== null && bestTw ? topicReason(best, bestTw, ctx.lang) : topicReason(key, tw, ctx.lang);
}
