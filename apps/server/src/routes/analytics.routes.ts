import {
  ActivesQuery, ActivesReport, AnalyticsOverview, AudienceQuery, AudienceReport, ContentQuery, ContentReport, FunnelQuery, FunnelReport,
  RetentionQuery, RetentionReport,
} from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { reportBody, type AnalyticsService } from '../services/analytics.service.ts';

/** Operator analytics: every chart's data as JSON, or as CSV with `format=csv`. */
export function analyticsRoutes(app: Api, analytics: AnalyticsService): void {
  const tags = ['analytics'];
  app.get('/api/analytics', {
    schema: { tags, summary: 'What the analytics cover: time zone, first and last day, and the values of each dimension', security: BEARER, response: replies({ 200: AnalyticsOverview }) },
  }, async (req) => analytics.overview(req.viewer));

  app.get('/api/analytics/actives', {
    schema: { tags, summary: 'Daily, weekly or monthly actives per group, with day-over-day, week-over-week and since-date change', security: BEARER, querystring: ActivesQuery, response: replies({ 200: ActivesReport }) },
  }, async (req, reply) => {
    const { type, body } = reportBody(analytics.actives(req.viewer, req.query), req.query.format);
    return reply.type(type).send(body as never);
  });

  app.get('/api/analytics/retention', {
    schema: { tags, summary: 'Cohort retention by signup day or week, and average curves per group', security: BEARER, querystring: RetentionQuery, response: replies({ 200: RetentionReport }) },
  }, async (req, reply) => {
    const { type, body } = reportBody(analytics.retention(req.viewer, req.query), req.query.format);
    return reply.type(type).send(body as never);
  });

  app.get('/api/analytics/audience', {
    schema: { tags, summary: 'Age, gender and income mix per group', security: BEARER, querystring: AudienceQuery, response: replies({ 200: AudienceReport }) },
  }, async (req, reply) => {
    const { type, body } = reportBody(analytics.audience(req.viewer, req.query), req.query.format);
    return reply.type(type).send(body as never);
  });

  app.get('/api/analytics/content', {
    schema: { tags, summary: 'Category mix consumed and created, video share, top and rising tags per group', security: BEARER, querystring: ContentQuery, response: replies({ 200: ContentReport }) },
  }, async (req, reply) => {
    const { type, body } = reportBody(analytics.content(req.viewer, req.query), req.query.format);
    return reply.type(type).send(body as never);
  });

  app.get('/api/analytics/funnel', {
    schema: { tags, summary: 'Impression → open → complete → actions per surface and strategy; video completion; search-first sessions', security: BEARER, querystring: FunnelQuery, response: replies({ 200: FunnelReport }) },
  }, async (req, reply) => {
    const { type, body } = reportBody(analytics.funnel(req.viewer, req.query), req.query.format);
    return reply.type(type).send(body as never);
  });

}

