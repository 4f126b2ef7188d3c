import { SeededRng } from '@notewave/engine';

/** Zipf exponent of the query distribution: web and in-app search logs measure 0.7–1.0 over their head. */
export const QUERY_ZIPF_S = 0.9;

/** Distinct queries the distribution ranks: twice the catalog, between 50k and 2M. */
export function queryVocabularySize(notes: number): number {
  return Math.min(2_000_000, Math.max(50_000, 2 * notes));
}

export interface QuerySource {
  tags: readonly string[];
  title: string;
}

/**
 * Search queries with a long tail, as a production search log has them: query ranks follow Zipf(s = 0.9) over a
 * vocabulary of twice the catalog's size. The vocabulary is built from the notes themselves, most common first:
 * the 1,000 commonest tags by how many notes carry them, then, interleaved, the rarer tags, two-tag combinations (one tag of
 * a note with a tag drawn from the whole tag list, so many pairs never occur together on any note) and title
 * fragments (the first 2–8 characters of a note's title). A rank maps to its query deterministically, so the same
 * query recurs at its Zipf frequency and a cache keyed by query sees a realistic hit rate.
 */
export class QueryDistribution {
  private readonly cdf: Float64Array;
  private readonly rng: SeededRng;
  private readonly tags: string[];
  private readonly memo = new Map<number, string>();

  constructor(private readonly notes: readonly QuerySource[], seed: number, readonly size = queryVocabularySize(notes.length), readonly s = QUERY_ZIPF_S) {
    const counts = new Map<string, number>();
    for (const n of notes) for (const t of n.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
    this.tags = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    this.cdf = new Float64Array(size);
    let sum = 0;
    for (let r = 0; r < size; r++) this.cdf[r] = sum += 1 / Math.pow(r + 1, s);
    for (let r = 0; r < size; r++) this.cdf[r]! /= sum;
    this.rng = new SeededRng(seed ^ 0x9e3779b9);
  }

  /** A Zipf-distributed rank in [0, size). */
  rank(): number {
    const u = this.rng.next();
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The query at `rank` (the same every time). */
  query(rank: number): string {
    let q = this.memo.get(rank);
    if (q !== undefined) return q;
    const head = Math.min(1_000, this.tags.length);
    if (rank < head) q = this.tags[rank]!;
    else {
      const r = new SeededRng(Math.imul(rank, 2_654_435_761) >>> 0);
      const note = this.notes[r.int(this.notes.length)]!;
      const kind = rank % 3;
      const rare = head + Math.floor((rank - head) / 3);
      if (kind === 0 && rare < this.tags.length) q = this.tags[rare]!;
      else if (kind !== 2 && note.tags.length > 0) q = `${note.tags[r.int(note.tags.length)]} ${this.tags[r.int(this.tags.length)]}`;
      else q = [...note.title].slice(0, 2 + r.int(7)).join('').trim() || note.title;
    }
    if (this.memo.size < 200_000) this.memo.set(rank, q);
    return q;
  }

  next(): string {
    return this.query(this.rank());
  }

  /** Share of the probability mass on the `k` most frequent ranks. */
  headShare(k: number): number {
    return this.cdf[Math.min(k, this.size) - 1]!;
  }
}
