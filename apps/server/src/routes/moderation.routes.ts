import { Type } from 'typebox';
import { IdParams, ModeratedUser, ReportInput, ReportListQuery, ReportPage, ReportView, SuspendInput } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { requireViewer } from '../http/viewer.ts';
import type { ModerationService } from '../services/moderation.service.ts';

/** Reporting (any signed-in user) and the operators' moderation tools (403 for everyone else). */
export function moderationRoutes(app: Api, moderation: ModerationService): void {
  app.post('/api/reports', {
    schema: {
      tags: ['moderation'], summary: 'Report a note, comment or account to the operators', security: BEARER,
      body: ReportInput, response: replies({ 201: ReportView }),
    },
  }, async (req, reply) => reply.code(201).send(await moderation.report(requireViewer(req), req.body)));

  app.get('/api/moderation/reports', {
    schema: {
      tags: ['moderation'], summary: 'Operators: the report queue (open reports, oldest first, unless `status` says otherwise)',
      security: BEARER, querystring: ReportListQuery, response: replies({ 200: ReportPage }),
    },
  }, async (req) => moderation.listReports(requireViewer(req), req.query));

  app.post('/api/moderation/reports/:id/resolve', {
    schema: { tags: ['moderation'], summary: 'Operators: close a report as acted on', security: BEARER, params: IdParams, response: replies({ 200: ReportView }) },
  }, async (req) => moderation.closeReport(requireViewer(req), req.params.id, 'resolved'));

  app.post('/api/moderation/reports/:id/dismiss', {
    schema: { tags: ['moderation'], summary: 'Operators: close a report as needing nothing', security: BEARER, params: IdParams, response: replies({ 200: ReportView }) },
  }, async (req) => moderation.closeReport(requireViewer(req), req.params.id, 'dismissed'));

  app.delete('/api/moderation/notes/:id', {
    schema: { tags: ['moderation'], summary: 'Operators: remove any note', security: BEARER, params: IdParams, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await moderation.removeNote(requireViewer(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.delete('/api/moderation/comments/:id', {
    schema: { tags: ['moderation'], summary: 'Operators: remove any comment', security: BEARER, params: IdParams, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await moderation.removeComment(requireViewer(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.get('/api/moderation/users/:id', {
    schema: { tags: ['moderation'], summary: 'Operators: an account with its suspension', security: BEARER, params: IdParams, response: replies({ 200: ModeratedUser }) },
  }, async (req) => moderation.viewAccount(requireViewer(req), req.params.id));

  app.post('/api/moderation/users/:id/suspend', {
    schema: {
      tags: ['moderation'], summary: 'Operators: suspend an account; it is signed out and its notes and comments are hidden',
      security: BEARER, params: IdParams, body: SuspendInput, response: replies({ 200: ModeratedUser }),
    },
  }, async (req) => moderation.suspend(requireViewer(req), req.params.id, req.body.reason));

  app.post('/api/moderation/users/:id/unsuspend', {
    schema: {
      tags: ['moderation'], summary: 'Operators: reinstate a suspended account and show its content again',
      security: BEARER, params: IdParams, response: replies({ 200: ModeratedUser }),
    },
  }, async (req) => moderation.unsuspend(requireViewer(req), req.params.id));
}
