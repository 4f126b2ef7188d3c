import { Type } from 'typebox';
import { AccountDeleteInput, AccountExport, IdParams, PasswordChangeInput, RevokedCount, SessionList } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { bearerToken, requireViewer } from '../http/viewer.ts';
import type { AccountService } from '../services/account.service.ts';
import type { AuthService } from '../services/auth.service.ts';

/** The signed-in user's own account: password, sessions, export and deletion. */
export function accountRoutes(app: Api, auth: AuthService, account: AccountService): void {
  app.post('/api/me/password', {
    schema: {
      tags: ['account'], summary: 'Change your password (needs the current one); every other session ends', security: BEARER,
      body: PasswordChangeInput, response: replies({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    await auth.changePassword(requireViewer(req), bearerToken(req) as string, req.body);
    return reply.code(204).send(null);
  });

  app.get('/api/me/sessions', {
    schema: { tags: ['account'], summary: 'Your signed-in sessions, newest first', security: BEARER, response: replies({ 200: SessionList }) },
  }, async (req) => ({ items: await auth.listSessions(requireViewer(req), bearerToken(req) as string) }));

  app.delete('/api/me/sessions/:id', {
    schema: { tags: ['account'], summary: 'End one of your sessions', security: BEARER, params: IdParams, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await auth.revokeSession(requireViewer(req), req.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/me/sessions/revoke-others', {
    schema: { tags: ['account'], summary: 'End every session but this one', security: BEARER, response: replies({ 200: RevokedCount }) },
  }, async (req) => ({ revoked: await auth.revokeOtherSessions(requireViewer(req), bearerToken(req) as string) }));

  app.get('/api/me/export', {
    schema: {
      tags: ['account'], summary: 'Everything you own as one JSON document: profile, notes, comments, likes, saves, follows, events',
      security: BEARER, response: replies({ 200: AccountExport }),
    },
  }, async (req, reply) => {
    const doc = await account.export(requireViewer(req));
    return reply.header('content-disposition', 'attachment; filename="notewave-export.json"').send(doc);
  });

  app.post('/api/me/delete', {
    schema: {
      tags: ['account'],
      summary: 'Delete your account (needs your password): notes and comments removed, likes, saves and follows removed, events anonymised',
      security: BEARER, body: AccountDeleteInput, response: replies({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    await account.delete(requireViewer(req), req.body);
    return reply.code(204).send(null);
  });
}
