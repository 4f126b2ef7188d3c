import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import { numParam } from '../pipeline/params.ts';

/** Each further note by the same author is multiplied by `decay`^k (k = how many of theirs rank above), then re-sorted. */
export function authorDiversity(params: Params, deps: ComponentDeps): Reranker {
  const { sort } = deps;
  const decay = numParam(params, 'decay', 0.7, 0, 1);
  const floor = numParam(params, 'floor', 0.05, 0, 1);
  return {
    name: 'author-diversity',
    rerank(items: RankedItem[]): RankedItem[] {
      const count = new Map<string, number>();
      for (const it of items) {
        const k = count.get(it.meta.authorId) ?? 0;
        count.set(it.meta.authorId, k + 1);
        it.score *= Math.max(floor, Math.pow(decay, k));
      }
      return sort.sortByScore(items);
    },
  };
}
