/**
 * Hits and misses of one of the recommender's caches, counted as requests use it: how often a cache answers is what
 * decides whether its TTL and size fit the traffic, so operators (metrics) and benchmarks read these.
 */
export class CacheCounter {
  hits = 0;
  misses = 0;

  hit(): void {
    this.hits++;
  }

  miss(): void {
    this.misses++;
  }
}

/** Counts of a cache at one moment. */
export interface CacheCounts {
  hits: number;
  misses: number;
}
