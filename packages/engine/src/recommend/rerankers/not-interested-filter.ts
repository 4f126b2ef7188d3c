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
      return items.filter((it) => !p.hiddenNotes.has(it.ix) && !p.hiddenAuthors.has(it.meta.authorId) && !it.meta.tags.some((t) => p.hiddenTags.has(t)));
    },
  };
}
