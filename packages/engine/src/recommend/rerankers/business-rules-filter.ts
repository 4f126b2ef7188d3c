import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import { numParam } from '../pipeline/params.ts';

/** Hard rules that hold for every strategy: no deleted notes, no blocked authors, no heavily reported notes. */
export function businessRulesFilter(params: Params, deps: ComponentDeps): Reranker {
  const maxReports = numParam(params, 'maxReports', 5, 1);
  const { state } = deps;
  return {
    name: 'business-rules',
    rerank: (items: RankedItem[]) =>
      items.filter((it) => !it.meta.deleted && !state.blockedAuthors.has(it.meta.authorId) && state.counters.get('reports', it.ix) < maxReports),
  };
}
