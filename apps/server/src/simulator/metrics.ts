import { TOP_IDS } from './population.ts';
import type { SimExperimentResult } from './sim-experiment.ts';

/** What one run measures: counts by population, market and day, plus the hidden satisfaction the user model keeps. */
export const ENGAGEMENT_KEYS = ['sessions', 'impressions', 'opens', 'views', 'completes', 'likes', 'saves', 'comments', 'shares', 'follows', 'searches', 'posts'] as const;
export type EngagementKey = (typeof ENGAGEMENT_KEYS)[number];

export interface RetentionCohort {
  /** Arrival day (0 for accounts present at the start). */
  day: number;
  size: number;
  /** Share of the cohort active k days after its day, k = 0.. */
  retained: number[];
}

export interface RunMetrics {
  strategy: string;
  days: string[];
  events: number;
  notes: { backlog: number; posted: Record<string, number> };
  /** Population → accounts active per day. */
  dau: Record<string, number[]>;
  dauByMarket: Record<string, number[]>;
  dauBySource: Record<string, number[]>;
  /** Population → accounts that have arrived and not left, per day. */
  present: Record<string, number[]>;
  /** Population → mean satisfaction of the day's active accounts (null on a day nobody came). */
  satisfaction: Record<string, (number | null)[]>;
  retention: Record<string, { cohorts: RetentionCohort[]; curve: (number | null)[] }>;
  engagement: Record<string, Record<EngagementKey, number>>;
  /** Population → share of items consumed (opened or watched) by top-level category and by kind. */
  content: Record<string, { categories: Record<string, number>; video: number }>;
  /** The experiment run inside the simulation, when one was. */
  experiment?: SimExperimentResult;
}

/** Accumulates a run's counters; `finish` turns them into plain JSON-able figures. */
export class MetricsCollector {
  private readonly dau: number[][];
  private readonly present: number[][];
  private readonly satSum: number[][];
  private readonly market = new Map<string, number[]>();
  private readonly source = new Map<string, number[]>();
  readonly engagement: Record<EngagementKey, number>[];
  private readonly consumedTop: Float64Array[];
  private readonly consumedVideo: number[];
  private readonly consumedAll: number[];
  /** Per user: the days they were active. */
  private readonly activeDays: Uint8Array[];
  readonly posted: number[];
  backlog = 0;

  constructor(private readonly populations: readonly string[], private readonly days: number, users: number) {
    const grid = () => populations.map(() => new Array<number>(days).fill(0));
    this.dau = grid();
    this.present = grid();
    this.satSum = grid();
    this.engagement = populations.map(() => Object.fromEntries(ENGAGEMENT_KEYS.map((k) => [k, 0])) as Record<EngagementKey, number>);
    this.consumedTop = populations.map(() => new Float64Array(TOP_IDS.length));
    this.consumedVideo = populations.map(() => 0);
    this.consumedAll = populations.map(() => 0);
    this.activeDays = Array.from({ length: users }, () => new Uint8Array(days));
    this.posted = populations.map(() => 0);
  }

  active(userIx: number, pop: number, market: string, source: string, day: number, satisfaction: number): void {
    this.dau[pop]![day]!++;
    this.satSum[pop]![day]! += satisfaction;
    this.activeDays[userIx]![day] = 1;
    bump(this.market, market, this.days, day);
    bump(this.source, source, this.days, day);
  }

  presentOn(pop: number, day: number): void {
    this.present[pop]![day]!++;
  }

  count(pop: number, key: EngagementKey, n = 1): void {
    this.engagement[pop]![key] += n;
  }

  consumed(pop: number, top: number, video: boolean): void {
    this.consumedTop[pop]![top]!++;
    if (video) this.consumedVideo[pop]!++;
    this.consumedAll[pop]!++;
  }

  finish(strategy: string, dayLabels: string[], events: number, users: readonly { pop: number; arrivalDay: number }[]): RunMetrics {
    const byPop = <T>(f: (p: number) => T): Record<string, T> => Object.fromEntries(this.populations.map((name, p) => [name, f(p)]));
    return {
      strategy,
      days: dayLabels,
      events,
      notes: { backlog: this.backlog, posted: byPop((p) => this.posted[p]!) },
      dau: byPop((p) => [...this.dau[p]!]),
      dauByMarket: Object.fromEntries([...this.market.entries()].sort((a, b) => a[0].localeCompare(b[0]))),
      dauBySource: Object.fromEntries([...this.source.entries()].sort((a, b) => a[0].localeCompare(b[0]))),
      present: byPop((p) => [...this.present[p]!]),
      satisfaction: byPop((p) => this.dau[p]!.map((n, d) => (n === 0 ? null : round(this.satSum[p]![d]! / n)))),
      retention: byPop((p) => this.retention(p, users)),
      engagement: byPop((p) => ({ ...this.engagement[p]! })),
      content: byPop((p) => {
        const all = this.consumedAll[p]!;
        const categories: Record<string, number> = {};
        TOP_IDS.forEach((id, c) => {
          const n = this.consumedTop[p]![c]!;
          if (n > 0) categories[id] = round(n / all);
        });
        return { categories, video: all === 0 ? 0 : round(this.consumedVideo[p]! / all) };
      }),
    };
  }

  /**
   * Cohorts by arrival day; the curve averages them weighted by size over the cohorts old enough for each k, and stops
   * where those hold under a tenth of the population (a tail of a few early arrivals says little).
   */
  private retention(pop: number, users: readonly { pop: number; arrivalDay: number }[]): { cohorts: RetentionCohort[]; curve: (number | null)[] } {
    const byDay = new Map<number, number[]>();
    users.forEach((u, ix) => {
      if (u.pop !== pop) return;
      const day = Math.max(0, u.arrivalDay);
      let list = byDay.get(day);
      if (!list) byDay.set(day, (list = []));
      list.push(ix);
    });
    const cohorts: RetentionCohort[] = [];
    const num = new Array<number>(this.days).fill(0);
    const den = new Array<number>(this.days).fill(0);
    for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
      const members = byDay.get(day)!;
      const retained: number[] = [];
      for (let k = 0; day + k < this.days; k++) {
        let n = 0;
        for (const ix of members) n += this.activeDays[ix]![day + k]!;
        retained.push(round(n / members.length));
        num[k]! += n;
        den[k]! += members.length;
      }
      cohorts.push({ day, size: members.length, retained });
    }
    const size = den[0]!;
    return { cohorts, curve: num.map((n, k) => (den[k]! === 0 || den[k]! < size / 10 ? null : round(n / den[k]!))) };
  }
}

function bump(m: Map<string, number[]>, key: string, days: number, day: number): void {
  let row = m.get(key);
  if (!row) m.set(key, (row = new Array<number>(days).fill(0)));
  row[day]!++;
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
