import type { ExperimentInput } from '@notewave/api-client';
import {
  Engine, ManualClock, SeededRng, TimeRandomIds, type EngineEvent, type FeedItem, type Note, type NoteTerms,
  type RecommendConfigOverrides, type Storage,
} from '@notewave/engine';
import { commentBody, poisson } from '@notewave/demo';
import { JiebaSegmenter } from '../engine/jieba-segmenter.ts';
import { MetricsCollector, type RunMetrics } from './metrics.ts';
import { makeNote, queryFor, type SimNote } from './note-factory.ts';
import { buildPopulation, clamp, DAY_MS, mixSeed, pickLeaf, TOP_IDS, type SimUser } from './population.ts';
import { outsidePull, type Scenario } from './scenario.ts';
import { SimExperiment } from './sim-experiment.ts';
import type { Arm } from '../experiments/experiment-serving.ts';
import { StorageSink } from './storage-sink.ts';
import {
  choiceProbabilities, driftTastes, itemCost, portionRead, postRate, returnProbability, sigmoid, updateSatisfaction, utility,
} from './user-model.ts';

/** What a strategy assignment may read of an account. */
export interface SimUserInfo {
  id: string;
  population: string;
  market: string;
  signupSource: string;
  /** The population's own strategy, or null when it is served the strategy under comparison. */
  fixedStrategy: string | null;
}

/**
 * Which strategy serves an account in a run. The default serves a population its fixed strategy, and the rest the
 * run's strategy; an experiment plugs in its own (e.g. a hash of the user id into variants).
 */
export type StrategyAssignment = (user: SimUserInfo, runStrategy: string) => string;

export const defaultAssignment: StrategyAssignment = (u, run) => u.fixedStrategy ?? run;

export interface SimulationOptions {
  scenario: Scenario;
  /** The strategy under comparison. */
  strategy: string;
  seed: number;
  /** An empty, migrated store the run writes into. */
  storage: Storage;
  assign?: StrategyAssignment;
  /** Called after each simulated day with the events written so far. */
  onDay?: (day: number, days: number, events: number) => void;
  /** The segmenter costs start-up time; tests may pass the engine's dependency-free one by setting false. */
  jieba?: boolean;
  /**
   * An experiment to run: created and started through the experiments admin at the first simulated moment, so the
   * accounts it takes are served their variant's strategy on its surface instead of the assigned one, every served
   * page is logged as an exposure, and the run ends with the experiments readout over the stored events.
   */
  experiment?: ExperimentInput;
}

/** Cards per page of a grid, items per page of a swipe feed, and the most pages one session asks for. */
const GRID_PAGE = 20;
const SWIPE_PAGE = 10;
const MAX_PAGES = 8;
/** Budget one glance at a card costs in a grid. */
const SCAN_COST = 0.25;
/** Utility lost on every item when the presentation is not the one the user prefers (a grid for a scroller). */
const MODE_MISMATCH = 0.6;
/** Daily decay of the exposure and engagement a creator remembers. */
const CREATOR_MEMORY = 0.8;

/**
 * Runs one scenario under one strategy: accounts arrive, come back or not each day, and in each session search, read
 * or watch what the real engine serves them, react, and post; every event is applied to the engine at once (the next
 * page reflects it) and written to storage, so the analytics reports read the simulated community as they read a real one.
 */
export async function runSimulation(o: SimulationOptions): Promise<RunMetrics> {
  const s = o.scenario;
  const assign = o.assign ?? defaultAssignment;
  const startTime = Date.parse(`${s.startDate}T00:00:00Z`);
  const clock = new ManualClock(startTime - s.catalog.backlogDays * DAY_MS);
  const engine = new Engine(
    { clock, rng: new SeededRng(mixSeed(o.seed, 1)), ids: new TimeRandomIds(clock, new SeededRng(mixSeed(o.seed, 2))), segmenter: o.jieba === false ? undefined : new JiebaSegmenter() },
    { recommend: withSurfaces(s.recommend), timeZone: 'UTC' },
  );
  const known = new Set(engine.recommender.strategies());
  const users = buildPopulation(s, o.seed, startTime);
  const infos = users.map((u): SimUserInfo => ({
    id: u.user.id,
    population: s.populations[u.pop]!.name,
    market: u.user.market,
    signupSource: u.user.signupSource,
    fixedStrategy: s.populations[u.pop]!.strategy,
  }));
  const served = infos.map((i) => {
    const name = assign(i, o.strategy);
    if (!known.has(name)) throw new Error(`unknown strategy '${name}' (known: ${[...known].join(', ')})`);
    return name;
  });
  const experiment = o.experiment
    ? new SimExperiment({ spec: o.experiment, storage: o.storage, engine, clock, days: s.days, authorOf: (id) => engine.catalog.get(id)?.authorId ?? null })
    : null;
  const presentation = new Map<string, 'swipe' | 'grid'>();
  /** How a strategy's feed is shown: as the scenario says, else a swipe feed for a video-only pipeline. */
  const presentationOf = (name: string): 'swipe' | 'grid' => {
    let p = presentation.get(name);
    if (p === undefined) presentation.set(name, (p = s.presentation[name] ?? (isSwipe(engine, name) ? 'swipe' : 'grid')));
    return p;
  };
  const metrics = new MetricsCollector(s.populations.map((p) => p.name), s.days, users.length);
  const sink = new StorageSink(o.storage);
  const notes = new Map<string, SimNote>();
  const rng = new SeededRng(mixSeed(o.seed, 3));
  const ids = engine.deps.ids;

  const publish = async (n: Note, sim: SimNote, bulk: { notes: Note[]; terms: NoteTerms[] } | null) => {
    const terms = engine.analyzeNote(n);
    engine.upsertNote(n, terms);
    notes.set(n.id, sim);
    if (bulk) {
      bulk.notes.push(n);
      bulk.terms.push(terms);
    } else await o.storage.notes.createNote(n, terms);
  };

  // Accounts present at the start, and the backlog they wrote.
  const present = users.filter((u) => u.arrivalDay < 0);
  await insertUsers(o.storage, engine, present);
  const creators = present.filter((u) => u.creator);
  const authors = creators.length > 0 ? creators : present;
  const backlog = Math.round(s.catalog.notesPerUser * present.length);
  const times = Array.from({ length: backlog }, () => startTime - 1 - rng.int(s.catalog.backlogDays * DAY_MS)).sort((a, b) => a - b);
  for (let i = 0; i < times.length; i += 1000) {
    const bulk = { notes: [] as Note[], terms: [] as NoteTerms[] };
    for (const t of times.slice(i, i + 1000)) {
      const a = authors[rng.int(authors.length)]!;
      clock.set(Math.max(t, a.user.createdAt));
      const p = s.populations[a.pop]!.behaviour;
      const made = makeNote(rng, ids.next('n'), { id: a.user.id, ix: a.ix }, pickLeaf(a, rng), rng.next() < p.videoShare, s.populations[a.pop]!.writes, a.skill + 0.5 * rng.normal(), clock.now());
      await publish(made.note, made.sim, bulk);
    }
    await o.storage.notes.insertNotes(bulk.notes, bulk.terms);
  }
  metrics.backlog = backlog;
  clock.set(Math.max(clock.now(), startTime));
  await experiment?.start();

  const emit = (u: SimUser, e: DistributiveOmit<EngineEvent, 'userId' | 'clientEventId'>, comment?: boolean): void => {
    const ev = { ...e, userId: u.user.id, clientEventId: sink.nextClientId() } as EngineEvent;
    if (clock.now() < ev.ts) clock.set(ev.ts);
    engine.applyEvent(ev);
    if (comment && ev.type === 'comment' && ev.commentId) {
      const sim = notes.get(ev.noteId)!;
      const body = commentBody(ev.commentId, TOP_IDS[sim.top] ?? 'other', s.populations[u.pop]!.writes === 'zh');
      sink.add(ev, { id: ev.commentId, noteId: ev.noteId, authorId: u.user.id, parentId: null, body, createdAt: ev.ts, deleted: false });
    } else sink.add(ev);
  };

  /** Reads or watches one item: the view, the reactions, drift, and what its author hears of it. */
  const consume = (u: SimUser, item: FeedItem, sim: SimNote, m: number, t: number, surface: string): number => {
    const b = s.populations[u.pop]!.behaviour;
    const portion = portionRead(b.completion, m, rng.normal());
    const ms = Math.round(portion * (sim.kind === 'video' ? 30_000 : 45_000));
    t += ms;
    emit(u, { type: 'view', noteId: item.noteId, portion, ms, ts: t, surface, ...(item.recId ? { recId: item.recId } : {}) });
    metrics.count(u.pop, 'views');
    if (portion >= 0.9) metrics.count(u.pop, 'completes');
    metrics.consumed(u.pop, sim.top, sim.kind === 'video');
    const author = users[sim.authorIx];
    if (author) author.exposure++;
    const react = (rate: number) => rng.next() < rate * 2 * m * portion;
    const act = (type: 'like' | 'save' | 'share', key: 'likes' | 'saves' | 'shares') => {
      t += 1500;
      emit(u, type === 'save' ? { type, noteId: item.noteId, collectionId: `col_${u.user.id}`, ts: t, surface } : { type, noteId: item.noteId, ts: t, surface });
      metrics.count(u.pop, key);
      if (author) author.engagement++;
    };
    if (react(b.like)) act('like', 'likes');
    if (react(b.save)) act('save', 'saves');
    if (react(b.share)) act('share', 'shares');
    if (react(b.comment)) {
      t += 8000;
      emit(u, { type: 'comment', noteId: item.noteId, commentId: ids.next('c'), ts: t, surface }, true);
      metrics.count(u.pop, 'comments');
      if (author) author.engagement++;
    }
    if (author && author !== u && !u.following.has(author.ix) && react(b.follow)) {
      t += 1000;
      u.following.add(author.ix);
      engine.addFollow({ followerId: u.user.id, followeeId: author.user.id, createdAt: t });
      emit(u, { type: 'follow', targetUserId: author.user.id, ts: t, surface });
      metrics.count(u.pop, 'follows');
      author.engagement++;
    }
    driftTastes(u.tastes, sim.top, b.drift, portion, m);
    return t;
  };

  /** One visit: maybe a search first, then feed pages until the satisfaction budget runs out. Returns its satisfaction. */
  const session = (u: SimUser, day: number, start: number, surface: string, arm: Arm | null): number => {
    const pop = s.populations[u.pop]!;
    const b = pop.behaviour;
    // An experiment's arm serves its variant on the surface the account was going to be served on anyway.
    const strategy = arm?.strategy ?? served[u.ix]!;
    const swipe = presentationOf(strategy) === 'swipe';
    const mismatch = (swipe ? b.mode !== 'scroll' : b.mode !== 'read') ? MODE_MISMATCH : 0;
    let budget = b.sessionItems * (0.5 + rng.next());
    let t = start;
    let fitSum = 0;
    let seen = 0;
    metrics.count(u.pop, 'sessions');
    clock.set(Math.max(clock.now(), t));

    // A grid of cards (search results, a discover page): every card is seen, then cards are picked one at a time.
    const grid = (items: FeedItem[], surfaceName: string, fromSearch: string | null) => {
      const sims = items.map((it) => notes.get(it.noteId)!);
      const utils = sims.map((sim) => utility(u, sim) - mismatch);
      items.forEach((it, position) => {
        t += 400;
        emit(u, { type: 'impression', noteId: it.noteId, position, ts: t, surface: surfaceName, ...(it.recId ? { recId: it.recId } : {}), ...(it.exploration ? { exploration: true } : {}) });
        fitSum += sigmoid(utils[position]!);
        seen++;
        budget -= SCAN_COST;
      });
      metrics.count(u.pop, 'impressions', items.length);
      const left = items.map((_, i) => i);
      while (budget > 0 && left.length > 0) {
        const outside = Math.log(left.length) + Math.log((1 - b.open) / Math.max(1e-6, b.open));
        const probs = choiceProbabilities(left.map((i) => utils[i]!), outside);
        let r = rng.next();
        let pick = probs.length - 1;
        for (let k = 0; k < probs.length; k++) {
          r -= probs[k]!;
          if (r < 0) {
            pick = k;
            break;
          }
        }
        if (pick === left.length) break;
        const i = left.splice(pick, 1)[0]!;
        const it = items[i]!;
        const m = sigmoid(utils[i]!);
        t += 1000;
        if (fromSearch !== null) emit(u, { type: 'search_click', noteId: it.noteId, query: fromSearch, position: i, ts: t, surface: surfaceName });
        emit(u, { type: 'open', noteId: it.noteId, ts: t, surface: surfaceName, ...(it.recId ? { recId: it.recId } : {}) });
        metrics.count(u.pop, 'opens');
        t = consume(u, it, sims[i]!, m, t, surfaceName);
        budget -= itemCost(m);
      }
    };

    if (rng.next() < b.search) {
      const q = queryFor(rng, pickLeaf(u, rng), pop.writes);
      const res = engine.runSearch({ q, userId: u.user.id, limit: 10, highlights: false });
      const hits = res.hits.filter((h) => notes.has(h.noteId));
      t += 3000;
      emit(u, { type: 'search', query: q, resultIds: hits.map((h) => h.noteId), ts: t, surface: 'search' });
      metrics.count(u.pop, 'searches');
      grid(hits.map((h) => ({ noteId: h.noteId, recId: '', score: h.score, sources: [], reasons: [], exploration: false })), 'search', q);
    }

    const sessionId = `fs_${u.user.id}_${day}`;
    for (let page = 0; page < MAX_PAGES && budget > 0; page++) {
      clock.set(Math.max(clock.now(), t));
      const items = engine.feed({ userId: u.user.id, surface, strategy, sessionId, limit: swipe ? SWIPE_PAGE : GRID_PAGE }).items.filter((it) => notes.has(it.noteId));
      if (items.length === 0) break;
      if (arm && experiment) sink.addExposure(experiment.exposure(arm, { ts: clock.now(), sessionId, surface, items }));
      if (!swipe) {
        grid(items, surface, null);
        continue;
      }
      for (let position = 0; position < items.length && budget > 0; position++) {
        const it = items[position]!;
        const sim = notes.get(it.noteId)!;
        const m = sigmoid(utility(u, sim) - mismatch);
        t += 300;
        emit(u, { type: 'impression', noteId: it.noteId, position, ts: t, surface, recId: it.recId, ...(it.exploration ? { exploration: true } : {}) });
        metrics.count(u.pop, 'impressions');
        fitSum += m;
        seen++;
        t = consume(u, it, sim, m, t, surface);
        budget -= itemCost(m);
      }
    }
    return seen === 0 ? 0 : fitSum / seen;
  };

  const post = async (u: SimUser, t: number) => {
    const b = s.populations[u.pop]!.behaviour;
    const n = Math.min(3, poisson(rng, postRate(b.postsPerWeek / 7, u.exposure, u.engagement)));
    for (let k = 0; k < n; k++) {
      clock.set(Math.max(clock.now(), t + k * 60_000));
      const made = makeNote(rng, ids.next('n'), { id: u.user.id, ix: u.ix }, pickLeaf(u, rng), rng.next() < b.videoShare, s.populations[u.pop]!.writes, u.skill + 0.5 * rng.normal(), clock.now());
      await publish(made.note, made.sim, null);
      metrics.count(u.pop, 'posts');
      metrics.posted[u.pop]!++;
    }
  };

  const dayLabels: string[] = [];
  for (let day = 0; day < s.days; day++) {
    const dayStart = startTime + day * DAY_MS;
    dayLabels.push(new Date(dayStart).toISOString().slice(0, 10));
    await insertUsers(o.storage, engine, users.filter((u) => u.arrivalDay === day));
    const visits: { u: SimUser; start: number }[] = [];
    for (const u of users) {
      if (u.arrivalDay > day || u.left) continue;
      const pop = s.populations[u.pop]!;
      metrics.presentOn(u.pop, day);
      const first = u.arrivalDay === day;
      if (!first) {
        const p = returnProbability(pop.behaviour, u.satisfaction, outsidePull(pop, day));
        if (rng.next() >= p) {
          if (rng.next() < pop.behaviour.leave) u.left = true;
          continue;
        }
      }
      const minute = clamp(u.habitMinute + 60 * rng.normal(), 0, 24 * 60 - 20);
      const start = first ? Math.max(u.user.createdAt, dayStart + Math.floor(minute * 60_000)) : dayStart + Math.floor(minute * 60_000);
      visits.push({ u, start: Math.min(start, dayStart + DAY_MS - 20 * 60_000) });
    }
    visits.sort((a, b) => a.start - b.start || a.u.ix - b.u.ix);
    for (const { u, start } of visits) {
      const surface = surfaceOf(served[u.ix]!);
      const arm = experiment ? await experiment.arm(u.user, surface) : null;
      const fit = session(u, day, start, surface, arm);
      // The first visit sets the satisfaction a user starts from; later ones move its average.
      u.satisfaction = u.lastActiveDay < 0 ? fit : updateSatisfaction(u.satisfaction, fit, s.populations[u.pop]!.behaviour.memory);
      u.lastActiveDay = day;
      metrics.active(u.ix, u.pop, u.user.market, u.user.signupSource, day, u.satisfaction);
      experiment?.active(u.user.id, day);
      if (u.creator) await post(u, clock.now());
      await sink.maybeFlush();
    }
    for (const u of users) {
      u.exposure *= CREATOR_MEMORY;
      u.engagement *= CREATOR_MEMORY;
    }
    await sink.flush();
    o.onDay?.(day, s.days, sink.written);
  }
  await sink.flush();
  const run = metrics.finish(o.strategy, dayLabels, sink.written, users);
  if (experiment) {
    clock.set(Math.max(clock.now(), startTime + s.days * DAY_MS));
    run.experiment = await experiment.finish();
  }
  return run;
}

/** The feed surface a strategy's users are served on: its own for the two named ones, else one named after it. */
function surfaceOf(strategy: string): string {
  return strategy === 'funnel' ? 'discover' : strategy === 'viral' ? 'video' : strategy;
}

/** Surfaces named after every extra pipeline, so analytics attribute their events to that strategy. */
function withSurfaces(r: RecommendConfigOverrides): RecommendConfigOverrides {
  const extra = Object.keys(r.pipelines ?? {}).filter((n) => n !== 'funnel' && n !== 'viral');
  if (extra.length === 0) return r;
  return { ...r, surfaces: { ...(r.surfaces ?? {}), ...Object.fromEntries(extra.map((n) => [n, n])) } };
}

/** A pipeline that serves videos only is a swipe feed; anything else is a grid of cards. */
function isSwipe(engine: Engine, strategy: string): boolean {
  const kinds = engine.recommender.config.pipelines[strategy]?.kinds;
  return kinds !== undefined && kinds.length === 1 && kinds[0] === 'video';
}

async function insertUsers(storage: Storage, engine: Engine, users: readonly SimUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += 1000) await storage.users.insertUsers(users.slice(i, i + 1000).map((u) => u.user));
  for (const u of users) engine.addUser(u.user);
}


type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
