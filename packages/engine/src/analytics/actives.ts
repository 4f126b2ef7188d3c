import { intersectCount, unionOf, type Bitset } from './bitset.ts';
import type { AnalyticsRollup } from './rollup.ts';
import { membersBy } from './segments.ts';
import type { AnalyticsDimension } from './user-table.ts';

export const ACTIVE_WINDOWS = { dau: 1, wau: 7, mau: 30 } as const;
export type ActiveMetric = keyof typeof ACTIVE_WINDOWS;

export interface ActivesQuery {
  /** First and last local day (inclusive), as day numbers. */
  from: number;
  to: number;
  by: AnalyticsDimension;
  metric: ActiveMetric;
  /** Day the "change since" column is measured from. */
  since?: number;
}

export interface ActiveSeries {
  key: string;
  values: number[];
  /** Change against the day before (fraction, e.g. -0.54), null when that day had none. */
  dayOverDay: (number | null)[];
  /** Change against the same day a week before. */
  weekOverWeek: (number | null)[];
  /** Change against `since`, when asked. */
  sinceChange: (number | null)[] | null;
}

export interface ActivesReport {
  metric: ActiveMetric;
  by: AnalyticsDimension;
  days: string[];
  since: string | null;
  series: ActiveSeries[];
}

/**
 * Daily, weekly or monthly actives per value of a dimension: a user is active on a day when they sent any event
 * that day, and in a window when active on any of its days ending on the reported day.
 */
export function activesReport(rollup: AnalyticsRollup, q: ActivesQuery): ActivesReport {
  const w = ACTIVE_WINDOWS[q.metric];
  const { values, members } = membersBy(rollup, q.by);
  const days: string[] = [];
  // Counts are needed a week before `from` for week-over-week and on `since`, whichever is earlier.
  const start = Math.min(q.from - 7, q.since ?? q.from);
  const window: (Bitset | undefined)[] = [];
  for (let d = start - w + 1; d < start; d++) window.push(rollup.day(d)?.active);
  const all: number[][] = values.map(() => []);
  for (let d = start; d <= q.to; d++) {
    window.push(rollup.day(d)?.active);
    if (window.length > w) window.shift();
    const active = w === 1 ? window[0] : unionOf(window);
    for (let v = 0; v < values.length; v++) {
      all[v]!.push(active === undefined ? 0 : intersectCount(active, members[v]!));
    }
  }
  for (let d = q.from; d <= q.to; d++) days.push(rollup.calendar.label(d));
  const series: ActiveSeries[] = values.map((key, v) => {
    const row = all[v]!;
    const at = (d: number): number => row[d - start] ?? 0;
    const vals: number[] = [];
    const dod: (number | null)[] = [];
    const wow: (number | null)[] = [];
    const since: (number | null)[] = [];
    for (let d = q.from; d <= q.to; d++) {
      vals.push(at(d));
      dod.push(change(at(d), at(d - 1)));
      wow.push(change(at(d), at(d - 7)));
      if (q.since !== undefined) since.push(change(at(d), at(q.since)));
    }
    return { key, values: vals, dayOverDay: dod, weekOverWeek: wow, sinceChange: q.since === undefined ? null : since };
  });
  return {
    metric: q.metric,
    by: q.by,
    days,
    since: q.since === undefined ? null : rollup.calendar.label(q.since),
    series: series.filter((s) => s.values.some((x) => x > 0)),
  };
}

export function change(now: number, before: number): number | null {
  return before === 0 ? null : now / before - 1;
}
