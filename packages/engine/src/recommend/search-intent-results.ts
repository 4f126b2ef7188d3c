import type { SearchRanking } from '../search/search-engine.ts';

/** One hit as the search-intent source uses it: the note's catalog index and its score relative to the first hit. */
export interface IntentHit {
  ix: number;
  score: number;
}

export interface IntentResults {
  /** When the ranking was computed (engine clock). */
  at: number;
  /**
   * The largest request the ranking answers: Infinity when it holds every match; otherwise its length when it came from
   * a user's search, or the k a source asked for (its hits may be fewer, when fewer notes matched).
   */
  k: number;
  hits: IntentHit[];
}

/** Hits kept per query: the search API's page-size ceiling, the most a search-intent source asks for. */
export const MAX_INTENT_HITS = 100;

/**
 * Recent rankings by query, shared by an engine's search-intent sources: filled by the sources' own searches and by
 * users' searches, so the feed page that follows a search reuses the ranking that search computed instead of running
 * the query again. Entries carry their time; each source decides how old a ranking it accepts. The oldest entry goes
 * past `maxQueries`.
 */
export class SearchIntentResults {
  private readonly byQuery = new Map<string, IntentResults>();

  constructor(private readonly maxQueries = 10_000) {}

  get(query: string): IntentResults | undefined {
    return this.byQuery.get(query.toLowerCase());
  }

  put(query: string, results: IntentResults): void {
    const key = query.toLowerCase();
    this.byQuery.delete(key);
    this.byQuery.set(key, results);
    if (this.byQuery.size > this.maxQueries) this.byQuery.delete(this.byQuery.keys().next().value as string);
  }

  /** Records a user's search ranking at time `at`, under each spelling of its query. */
  record(r: SearchRanking, at: number): void {
    const n = Math.min(r.length, MAX_INTENT_HITS);
    if (n === 0) return;
    const top = r.scores[0] as number;
    const hits: IntentHit[] = new Array(n);
    for (let i = 0; i < n; i++) hits[i] = { ix: r.docs[i] as number, score: top > 0 ? (r.scores[i] as number) / top : 1 };
    const results: IntentResults = { at, k: r.complete && r.length <= MAX_INTENT_HITS ? Infinity : n, hits };
    for (const q of new Set(r.queries.map((x) => x.trim()).filter((x) => x.length > 0))) this.put(q, results);
  }
}
