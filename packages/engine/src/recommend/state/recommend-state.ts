import type { NoteCatalog, NoteMeta } from '../../catalog/note-catalog.ts';
import { titleTerms } from '../../catalog/title-terms.ts';
import type { EngineEvent } from '../../domain/event.ts';
import { normalizeTag } from '../../domain/hashtags.ts';
import { TrafficPools, type TrafficPoolConfig } from '../exposure/traffic-pools.ts';
import { TrendDetector, type TrendConfig } from '../trends/trend-detector.ts';
import { CooccurrenceIndex } from './cooccurrence-index.ts';
import { EngagementCredits } from './engagement-credits.ts';
import { FollowGraph } from './follow-graph.ts';
import { NoteCounters } from './note-counters.ts';
import { cesOf, engagementQuality, type QualityConfig } from './note-quality.ts';
import type { ProfileConfig } from './profile-config.ts';
import { SessionStore } from './session-store.ts';
import { TagHierarchy } from './tag-hierarchy.ts';
import { FreshRing, TopicPools, TopKIndex } from './topic-pools.ts';
import { topicKey, type TopicKeyTable } from './topic-keys.ts';
import { halfLivesMs, UserProfile } from './user-profile.ts';

export interface StateConfig {
  profile: ProfileConfig;
  quality: QualityConfig;
  trends: TrendConfig;
  pools: TrafficPoolConfig;
}

type NoteEvent = Extract<EngineEvent, { noteId: string }>;

/** Positives older than this no longer co-occur with a new one. */
const POSITIVE_WINDOW_MS = 7 * 86_400_000;

/**
 * All live recommendation state, changed by notes, follows and events as they arrive, so the next
 * feed request reflects them. Sources, scorers and rerankers read it; only this class writes it.
 */
export class RecommendState {
  readonly counters = new NoteCounters();
  readonly profiles = new Map<string, UserProfile>();
  readonly follows = new FollowGraph();
  readonly pools = new TopicPools();
  readonly fresh = { image: new FreshRing(4096), video: new FreshRing(4096) };
  readonly popular = new TopKIndex(100);
  readonly cooccurrence = new CooccurrenceIndex();
  readonly trends: TrendDetector;
  readonly traffic: TrafficPools;
  readonly sessions = new SessionStore();
  readonly blockedAuthors = new Set<string>();
  /** One user's repeated engagement with a note reaches trends and traffic pools once per kind. */
  readonly credits = new EngagementCredits();
  private readonly markets = new Map<string, string>();
  /** Popular-index keys per (sub)category, built once: each engagement offers its note under both. */
  private readonly categoryKeys = new Map<string, string>();
  private readonly subcategoryKeys = new Map<string, string>();
  /** Per level index, shared by every profile. */
  private readonly halfLifeMs: readonly number[];
  /** Scratch for the recent positives a new positive co-occurs with (reused: one event at a time). */
  private readonly history: number[] = [];

  constructor(
    readonly catalog: NoteCatalog,
    readonly cfg: StateConfig,
    readonly topics: TopicKeyTable,
    readonly subtopics: TagHierarchy = new TagHierarchy(topics),
  ) {
    this.trends = new TrendDetector(cfg.trends);
    this.traffic = new TrafficPools(cfg.pools, (ix) => catalog.at(ix)?.id ?? String(ix));
    this.halfLifeMs = halfLivesMs(cfg.profile);
  }

  addUser(userId: string, market: string): void {
    this.markets.set(userId, market);
    const p = this.profiles.get(userId);
    if (p) p.market = market;
  }

  marketOf(userId: string): string | null {
    return this.markets.get(userId) ?? null;
  }

  profile(userId: string): UserProfile | null {
    return this.profiles.get(userId) ?? null;
  }

  /** Indexes a note on first sight (pools, fresh ring, traffic pool) and re-files it on edit. */
  onNote(m: NoteMeta, isNew: boolean): void {
    // An edit brings a new NoteMeta under the same index: keys made from the old one no longer hold.
    this.topics.forget(m.ix);
    if (m.deleted) return this.onRemove(m);
    for (const k of this.topics.ofNote(m)) this.pools.add(k.key, m.ix);
    this.subtopics.add(m);
    this.pools.add(`a:${m.authorId}`, m.ix);
    if (!isNew) return;
    this.fresh[m.kind].push(m.ix);
    this.traffic.enter(m.ix, m.kind, m.createdAt);
    this.offerPopular(m);
  }

  onRemove(m: NoteMeta): void {
    this.traffic.remove(m.ix);
    this.popular.remove(m.ix);
  }

  profileFor(userId: string): UserProfile {
    let p = this.profiles.get(userId);
    if (!p) this.profiles.set(userId, (p = new UserProfile(userId, this.marketOf(userId), this.cfg.profile, this.topics, this.halfLifeMs)));
    return p;
  }

  apply(e: EngineEvent): void {
    this.traffic.advance(e.ts);
    const p = this.profileFor(e.userId);
    switch (e.type) {
      case 'follow': return this.onFollow(p, e.targetUserId, e.ts);
      case 'unfollow': return this.follows.remove(e.userId, e.targetUserId);
      case 'not_interested': return this.onNotInterested(p, e.targetKind, e.target, e.ts);
      case 'search': return this.onSearch(p, e.query, e.resultIds, e.ts);
      default: {
        const m = this.catalog.get(e.noteId);
        if (m) this.onNoteEvent(p, m, e);
      }
    }
  }

  private onNoteEvent(p: UserProfile, m: NoteMeta, e: NoteEvent): void {
    const c = this.counters;
    const ix = m.ix;
    const credit = this.cfg.pools.credit;
    switch (e.type) {
      case 'impression':
        c.add('impressions', ix);
        p.markSeen(ix, e.ts);
        // A pool stage is an audience of users: one user shown a note again is not more audience (but it is
        // more evidence that nobody engages).
        this.traffic.impression(ix, this.credits.first(p.userId, ix, 'impression', e.ts));
        return;
      case 'open':
      case 'search_click':
        c.add('opens', ix);
        p.lastOpened = ix;
        p.addNoteSignal(m, 'open', 1, e.ts);
        // Clicking a result confirms which of the query's topics was meant.
        if (e.type === 'search_click' && e.query) p.addNoteSignal(m, 'search', this.cfg.profile.searchClickShare, e.ts, e.query.trim());
        return;
      case 'dwell':
        return this.onRead(p, m, e.ms / this.expectedMs(m), e.ms, e.ts);
      case 'view':
        return this.onRead(p, m, e.portion, e.ms, e.ts);
      case 'like':
        return this.onEngage(p, m, 'likes', 'like', credit.like, e.ts);
      case 'save':
        return this.onEngage(p, m, 'saves', 'save', credit.save, e.ts);
      case 'comment':
        return this.onEngage(p, m, 'comments', 'comment', credit.comment, e.ts);
      case 'share':
        return this.onEngage(p, m, 'shares', 'share', credit.share, e.ts);
      case 'unlike':
      case 'unsave': {
        const name = e.type === 'unlike' ? 'likes' : 'saves';
        if (c.get(name, ix) > 0) {
          c.add(name, ix, -1);
          c.addCes(-this.cfg.quality.ces[e.type === 'unlike' ? 'like' : 'save']);
        }
        return;
      }
      case 'report':
        c.add('reports', ix);
        p.hiddenNotes.add(ix);
        return;
    }
  }

  /** Expected time to consume a note: reading time for image notes, running time for videos. */
  expectedMs(m: NoteMeta): number {
    const pc = this.cfg.profile;
    if (m.kind === 'video' && m.durationSec > 0) return m.durationSec * 1000;
    return pc.readBaseMs + m.textLength * pc.readMsPerChar + m.imageCount * pc.readMsPerImage;
  }

  /** How much a complete view says: duration-calibrated for videos, full for image notes. */
  completionEvidence(m: NoteMeta): number {
    const pc = this.cfg.profile;
    if (m.kind !== 'video' || m.durationSec <= 0) return 1;
    const e = Math.log1p(m.durationSec / pc.durationRefSec) / Math.log1p(180 / pc.durationRefSec);
    return Math.min(pc.durationEvidenceMax, Math.max(pc.durationEvidenceMin, e));
  }

  /**
   * One visit counts once: clients may report a read as both `view` and `dwell`, or in several
   * progress events. Within `visitWindowMinutes` a later event only matters if it upgrades the
   * visit to complete (then an earlier fast-skip verdict is withdrawn).
   */
  private onRead(p: UserProfile, m: NoteMeta, rawPortion: number, ms: number | undefined, ts: number): void {
    const pc = this.cfg.profile;
    const portion = Math.min(1, Math.max(0, rawPortion));
    const c = this.counters;
    const complete = portion >= pc.completePortion;
    const skip = !complete && portion < pc.skipPortion && (ms === undefined || ms < pc.skipMs);
    const prev = p.visit(m.ix, ts, pc.visitWindowMinutes * 60_000);
    if (prev) {
      if (prev.outcome === 'complete' || !complete) return;
      if (prev.outcome === 'skip') c.add('skips', m.ix, -1);
    } else {
      c.add('views', m.ix);
    }
    c.add('portionSum', m.ix, prev ? Math.max(0, portion - prev.portion) : portion);
    p.recordVisit(m.ix, prev?.t ?? ts, complete ? 'complete' : skip ? 'skip' : 'partial', Math.max(portion, prev?.portion ?? 0));
    if (m.kind === 'video') c.recordView(m.durationSec, complete);
    if (complete) {
      c.add('completes', m.ix);
      p.addNoteSignal(m, 'complete', this.completionEvidence(m), ts);
      this.positive(p, m, 1, ts);
      if (this.credits.first(p.userId, m.ix, 'complete', ts)) {
        this.trends.record(m.ix, m.tags, p.market, this.cfg.trends.weights.complete, ts);
        this.traffic.success(m.ix, this.cfg.pools.credit.complete);
      }
    } else if (skip) {
      c.add('skips', m.ix);
      p.addNoteSignal(m, 'skip', 1, ts);
    } else if (this.credits.first(p.userId, m.ix, 'view', ts)) {
      this.trends.record(m.ix, m.tags, p.market, this.cfg.trends.weights.view, ts);
    }
  }

  private onEngage(p: UserProfile, m: NoteMeta, counter: 'likes' | 'saves' | 'comments' | 'shares', signal: 'like' | 'save' | 'comment' | 'share', credit: number, ts: number): void {
    // Liking, unliking and liking again, or commenting ten times, moves trends and pools once.
    const firstTime = this.credits.first(p.userId, m.ix, signal, ts);
    // Shares have no table behind them (likes, saves and comments do, and are logged only when they change it):
    // one user's shares of a note count once.
    if (signal === 'share' && !firstTime) return;
    this.counters.add(counter, m.ix);
    this.counters.addCes(this.cfg.quality.ces[signal]);
    p.addNoteSignal(m, signal, 1, ts);
    this.positive(p, m, signal === 'like' ? 0.5 : 1, ts);
    if (firstTime) {
      this.trends.record(m.ix, m.tags, p.market, this.cfg.trends.weights[signal], ts);
      this.traffic.success(m.ix, credit);
    }
    this.offerPopular(m);
  }

  private positive(p: UserProfile, m: NoteMeta, w: number, ts: number): void {
    const history = this.history;
    history.length = 0;
    for (const x of p.positives) if (ts - x.t < POSITIVE_WINDOW_MS) history.push(x.ix);
    this.cooccurrence.record(m.ix, w, history);
  }

  private onFollow(p: UserProfile, target: string, ts: number): void {
    this.follows.add(p.userId, target);
    const m = p.lastOpened >= 0 ? this.catalog.at(p.lastOpened) : undefined;
    if (!m || m.authorId !== target) return;
    // A follow right after opening one of the author's notes is credited to that note.
    this.counters.add('follows', m.ix);
    this.counters.addCes(this.cfg.quality.ces.follow);
    p.addNoteSignal(m, 'follow', 1, ts);
    if (this.credits.first(p.userId, m.ix, 'follow', ts)) this.traffic.success(m.ix, this.cfg.pools.credit.follow);
    this.offerPopular(m);
  }

  private onNotInterested(p: UserProfile, kind: 'note' | 'author' | 'tag', target: string, ts: number): void {
    if (kind === 'author') {
      p.hiddenAuthors.add(target);
      return;
    }
    if (kind === 'tag') {
      const tag = normalizeTag(target);
      p.hiddenTags.add(tag);
      p.addTopicSignal(topicKey('tag', tag), 'not_interested', 1, ts);
      return;
    }
    const m = this.catalog.get(target);
    if (!m) return;
    p.hiddenNotes.add(m.ix);
    this.counters.add('notInterested', m.ix);
    p.addNoteSignal(m, 'not_interested', 0.25, ts);
  }

  private onSearch(p: UserProfile, query: string, resultIds: readonly string[], ts: number): void {
    const keys = new Set<string>();
    const tag = normalizeTag(query);
    if (tag) keys.add(topicKey('tag', tag));
    for (const t of titleTerms(query)) {
      keys.add(topicKey('term', t));
      keys.add(topicKey('tag', t));
    }
    const results: NoteMeta[] = [];
    for (const id of resultIds.slice(0, 10)) {
      const m = this.catalog.get(id);
      if (m && !m.deleted) results.push(m);
    }
    p.addSearch(query, [...keys], results, ts);
  }

  private offerPopular(m: NoteMeta): void {
    const q = engagementQuality(this.counters, m.ix, this.cfg.quality) + cesOf(this.counters, m.ix, this.cfg.quality) * 1e-6;
    this.popular.offer('*', m.ix, q);
    this.popular.offer(cachedKey(this.categoryKeys, 'category', m.topCategory), m.ix, q);
    this.popular.offer(cachedKey(this.subcategoryKeys, 'subcategory', m.category), m.ix, q);
  }
}

/** The topic key of a (sub)category, from a per-level cache (a flat string whose hash is already computed). */
function cachedKey(cache: Map<string, string>, level: 'category' | 'subcategory', value: string): string {
  let key = cache.get(value);
  if (key === undefined) cache.set(value, (key = topicKey(level, value)));
  return key;
}
