import type { RankedItem } from '../pipeline/candidate.ts';
import type { Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * Sliding-window category diversity: position by position, the next item is the best of the
 * remaining ones after multiplying by `penalty`^(n − allowance), n = items of its sub-category among
 * the last `window` placed. The allowance lets a vertical strategy stay on one topic for most of a
 * window (funnel) while a broad one changes topic almost every item (viral).
 * Only the head (`headFactor` × limit) is reordered, so the cost is O(limit²).
 */
export function categoryDiversity(params: Params): Reranker {
  const window = numParam(params, 'window', 5, 1);
  const penalty = numParam(params, 'penalty', 0.8, 0, 1);
  const allowance = numParam(params, 'allowance', 0, 0);
  const headFactor = numParam(params, 'headFactor', 3, 1);
  // penalty^n for the whole n a window can reach (n is whole when the allowance is); other n are computed.
  const powers = Array.from({ length: Math.trunc(window) + 1 }, (_, n) => Math.pow(penalty, n));
  return {
    name: 'category-diversity',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const head = items.slice(0, Math.ceil(ctx.limit * headFactor));
      const out: RankedItem[] = [];
      while (head.length > 0 && out.length < ctx.limit) {
        // Items per sub-category among the last `window` placed, counted once per position.
        const recent = new Map<string, number>();
        for (let j = Math.max(0, out.length - Math.trunc(window)); j < out.length; j++) {
          const c = (out[j] as RankedItem).meta.category;
          recent.set(c, (recent.get(c) ?? 0) + 1);
        }
        let best = 0;
        let bestScore = -Infinity;
        for (let i = 0; i < head.length; i++) {
          const it = head[i] as RankedItem;
          const n = -allowance + (recent.get(it.meta.category) ?? 0);
          const f = n <= 0 ? 1 : (powers[n] ?? Math.pow(penalty, n));
          const s = it.score >= 0 ? it.score * f : it.score / f;
          if (s > bestScore) [bestScore, best] = [s, i];
        }
        out.push(head.splice(best, 1)[0] as RankedItem);
      }
      return [...out, ...head, ...items.slice(Math.ceil(ctx.limit * headFactor))];
    },
  };
}
