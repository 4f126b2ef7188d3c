import type { Explanation } from '../feed.ts';
import { lazyReason } from '../pipeline/candidate.ts';
import type { ComponentDeps } from '../pipeline/components.ts';

/** Authors below this many followers and notes count as new creators. */
export const NEW_CREATOR_FOLLOWERS = 10;
export const NEW_CREATOR_NOTES = 5;

/** "new creator" when the author is new (few followers and few notes), otherwise "new note". */
export function creatorReason(authorId: string, deps: ComponentDeps): Explanation {
  return lazyReason(() => creatorReasonNow(authorId, deps));
}

function creatorReasonNow(authorId: string, deps: ComponentDeps): Explanation {
  const isNew = deps.state.follows.followerCount(authorId) < NEW_CREATOR_FOLLOWERS && deps.state.pools.size(`a:${authorId}`) <= NEW_CREATOR_NOTES;
  return isNew ? { code: 'new_creator', text: 'new creator' } : { code: 'fresh', text: 'new note' };
}
