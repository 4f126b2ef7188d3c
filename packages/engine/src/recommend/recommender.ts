import type { NoteCatalog, NoteMeta } from '../catalog/note-catalog.ts';
import type { CacheCounts } from './cache-counter.ts';
import type { EngineEvent } from '../domain/event.ts';
import { EngineError } from '../errors.ts';
import type { Rng } from '../runtime/rng.ts';
import type { Explanation, FeedItem, FeedPage, FeedRequest } from './feed.ts';
import type { CandidateModel, ComponentDeps, ComponentRegistry, IntentSearch } from './pipeline/components.ts';
import { defaultComponents } from './pipeline/default-components.ts';
import { labelLanguage, type FeedContext } from './pipeline/feed-context.ts';
import { buildPipeline, type Pipeline, type PipelineConfig } from './pipeline/pipeline.ts';
import { DEFAULT_RECOMMEND_CONFIG, mergePipelineConfig, mergeRecommendConfig, type RecommendConfig, type RecommendConfigOverrides } from './recommend-config.ts';
import type { SearchRanking } from '../search/search-engine.ts';
import { SearchIntentResults } from './search-intent-results.ts';
import { createRecommendRuntime, type RecommendRuntime } from './recommend-runtime.ts';
import { RecommendState } from './state/recommend-state.ts';

export type { Explanation, FeedItem, FeedPage, FeedRequest } from './feed.ts';

export interface RecommenderOptions {
  search: IntentSearch;
  rng: Rng;
  now: () => number;
  nextId: (prefix: string) => string;
  /** Overrides merged into DEFAULT_RECOMMEND_CONFIG. */
  config?: RecommendConfigOverrides;
  /** Named components pipelines may use; the built-ins by default. */
  components?: ComponentRegistry;
  /** The engine's runtime helpers; a fresh one by default. */
  runtime?: RecommendRuntime;
}

/** Most reasons shown per item: the strongest few read better than a list. */
const MAX_REASONS = 3;

/**
 * Turns the live state into feed pages by running the named pipeline of the request's strategy
 * (or its surface's default). All pipelines are built at construction, so a config naming an
 * unknown pipeline or component fails at start-up with `unknown_pipeline`.
 */
export class Recommender {
  readonly config: RecommendConfig;
  readonly state: RecommendState;
  readonly runtime: RecommendRuntime;
  private readonly pipelines = new Map<string, Pipeline>();
  private readonly models = new Map<string, CandidateModel>();
  private readonly deps: ComponentDeps;
  private readonly registry: ComponentRegistry;
  /** Pipelines added at run time (experiment variants), by name: they may be replaced or removed. */
  private readonly extra = new Set<string>();
  /** Recent search rankings by query, for the search-intent sources (a cache: not part of engine snapshots). */
  private readonly searchResults = new SearchIntentResults();

  constructor(private readonly catalog: NoteCatalog, private readonly opts: RecommenderOptions) {
    this.config = mergeRecommendConfig(DEFAULT_RECOMMEND_CONFIG, opts.config);
    this.runtime = opts.runtime ?? createRecommendRuntime();
    this.state = new RecommendState(catalog, this.config, this.runtime.topics, this.runtime.subtopics);
    const { affinity, sort, searchIntentCache } = this.runtime;
    const deps: ComponentDeps = { state: this.state, catalog, search: opts.search, models: this.models, rng: opts.rng, affinity, sort, searchIntentCache, searchIntentResults: this.searchResults };
    const registry = opts.components ?? defaultComponents();
    this.deps = deps;
    this.registry = registry;
    for (const [name, p] of Object.entries(this.config.pipelines)) this.pipelines.set(name, buildPipeline(name, p, registry, deps));
    for (const [surface, name] of Object.entries(this.config.surfaces)) {
      if (!this.pipelines.has(name)) throw new EngineError('unknown_pipeline', `surface '${surface}' names unknown pipeline '${name}'`, { surface, pipeline: name });
    }
  }

  /** Names of the configured strategies (not the pipelines added at run time). */
  strategies(): string[] {
    return Object.keys(this.config.pipelines);
  }

  /**
   * A configured strategy's pipeline with `override` merged in (objects merge, arrays and scalars replace), built
   * to check it: unknown components or bad parameters throw as they would at start-up.
   */
  derivePipeline(strategy: string, override: Partial<PipelineConfig>): PipelineConfig {
    const base = this.config.pipelines[strategy];
    if (!base) throw new EngineError('unknown_pipeline', `unknown strategy '${strategy}'`, { strategy });
    const cfg = mergePipelineConfig(base, override);
    buildPipeline(`${strategy}+override`, cfg, this.registry, this.deps);
    return cfg;
  }

  /** Adds (or replaces) a pipeline served by name beside the configured ones; configured names cannot be replaced. */
  addPipeline(name: string, cfg: PipelineConfig): void {
    if (Object.hasOwn(this.config.pipelines, name)) throw new EngineError('conflict', `'${name}' is a configured strategy`);
    this.pipelines.set(name, buildPipeline(name, cfg, this.registry, this.deps));
    this.extra.add(name);
  }

  /** Removes a pipeline added with `addPipeline`. */
  removePipeline(name: string): void {
    if (this.extra.delete(name)) this.pipelines.delete(name);
  }

  /** The strategy a surface is served by default, or null for surfaces that are not feeds (search, a note page). */
  strategyForSurface(surface: string): string | null {
    return this.config.surfaces[surface] ?? null;
  }

  /** Plugs a trained model in as the `model` source's `name` (e.g. `collaborative`). */
  attachModel(name: string, model: CandidateModel): void {
    this.models.set(name, model);
  }

  /** The model attached as `name`, if any. */
  attachedModel(name: string): CandidateModel | undefined {
    return this.models.get(name);
  }

  addUser(userId: string, market: string): void {
    this.state.addUser(userId, market);
  }

  onNote(meta: NoteMeta, isNew: boolean): void {
    this.state.onNote(meta, isNew);
  }

  onRemove(meta: NoteMeta): void {
    this.state.onRemove(meta);
  }

  onEvent(e: EngineEvent): void {
    this.state.apply(e);
  }

  feed(req: FeedRequest): FeedPage {
    const surfaces = this.config.surfaces;
    const strategy = req.strategy ?? surfaces[req.surface] ?? (Object.values(surfaces)[0] as string);
    const pipeline = this.pipelines.get(strategy);
    if (!pipeline) throw new EngineError('unknown_pipeline', `unknown strategy '${strategy}'`, { strategy });
    const limit = Math.max(1, Math.min(this.config.maxLimit, Math.floor(req.limit ?? this.config.defaultLimit)));
    const sessionId = req.sessionId ?? this.opts.nextId('fs');
    const session = this.state.sessions.open(sessionId, req.userId);
    const market = req.market ?? this.state.marketOf(req.userId);
    const kinds = pipeline.kinds;
    const catalog = this.catalog;
    const ctx: FeedContext = {
      userId: req.userId,
      surface: req.surface,
      strategy,
      market,
      lang: labelLanguage(market),
      now: this.opts.now(),
      limit,
      kinds,
      profile: this.state.profile(req.userId),
      session,
      rng: this.opts.rng,
      admissible(ix: number): NoteMeta | null {
        const m = catalog.at(ix);
        return m && !m.deleted && !session.shown.has(ix) && (!kinds || kinds.has(m.kind)) ? m : null;
      },
    };
    const items: FeedItem[] = pipeline.run(ctx).map((it) => {
      session.shown.add(it.ix);
      return {
        noteId: it.meta.id,
        recId: this.opts.nextId('rec'),
        score: Math.round(it.score * 1e4) / 1e4,
        sources: it.sources,
        reasons: topReasons(it.reasons, it.exploration),
        exploration: it.exploration,
      };
    });
    session.pages++;
    return { sessionId, strategy, items };
  }

  /** Hits and misses so far of the caches on the feed path, by cache name (monotonic counters). */
  cacheCounts(): Record<'search-intent' | 'affinity' | 'trend-snapshot', CacheCounts> {
    const counts = (c: CacheCounts): CacheCounts => ({ hits: c.hits, misses: c.misses });
    return { 'search-intent': counts(this.runtime.searchIntentCache), affinity: counts(this.runtime.affinity.counter), 'trend-snapshot': counts(this.state.trends.snapshotCache) };
  }

  /** Keeps a user's search ranking for the search-intent sources of the pages that follow it. */
  recordSearchRanking(r: SearchRanking): void {
    this.searchResults.record(r, this.opts.now());
  }

  /** Interest of a user in a note in [0, 1], for personalised search; cached per user while their profile is unchanged. */
  personalize(userId: string, noteIx: number): number {
    const p = this.state.profile(userId);
    const m = this.catalog.at(noteIx);
    if (!p || !m) return 0;
    return Math.max(0, Math.min(1, this.runtime.affinity.model(p, this.opts.now()).score(m)));
  }
}

/**
 * The first few distinct reasons (by text); "exploring" only on items that are exploration picks alone. Reasons
 * may be lazy (see `lazyReason`): they are worked out here, for the page's items only, and copied to plain objects.
 */
function topReasons(rs: Explanation[], exploration: boolean): Explanation[] {
  const out: Explanation[] = [];
  for (const r of rs) {
    if (out.length >= MAX_REASONS) break;
    if (!exploration && r.code === 'explore') continue;
    const text = r.text;
    if (out.some((x) => x.text === text)) continue;
    const params = r.params;
    out.push(params ? { code: r.code, text, params } : { code: r.code, text });
  }
  return out;
}
