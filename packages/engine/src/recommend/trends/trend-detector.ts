import { kthLargest } from '../state/cooccurrence-index.ts';
import { CacheCounter } from '../cache-counter.ts';
import { DualEwma } from './dual-ewma.ts';

export interface TrendConfig {
  /** Half-lives of the velocity and baseline EWMAs (hours). */
  fastHalfLifeHours: number;
  slowHalfLifeHours: number;
  /** Minimum velocity (weighted events/hour) before anything can trend: no trends from noise. */
  minVelocity: number;
  /** Trend score threshold: (velocity − baseline) / (baseline + floor). */
  minScore: number;
  baselineFloor: number;
  /** Hot entries kept per market and kind; bounded so reads are O(K). */
  hotPerMarket: number;
  /** Weight of each engagement kind in the velocity. */
  weights: Record<'view' | 'complete' | 'like' | 'save' | 'comment' | 'share', number>;
  /**
   * How long (ms of the engine clock) a market's ranked trends are reused by reads. Trends move on
   * the fast half-life (minutes), so a few seconds is invisible. 0 disables the cache. A cached
   * ranking is also dropped as soon as a key enters the hot set, a key starts or stops qualifying
   * as a trend, or `cacheMaxWeight` of new engagement arrived in the market.
   */
  cacheMs?: number;
  cacheMaxWeight?: number;
}

export const DEFAULT_TREND_CONFIG: TrendConfig = {
  fastHalfLifeHours: 0.5,
  slowHalfLifeHours: 24,
  minVelocity: 12,
  minScore: 2,
  baselineFloor: 2,
  hotPerMarket: 64,
  weights: { view: 0.25, complete: 1, like: 1, save: 2, comment: 2, share: 3 },
  cacheMs: 2_000,
  cacheMaxWeight: 50,
};

export interface Trend {
  /** `n:<ix>` or `t:<tag>`. */
  key: string;
  market: string;
  velocity: number;
  acceleration: number;
  score: number;
}

const SWEEP_EVERY = 200_000;
const MAX_TAGS = 8;
const HOUR = 3_600_000;

/** Markets are tracked per user market and under `*` for the whole community. */
export const ALL_MARKETS = '*';

/** Series with the trend-qualification state seen at its last update. */
export class Series extends DualEwma {
  qualified = false;
}

/** A market's ranked state at one clock reading, reused by reads until it is invalidated. */
interface Snapshot {
  now: number;
  version: number;
  /** Qualifying trends of both kinds, strongest first (ties in hot-set order). */
  all: Trend[];
  notes: Trend[] | null;
  tags: Trend[] | null;
  /** Hot notes with their velocity, fastest first, then by ix. */
  noteVelocity: { ix: number; v: number }[] | null;
}

/**
 * Per-market state. Keys are integers: a note is its ix (≥ 0), a tag is −(tag id + 1), so one map
 * holds both kinds in insertion order, as the string keys `n:<ix>` / `t:<tag>` used to.
 */
export class MarketState {
  readonly series = new Map<number, Series>();
  readonly hot = new Map<number, number>();
  /** Bumped whenever reads must not reuse a cached ranking. */
  version = 0;
  /** Engagement weight recorded since the last version bump. */
  weight = 0;
  snapshot: Snapshot | null = null;
  constructor(readonly name: string) {}
}

/**
 * Real-time trend detection per note and per tag against each one's own decayed baseline, per
 * market. Every engagement updates two EWMAs and offers the key to a bounded hot set; reads
 * re-score only the hot set, and reuse the ranking for a short clock interval.
 */
export class TrendDetector {
  /** Ranked trend snapshots reused (a hit) or rebuilt (a miss) per market read. */
  readonly snapshotCache = new CacheCounter();
  private readonly markets = new Map<string, MarketState>();
  private readonly all: MarketState;
  private readonly tagIds = new Map<string, number>();
  private readonly tagNames: string[] = [];
  /** Interned key ids of a note's (first 8) tags, by note ix (an array index, not a hash lookup). */
  private readonly tagKeysByIx: (Int32Array | null)[] = [];
  private readonly cacheMs: number;
  private readonly cacheMaxWeight: number;
  private records = 0;
  /** Scratch for trims: hot-set scores in hot-set order, and a copy the selection may reorder. */
  private trimScores = new Float64Array(0);
  private trimSelect = new Float64Array(0);

  constructor(private readonly cfg: TrendConfig) {
    this.all = this.market(ALL_MARKETS);
    this.cacheMs = cfg.cacheMs ?? 0;
    this.cacheMaxWeight = cfg.cacheMaxWeight ?? Infinity;
  }

  /** Records weighted engagement on a note (and its tags) by a user of `market`. */
  record(ix: number, tags: readonly string[], market: string | null, w: number, now: number): void {
    const keys = this.tagKeys(ix, tags);
    if (market) this.recordIn(this.market(market), ix, keys, w, now);
    this.recordIn(this.all, ix, keys, w, now);
  }

  /** Current trends in a market, strongest first. */
  trending(market: string, now: number, limit: number, prefix?: 'n:' | 't:'): Trend[] {
    const ms = this.markets.get(market);
    if (!ms || ms.hot.size === 0) return [];
    const snap = this.snapshot(ms, now);
    let list: Trend[];
    if (prefix === 'n:') list = snap.notes ??= snap.all.filter((t) => t.key.startsWith('n:'));
    else if (prefix === 't:') list = snap.tags ??= snap.all.filter((t) => t.key.startsWith('t:'));
    else list = snap.all;
    return list.slice(0, limit);
  }

  /** Hot notes (ix) of a market carrying `tag`, fastest first: the notes a tag's surge is made of. */
  hotNotesWithTag(market: string, tag: string, now: number, tagsOf: (ix: number) => readonly string[] | undefined, minVelocity: number): number[] {
    const ms = this.markets.get(market);
    if (!ms || ms.hot.size === 0) return [];
    const snap = this.snapshot(ms, now);
    if (!snap.noteVelocity) {
      const nv: { ix: number; v: number }[] = [];
      for (const k of ms.hot.keys()) {
        if (k < 0) continue;
        const s = ms.series.get(k);
        nv.push({ ix: k, v: s ? this.velocityOf(s, snap.now) : 0 });
      }
      snap.noteVelocity = nv.sort((a, b) => b.v - a.v || a.ix - b.ix);
    }
    const out: number[] = [];
    for (const x of snap.noteVelocity) {
      if (x.v < minVelocity) break;
      if (tagsOf(x.ix)?.includes(tag)) out.push(x.ix);
    }
    return out;
  }

  /** Velocity of a note in a market (weighted events per hour), for ordering within a trending tag. */
  velocity(market: string, key: string, now: number): number {
    const s = this.seriesOf(market, key);
    return s ? this.velocityOf(s, now) : 0;
  }

  score(market: string, key: string, now: number): Trend | null {
    const s = this.seriesOf(market, key);
    return s ? this.trendOf(s, key, market, now) : null;
  }

  private seriesOf(market: string, key: string): Series | undefined {
    const ms = this.markets.get(market);
    if (!ms) return undefined;
    if (key.startsWith('n:')) return ms.series.get(Number(key.slice(2)));
    if (key.startsWith('t:')) {
      const id = this.tagIds.get(key.slice(2));
      return id === undefined ? undefined : ms.series.get(-(id + 1));
    }
    return undefined;
  }

  private velocityOf(s: Series, now: number): number {
    const { fastHalfLifeHours: fh } = this.cfg;
    const dt = Math.max(0, now - s.t);
    return (s.fast * Math.pow(2, -dt / (fh * HOUR)) * Math.LN2) / fh;
  }

  private trendOf(s: Series, key: string, market: string, now: number): Trend {
    const { fastHalfLifeHours: fh, slowHalfLifeHours: sh } = this.cfg;
    const dt = Math.max(0, now - s.t);
    const velocity = (s.fast * Math.pow(2, -dt / (fh * HOUR)) * Math.LN2) / fh;
    const baseline = (s.slow * Math.pow(2, -dt / (sh * HOUR)) * Math.LN2) / sh;
    const acceleration = velocity - baseline;
    return { key, market, velocity, acceleration, score: acceleration / (baseline + this.cfg.baselineFloor) };
  }

  private keyName(k: number): string {
    return k >= 0 ? `n:${k}` : `t:${this.tagNames[-k - 1]}`;
  }

  private snapshot(ms: MarketState, now: number): Snapshot {
    const cached = ms.snapshot;
    if (cached && cached.version === ms.version && now >= cached.now && now - cached.now < this.cacheMs) {
      this.snapshotCache.hit();
      return cached;
    }
    this.snapshotCache.miss();
    const all: Trend[] = [];
    for (const k of ms.hot.keys()) {
      const s = ms.series.get(k);
      if (!s) continue;
      const t = this.trendOf(s, '', ms.name, now);
      if (t.score >= this.cfg.minScore && t.velocity >= this.cfg.minVelocity) {
        t.key = this.keyName(k);
        all.push(t);
      }
    }
    all.sort((a, b) => b.score - a.score);
    return (ms.snapshot = { now, version: ms.version, all, notes: null, tags: null, noteVelocity: null });
  }

  private market(name: string): MarketState {
    let ms = this.markets.get(name);
    if (!ms) this.markets.set(name, (ms = new MarketState(name)));
    return ms;
  }

  /** Interned keys of a note's tags, cached by note ix and checked against the tags on every use. */
  private tagKeys(ix: number, tags: readonly string[]): Int32Array {
    const byIx = this.tagKeysByIx;
    const cached = ix < byIx.length ? byIx[ix] : null;
    if (cached && this.sameTags(cached, tags)) return cached;
    const n = Math.min(MAX_TAGS, tags.length);
    const keys = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const t = tags[i]!;
      let id = this.tagIds.get(t);
      if (id === undefined) {
        id = this.tagNames.length;
        this.tagIds.set(t, id);
        this.tagNames.push(t);
      }
      keys[i] = -(id + 1);
    }
    if (ix >= 0) {
      while (byIx.length <= ix) byIx.push(null);
      byIx[ix] = keys;
    }
    return keys;
  }

  /** Whether cached keys still match the array (it may have been edited in place). */
  private sameTags(keys: Int32Array, tags: readonly string[]): boolean {
    if (keys.length !== Math.min(MAX_TAGS, tags.length)) return false;
    for (let i = 0; i < keys.length; i++) if (this.tagNames[-keys[i]! - 1] !== tags[i]) return false;
    return true;
  }

  private recordIn(ms: MarketState, ix: number, tagKeys: Int32Array, w: number, now: number): void {
    this.bump(ms, ix, w, now);
    for (let i = 0; i < tagKeys.length; i++) this.bump(ms, tagKeys[i]!, w, now);
    ms.weight += w;
    if (ms.weight >= this.cacheMaxWeight) this.invalidate(ms);
  }

  private invalidate(ms: MarketState): void {
    ms.version++;
    ms.weight = 0;
  }

  /**
   * Drops series whose baseline has decayed to nothing, so memory follows active notes and tags
   * rather than everything ever engaged with. Amortised: one sweep per SWEEP_EVERY records.
   */
  private sweep(now: number): void {
    for (const ms of this.markets.values()) {
      for (const [k, s] of ms.series) {
        s.decayTo(now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours);
        if (s.slow < 0.01) ms.series.delete(k);
      }
      this.invalidate(ms);
    }
  }

  private bump(ms: MarketState, key: number, w: number, now: number): void {
    if (++this.records % SWEEP_EVERY === 0) this.sweep(now);
    let s = ms.series.get(key);
    if (!s) ms.series.set(key, (s = new Series()));
    s.add(w, now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours);
    // After `add` the series is decayed to `now` (or is ahead of it), so its rates need no decay.
    const velocity = (s.fast * Math.LN2) / this.cfg.fastHalfLifeHours;
    const baseline = (s.slow * Math.LN2) / this.cfg.slowHalfLifeHours;
    const score = (velocity - baseline) / (baseline + this.cfg.baselineFloor);
    const qualified = score >= this.cfg.minScore && velocity >= this.cfg.minVelocity;
    if (qualified !== s.qualified) {
      s.qualified = qualified;
      this.invalidate(ms);
    }
    if (velocity < this.cfg.minVelocity * 0.25) return;
    const hot = ms.hot;
    const size = hot.size;
    hot.set(key, score);
    if (hot.size !== size) {
      this.invalidate(ms);
      if (hot.size > this.cfg.hotPerMarket * 1.5) this.trim(ms, now);
    }
  }

  /**
   * Keeps the hottest K (ties: the earliest in the hot set); amortised over K/2 insertions. Scores go
   * into scratch arrays and the cut is found by selection, so a trim allocates nothing and sorts nothing.
   */
  private trim(ms: MarketState, now: number): void {
    const n = ms.hot.size;
    const k = this.cfg.hotPerMarket;
    if (this.trimScores.length < n) {
      this.trimScores = new Float64Array(n * 2);
      this.trimSelect = new Float64Array(n * 2);
    }
    const scores = this.trimScores;
    let i = 0;
    for (const key of ms.hot.keys()) {
      const s = ms.series.get(key);
      scores[i++] = s ? this.scoreOf(s, now) : -Infinity;
    }
    if (k <= 0) ms.hot.clear();
    else if (n > k) {
      const select = this.trimSelect;
      select.set(scores.subarray(0, n));
      const cut = kthLargest(select, n, k);
      let above = 0;
      for (let j = 0; j < n; j++) if (scores[j]! > cut) above++;
      let ties = k - above;
      i = 0;
      for (const key of ms.hot.keys()) {
        const v = scores[i++]!;
        if (v > cut || (v === cut && ties-- > 0)) continue;
        ms.hot.delete(key);
      }
    }
    this.invalidate(ms);
  }

  /** A series' trend score at `now` (as `trendOf`, without building a Trend). */
  private scoreOf(s: Series, now: number): number {
    const { fastHalfLifeHours: fh, slowHalfLifeHours: sh } = this.cfg;
    const dt = Math.max(0, now - s.t);
    const velocity = (s.fast * Math.pow(2, -dt / (fh * HOUR)) * Math.LN2) / fh;
    const baseline = (s.slow * Math.pow(2, -dt / (sh * HOUR)) * Math.LN2) / sh;
    return (velocity - baseline) / (baseline + this.cfg.baselineFloor);
  }
}
