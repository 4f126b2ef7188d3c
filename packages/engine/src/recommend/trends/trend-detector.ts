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
}

export const DEFAULT_TREND_CONFIG: TrendConfig = {
  fastHalfLifeHours: 0.5,
  slowHalfLifeHours: 24,
  minVelocity: 12,
  minScore: 2,
  baselineFloor: 2,
  hotPerMarket: 64,
  weights: { view: 0.25, complete: 1, like: 1, save: 2, comment: 2, share: 3 },
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

/** Markets are tracked per user market and under `*` for the whole community. */
export const ALL_MARKETS = '*';

/**
 * Real-time trend detection per note and per tag against each one's own decayed baseline, per
 * market. Every engagement updates two EWMAs and offers the key to a bounded hot set; reads
 * re-score only the hot set. No batch job, no scan.
 */
export class TrendDetector {
  private readonly series = new Map<string, DualEwma>();
  private readonly hot = new Map<string, Map<string, number>>();
  private records = 0;

  constructor(private readonly cfg: TrendConfig) {}

  /** Records weighted engagement on a note (and its tags) by a user of `market`. */
  record(ix: number, tags: readonly string[], market: string | null, w: number, now: number): void {
    const markets = market ? [market, ALL_MARKETS] : [ALL_MARKETS];
    for (const mk of markets) {
      this.bump(mk, `n:${ix}`, w, now);
      for (const t of tags.slice(0, 8)) this.bump(mk, `t:${t}`, w, now);
    }
  }

  /** Current trends in a market, strongest first. */
  trending(market: string, now: number, limit: number, prefix?: 'n:' | 't:'): Trend[] {
    const hot = this.hot.get(market);
    if (!hot) return [];
    const out: Trend[] = [];
    for (const key of hot.keys()) {
      if (prefix && !key.startsWith(prefix)) continue;
      const t = this.score(market, key, now);
      if (t && t.score >= this.cfg.minScore && t.velocity >= this.cfg.minVelocity) out.push(t);
    }
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, limit);
  }

  /** Hot notes (ix) of a market carrying `tag`, fastest first: the notes a tag's surge is made of. */
  hotNotesWithTag(market: string, tag: string, now: number, tagsOf: (ix: number) => readonly string[] | undefined, minVelocity: number): number[] {
    const hot = this.hot.get(market);
    if (!hot) return [];
    const out: { ix: number; v: number }[] = [];
    for (const key of hot.keys()) {
      if (!key.startsWith('n:')) continue;
      const ix = Number(key.slice(2));
      if (!tagsOf(ix)?.includes(tag)) continue;
      const v = this.velocity(market, key, now);
      if (v >= minVelocity) out.push({ ix, v });
    }
    return out.sort((a, b) => b.v - a.v || a.ix - b.ix).map((x) => x.ix);
  }

  /** Velocity of a note in a market (weighted events per hour), for ordering within a trending tag. */
  velocity(market: string, key: string, now: number): number {
    const s = this.series.get(`${market}|${key}`);
    return s ? s.rates(now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours).velocity : 0;
  }

  score(market: string, key: string, now: number): Trend | null {
    const s = this.series.get(`${market}|${key}`);
    if (!s) return null;
    const { velocity, baseline } = s.rates(now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours);
    const acceleration = velocity - baseline;
    return { key, market, velocity, acceleration, score: acceleration / (baseline + this.cfg.baselineFloor) };
  }

  /**
   * Drops series whose baseline has decayed to nothing, so memory follows active notes and tags
   * rather than everything ever engaged with. Amortised: one sweep per SWEEP_EVERY records.
   */
  private sweep(now: number): void {
    for (const [id, s] of this.series) {
      s.decayTo(now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours);
      if (s.slow < 0.01) this.series.delete(id);
    }
  }

  private bump(market: string, key: string, w: number, now: number): void {
    if (++this.records % SWEEP_EVERY === 0) this.sweep(now);
    const id = `${market}|${key}`;
    let s = this.series.get(id);
    if (!s) this.series.set(id, (s = new DualEwma()));
    s.add(w, now, this.cfg.fastHalfLifeHours, this.cfg.slowHalfLifeHours);
    const t = this.score(market, key, now) as Trend;
    if (t.velocity < this.cfg.minVelocity * 0.25) return;
    let hot = this.hot.get(market);
    if (!hot) this.hot.set(market, (hot = new Map()));
    hot.set(key, t.score);
    if (hot.size > this.cfg.hotPerMarket * 1.5) this.trim(market, hot, now);
  }

  /** Keeps the hottest K; amortised over K/2 insertions. */
  private trim(market: string, hot: Map<string, number>, now: number): void {
    const ranked = [...hot.keys()].map((k) => [k, this.score(market, k, now)?.score ?? -Infinity] as const);
    ranked.sort((a, b) => b[1] - a[1]);
    for (const [k] of ranked.slice(this.cfg.hotPerMarket)) hot.delete(k);
  }
}
