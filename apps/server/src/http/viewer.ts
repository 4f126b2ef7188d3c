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

/** Resolves the viewer once per request, before the body is parsed, so unauthenticated writes fail fast. */
export function viewerHook(auth: AuthService) {
  return async (req: FastifyRequest): Promise<void> => {
    const token = bearerToken(req);
    req.viewer = token ? await auth.authenticate(token) : null;
  };
}

export function requireViewer(req: FastifyRequest): User {
  if (!req.viewer) throw new EngineError('unauthenticated', 'sign in: send a valid, unexpired bearer token');
  return req.viewer;
}
