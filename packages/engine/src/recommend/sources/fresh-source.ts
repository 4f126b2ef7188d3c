import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { creatorReason } from './creator-reason.ts';

/** The newest notes of the served kinds, from the fresh rings, but for those the traffic pools retired. */
export function freshSource(params: Params, deps: ComponentDeps): CandidateSource {
  const maxAgeHours = numParam(params, 'maxAgeHours', 48, 1);
  const scan = numParam(params, 'scanFactor', 3, 1);
  return {
    name: 'fresh',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const out: Candidate[] = [];
      const kinds = ctx.kinds ? [...ctx.kinds] : (['image', 'video'] as const);
      const per = Math.ceil(quota / kinds.length);
      for (const kind of kinds) {
        let seen = 0;
        let n = 0;
        for (const ix of deps.state.fresh[kind].newest()) {
          if (n >= per || seen++ >= per * scan) break;
          // A note the traffic pools retired has had its first audience: being new is no reason to show it again.
          const m = deps.state.traffic.isRetired(ix) ? null : ctx.admissible(ix);
          if (!m) continue;
          // Not a break: a rebuild may index notes slightly out of creation order.
          const ageH = (ctx.now - m.createdAt) / 3_600_000;
          if (ageH > maxAgeHours) continue;
          n++;
          out.push({ ix, retrieval: 1 - Math.max(0, ageH) / maxAgeHours, reasons: [creatorReason(m.authorId, deps)] });
        }
      }
      return out;
    },
  };
}
