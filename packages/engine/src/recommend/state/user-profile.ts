import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { ProfileConfig, Signal } from './profile-config.ts';
import { levelOf, noteTopicKeys, type Level } from './topic-keys.ts';

const HOUR = 3_600_000;

/** One topic's interest: a decayed weight plus the undecayed contribution of each signal (for reasons). */
export interface TopicWeight {
  w: number;
  t: number;
  level: Level;
  bySignal: Partial<Record<Signal, number>>;
  /** The query that raised this topic, when search did. */
  query?: string;
}

export interface Visit {
  t: number;
  outcome: 'complete' | 'skip' | 'partial';
  portion: number;
}

const VISITS_CAP = 256;

export interface RankedTopic {
  key: string;
  w: number;
  tw: TopicWeight;
}

export interface QueryIntent {
  text: string;
  w: number;
  t: number;
}

export interface PositiveItem {
  ix: number;
  signal: Signal;
  t: number;
}

/**
 * A user's live interest profile over the topic hierarchy, with the per-user memory the rerankers
 * need (seen notes, hidden notes/authors/tags). Mutated in place by every event.
 */
export class UserProfile {
  readonly topics = new Map<string, TopicWeight>();
  readonly queries: QueryIntent[] = [];
  readonly positives: PositiveItem[] = [];
  /** ix → time of the latest impression; insertion order is recency order. */
  readonly seen = new Map<number, number>();
  /** Recent reads/watches by note, oldest first, so one visit reported twice counts once. */
  private readonly visits = new Map<number, Visit>();
  readonly hiddenNotes = new Set<number>();
  readonly hiddenAuthors = new Set<string>();
  readonly hiddenTags = new Set<string>();
  lastOpened = -1;
  /** Bumped by every change to the topics: a cheap version for memoised views. */
  events = 0;
  private ranked: { now: number; events: number; list: RankedTopic[] } | null = null;

  constructor(readonly userId: string, public market: string | null, private readonly cfg: ProfileConfig) {}

  /** The decayed weight of a topic key at `now`. */
  weight(key: string, now: number): number {
    const tw = this.topics.get(key);
    return tw ? decayed(tw, now, this.cfg.halfLifeHours[tw.level]) : 0;
  }

  /** Adds `signal × strength` to every topic of the note (`query` labels search-driven signals). */
  addNoteSignal(m: NoteMeta, signal: Signal, strength: number, now: number, query?: string): void {
    const d = this.cfg.signals[signal] * strength;
    if (d === 0) return;
    for (const k of noteTopicKeys(m)) this.bump(k.key, k.level, signal, d, now, query);
    if (d > 0 && signal !== 'open') this.remember(m.ix, signal, now);
  }

  /** Adds `signal × strength` to one topic key (e.g. a tag marked not interested). */
  addTopicSignal(key: string, signal: Signal, strength: number, now: number): void {
    this.bump(key, levelOf(key), signal, this.cfg.signals[signal] * strength, now);
  }

  /** Adds a search: the query's own terms and, more lightly, the topics of its top results. */
  addSearch(query: string, queryKeys: readonly string[], results: readonly NoteMeta[], now: number): void {
    const d = this.cfg.signals.search;
    const text = query.trim();
    for (const k of queryKeys) this.bump(k, levelOf(k), 'search', d, now, text);
    const share = results.length > 0 ? 0.5 / results.length : 0;
    for (const m of results) for (const k of noteTopicKeys(m)) this.bump(k.key, k.level, 'search', d * share, now, text);
    const existing = this.queries.findIndex((q) => q.text.toLowerCase() === text.toLowerCase());
    const prev = existing >= 0 ? (this.queries.splice(existing, 1)[0] as QueryIntent) : null;
    const w = (prev ? decayedQuery(prev, now, this.cfg.queryHalfLifeHours) : 0) + 1;
    this.queries.unshift({ text, w, t: now });
    if (this.queries.length > this.cfg.maxQueries) this.queries.length = this.cfg.maxQueries;
  }

  /** Remembered queries with their decayed intent, strongest first. */
  activeQueries(now: number): { text: string; w: number }[] {
    return this.queries
      .map((q) => ({ text: q.text, w: decayedQuery(q, now, this.cfg.queryHalfLifeHours) }))
      .sort((a, b) => b.w - a.w);
  }

  /** Topics with positive decayed weight, strongest first (memoised while the profile and time stand still). */
  topTopics(now: number, limit: number): RankedTopic[] {
    if (!this.ranked || this.ranked.now !== now || this.ranked.events !== this.events) {
      const list: RankedTopic[] = [];
      for (const [key, tw] of this.topics) {
        const w = decayed(tw, now, this.cfg.halfLifeHours[tw.level]);
        if (w > 0) list.push({ key, w, tw });
      }
      list.sort((a, b) => b.w - a.w || (a.key < b.key ? -1 : 1));
      this.ranked = { now, events: this.events, list };
    }
    return this.ranked.list.slice(0, limit);
  }

  /** The visit to a note still open at `now` (within `windowMs` of its start), if any. */
  visit(ix: number, now: number, windowMs: number): Visit | null {
    const v = this.visits.get(ix);
    return v && now - v.t <= windowMs ? v : null;
  }

  /** Records a visit that started at `start` (kept across events of one visit). */
  recordVisit(ix: number, start: number, outcome: Visit['outcome'], portion: number): void {
    this.visits.delete(ix);
    this.visits.set(ix, { t: start, outcome, portion });
    if (this.visits.size > VISITS_CAP) this.visits.delete(this.visits.keys().next().value as number);
  }

  markSeen(ix: number, now: number): void {
    this.seen.delete(ix);
    this.seen.set(ix, now);
    if (this.seen.size > this.cfg.seenCap) this.seen.delete(this.seen.keys().next().value as number);
  }

  private remember(ix: number, signal: Signal, now: number): void {
    const i = this.positives.findIndex((p) => p.ix === ix);
    if (i >= 0) this.positives.splice(i, 1);
    this.positives.unshift({ ix, signal, t: now });
    if (this.positives.length > this.cfg.maxPositives) this.positives.length = this.cfg.maxPositives;
  }

  private bump(key: string, level: Level, signal: Signal, d: number, now: number, query?: string): void {
    let tw = this.topics.get(key);
    if (!tw) {
      if (d <= 0) return;
      tw = { w: 0, t: now, level, bySignal: {} };
      this.topics.set(key, tw);
    }
    this.events++;
    tw.w = decayed(tw, now, this.cfg.halfLifeHours[level]) + d;
    tw.t = now;
    tw.bySignal[signal] = (tw.bySignal[signal] ?? 0) + Math.abs(d);
    if (query !== undefined) tw.query = query;
    if (this.topics.size > this.cfg.maxKeys * 1.25) this.prune(now);
  }

  /** Drops the weakest topics; amortised, so a profile's size stays bounded. */
  private prune(now: number): void {
    const ranked = [...this.topics].map(([k, tw]) => [k, decayed(tw, now, this.cfg.halfLifeHours[tw.level])] as const);
    ranked.sort((a, b) => b[1] - a[1]);
    for (const [k] of ranked.slice(this.cfg.maxKeys)) this.topics.delete(k);
  }
}

function decayed(tw: { w: number; t: number }, now: number, halfLifeHours: number): number {
  const dt = Math.max(0, now - tw.t);
  return tw.w * Math.pow(2, -dt / (halfLifeHours * HOUR));
}

function decayedQuery(q: QueryIntent, now: number, halfLifeHours: number): number {
  return decayed(q, now, halfLifeHours);
}
