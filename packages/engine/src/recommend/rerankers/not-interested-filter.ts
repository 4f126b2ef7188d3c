import type { RankedItem } from '../pipeline/candidate.ts';
import type { Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';

/** Drops what the user said they do not want: the note, its author, or any of its tags (also reported notes). */
export function notInterestedFilter(): Reranker {
  return {
    name: 'not-interested',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const p = ctx.profile;
      if (!p) return items;
      const { hiddenNotes, hiddenAuthors, hiddenTags } = p;
      if (hiddenNotes.size === 0 && hiddenAuthors.size === 0 && hiddenTags.size === 0) return items;
      const checkTags = hiddenTags.size > 0;
      return items.filter((it) => !hiddenNotes.has(it.ix) && !hiddenAuthors.has(it.meta.authorId) && !(checkTags && it.meta.tags.some((t) => hiddenTags.has(t))));
    },
  };
}
