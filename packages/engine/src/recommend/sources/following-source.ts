import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { retrievalKey } from '../pipeline/sort.ts';

/** The newest notes of the authors a user follows. */
export function followingSource(params: Params, deps: ComponentDeps): CandidateSource {
  const perAuthor = numParam(params, 'perAuthor', 3, 1);
  const maxAuthors = numParam(params, 'maxAuthors', 200, 1);
  const halfLifeHours = numParam(params, 'halfLifeHours', 48, 1);
  return {
    name: 'following',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const out: Candidate[] = [];
      let n = 0;
      for (const author of deps.state.follows.following(ctx.userId)) {
        if (n++ >= maxAuthors) break;
        let taken = 0;
        for (const ix of deps.state.pools.newest(`a:${author}`, perAuthor * 3)) {
          const m = taken < perAuthor ? ctx.admissible(ix) : null;
          if (!m) continue;
          taken++;
          const age = Math.max(0, ctx.now - m.createdAt) / 3_600_000;
          out.push({ ix, retrieval: Math.pow(2, -age / halfLifeHours), reasons: FOLLOWING });
        }
      }
      return deps.sort.sortByKeyDesc(out, retrievalKey).slice(0, quota);
    },
  };
}

/** Shared by every candidate of this source; the pipeline copies a list before adding to it. */
const FOLLOWING = [{ code: 'following', text: 'from people you follow' }];
