import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import type { Signal } from '../state/profile-config.ts';
import { retrievalKey } from '../pipeline/sort.ts';
import { lazyReason } from '../pipeline/candidate.ts';

const VERB: Partial<Record<Signal, string>> = { save: 'saved', like: 'liked', complete: 'read to the end', comment: 'commented on', share: 'shared', follow: 'followed' };

/** Item-to-item: neighbours (by live co-occurrence) of the user's most recent positives. */
export function coOccurrenceSource(params: Params, deps: ComponentDeps): CandidateSource {
  const seeds = numParam(params, 'seeds', 5, 1, 30);
  return {
    name: 'co-occurrence',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const recent = ctx.profile?.positives.slice(0, seeds) ?? [];
      const best = new Map<number, Candidate>();
      const per = Math.max(2, Math.ceil((quota * 2) / Math.max(1, recent.length)));
      for (const seed of recent) {
        // One reason per seed, shared by its neighbours (the pipeline copies a list before adding to it).
        const reasons = [lazyReason(() => {
          const title = deps.catalog.at(seed.ix)?.title ?? '';
          return { code: 'similar', text: `similar to '${title}' you ${VERB[seed.signal] ?? 'engaged with'}`, params: { title, signal: seed.signal } };
        })];
        for (const n of deps.state.cooccurrence.neighbours(seed.ix, per)) {
          if (!ctx.admissible(n.ix)) continue;
          const prev = best.get(n.ix);
          if (prev && prev.retrieval >= n.score) continue;
          best.set(n.ix, { ix: n.ix, retrieval: Math.min(1, n.score), reasons });
        }
      }
      return deps.sort.sortByKeyDesc([...best.values()], retrievalKey).slice(0, quota);
    },
  };
}
