import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import type { UserProfile } from '../state/user-profile.ts';
import type { NoteMeta } from '../../catalog/note-catalog.ts';
import { MAX_INTENT_HITS, SearchIntentResults, type IntentHit } from '../search-intent-results.ts';

/**
 * Active search, the funnel's heaviest signal: the user's recent queries are re-run against the
 * search index and their hits proposed, each query's share of the quota following its decayed
 * intent. Rankings are kept per query for a short time, since many feed pages follow one search, and the page
 * right after a user's search reuses the ranking that search computed (before personalisation).
 */
export function searchIntentSource(params: Params, deps: ComponentDeps): CandidateSource {
  const maxQueries = numParam(params, 'queries', 3, 1, 10);
  const cacheMs = numParam(params, 'cacheSeconds', 300, 0) * 1000;
  const minIntent = numParam(params, 'minIntent', 0.1, 0);
  const refineTags = numParam(params, 'refineTags', 3, 0, 10);
  // Shared with the engine's other search-intent sources and filled by users' own searches too (see SearchIntentResults).
  const cache = deps.searchIntentResults ?? new SearchIntentResults();

  function hits(q: string, wanted: number, now: number): IntentHit[] {
    const k = Math.min(wanted, MAX_INTENT_HITS);
    const c = cache.get(q);
    if (c && now - c.at <= cacheMs && c.k >= k) {
      deps.searchIntentCache?.hit();
      return c.hits;
    }
    deps.searchIntentCache?.miss();
    // Only the ranking is used: no snippets are built for the hits.
    const res = deps.search.search({ q, limit: k, highlights: false });
    const top = res.hits[0]?.score ?? 1;
    const out: IntentHit[] = [];
    for (const h of res.hits) {
      const m = deps.catalog.get(h.noteId);
      if (m) out.push({ ix: m.ix, score: top > 0 ? h.score / top : 1 });
    }
    cache.put(q, { at: now, k, hits: out });
    return out;
  }

  /**
   * The user's strongest sub-topic tags (read or saved, not searched) of a topic the query's first hits belong to,
   * with their weights: carried by one of those hits, or sitting under the same parent tag as theirs. The query may
   * rank the user's sub-topic last of its topic ("滑雪" finding gear first), and that is the sub-topic to narrow it
   * to. A few reads of one sub-topic also carry a general tag or two by chance ("新手"), as often as any one tag of
   * the sub-topic, so the query is narrowed by several tags at once and the sub-topic's own, being several, win.
   * Weights are the profile's, times how specific the tag is within its topic (ln parent notes / tag notes).
   */
  function refinements(p: UserProfile, plain: readonly { ix: number }[], now: number): { tag: string; w: number }[] {
    const { subtopics, topics } = deps.state;
    const first: NoteMeta[] = [];
    const parents = new Set<number>();
    for (let i = 0; i < Math.min(20, plain.length); i++) {
      const m = deps.catalog.at((plain[i] as { ix: number }).ix);
      if (!m) continue;
      first.push(m);
      const t = subtopics.topicOf(m);
      if (t >= 0) parents.add(t);
    }
    const out: { tag: string; w: number }[] = [];
    for (const t of p.topTopics(now, 40)) {
      if (t.tw.level !== 'tag' || !(t.tw.bySignal.complete || t.tw.bySignal.save)) continue;
      const k = topics.find(t.key);
      if (!k || !subtopics.isSubtopic(k.id)) continue;
      const tag = t.key.slice(2);
      const parent = subtopics.parentOf(k.id);
      if (!parents.has(parent) && !first.some((m) => m.tags.includes(tag))) continue;
      const w = t.w * Math.log(Math.max(2, subtopics.notesOf(parent) / Math.max(1, subtopics.notesOf(k.id))));
      out.push({ tag, w });
    }
    return out.sort((x, y) => y.w - x.w).slice(0, refineTags);
  }

  return {
    name: 'search-intent',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const queries = ctx.profile?.activeQueries(ctx.now).filter((q) => q.w >= minIntent).slice(0, maxQueries) ?? [];
      const total = queries.reduce((s, q) => s + q.w, 0);
      const out: Candidate[] = [];
      const taken = new Set<number>();
      for (const q of queries) {
        const share = Math.max(1, Math.round((quota * q.w) / total));
        const reasons = [{ code: 'search', text: `you searched '${q.text}'`, params: { query: q.text } }];
        const plain = hits(q.text, share * 3, ctx.now);
        // The query narrowed to the sub-topic the user went on to read ("DeepSeek" → "DeepSeek 保姆级攻略") takes three
        // quarters of the share, so its notes past the plain query's first hits still count as searched for.
        const subs = ctx.profile ? refinements(ctx.profile, plain, ctx.now) : [];
        const subTotal = subs.reduce((x, r) => x + r.w, 0);
        let left = share;
        for (const sub of subs) {
          const n = Math.ceil((((share * 3) / 4) * sub.w) / subTotal);
          left -= take(hits(`${q.text} ${sub.tag}`, n * 3, ctx.now), Math.min(left, n), q.w, reasons);
        }
        take(plain, left, q.w, reasons);
      }
      return out;

      function take(list: { ix: number; score: number }[], n: number, w: number, reasons: Candidate['reasons']): number {
        let k = 0;
        for (const h of list) {
          if (k >= n) break;
          if (taken.has(h.ix) || !ctx.admissible(h.ix)) continue;
          taken.add(h.ix);
          k++;
          out.push({ ix: h.ix, retrieval: h.score * Math.min(1, w), reasons });
        }
        return k;
      }
    },
  };
}
