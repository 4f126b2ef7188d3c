import { AnalyticsRollup, DayRollup, GroupCounters } from '../analytics/rollup.ts';
import { Bitset } from '../analytics/bitset.ts';
import { DayCalendar } from '../analytics/calendar.ts';
import { UserTable } from '../analytics/user-table.ts';
import { NoteCatalog } from '../catalog/note-catalog.ts';
import { Engine } from '../engine.ts';
import { CacheCounter } from '../recommend/cache-counter.ts';
import { TrafficPools } from '../recommend/exposure/traffic-pools.ts';
import { IxMarks, IxSlots } from '../recommend/pipeline/ix-marks.ts';
import { Pipeline } from '../recommend/pipeline/pipeline.ts';
import { Sorter } from '../recommend/pipeline/sort.ts';
import { Recommender } from '../recommend/recommender.ts';
import { AffinityModel, AffinityModelCache, IdWeights } from '../recommend/scorers/affinity.ts';
import { CooccurrenceIndex } from '../recommend/state/cooccurrence-index.ts';
import { EngagementCredits } from '../recommend/state/engagement-credits.ts';
import { FollowGraph } from '../recommend/state/follow-graph.ts';
import { FloatColumns } from '../recommend/state/growable.ts';
import { NoteCounters } from '../recommend/state/note-counters.ts';
import { RecencyLog } from '../recommend/state/recency-log.ts';
import { RecommendState } from '../recommend/state/recommend-state.ts';
import { SessionStore } from '../recommend/state/session-store.ts';
import { TagHierarchy } from '../recommend/state/tag-hierarchy.ts';
import { TopicKeyTable } from '../recommend/state/topic-keys.ts';
import { FreshRing, TopicPools, TopKIndex } from '../recommend/state/topic-pools.ts';
import { LazySet, UserProfile } from '../recommend/state/user-profile.ts';
import { DualEwma } from '../recommend/trends/dual-ewma.ts';
import { MarketState, Series, TrendDetector } from '../recommend/trends/trend-detector.ts';
import { Analyzer } from '../search/analyzer.ts';
import { QueryBridge } from '../search/bridge.ts';
import { Dictionary, DocTable } from '../search/doc-table.ts';
import { InvertedIndex } from '../search/inverted-index.ts';
import { SearchEngine } from '../search/search-engine.ts';
import { IntlSegmenter } from '../search/segmenter.ts';
import { SortedKeys } from '../search/sorted-keys.ts';
import { Source, Suggester } from '../search/suggester.ts';
import { TopK } from '../search/top-k.ts';

type Class = abstract new (...args: never[]) => unknown;

/**
 * Every class whose instances make up an engine's state, by the name snapshots call it. A class missing here makes
 * writing a snapshot fail with its name (the snapshot tests populate an engine fully to catch that), never a
 * silently incomplete snapshot.
 */
const CLASSES: readonly Class[] = [
  Engine, NoteCatalog, SearchEngine, Analyzer, IntlSegmenter, InvertedIndex, DocTable, Dictionary, SortedKeys, Suggester, Source, QueryBridge, TopK,
  Recommender, RecommendState, NoteCounters, FloatColumns, FollowGraph, TopicPools, FreshRing, TopKIndex, CooccurrenceIndex,
  TrendDetector, MarketState, Series, DualEwma, TrafficPools, SessionStore, EngagementCredits, RecencyLog, UserProfile, LazySet, TopicKeyTable,
  TagHierarchy, AffinityModelCache, AffinityModel, IdWeights, Sorter, CacheCounter, Pipeline, IxMarks, IxSlots,
  AnalyticsRollup, DayRollup, GroupCounters, Bitset, DayCalendar, UserTable,
];

/** The registered classes by name. */
export function snapshotClasses(): Map<string, Class> {
  const out = new Map<string, Class>();
  for (const c of CLASSES) {
    if (out.has(c.name)) throw new Error(`two snapshot classes are named ${c.name}`);
    out.set(c.name, c);
  }
  return out;
}

/**
 * Fields kept from the engine a snapshot is restored into rather than carried. The recommender's pipelines, component
 * registry and attached models are built from config, experiment definitions and the model store by whoever builds
 * the engine (the server attaches its served model and experiment pipelines after loading), and they hold closures.
 * The search engine's analysed tags are a cache that refills itself.
 */
export const SNAPSHOT_SKIPPED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['Recommender', new Set(['pipelines', 'extra', 'models', 'registry', 'deps', 'searchResults'])],
  ['SearchEngine', new Set(['tagTermCache'])],
]);
