import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { Explanation } from '../feed.ts';

/** One note proposed by one source, with the source's own relevance in [0, 1] and why. */
export interface Candidate {
  ix: number;
  retrieval: number;
  reasons: Explanation[];
  exploration?: boolean;
}

/** A candidate after merging across sources; the scorer sets `score`, rerankers reorder or drop. */
export interface RankedItem {
  ix: number;
  meta: NoteMeta;
  /** Source name → that source's retrieval score. */
  retrieval: Map<string, number>;
  reasons: Explanation[];
  exploration: boolean;
  score: number;
}

export function mergeCandidate(into: Map<number, RankedItem>, source: string, c: Candidate, meta: NoteMeta): void {
  const it = into.get(c.ix);
  if (!it) {
    into.set(c.ix, { ix: c.ix, meta, retrieval: new Map([[source, c.retrieval]]), reasons: [...c.reasons], exploration: c.exploration === true, score: 0 });
    return;
  }
  it.retrieval.set(source, Math.max(it.retrieval.get(source) ?? 0, c.retrieval));
  for (const r of c.reasons) if (!it.reasons.some((x) => x.code === r.code && x.text === r.text)) it.reasons.push(r);
  // An item any ranked source also wanted is not an exploration pick.
  if (!c.exploration) it.exploration = false;
}
