import { Type } from 'typebox';
import { LoginInput, PrivateUser, RegisterInput, Session } from '@notewave/api-client';
import type { Api } from '../http/api-types.ts';
import { BEARER, replies } from '../http/api-types.ts';
import { bearerToken, requireViewer } from '../http/viewer.ts';
import type { AuthService } from '../services/auth.service.ts';
import { privateView } from '../services/user-views.ts';

export function authRoutes(app: Api, auth: AuthService): void {
  app.post('/api/auth/register', {
    schema: { tags: ['auth'], summary: 'Create an account and sign in', body: RegisterInput, response: replies({ 201: Session }) },
  }, async (req, reply) => reply.code(201).send(await auth.register(req.body)));

  app.post('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Sign in with handle and password', body: LoginInput, response: replies({ 200: Session }) },
  }, async (req) => auth.login(req.body, req.ip));

  app.post('/api/auth/logout', {
    schema: { tags: ['auth'], summary: 'End the current session', security: BEARER, response: replies({ 204: Type.Null() }) },
  }, async (req, reply) => {
    requireViewer(req);
    await auth.logout(bearerToken(req) as string);
    return reply.code(204).send(null);
  });

  app.get('/api/me', {
    schema: { tags: ['auth'], summary: 'The signed-in user, with demographics', security: BEARER, response: replies({ 200: PrivateUser }) },
  }, async (req) => privateView(requireViewer(req)));
}
