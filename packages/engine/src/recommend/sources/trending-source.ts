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
  // Trending tags looked at to name the trend a trending note belongs to.
  const nameTags = numParam(params, 'nameTags', 50, 0);
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
        // A trending note is labelled with the trending tag it carries (the strongest, if several), so the reason
        // names the trend; a note surging on its own says only that it is trending.
        const hotTags = trends.trending(mk, ctx.now, Math.max(tags, nameTags), 't:');
        const tagRank = new Map(hotTags.map((t, i) => [t.key.slice(2), i]));
        const tagReasons = new Map<string, Candidate['reasons']>();
        const reasonsFor = (tag: string): Candidate['reasons'] => {
          let r = tagReasons.get(tag);
          if (!r) tagReasons.set(tag, (r = [{ code: 'trending', text: `#${tag} is ${where}`, params: { ...marketParams, tag } }]));
          return r;
        };
        const hot = trends.trending(mk, ctx.now, quota, 'n:');
        const top = hot[0]?.score ?? 1;
        for (const t of hot) {
          const ix = Number(t.key.slice(2));
          const m = out.has(ix) ? null : ctx.admissible(ix);
          if (!m) continue;
          let best: string | null = null;
          for (const tag of m.tags) {
            const rank = tagRank.get(tag);
            if (rank !== undefined && !ctx.profile?.hiddenTags.has(tag) && (best === null || rank < (tagRank.get(best) as number))) best = tag;
          }
          out.set(ix, { ix, retrieval: Math.min(1, t.score / top), reasons: best === null ? hotReasons : reasonsFor(best) });
        }
        for (const t of hotTags.slice(0, tags)) {
          const tag = t.key.slice(2);
          if (ctx.profile?.hiddenTags.has(tag)) continue;
          // Only notes that are themselves part of the surge, not every note carrying the tag.
          const notes = trends.hotNotesWithTag(mk, tag, ctx.now, (ix) => deps.catalog.at(ix)?.tags, minNoteVelocity);
          let n = 0;
          for (const ix of notes) {
            if (n >= perTag) break;
            if (out.has(ix) || !ctx.admissible(ix)) continue;
            n++;
            out.set(ix, { ix, retrieval: 0.8, reasons: reasonsFor(tag) });
          }
        }
        if (out.size >= quota) break;
      }
      return [...out.values()].slice(0, quota);
    },
  };
}
