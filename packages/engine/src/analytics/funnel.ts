import { COMPLETION_BINS, FUNNEL_STAGES, type GroupCounters, type AnalyticsRollup } from './rollup.ts';
import { dimIndex, type AnalyticsDimension } from './user-table.ts';

export interface FunnelQuery {
  from: number;
  to: number;
  by: AnalyticsDimension;
}

export interface FunnelRow {
  key: string;
  surface: string;
  strategy: string;
  /** Event counts per stage, in FUNNEL_STAGES order. */
  counts: number[];
  /** Each stage per impression (null without impressions). */
  perImpression: (number | null)[];
}

export interface FunnelGroup {
  key: string;
  rows: FunnelRow[];
  /** Video views by portion watched, in tenths (0–10%, …, 90–100%). */
  completion: number[];
  sessions: number;
  /** Share of sessions whose first action (after merely seeing a feed) was a search. */
  searchFirstShare: number | null;
}

export interface FunnelReport {
  by: AnalyticsDimension;
  stages: readonly string[];
  groups: FunnelGroup[];
}

/** Impression → open → complete → like / save / comment / share / follow per surface and strategy. */
export function funnelReport(rollup: AnalyticsRollup, q: FunnelQuery): FunnelReport {
  const d = dimIndex(q.by);
  const groups: FunnelGroup[] = [];
  rollup.users.values(q.by).forEach((key, code) => {
    const byKey = new Map<string, number[]>();
    const completion = new Array<number>(COMPLETION_BINS).fill(0);
    let sessions = 0;
    let searchFirst = 0;
    let any = false;
    for (let day = q.from; day <= q.to; day++) {
      const g: GroupCounters | undefined = rollup.group(day, d, code);
      if (g === undefined) continue;
      any = true;
      for (const [k, f] of g.funnel) {
        let acc = byKey.get(k);
        if (acc === undefined) byKey.set(k, (acc = new Array<number>(FUNNEL_STAGES.length).fill(0)));
        for (let s = 0; s < f.length; s++) acc[s]! += f[s] as number;
      }
      for (let b = 0; b < COMPLETION_BINS; b++) completion[b]! += g.completion[b] as number;
      sessions += g.sessions;
      searchFirst += g.searchFirstSessions;
    }
    if (!any) return;
    const rows = [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, counts]) => {
      const [surface, strategy] = k.split('|') as [string, string];
      const imp = counts[0] as number;
      return { key, surface, strategy, counts, perImpression: counts.map((c) => (imp === 0 ? null : c / imp)) };
    });
    groups.push({ key, rows, completion, sessions, searchFirstShare: sessions === 0 ? null : searchFirst / sessions });
  });
  return { by: q.by, stages: FUNNEL_STAGES, groups };
}
