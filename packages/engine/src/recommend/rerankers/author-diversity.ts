import type { RankedItem } from '../pipeline/candidate.ts';
import type { Params, Reranker } from '../pipeline/components.ts';
import { numParam } from '../pipeline/params.ts';
import { sortByScore } from '../pipeline/sort.ts';

/** Each further note by the same author is multiplied by `decay`^k (k = how many of theirs rank above), then re-sorted. */
export function authorDiversity(params: Params): Reranker {
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
      return sortByScore(items);
    },
  };
}
