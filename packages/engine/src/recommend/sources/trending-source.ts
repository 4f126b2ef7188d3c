import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { ALL_MARKETS } from '../trends/trend-detector.ts';

/**
 * Notes and tags whose engagement velocity is accelerating past their own baseline, in the user's
 * market first and community-wide after. Served regardless of the user's history: this is how a
 * trend reaches users who never engaged with anything related.
 */
export function trendingSource(params: Params, deps: ComponentDeps): CandidateSource {
  const tags = numParam(params, 'tags', 5, 0);
  const perTag = numParam(params, 'perTag', 4, 1);
  const { trends } = deps.state;
  const minNoteVelocity = numParam(params, 'minNoteVelocityShare', 0.25, 0) * deps.state.cfg.trends.minVelocity;
  return {
    name: 'trending',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const out = new Map<number, Candidate>();
      const markets = ctx.market ? [ctx.market, ALL_MARKETS] : [ALL_MARKETS];
      for (const mk of markets) {
        const where = mk === ALL_MARKETS ? 'trending now' : `trending in ${mk}`;
        const marketParams: Record<string, string> = mk === ALL_MARKETS ? {} : { market: mk };
        const hotReasons = [{ code: 'trending', text: where, params: marketParams }];
        const hot = trends.trending(mk, ctx.now, quota, 'n:');
        const top = hot[0]?.score ?? 1;
        for (const t of hot) {
          const ix = Number(t.key.slice(2));
          if (out.has(ix) || !ctx.admissible(ix)) continue;
          out.set(ix, { ix, retrieval: Math.min(1, t.score / top), reasons: hotReasons });
        }
        for (const t of trends.trending(mk, ctx.now, tags, 't:')) {
          const tag = t.key.slice(2);
          if (ctx.profile?.hiddenTags.has(tag)) continue;
          // Only notes that are themselves part of the surge, not every note carrying the tag.
          const notes = trends.hotNotesWithTag(mk, tag, ctx.now, (ix) => deps.catalog.at(ix)?.tags, minNoteVelocity);
          let n = 0;
          const tagReasons = [{ code: 'trending', text: `#${tag} is ${where}`, params: { ...marketParams, tag } }];
          for (const ix of notes) {
            if (n >= perTag) break;
            if (out.has(ix) || !ctx.admissible(ix)) continue;
            n++;
            out.set(ix, { ix, retrieval: 0.8, reasons: tagReasons });
          }
        }
        if (out.size >= quota) break;
      }
      return [...out.values()].slice(0, quota);
    },
  };
}
