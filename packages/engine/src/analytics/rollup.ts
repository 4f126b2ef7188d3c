import type { EngineEvent } from '../domain/event.ts';
import { topCategory } from '../domain/taxonomy.ts';
import { Bitset } from './bitset.ts';
import { DayCalendar } from './calendar.ts';
import { DIMENSION_COUNT, dimIndex, UserTable, type AnalyticsUser } from './user-table.ts';

const STRATEGY_DIM = dimIndex('strategy');
const SEGMENT_DIM = dimIndex('segment');
const VARIANT_DIM = dimIndex('variant');

/** Funnel stages in order: what a served item can lead to. */
export const FUNNEL_STAGES = ['impression', 'open', 'complete', 'like', 'save', 'comment', 'share', 'follow'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
const STAGE_IX: Partial<Record<EngineEvent['type'], number>> = {
  impression: 0, open: 1, like: 3, save: 4, comment: 5, share: 6, follow: 7,
};
export const COMPLETION_BINS = 10;

/**
 * The audiences the article contrasts, by the top-level categories each comes for. An account without a segment of
 * its own is counted in the audience whose categories it has consumed most so far.
 */
export const AUDIENCE_SEGMENTS = ['lifestyle', 'entertainment', 'knowledge'] as const;
const SEGMENT_OF_CATEGORY: Readonly<Record<string, number>> = {
  beauty: 0, fashion: 0, travel: 0, food: 0, home: 0, fitness: 0,
  'music-dance': 1, comedy: 1, 'life-hacks': 1, pets: 1,
  tech: 2, study: 2,
};
const SEGMENT_COUNT = AUDIENCE_SEGMENTS.length;

/** What analytics needs to know of a note an event is about. */
export interface AnalyticsNoteInfo {
  category: string;
  kind: 'image' | 'video';
  tags: readonly string[];
}

export interface RollupOptions {
  timeZone?: string;
  /** A view at or above this portion is a complete read or watch. */
  completePortion?: number;
  /** A gap longer than this between two events of a user starts a new session. */
  sessionGapMs?: number;
  /** The note an event refers to, or null when it is unknown (deleted, or never existed). */
  noteInfo: (noteId: string) => AnalyticsNoteInfo | null;
  /** The strategy that serves a surface (e.g. `funnel`, `viral`; `none` for surfaces that are not feeds). */
  strategyOf: (surface: string) => string;
}

/** Counters of one group of users (one value of one dimension) on one day. */
export class GroupCounters {
  events = 0;
  /** `surface|strategy` → counts per funnel stage. */
  readonly funnel = new Map<string, Float64Array>();
  readonly consumedByCategory = new Map<string, number>();
  /** [image, video] items consumed: image notes opened, videos watched. */
  readonly consumedKind = new Float64Array(2);
  readonly createdByCategory = new Map<string, number>();
  readonly createdKind = new Float64Array(2);
  readonly tags = new Map<string, number>();
  /** Video views by portion watched, in tenths. */
  readonly completion = new Float64Array(COMPLETION_BINS);
  sessions = 0;
  searchFirstSessions = 0;
}

export class DayRollup {
  readonly active = new Bitset();
  /** Keyed by dimension index × 65536 + value code. */
  readonly groups = new Map<number, GroupCounters>();
}

/**
 * Daily rollups of the event log, kept up to date one event at a time, from which every analytics figure is read.
 * Applying the same users, notes and events in the same order always gives the same rollup, so a rollup built
 * incrementally equals one rebuilt from the log. Each event is attributed to the groups its user belongs to when
 * it is applied.
 */
export class AnalyticsRollup {
  readonly calendar: DayCalendar;
  readonly users: UserTable;
  private readonly days = new Map<number, DayRollup>();
  private lastTs = new Float64Array(1024);
  private pending = new Uint8Array(1024);
  /** Per account: 1 when it brought its own segment; else consumption counts per audience segment. */
  private ownSegment = new Uint8Array(1024);
  private segmentCounts = new Uint32Array(1024 * SEGMENT_COUNT);
  private readonly completePortion: number;
  private readonly sessionGapMs: number;
  private readonly scratch: GroupCounters[] = new Array<GroupCounters>(DIMENSION_COUNT);
  /** Surface → its funnel key (`surface|strategy`), so the key is built once per surface, not per event. */
  private readonly funnelKeys = new Map<string, { key: string; strategy: string }>();
  private minDay = Infinity;
  private maxDay = -Infinity;
  appliedEvents = 0;

  constructor(private readonly opts: RollupOptions) {
    this.calendar = new DayCalendar(opts.timeZone ?? 'UTC');
    this.users = new UserTable(this.calendar);
    this.completePortion = opts.completePortion ?? 0.9;
    this.sessionGapMs = opts.sessionGapMs ?? 30 * 60_000;
  }

  /** First and last day with any activity, or null before the first event. */
  get range(): { from: number; to: number } | null {
    return this.minDay <= this.maxDay ? { from: this.minDay, to: this.maxDay } : null;
  }

  day(day: number): DayRollup | undefined {
    return this.days.get(day);
  }

  addUser(u: AnalyticsUser): void {
    const ix = this.users.upsert(u);
    this.ensureUserState(ix);
    this.ownSegment[ix] = u.segment ? 1 : 0;
    if (!u.segment) this.deriveSegment(ix);
  }

  /**
   * A feed page of an experiment was served: the account's `variant` becomes `experiment/variant` unless an earlier
   * exposure set it. Exposures are applied in time order with the events (an exposure before the events at or after
   * its time), so live rollups and rebuilt ones agree.
   */
  addExposure(userId: string, label: string, ts: number): void {
    const ix = this.users.ensure(userId, ts);
    this.ensureUserState(ix);
    // Code 0 of the variant dimension is 'unknown', as for strategy.
    if (this.users.code(ix, VARIANT_DIM) === 0) this.users.setAttribute(ix, 'variant', label);
  }

  /** A note was published: counts toward what its author's groups create. */
  addNote(authorId: string, createdAt: number, info: AnalyticsNoteInfo): void {
    const ix = this.users.ensure(authorId, createdAt);
    this.ensureUserState(ix);
    const groups = this.groupsOf(ix, this.touchDay(this.calendar.dayOf(createdAt)));
    const top = topCategory(info.category);
    const k = info.kind === 'video' ? 1 : 0;
    for (const g of groups) {
      g.createdByCategory.set(top, (g.createdByCategory.get(top) ?? 0) + 1);
      g.createdKind[k] = (g.createdKind[k] as number) + 1;
    }
  }

  /** Applies one stored event. Events should arrive in log order. */
  apply(e: EngineEvent): void {
    this.appliedEvents++;
    const ix = this.users.ensure(e.userId, e.ts);
    this.ensureUserState(ix);
    const dayIx = this.calendar.dayOf(e.ts);
    const day = this.touchDay(dayIx);
    day.active.add(ix);
    const surface = e.surface ?? 'unknown';
    let served = this.funnelKeys.get(surface);
    if (served === undefined) {
      const strategy = this.opts.strategyOf(surface);
      this.funnelKeys.set(surface, (served = { key: `${surface}|${strategy}`, strategy }));
    }
    // Code 0 of the strategy dimension is 'unknown': every account starts there until a feed first serves it.
    if (e.type === 'impression' && this.users.code(ix, STRATEGY_DIM) === 0) this.users.setAttribute(ix, 'strategy', served.strategy);
    const groups = this.groupsOf(ix, day);
    for (const g of groups) g.events++;

    const gap = e.ts - (this.lastTs[ix] as number);
    if (this.lastTs[ix] === 0 || gap > this.sessionGapMs) {
      for (const g of groups) g.sessions++;
      this.pending[ix] = 1;
    }
    if (e.ts > (this.lastTs[ix] as number)) this.lastTs[ix] = e.ts;
    if (this.pending[ix] === 1 && e.type !== 'impression') {
      this.pending[ix] = 0;
      if (e.type === 'search') for (const g of groups) g.searchFirstSessions++;
    }

    const noteId = 'noteId' in e ? e.noteId : null;
    const info = noteId === null ? null : this.opts.noteInfo(noteId);
    let stage = STAGE_IX[e.type];
    if (e.type === 'view' && e.portion >= this.completePortion) stage = 2;
    if (stage !== undefined) {
      const key = served.key;
      for (const g of groups) {
        let f = g.funnel.get(key);
        if (f === undefined) g.funnel.set(key, (f = new Float64Array(FUNNEL_STAGES.length)));
        f[stage] = (f[stage] as number) + 1;
      }
    }
    if (info === null) return;
    const consumed = (e.type === 'open' && info.kind === 'image') || (e.type === 'view' && info.kind === 'video');
    if (consumed) {
      const top = topCategory(info.category);
      const seg = SEGMENT_OF_CATEGORY[top];
      if (seg !== undefined && this.ownSegment[ix] === 0) {
        this.segmentCounts[ix * SEGMENT_COUNT + seg]! += 1;
        // Later events of this account count toward its (possibly new) segment; this one stays where it began.
        this.deriveSegment(ix);
      }
      const k = info.kind === 'video' ? 1 : 0;
      for (const g of groups) {
        g.consumedByCategory.set(top, (g.consumedByCategory.get(top) ?? 0) + 1);
        g.consumedKind[k] = (g.consumedKind[k] as number) + 1;
        for (const t of info.tags) g.tags.set(t, (g.tags.get(t) ?? 0) + 1);
      }
    }
    if (e.type === 'view' && info.kind === 'video') {
      const bin = Math.min(COMPLETION_BINS - 1, Math.floor(e.portion * COMPLETION_BINS));
      for (const g of groups) g.completion[bin] = (g.completion[bin] as number) + 1;
    }
  }

  /** The counters of one group on one day, if it had any. */
  group(day: number, dimIx: number, code: number): GroupCounters | undefined {
    return this.days.get(day)?.groups.get(dimIx * 65536 + code);
  }

  private groupsOf(ix: number, day: DayRollup): GroupCounters[] {
    const out = this.scratch;
    for (let d = 0; d < DIMENSION_COUNT; d++) {
      const key = d * 65536 + this.users.code(ix, d);
      let g = day.groups.get(key);
      if (g === undefined) day.groups.set(key, (g = new GroupCounters()));
      out[d] = g;
    }
    return out;
  }

  private touchDay(dayIx: number): DayRollup {
    let day = this.days.get(dayIx);
    if (day === undefined) {
      this.days.set(dayIx, (day = new DayRollup()));
      if (dayIx < this.minDay) this.minDay = dayIx;
      if (dayIx > this.maxDay) this.maxDay = dayIx;
    }
    return day;
  }

  private deriveSegment(ix: number): void {
    let best = -1;
    let bestCount = 0;
    const current = this.users.code(ix, SEGMENT_DIM);
    for (let k = 0; k < SEGMENT_COUNT; k++) {
      const c = this.segmentCounts[ix * SEGMENT_COUNT + k] as number;
      if (c > bestCount) {
        best = k;
        bestCount = c;
      }
    }
    const name = best < 0 ? 'unknown' : (AUDIENCE_SEGMENTS[best] as string);
    if (this.users.codeOf('segment', name) !== current) this.users.setAttribute(ix, 'segment', name);
  }

  private ensureUserState(ix: number): void {
    if (ix < this.lastTs.length) return;
    const n = Math.max(ix + 1, this.lastTs.length * 2);
    const ts = new Float64Array(n);
    ts.set(this.lastTs);
    this.lastTs = ts;
    const p = new Uint8Array(n);
    p.set(this.pending);
    this.pending = p;
    const own = new Uint8Array(n);
    own.set(this.ownSegment);
    this.ownSegment = own;
    const counts = new Uint32Array(n * SEGMENT_COUNT);
    counts.set(this.segmentCounts);
    this.segmentCounts = counts;
  }
}
