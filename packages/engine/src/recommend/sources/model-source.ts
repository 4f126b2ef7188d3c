import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { stringParam } from '../pipeline/params.ts';

/**
 * Adapter from any `CandidateModel` (embeddings, ItemKNN, iALS) to a candidate source. The model is
 * looked up by name per request, so it can be trained and attached after start-up; until then the
 * source proposes nothing.
 */
export function modelSource(params: Params, deps: ComponentDeps): CandidateSource {
  const model = stringParam(params, 'model', 'collaborative');
  return {
    name: stringParam(params, 'as', 'collaborative'),
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const m = deps.models.get(model);
      if (!m) return [];
      const recent = ctx.profile?.positives.map((p) => p.ix) ?? [];
      const recs = m.recommend(ctx.userId, recent, quota * 2);
      const top = recs[0]?.score ?? 1;
      const out: Candidate[] = [];
      for (const r of recs) {
        if (out.length >= quota) break;
        if (!ctx.admissible(r.ix)) continue;
        out.push({ ix: r.ix, retrieval: top > 0 ? Math.max(0, r.score / top) : 0, reasons: [{ code: 'collaborative', text: 'liked by people with similar taste' }] });
      }
      return out;
    },
  };
}
