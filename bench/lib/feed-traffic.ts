import { SeededRng, type Engine, type ManualClock } from '@notewave/engine';
import type { EngineAtScale } from './loaded-engine.ts';
import { QueryDistribution } from './query-dist.ts';
import type { BenchContext } from './workload.ts';

/**
 * Fresh feed pages arrive at this rate on one node while a workload runs, so the clock moves 100 ms per request: TTL
 * caches (the search-intent cache keeps a query's hits for 300 s, affinity models a minute, trend snapshots 2 s)
 * expire as they would in production instead of living forever on a frozen clock. 10 fresh pages a second is the
 * peak of a community of 100k users with ~30% of them active daily, ~10 fresh sessions each.
 */
export const FEED_ARRIVALS_PER_S = 10;
/** Share of fresh feed requests whose user searched just before (a long-tail query, see `QueryDistribution`). */
export const SEARCH_BEFORE_FEED = 0.3;

/** The query distribution over the loaded catalog, built once per run. */
export function benchQueries(ctx: BenchContext, loaded: EngineAtScale): Promise<QueryDistribution> {
  return ctx.shared.once('queries', async () => {
    const { catalog } = loaded.engine;
    const notes: { tags: readonly string[]; title: string }[] = [];
    for (let i = 0; i < catalog.size; i++) {
      const m = catalog.at(i);
      if (m) notes.push(m);
    }
    return new QueryDistribution(notes, ctx.seed);
  });
}

/** Moves an in-process engine's clock at a stated request rate and makes some users search before their page. */
export class FeedTraffic {
  private readonly rng: SeededRng;
  private n = 0;
  searches = 0;

  constructor(
    private readonly engine: Engine,
    private readonly clock: ManualClock,
    private readonly queries: QueryDistribution,
    seed: number,
    readonly stepMs = 1000 / FEED_ARRIVALS_PER_S,
    readonly searchShare = SEARCH_BEFORE_FEED,
  ) {
    this.rng = new SeededRng(seed ^ 0xfeed);
  }

  /** Advances the clock to the next arrival; with probability `searchShare` the user searches first (not timed). */
  before(userId: string): boolean {
    this.clock.set(this.clock.now() + this.stepMs);
    if (this.rng.next() >= this.searchShare) return false;
    this.search(userId, this.queries.next());
    return true;
  }

  /** A search by `userId` now, as the search API runs and records it: a personalised first page of 20, then the event with its hits. */
  search(userId: string, query: string): void {
    const res = this.engine.runSearch({ q: query, userId, limit: 20, highlights: false });
    const resultIds = res.hits.map((h) => h.noteId);
    this.engine.applyEvent({ type: 'search', userId, query: res.query, resultIds, ts: this.clock.now(), clientEventId: `bench-q-${this.n++}` });
    this.searches++;
  }
}

export type CacheCounts = Record<string, { hits: number; misses: number }>;

/** What happened in the caches between two readings. */
export function cacheDelta(before: CacheCounts, after: CacheCounts): CacheCounts {
  const out: CacheCounts = {};
  for (const [k, a] of Object.entries(after)) {
    const b = before[k] ?? { hits: 0, misses: 0 };
    out[k] = { hits: a.hits - b.hits, misses: a.misses - b.misses };
  }
  return out;
}

export function addCounts(into: CacheCounts, d: CacheCounts): void {
  for (const [k, c] of Object.entries(d)) {
    const t = (into[k] ??= { hits: 0, misses: 0 });
    t.hits += c.hits;
    t.misses += c.misses;
  }
}

/** "83% of 2.1/req" for a cache's hit rate and lookups per request. */
export function hitRate(c: { hits: number; misses: number } | undefined, requests: number): string {
  if (!c || c.hits + c.misses === 0) return 'no lookups';
  return `${((100 * c.hits) / (c.hits + c.misses)).toFixed(0)}% of ${((c.hits + c.misses) / requests).toFixed(1)}/req`;
}

export function hitShare(c: { hits: number; misses: number } | undefined): number {
  return c && c.hits + c.misses > 0 ? c.hits / (c.hits + c.misses) : Number.NaN;
}

/** Throws unless the two user lists share no one: a workload measuring "fresh" pages must not measure warmed users. */
export function assertDisjoint(warm: readonly string[], measured: readonly string[], what: string): void {
  const seen = new Set(warm);
  const both = measured.filter((u) => seen.has(u));
  if (both.length > 0) throw new Error(`${what}: ${both.length} measured users were also warm-up users (e.g. ${both[0]}); the workload needs disjoint users`);
}
