import {
  ANALYTICS_DIMENSIONS, activesReport, audienceReport, contentReport, EngineError, funnelReport, reportTable, retentionReport, toCsv,
  type AnalyticsDimension, type AnalyticsReport, type AnalyticsRollup, type Clock, type Engine, type User,
} from '@notewave/engine';
import { requireOperator } from './operators.ts';
import type { ActivesQuery, AnalyticsOverview, AudienceQuery, ContentQuery, FunnelQuery, RetentionQuery } from '@notewave/api-client';

/** Longest range one request may ask for: two years of days keeps every report well under a second. */
const MAX_DAYS = 731;

/** Operators' view of the community, read from the engine's live rollups. Everyone else is refused. */
export class AnalyticsService {
  constructor(private readonly engine: Engine, private readonly clock: Clock) {}

  private get rollup(): AnalyticsRollup {
    return this.engine.analytics;
  }

  overview(viewer: User | null): AnalyticsOverview {
    requireAnalyticsViewer(viewer);
    const r = this.rollup;
    const range = r.range;
    const dimensions: Record<string, string[]> = {};
    for (const d of ANALYTICS_DIMENSIONS) dimensions[d] = [...r.users.values(d)].sort();
    return {
      timeZone: r.calendar.timeZone,
      firstDay: range ? r.calendar.label(range.from) : null,
      lastDay: range ? r.calendar.label(range.to) : null,
      users: r.users.size,
      events: r.appliedEvents,
      dimensions,
    };
  }

  actives(viewer: User | null, q: ActivesQuery): AnalyticsReport {
    requireAnalyticsViewer(viewer);
    const { from, to } = this.range(q);
    const since = q.since === undefined ? undefined : this.day(q.since, 'since');
    return { name: 'actives', report: activesReport(this.rollup, { from, to, by: by(q.by), metric: q.metric ?? 'dau', since }) };
  }

  retention(viewer: User | null, q: RetentionQuery): AnalyticsReport {
    requireAnalyticsViewer(viewer);
    const { from, to } = this.range(q);
    const period = q.period ?? 'day';
    const horizon = q.horizon ?? (period === 'day' ? 30 : 8);
    return { name: 'retention', report: retentionReport(this.rollup, { from, to, period, by: by(q.by), horizon }) };
  }

  audience(viewer: User | null, q: AudienceQuery): AnalyticsReport {
    requireAnalyticsViewer(viewer);
    const bounded = q.from !== undefined || q.to !== undefined;
    const range = bounded ? this.range(q) : {};
    return { name: 'audience', report: audienceReport(this.rollup, { by: by(q.by), ...range }) };
  }

  content(viewer: User | null, q: ContentQuery): AnalyticsReport {
    requireAnalyticsViewer(viewer);
    return { name: 'content', report: contentReport(this.rollup, { ...this.range(q), by: by(q.by), topTags: q.top ?? 10 }) };
  }

  funnel(viewer: User | null, q: FunnelQuery): AnalyticsReport {
    requireAnalyticsViewer(viewer);
    return { name: 'funnel', report: funnelReport(this.rollup, { ...this.range(q), by: by(q.by) }) };
  }

  /** `to` defaults to the last day with data (today before any), `from` to 29 days before `to`. */
  private range(q: { from?: string; to?: string }): { from: number; to: number } {
    const r = this.rollup;
    const to = q.to !== undefined ? this.day(q.to, 'to') : (r.range?.to ?? r.calendar.dayOf(this.clock.now()));
    const from = q.from !== undefined ? this.day(q.from, 'from') : to - 29;
    if (from > to) throw new EngineError('validation_failed', 'from must not be after to');
    if (to - from + 1 > MAX_DAYS) throw new EngineError('validation_failed', `a range may span at most ${MAX_DAYS} days`);
    return { from, to };
  }

  private day(label: string, field: string): number {
    try {
      return this.rollup.calendar.parse(label);
    } catch {
      throw new EngineError('validation_failed', `${field} must be a calendar date, YYYY-MM-DD`);
    }
  }
}

/** The body of a report in the format asked for. */
export function reportBody(r: AnalyticsReport, format: 'json' | 'csv' | undefined): { type: string; body: unknown } {
  if (format === 'csv') return { type: 'text/csv; charset=utf-8', body: toCsv(reportTable(r)) };
  return { type: 'application/json; charset=utf-8', body: r.report };
}

function by(d: AnalyticsDimension | undefined): AnalyticsDimension {
  return d ?? 'all';
}

/** Guests are asked to sign in; signed-in users who are not operators are refused. */
function requireAnalyticsViewer(viewer: User | null): User {
  if (!viewer) throw new EngineError('unauthenticated', 'sign in as an operator');
  return requireOperator(viewer);
}
