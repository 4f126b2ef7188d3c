import { EngineError, type User } from '@notewave/engine';
import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../services/auth.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated user, or null for anonymous requests. */
    viewer: User | null;
  }
}

/** The bearer token of a request, if it sent one. */
export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? (m[1] as string) : null;
}

/**
 * Routes whose bearer token is not a session: signing in and up (a client whose session ended must still reach them
 * with its stale token attached) and /metrics (a scraper's token of its own, checked by the metrics guard).
 */
const NO_SESSION_ROUTES = new Set(['/api/auth/login', '/api/auth/register', '/metrics']);

/**
 * Resolves the viewer once per request, before the body is parsed, so unauthenticated writes fail fast. No token
 * is a guest; a token that is unknown or expired is a 401 on every route, reads included, so a client learns its
 * session ended instead of silently getting a guest's answers.
 */
export function viewerHook(auth: AuthService) {
  return async (req: FastifyRequest): Promise<void> => {
    const header = req.headers.authorization;
    if (header === undefined || NO_SESSION_ROUTES.has(req.routeOptions.url ?? '')) return;
    const token = bearerToken(req);
    if (token === null) throw new EngineError('unauthenticated', 'the authorization header must be `Bearer <token>`');
    req.viewer = await auth.authenticate(token);
    if (!req.viewer) throw new EngineError('unauthenticated', 'the bearer token is unknown or expired: sign in again');
  };
}

export function requireViewer(req: FastifyRequest): User {
  if (!req.viewer) throw new EngineError('unauthenticated', 'sign in: send a valid, unexpired bearer token');
  return req.viewer;
}
