import { AnalyticsRollup } from './analytics/rollup.ts';
import { NoteCatalog } from './catalog/note-catalog.ts';
import type { EngineEvent } from './domain/event.ts';
import type { Note } from './domain/note.ts';
import type { Follow } from './domain/social.ts';
import type { Exposure } from './experiments/metrics.ts';
import type { User } from './domain/user.ts';
import type { ComponentRegistry } from './recommend/pipeline/components.ts';
import type { RecommendConfigOverrides } from './recommend/recommend-config.ts';
import { createRecommendRuntime, type RecommendRuntime } from './recommend/recommend-runtime.ts';
import { Recommender, type FeedPage, type FeedRequest } from './recommend/recommender.ts';
import { MAX_INTENT_HITS } from './recommend/search-intent-results.ts';
import type { PoolStatus } from './recommend/exposure/traffic-pools.ts';
import { ALL_MARKETS, type Trend } from './recommend/trends/trend-detector.ts';
import type { Clock } from './runtime/clock.ts';
import type { IdGenerator } from './runtime/ids.ts';
import type { Rng } from './runtime/rng.ts';
import { Analyzer, type NoteTerms, type NoteText } from './search/analyzer.ts';
import { SearchEngine, type SearchRequest, type SearchResponse, type Suggestion } from './search/search-engine.ts';
import type { Romanizer } from './search/romanizer.ts';
import { IntlSegmenter, type Segmenter } from './search/segmenter.ts';

export interface EngineDeps {
  clock: Clock;
  rng: Rng;
  ids: IdGenerator;
  /**
   * Word segmentation behind search and stored note terms. The composition root passes a dictionary segmenter
   * (jieba); without one the engine uses the dependency-free `IntlSegmenter`, which splits most Chinese slang apart.
   */
  segmenter?: Segmenter;
  /** Pinyin readings for search and suggestions (`ly` → 露营); without one, letters are only letters. */
  romanizer?: Romanizer;
}

export interface EngineOptions {
  /** Recommendation config overrides (pipelines, surfaces, profile, pools, trends), merged into the defaults. */
  recommend?: RecommendConfigOverrides;
  /** Components pipelines may name; the built-ins by default. */
  components?: ComponentRegistry;
  /**
   * Most topic keys no note uses (from search text, tags marked not interested) the engine interns; past it such
   * keys are skipped, so what users type cannot grow memory without bound. See `TopicKeyTable`.
   */
  maxLooseTopicKeys?: number;
  /** IANA time zone analytics days are counted in (a community-level setting). Default UTC. */
  timeZone?: string;
}

/**
 * Everything mutable that belongs to one engine besides its live state: the segmenter (and its dictionary), interned
 * topic keys, cached affinity models and sort scratch. Held by the engine, never by a module, so engines in one
 * process are independent.
 */
export interface EngineRuntime extends RecommendRuntime {
  readonly segmenter: Segmenter;
}

/** What the engine keeps of an account: the market feeds are served in, and the coarse attributes analytics reads. */
export type EngineUser = Pick<User, 'id' | 'market' | 'createdAt'> &
  Partial<Pick<User, 'signupSource' | 'ageBand' | 'gender' | 'incomeBand'>>;

/** Per-note engagement counters kept live from events. */
export interface NoteStats {
  impressions: number;
  views: number;
  likes: number;
  saves: number;
  comments: number;
  shares: number;
  /** Views at or above the completion threshold. */
  completes: number;
  /** Fast skips (tiny portion, short time). */
  skips: number;
  /** Follows of the author right after opening this note. */
  follows: number;
  /** Staged exposure: where the note stands in the traffic pools. */
  pool: PoolStatus;
}

/**
 * The engine facade: holds the live state (catalog, search index, recommender state) and is fed by
 * notes, follows and events. No IO: the server persists first, then applies here.
 */
export class Engine {
  readonly catalog = new NoteCatalog();
  readonly search: SearchEngine;
  readonly recommender: Recommender;
  readonly runtime: EngineRuntime;
  /** Daily rollups of every applied event, from which the analytics reports are read. */
  readonly analytics: AnalyticsRollup;

  constructor(readonly deps: EngineDeps, options: EngineOptions = {}) {
    const recommendRuntime = createRecommendRuntime({ maxLooseTopicKeys: options.maxLooseTopicKeys });
    this.runtime = { ...recommendRuntime, segmenter: deps.segmenter ?? new IntlSegmenter() };
    this.search = new SearchEngine(this.catalog, () => deps.ids.next('srch'), { analyzer: new Analyzer(this.runtime.segmenter), romanizer: deps.romanizer });
    this.recommender = new Recommender(this.catalog, {
      runtime: recommendRuntime,
      search: this.search,
      rng: deps.rng,
      now: () => deps.clock.now(),
      nextId: (p) => deps.ids.next(p),
      config: options.recommend,
      components: options.components,
    });
    // Personalised search ranks hits by the same interest profile the feed uses.
    this.search.setPersonalizer((userId, noteIx) => this.recommender.personalize(userId, noteIx));
    // The feed page after a search reuses that search's ranking for its search-intent candidates.
    this.search.setRankingListener((r) => this.recommender.recordSearchRanking(r), MAX_INTENT_HITS);
    this.analytics = new AnalyticsRollup({
      timeZone: options.timeZone,
      completePortion: this.recommender.config.profile.completePortion,
      noteInfo: (id) => this.catalog.get(id) ?? null,
      strategyOf: (surface) => this.recommender.strategyForSurface(surface) ?? 'none',
    });
  }

  /** Adds an account, or updates its market and attributes. */
  addUser(user: EngineUser): void {
    this.recommender.addUser(user.id, user.market);
    this.analytics.addUser({
      id: user.id,
      createdAt: user.createdAt,
      market: user.market,
      signupSource: user.signupSource ?? 'organic',
      ageBand: user.ageBand ?? null,
      gender: user.gender ?? null,
      incomeBand: user.incomeBand ?? null,
    });
  }

  hasUser(id: string): boolean {
    return this.recommender.state.marketOf(id) !== null;
  }

  /**
   * Adds or replaces a note. `terms` are the note's analysed text as stored beside it (see `analyzeNote`):
   * when they were made by this engine's analyser from this very text, indexing skips segmentation;
   * otherwise the text is analysed as if none were given, and the fresh terms are returned so the caller
   * can store them. Returns null when the given terms were used (or the note is deleted).
   */
  upsertNote(note: Note, terms?: NoteTerms | null): NoteTerms | null {
    const size = this.catalog.size;
    const meta = this.catalog.upsert(note);
    // A note new to the catalog takes the next index.
    const isNew = meta.ix === size;
    const fresh = note.deleted ? (this.search.remove(note.id), null) : this.search.upsertAt(meta.ix, note, terms);
    this.recommender.onNote(meta, isNew);
    if (isNew && !note.deleted) this.analytics.addNote(note.authorId, note.createdAt, meta);
    return fresh;
  }

  /** The analysed form of a note's text, a plain value to store beside the note and pass back to `upsertNote`. */
  analyzeNote(note: NoteText): NoteTerms {
    return this.search.analyze(note);
  }

  removeNote(noteId: string): void {
    const meta = this.catalog.markDeleted(noteId);
    this.search.remove(noteId);
    if (meta) this.recommender.onRemove(meta);
  }

  addFollow(f: Follow): void {
    this.recommender.state.follows.add(f.followerId, f.followeeId);
  }

  removeFollow(followerId: string, followeeId: string): void {
    this.recommender.state.follows.remove(followerId, followeeId);
  }

  /** Hides (or restores) every note of an author in all feeds: moderation. */
  setAuthorBlocked(authorId: string, blocked = true): void {
    if (blocked) this.recommender.state.blockedAuthors.add(authorId);
    else this.recommender.state.blockedAuthors.delete(authorId);
  }

  /**
   * Applies one event to the live state at once: the next feed reflects it. Events are applied exactly as given, never
   * completed from the current state, so replaying the stored log rebuilds the same profiles however the index has
   * changed since: a search event's profile signal comes from its stored `resultIds`, and one without any (the search
   * found nothing, or an event stored before result ids were always filled in) counts for its query text alone.
   */
  applyEvent(e: EngineEvent): void {
    this.analytics.apply(e);
    if (e.type === 'search') this.search.recordQuery(e.query);
    this.recommender.onEvent(e);
  }

  /**
   * The event as it should be stored: a search event that names no results gets the ids the search returns now (its
   * top 10), so the stored event says what the user saw and replaying it needs no search. Other events are returned
   * unchanged.
   */
  withSearchResults(e: EngineEvent): EngineEvent {
    if (e.type !== 'search' || e.resultIds.length > 0) return e;
    return { ...e, resultIds: this.search.search({ q: e.query, limit: 10 }).hits.map((h) => h.noteId) };
  }

  /** A served page of an experiment: analytics splits its user by the variant (see `AnalyticsRollup.addExposure`). */
  applyExposure(x: Pick<Exposure, 'experimentName' | 'variant' | 'userId' | 'ts'>): void {
    if (x.userId !== null) this.analytics.addExposure(x.userId, `${x.experimentName}/${x.variant}`, x.ts);
  }

  applyEvents(events: readonly EngineEvent[]): void {
    for (const e of events) this.applyEvent(e);
  }

  runSearch(req: SearchRequest): SearchResponse {
    return this.search.search(req);
  }

  suggest(prefix: string, limit?: number): Suggestion[] {
    return this.search.suggest(prefix, limit);
  }

  feed(req: FeedRequest): FeedPage {
    return this.recommender.feed(req);
  }

  /** Current trends (notes as `n:<noteId>`, tags as `t:<tag>`) in a market, or community-wide. */
  trending(market: string = ALL_MARKETS, limit = 20): Trend[] {
    return this.recommender.state.trends.trending(market, this.deps.clock.now(), limit).map((t) => {
      if (!t.key.startsWith('n:')) return t;
      const m = this.catalog.at(Number(t.key.slice(2)));
      return { ...t, key: `n:${m?.id ?? '?'}` };
    });
  }

  noteStats(noteId: string): NoteStats {
    const m = this.catalog.get(noteId);
    if (!m) return { impressions: 0, views: 0, likes: 0, saves: 0, comments: 0, shares: 0, completes: 0, skips: 0, follows: 0, pool: { state: 'none' } };
    const c = this.recommender.state.counters;
    const g = (n: Parameters<typeof c.get>[0]) => c.get(n, m.ix);
    return {
      impressions: g('impressions'),
      views: g('views'),
      likes: g('likes'),
      saves: g('saves'),
      comments: g('comments'),
      shares: g('shares'),
      completes: g('completes'),
      skips: g('skips'),
      follows: g('follows'),
      pool: this.recommender.state.traffic.status(m.ix),
    };
  }
}
