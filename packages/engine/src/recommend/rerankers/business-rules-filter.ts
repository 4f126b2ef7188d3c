import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * Hard rules that hold for every strategy: no deleted notes, no blocked authors, no heavily reported notes,
 * and none of the viewer's own notes (a feed is for discovering others).
 */
export function businessRulesFilter(params: Params, deps: ComponentDeps): Reranker {
  const maxReports = numParam(params, 'maxReports', 5, 1);
  const { state } = deps;
  return {
    name: 'business-rules',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const blocked = state.blockedAuthors.size > 0 ? state.blockedAuthors : null;
      const out: RankedItem[] = [];
      for (const it of items) {
        const m = it.meta;
        if (m.deleted || m.authorId === ctx.userId || (blocked && blocked.has(m.authorId))) continue;
        if (state.counters.get('reports', it.ix) < maxReports) out.push(it);
      }
      return out;
    },
  };
}
