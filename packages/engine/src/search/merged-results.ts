// Joining the ranked lists of several readings of one query (as typed, as pinyin, corrected, partly matched) into one page.
import type { MatchCount } from './query-executor.ts';
import type { Clause, QueryPlan } from './query-plan.ts';
import type { HighlightTerms } from './snippet.ts';
import { TopK } from './top-k.ts';

/** Ranked matches of one reading of a query. */
export interface Matched {
  top: TopK;
  count: MatchCount;
  /** True when no note had every clause and `top` holds the notes matching most of them. */
  partial: boolean;
}

/**
 * The clauses a partial match counts: the loosened ones, intent words left out. Words no note has still count as
 * asked for: two known words of three typed must both match.
 */
export function partialClauses(plan: QueryPlan): Clause[] {
  const all = plan.relaxed ?? plan.clauses;
  const hard = all.filter((c) => !c.soft);
  return hard.length > 0 ? hard : all;
}

/** `top`'s notes, then those of `more` it lacks, each below the weakest of `top` and in their own order. */
export function below(top: TopK, count: MatchCount, more: TopK): { top: TopK; count: MatchCount } {
  const kept = top.drain();
  if (kept.length === 0) return { top: more, count: { total: more.size, estimated: count.estimated } };
  const floor = kept[kept.length - 1]?.score as number;
  const have = new Set(kept.map((e) => e.doc));
  const merged = new TopK(top.k);
  for (const e of kept) merged.push(e.score, e.doc);
  const extra = more.drain().filter((e) => !have.has(e.doc) && e.score > 0);
  const ceiling = extra[0]?.score ?? 1;
  // Scaled into (0, 0.9 × the weakest kept score]: an added note never passes one already on the page.
  for (const e of extra) merged.push((0.9 * floor * e.score) / ceiling, e.doc);
  return { top: merged, count: { total: count.total + extra.length, estimated: count.estimated } };
}

/** Highlight terms of two readings of a query together. */
export function joinHighlights(a: HighlightTerms, b: HighlightTerms): HighlightTerms {
  return { stems: new Set([...a.stems, ...b.stems]), prefixes: [...a.prefixes, ...b.prefixes], substrings: [...a.substrings, ...b.substrings] };
}
