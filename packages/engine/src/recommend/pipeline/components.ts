import type { NoteCatalog } from '../../catalog/note-catalog.ts';
import type { SearchIntentResults } from '../search-intent-results.ts';
import type { Rng } from '../../runtime/rng.ts';
import type { CacheCounter } from '../cache-counter.ts';
import type { AffinityModelCache } from '../scorers/affinity.ts';
import type { RecommendState } from '../state/recommend-state.ts';
import type { Candidate, RankedItem } from './candidate.ts';
import type { FeedContext } from './feed-context.ts';
import type { Sorter } from './sort.ts';

/** Proposes up to `quota` candidates for a request; must not scan the catalog. */
export interface CandidateSource {
  readonly name: string;
  fetch(ctx: FeedContext, quota: number): Candidate[];
}

/** Sets `score` on every merged candidate. */
export interface Scorer {
  readonly name: string;
  score(items: RankedItem[], ctx: FeedContext): void;
}

/** Filters or reorders the scored list (best first in, best first out). */
export interface Reranker {
  readonly name: string;
  rerank(items: RankedItem[], ctx: FeedContext): RankedItem[];
}

/** Text search as the search-intent source sees it (the SearchEngine satisfies it). */
export interface IntentSearch {
  search(req: { q: string; limit?: number; userId?: string; highlights?: boolean }): { hits: { noteId: string; score: number }[] };
}

/**
 * A trained or streaming model offered as a candidate source (embeddings, ItemKNN, iALS): given a
 * user and their recent positives (catalog indices, newest first), the best `k` catalog indices.
 */
export interface CandidateModel {
  recommend(userId: string, recent: readonly number[], k: number): { ix: number; score: number }[];
}

/** What factories receive: the live state and the engine's collaborators, passed in explicitly. */
export interface ComponentDeps {
  state: RecommendState;
  catalog: NoteCatalog;
  search: IntentSearch;
  /** Models by name; attached later by the composition root, looked up per request. */
  models: ReadonlyMap<string, CandidateModel>;
  rng: Rng;
  /** The engine's affinity models (topic ids are the engine's own: see `state.topics`). */
  affinity: AffinityModelCache;
  /** The engine's sort scratch. */
  sort: Sorter;
  /** Counts the search-intent source's per-query result cache (absent in hand-built deps: nothing is counted). */
  searchIntentCache?: CacheCounter;
  /** Recent rankings by query, shared by the search-intent sources and fed by users' searches (absent: each source keeps its own). */
  searchIntentResults?: SearchIntentResults;
}

/** Component parameters straight from config; factories validate what they read. */
export type Params = Readonly<Record<string, unknown>>;

export type SourceFactory = (params: Params, deps: ComponentDeps) => CandidateSource;
export type ScorerFactory = (params: Params, deps: ComponentDeps) => Scorer;
export type RerankerFactory = (params: Params, deps: ComponentDeps) => Reranker;

/** Named factories a pipeline config may refer to. */
export interface ComponentRegistry {
  sources: Readonly<Record<string, SourceFactory>>;
  scorers: Readonly<Record<string, ScorerFactory>>;
  rerankers: Readonly<Record<string, RerankerFactory>>;
}
