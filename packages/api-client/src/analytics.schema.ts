import { Type, type Static } from 'typebox';

/** Dimensions analytics figures split by (`cohort` is the signup week, `variant` the experiment variant that first served the user). */
export const AnalyticsDimension = Type.Enum(['all', 'market', 'source', 'ageBand', 'gender', 'incomeBand', 'segment', 'strategy', 'cohort', 'variant']);
export type AnalyticsDimension = Static<typeof AnalyticsDimension>;
/** The analytics reports, each at `/api/analytics/<name>`. */
export type AnalyticsReportName = 'actives' | 'retention' | 'audience' | 'content' | 'funnel';
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A local date, YYYY-MM-DD, in the community time zone' });
const Share = Type.Union([Type.Number(), Type.Null()]);
const Format = Type.Optional(Type.Enum(['json', 'csv'], { description: 'csv answers text/csv, one row per figure' }));

const Range = {
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  by: Type.Optional(AnalyticsDimension),
  format: Format,
};

export const ActivesQuery = Type.Object({
  ...Range,
  metric: Type.Optional(Type.Enum(['dau', 'wau', 'mau'])),
  since: Type.Optional(Day),
});
export type ActivesQuery = Static<typeof ActivesQuery>;
export const ActivesReport = Type.Object({
  metric: Type.String(),
  by: Type.String(),
  days: Type.Array(Type.String()),
  since: Type.Union([Type.String(), Type.Null()]),
  series: Type.Array(Type.Object({
    key: Type.String(),
    values: Type.Array(Type.Number()),
    dayOverDay: Type.Array(Share),
    weekOverWeek: Type.Array(Share),
    sinceChange: Type.Union([Type.Array(Share), Type.Null()]),
  })),
});
export type ActivesReport = Static<typeof ActivesReport>;

export const RetentionQuery = Type.Object({
  ...Range,
  period: Type.Optional(Type.Enum(['day', 'week'])),
  horizon: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
});
export type RetentionQuery = Static<typeof RetentionQuery>;
export const RetentionReport = Type.Object({
  period: Type.String(),
  by: Type.String(),
  horizon: Type.Integer(),
  rows: Type.Array(Type.Object({ cohort: Type.String(), key: Type.String(), size: Type.Integer(), retained: Type.Array(Share) })),
  curves: Type.Array(Type.Object({ key: Type.String(), retained: Type.Array(Share) })),
});
export type RetentionReport = Static<typeof RetentionReport>;

export const AudienceQuery = Type.Object(Range);
export type AudienceQuery = Static<typeof AudienceQuery>;
const Mix = Type.Record(Type.String(), Type.Number());
export const AudienceReport = Type.Object({
  by: Type.String(),
  groups: Type.Array(Type.Object({
    key: Type.String(),
    users: Type.Integer(),
    mix: Type.Object({ ageBand: Mix, gender: Mix, incomeBand: Mix }),
  })),
});
export type AudienceReport = Static<typeof AudienceReport>;

export const ContentQuery = Type.Object({ ...Range, top: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) });
export type ContentQuery = Static<typeof ContentQuery>;
export const ContentReport = Type.Object({
  by: Type.String(),
  groups: Type.Array(Type.Object({
    key: Type.String(),
    consumed: Mix,
    created: Mix,
    consumedTotal: Type.Number(),
    createdTotal: Type.Number(),
    videoShare: Share,
    topTags: Type.Array(Type.Object({ tag: Type.String(), count: Type.Number() })),
    risingTags: Type.Array(Type.Object({ tag: Type.String(), count: Type.Number(), growth: Type.Number() })),
  })),
});
export type ContentReport = Static<typeof ContentReport>;

export const FunnelQuery = Type.Object(Range);
export type FunnelQuery = Static<typeof FunnelQuery>;
export const FunnelReport = Type.Object({
  by: Type.String(),
  stages: Type.Array(Type.String()),
  groups: Type.Array(Type.Object({
    key: Type.String(),
    rows: Type.Array(Type.Object({
      key: Type.String(), surface: Type.String(), strategy: Type.String(),
      counts: Type.Array(Type.Number()), perImpression: Type.Array(Share),
    })),
    completion: Type.Array(Type.Number()),
    sessions: Type.Number(),
    searchFirstShare: Share,
  })),
});
export type FunnelReport = Static<typeof FunnelReport>;

export const AnalyticsOverview = Type.Object({
  timeZone: Type.String(),
  firstDay: Type.Union([Type.String(), Type.Null()]),
  lastDay: Type.Union([Type.String(), Type.Null()]),
  users: Type.Integer(),
  events: Type.Integer(),
  dimensions: Type.Record(Type.String(), Type.Array(Type.String())),
});
export type AnalyticsOverview = Static<typeof AnalyticsOverview>;
