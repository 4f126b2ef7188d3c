import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * Active search, the funnel's heaviest signal: the user's recent queries are re-run against the
 * search index and their hits proposed, each query's share of the quota following its decayed
 * intent. Results are cached per query for a short time, since many feed pages follow one search.
 */
/** The search API's page-size ceiling. */
const MAX_HITS = 100;

export function searchIntentSource(params: Params, deps: ComponentDeps): CandidateSource {
  const maxQueries = numParam(params, 'queries', 3, 1, 10);
  const cacheMs = numParam(params, 'cacheSeconds', 300, 0) * 1000;
  const minIntent = numParam(params, 'minIntent', 0.1, 0);
  const cache = new Map<string, { at: number; k: number; hits: { ix: number; score: number }[] }>();

  function hits(q: string, k: number, now: number): { ix: number; score: number }[] {
    const key = q.toLowerCase();
    const c = cache.get(key);
    if (c && now - c.at <= cacheMs && c.k >= k) return c.hits;
    // Only the ranking is used: no snippets are built for the hits.
    const res = deps.search.search({ q, limit: Math.min(k, MAX_HITS), highlights: false });
    const top = res.hits[0]?.score ?? 1;
    const out: { ix: number; score: number }[] = [];
    for (const h of res.hits) {
      const m = deps.catalog.get(h.noteId);
      if (m) out.push({ ix: m.ix, score: top > 0 ? h.score / top : 1 });
    }
    cache.set(key, { at: now, k, hits: out });
    if (cache.size > 10_000) cache.delete(cache.keys().next().value as string);
    return out;
  }

  return {
    name: 'search-intent',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const queries = ctx.profile?.activeQueries(ctx.now).filter((q) => q.w >= minIntent).slice(0, maxQueries) ?? [];
      const total = queries.reduce((s, q) => s + q.w, 0);
      const out: Candidate[] = [];
      for (const q of queries) {
        const share = Math.max(1, Math.round((quota * q.w) / total));
        let taken = 0;
        const reasons = [{ code: 'search', text: `you searched '${q.text}'`, params: { query: q.text } }];
        for (const h of hits(q.text, share * 3, ctx.now)) {
          if (taken >= share) break;
          if (!ctx.admissible(h.ix)) continue;
          taken++;
          out.push({ ix: h.ix, retrieval: h.score * Math.min(1, q.w), reasons });
        }
      }
      return out;
    },
  };
}
