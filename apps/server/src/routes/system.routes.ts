import { API_VERSION, Health } from '@notewave/api-client';
import { Type } from 'typebox';
import type { Storage } from '@notewave/engine';
import type { Api } from '../http/api-types.ts';
import type { FollowLag } from '../engine/store-follower.ts';
import type { Metrics } from '../http/metrics.ts';

export function systemRoutes(app: Api, storage: Storage, metrics: Metrics, role: string, lag: (() => Promise<FollowLag>) | null): void {
  app.get('/health', {
    schema: { tags: ['system'], summary: 'Liveness: the process answers and storage responds', response: { 200: Health, 503: Health } },
  }, async (req, reply) => {
    try {
      await storage.ping();
      const sync = lag ? behind(await lag()) : undefined;
      // A node that missed pruned changes may serve stale notes or a revoked session: out of rotation until rebuilt.
      if (sync?.changes.missed) return reply.code(503).send({ status: 'degraded', role, storage: 'ok', version: API_VERSION, sync });
      return { status: 'ok' as const, role, storage: 'ok' as const, version: API_VERSION, ...(sync && { sync }) };
    } catch (err) {
      req.log.warn({ err }, 'storage ping failed');
      return reply.code(503).send({ status: 'degraded', role, storage: 'unavailable', version: API_VERSION });
    }
  });

  app.get('/metrics', {
    schema: { tags: ['system'], summary: 'Prometheus metrics (text exposition format)', response: { 200: Type.String() } },
  }, async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));
}

function behind(lag: FollowLag) {
  const of = <T extends { applied: number; latest: number }>(x: T) => ({ ...x, behind: Math.max(0, x.latest - x.applied) });
  return { changes: of(lag.changes), events: of(lag.events), bus: lag.bus };
}
