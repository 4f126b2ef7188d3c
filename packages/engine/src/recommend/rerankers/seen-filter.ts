import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * Fatigue: notes the user had an impression of within `windowHours` are dropped; older impressions
 * only damp the score, so a note can come back once, and lower.
 */
export function seenFilter(params: Params, deps: ComponentDeps): Reranker {
  const { sort } = deps;
  const windowMs = numParam(params, 'windowHours', 72, 0) * 3_600_000;
  const damp = numParam(params, 'olderSeenFactor', 0.5, 0, 1);
  return {
    name: 'seen',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const seen = ctx.profile?.seen;
      if (!seen || seen.size === 0) return items;
      const out: RankedItem[] = [];
      let damped = false;
      for (const it of items) {
        const t = seen.get(it.ix);
        if (t === undefined) out.push(it);
        else if (ctx.now - t > windowMs) {
          it.score *= damp;
          damped = true;
          out.push(it);
        }
      }
      if (damped) sort.sortByScore(out);
      return out;
    },
  };
}
