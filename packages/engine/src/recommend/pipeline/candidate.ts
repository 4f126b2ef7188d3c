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
  /** Names of the sources that proposed the item, in the order they did. */
  sources: string[];
  /** `retrievals[i]` is the retrieval score `sources[i]` gave (its best, if it proposed the item twice). */
  retrievals: number[];
  /** Shared with the first candidate until a second source adds a reason: read, never modify in place. */
  reasons: Explanation[];
  exploration: boolean;
  score: number;
}

/** The retrieval score `source` gave the item, undefined when it did not propose it. */
export function retrievalOf(it: RankedItem, source: string): number | undefined {
  const i = it.sources.indexOf(source);
  return i < 0 ? undefined : it.retrievals[i];
}

/** A new ranked item for the first candidate proposing a note. */
export function rankedItem(source: string, c: Candidate, meta: NoteMeta): RankedItem {
  return { ix: c.ix, meta, sources: [source], retrievals: [c.retrieval], reasons: c.reasons, exploration: c.exploration === true, score: 0 };
}

/** Adds a further candidate for the same note: its source's retrieval (the best of two), new reasons, exploration. */
export function mergeInto(it: RankedItem, source: string, c: Candidate): void {
  const i = it.sources.indexOf(source);
  if (i < 0) {
    it.sources.push(source);
    it.retrievals.push(Math.max(0, c.retrieval));
  } else it.retrievals[i] = Math.max(it.retrievals[i] as number, c.retrieval);
  let copied = false;
  for (const r of c.reasons) {
    if (it.reasons.some((x) => x.code === r.code && x.text === r.text)) continue;
    if (!copied) {
      it.reasons = [...it.reasons];
      copied = true;
    }
    it.reasons.push(r);
  }
  // An item any ranked source also wanted is not an exploration pick.
  if (!c.exploration) it.exploration = false;
}

export function mergeCandidate(into: Map<number, RankedItem>, source: string, c: Candidate, meta: NoteMeta): void {
  const it = into.get(c.ix);
  if (it) mergeInto(it, source, c);
  else into.set(c.ix, rankedItem(source, c, meta));
}
