import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { topicLabel } from '../state/topic-keys.ts';
import { lazyReason } from '../pipeline/candidate.ts';

/**
 * Best engagement-quality notes, kept incrementally per category: from the user's strongest
 * categories when there are any, from the whole community otherwise (cold start).
 */
export function popularSource(params: Params, deps: ComponentDeps): CandidateSource {
  const categories = numParam(params, 'categories', 3, 0, 20);
  return {
    name: 'popular',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const keys = (ctx.profile?.topTopics(ctx.now, 40) ?? [])
        .filter((t) => t.tw.level === 'subcategory' || t.tw.level === 'category')
        .slice(0, categories)
        .map((t) => t.key);
      keys.push('*');
      const per = Math.max(1, Math.ceil(quota / keys.length));
      const out: Candidate[] = [];
      const taken = new Set<number>();
      for (const key of keys) {
        let n = 0;
        const keyReasons = key === '*' ? null : [lazyReason(() => ({ code: 'popular', text: `popular in ${topicLabel(key, ctx.lang)}`, params: { topic: key } }))];
        for (const t of deps.state.popular.top(key, per * 3)) {
          if (n >= per) break;
          const m = taken.has(t.ix) ? null : ctx.admissible(t.ix);
          if (!m) continue;
          taken.add(t.ix);
          n++;
          // A community-wide pick is labelled with its own sub-category: it is popular there too.
          const reasons = keyReasons ?? [lazyReason(() => ({ code: 'popular', text: `popular in ${topicLabel(`s:${m.category}`, ctx.lang)}`, params: { topic: `s:${m.category}` } }))];
          out.push({ ix: t.ix, retrieval: t.score, reasons });
        }
      }
      return out;
    },
  };
}
