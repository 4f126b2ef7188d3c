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
  /**
   * Every source's reasons, in the order the sources proposed the item (repeats included: the page keeps the first
   * of each text). Shared with the first candidate until a second source adds one: read, never modify in place.
   */
  reasons: Explanation[];
  exploration: boolean;
  score: number;
}

/**
 * An explanation worked out when first read. Most candidates are never shown, so sources hand these out instead of
 * building texts (and the lookups behind them) for every candidate; the recommender reads them for the page only.
 */
class LazyExplanation implements Explanation {
  private value: Explanation | null = null;
  constructor(private readonly make: () => Explanation) {}
  get code(): string {
    return (this.value ??= this.make()).code;
  }
  get text(): string {
    return (this.value ??= this.make()).text;
  }
  get params(): Readonly<Record<string, string>> | undefined {
    return (this.value ??= this.make()).params;
  }
}

export function lazyReason(make: () => Explanation): Explanation {
  return new LazyExplanation(make);
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
  if (c.reasons.length > 0) it.reasons = [...it.reasons, ...c.reasons];
  // An item any ranked source also wanted is not an exploration pick.
  if (!c.exploration) it.exploration = false;
}
