import type { ActivesReport } from './actives.ts';
import type { AudienceReport } from './audience.ts';
import type { ContentReport } from './content.ts';
import type { FunnelReport } from './funnel.ts';
import type { RetentionReport } from './retention.ts';

export type Cell = string | number | null;
/** A report flattened to one row per figure: what CSV export and the terminal print. */
export interface ReportTable {
  columns: string[];
  rows: Cell[][];
}

export type AnalyticsReport =
  | { name: 'actives'; report: ActivesReport }
  | { name: 'retention'; report: RetentionReport }
  | { name: 'audience'; report: AudienceReport }
  | { name: 'content'; report: ContentReport }
  | { name: 'funnel'; report: FunnelReport };

export const REPORT_NAMES = ['actives', 'retention', 'audience', 'content', 'funnel'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export function reportTable(r: AnalyticsReport): ReportTable {
  switch (r.name) {
    case 'actives': {
      const a = r.report;
      const rows: Cell[][] = [];
      for (const s of a.series) {
        a.days.forEach((day, i) => rows.push([day, s.key, s.values[i] ?? 0, s.dayOverDay[i] ?? null, s.weekOverWeek[i] ?? null, s.sinceChange?.[i] ?? null]));
      }
      return { columns: ['day', a.by, a.metric, 'day_over_day', 'week_over_week', a.since ? `since_${a.since}` : 'since'], rows };
    }
    case 'retention': {
      const t = r.report;
      const p = t.period === 'day' ? 'd' : 'w';
      const cols = Array.from({ length: t.horizon + 1 }, (_, n) => `${p}${n}`);
      return { columns: ['cohort', t.by, 'size', ...cols], rows: t.rows.map((row) => [row.cohort, row.key, row.size, ...row.retained]) };
    }
    case 'audience': {
      const rows: Cell[][] = [];
      for (const g of r.report.groups) {
        for (const [dim, mix] of Object.entries(g.mix)) for (const [value, share] of Object.entries(mix)) rows.push([g.key, g.users, dim, value, share]);
      }
      return { columns: [r.report.by, 'users', 'dimension', 'value', 'share'], rows };
    }
    case 'content': {
      const rows: Cell[][] = [];
      for (const g of r.report.groups) {
        for (const [cat, share] of Object.entries(g.consumed)) rows.push([g.key, 'consumed', cat, share, null]);
        for (const [cat, share] of Object.entries(g.created)) rows.push([g.key, 'created', cat, share, null]);
        rows.push([g.key, 'video_share', 'video', g.videoShare, null]);
        for (const t of g.topTags) rows.push([g.key, 'top_tag', t.tag, null, t.count]);
        for (const t of g.risingTags) rows.push([g.key, 'rising_tag', t.tag, null, t.count]);
      }
      return { columns: [r.report.by, 'measure', 'item', 'share', 'count'], rows };
    }
    case 'funnel': {
      const f = r.report;
      const rows: Cell[][] = [];
      for (const g of f.groups) {
        for (const row of g.rows) rows.push([g.key, row.surface, row.strategy, ...row.counts, null, null]);
        rows.push([g.key, '*', '*', ...new Array<Cell>(f.stages.length).fill(null), g.sessions, g.searchFirstShare]);
      }
      return { columns: [f.by, 'surface', 'strategy', ...f.stages, 'sessions', 'search_first_share'], rows };
    }
  }
}

/** RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; null is an empty field. */
export function toCsv(t: ReportTable): string {
  const field = (c: Cell): string => {
    if (c === null) return '';
    const s = String(c);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [t.columns, ...t.rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
