import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import Fastify, { LogController, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_VERSION } from '@notewave/api-client';
import { EngineError, type Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import type { Services } from '../services/services.ts';
import { accountRoutes } from '../routes/account.routes.ts';
import { authRoutes } from '../routes/auth.routes.ts';
import { commentsRoutes } from '../routes/comments.routes.ts';
import { coversRoutes } from '../routes/covers.routes.ts';
import { discoveryRoutes } from '../routes/discovery.routes.ts';
import { analyticsRoutes } from '../routes/analytics.routes.ts';
import { experimentsRoutes } from '../routes/experiments.routes.ts';
import { eventsRoutes } from '../routes/events.routes.ts';
import type { MetricsAccess } from '../routes/metrics-access.ts';
import { moderationRoutes } from '../routes/moderation.routes.ts';
import { notesRoutes } from '../routes/notes.routes.ts';
import { reactionsRoutes } from '../routes/reactions.routes.ts';
import { systemRoutes } from '../routes/system.routes.ts';
import type { FollowLag } from '../engine/store-follower.ts';
import { uploadsRoutes } from '../routes/uploads.routes.ts';
import { usersRoutes } from '../routes/users.routes.ts';
import { webRoutes } from '../routes/web.routes.ts';
import { rateLimitHook } from '../limits/rate-limit-hook.ts';
import type { SharedCounters } from '../limits/shared-counters.ts';
import { mediaRoutes } from '../media/media.routes.ts';
import type { Api } from './api-types.ts';
import { toErrorReply } from './error-mapping.ts';
import type { Metrics } from './metrics.ts';
import { validatorCompiler } from './validator.ts';
import { viewerHook } from './viewer.ts';

export interface HttpDeps {
  config: Config;
  storage: Storage;
  metrics: Metrics;
  /** Null on worker nodes: they answer /health and /metrics only. */
  services: Services | null;
  /** Who may read /metrics on this listener (open when absent). */
  metricsAccess?: MetricsAccess;
  /** Shared request counters; without them no request rate limits apply. */
  counters?: SharedCounters | null;
  /** How far this node trails a shared store, reported by /health; absent on a single node. */
  lag?: (() => Promise<FollowLag>) | null;
  /** Where log lines go; standard output when absent. */
  logStream?: { write(line: string): void };
}

export const OPENAPI_INFO = {
  title: 'Notewave API',
  version: API_VERSION,
  description: 'Notes, short videos, social graph, behaviour events, recommendation feeds and search.',
};

/** A hop count as the function Fastify would build from it (hop 0 is the socket peer), addresses as a list. */
function fastifyTrustProxy(t: Config['trustProxy']): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (t === false) return false;
  if (typeof t === 'number') return (_address, hop) => hop < t;
  return [...t];
}

/** Answers a request the HTTP parser refused, in the one error shape, and closes the connection. */
function clientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', toErrorReply({ statusCode: 408, message: 'the request took too long to arrive' }).body]
    : err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', toErrorReply(new EngineError('payload_too_large', 'the request headers are too large')).body]
    : [400, 'Bad Request', toErrorReply(new EngineError('validation_failed', 'the request is not valid HTTP (a URL must be percent-encoded ASCII)')).body];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(err);
}

/** Builds the Fastify app: plugins, hooks, one error mapping, then the route modules. Does not listen. */
export async function buildHttp(deps: HttpDeps): Promise<Api> {
  const { config, metrics, services } = deps;
  const app: Api = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(deps.logStream && { stream: deps.logStream }) },
    // One access line per request, written when it completes (see onResponse), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // A path Fastify cannot decode (bad percent-encoding) or an over-long parameter: our error shape, not Fastify's.
    frameworkErrors: (err, _req, reply: FastifyReply) => {
      const r = toErrorReply(err);
      void reply.code(r.status).send(r.body);
    },
    // Requests Node's HTTP parser refuses before Fastify sees them (raw UTF-8 in the URL, broken headers).
    clientErrorHandler: clientError,
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    // TypeBox checks bodies strictly (a number is not coerced into a string) and converts query strings.
    .setValidatorCompiler(validatorCompiler);

  // The API speaks JSON (and multipart on uploads); a text body is a client mistake worth a clear 415.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('viewer', null);
  app.setErrorHandler((err, req, reply) => {
    const r = toErrorReply(err);
    if (r.status >= 500) req.log.error({ err }, 'request failed');
    if (r.retryAfterSec !== undefined) void reply.header('retry-after', String(r.retryAfterSec));
    return reply.code(r.status).send(r.body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // API answers are personal (feeds, profiles with demographics): no shared cache may keep them.
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onResponse', async (req, reply) => {
    metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    req.log.info({ method: req.method, url: req.url, statusCode: reply.statusCode, responseTime: reply.elapsedTime }, 'request completed');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: OPENAPI_INFO,
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (deps.metricsAccess) app.addHook('onRequest', deps.metricsAccess.hook);
  systemRoutes(app, deps.storage, metrics, config.role, deps.lag ?? null);
  if (services) {
    app.addHook('onRequest', viewerHook(services.auth));
    if (deps.counters) app.addHook('onRequest', rateLimitHook(deps.counters, config));
    authRoutes(app, services.auth);
    accountRoutes(app, services.auth, services.account);
    moderationRoutes(app, services.moderation);
    usersRoutes(app, services.users, services.follows, services.reactions);
    notesRoutes(app, services.notes, services.reactions);
    commentsRoutes(app, services.comments);
    reactionsRoutes(app, services.reactions);
    eventsRoutes(app, services.events);
    discoveryRoutes(app, services.discovery);
    analyticsRoutes(app, services.analytics);
    experimentsRoutes(app, services.experiments);
    await uploadsRoutes(app, services.uploads, config.maxUploadBytes);
    coversRoutes(app, services.notes);
    await mediaRoutes(app, services.videos, config.maxUploadBytes);
    webRoutes(app);
  }
  return app;
}
