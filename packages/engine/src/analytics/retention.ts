import { Bitset, intersectCount, unionOf } from './bitset.ts';
import type { AnalyticsRollup } from './rollup.ts';
import { dimIndex, type AnalyticsDimension } from './user-table.ts';

export interface RetentionQuery {
  /** Cohorts whose signup day (or week) lies in [from, to], as day numbers. */
  from: number;
  to: number;
  /** Cohorts by signup day, or by signup week with retention measured per week. */
  period: 'day' | 'week';
  /** Split each cohort by a dimension (`all` for none). */
  by: AnalyticsDimension;
  /** Periods after signup to report (0 is the signup period itself, always 100% of those active in it). */
  horizon: number;
}

export interface CohortRow {
  /** Signup day or Monday of the signup week. */
  cohort: string;
  key: string;
  size: number;
  /**
   * retained[n] = share of the cohort active in period n after signup (day n, or week n), null when that period
   * has not ended yet or lies beyond the data.
   */
  retained: (number | null)[];
}

export interface RetentionReport {
  period: 'day' | 'week';
  by: AnalyticsDimension;
  horizon: number;
  rows: CohortRow[];
  /** Size-weighted average curve over every row with data at that period, per key. */
  curves: { key: string; retained: (number | null)[] }[];
}

/** Classic D-n retention: a user is retained on day n when active that day (not merely since). */
export function retentionReport(rollup: AnalyticsRollup, q: RetentionQuery): RetentionReport {
  const users = rollup.users;
  const cal = rollup.calendar;
  const last = rollup.range?.to ?? q.to;
  const d = dimIndex(q.by);
  const values = users.values(q.by);
  const periodOf = (day: number): number => (q.period === 'day' ? day : cal.weekOf(day));
  const firstDay = (p: number): number => (q.period === 'day' ? p : cal.weekStart(p));
  const len = q.period === 'day' ? 1 : 7;
  const lastComplete = q.period === 'day' ? last : cal.weekOf(last + 1) - 1;

  const cohorts = new Map<string, Bitset>();
  for (let ix = 0; ix < users.size; ix++) {
    const sd = users.signupDay(ix);
    if (sd < q.from || sd > q.to) continue;
    const key = `${periodOf(sd)}:${users.code(ix, d)}`;
    let b = cohorts.get(key);
    if (b === undefined) cohorts.set(key, (b = new Bitset(users.size)));
    b.add(ix);
  }
  const activeIn = new Map<number, Bitset>();
  const activeInPeriod = (p: number): Bitset => {
    let b = activeIn.get(p);
    if (b === undefined) {
      const days = [];
      for (let i = 0; i < len; i++) days.push(rollup.day(firstDay(p) + i)?.active);
      activeIn.set(p, (b = unionOf(days)));
    }
    return b;
  };

  const rows: CohortRow[] = [];
  const sums = new Map<string, { n: number[]; r: number[] }>();
  const keys = [...cohorts.keys()].sort((a, b) => {
    const [pa, ca] = a.split(':').map(Number) as [number, number];
    const [pb, cb] = b.split(':').map(Number) as [number, number];
    return pa - pb || ca - cb;
  });
  for (const k of keys) {
    const members = cohorts.get(k)!;
    const [p, c] = k.split(':').map(Number) as [number, number];
    const size = members.count();
    const key = values[c] as string;
    const retained: (number | null)[] = [];
    let agg = sums.get(key);
    if (agg === undefined) sums.set(key, (agg = { n: new Array<number>(q.horizon + 1).fill(0), r: new Array<number>(q.horizon + 1).fill(0) }));
    for (let n = 0; n <= q.horizon; n++) {
      if (p + n > lastComplete) {
        retained.push(null);
        continue;
      }
      const kept = intersectCount(members, activeInPeriod(p + n));
      retained.push(kept / size);
      agg.n[n] = (agg.n[n] as number) + size;
      agg.r[n] = (agg.r[n] as number) + kept;
    }
    rows.push({ cohort: cal.label(firstDay(p)), key, size, retained });
  }
  const curves = [...sums.entries()].map(([key, a]) => ({
    key,
    retained: a.n.map((n, i) => (n === 0 ? null : (a.r[i] as number) / n)),
  }));
  return { period: q.period, by: q.by, horizon: q.horizon, rows, curves };
}
