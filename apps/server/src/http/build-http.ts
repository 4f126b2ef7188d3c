import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { API_VERSION } from '@notewave/api-client';
import type { Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import type { Services } from '../services/services.ts';
import { authRoutes } from '../routes/auth.routes.ts';
import { commentsRoutes } from '../routes/comments.routes.ts';
import { coversRoutes } from '../routes/covers.routes.ts';
import { discoveryRoutes } from '../routes/discovery.routes.ts';
import { eventsRoutes } from '../routes/events.routes.ts';
import { notesRoutes } from '../routes/notes.routes.ts';
import { reactionsRoutes } from '../routes/reactions.routes.ts';
import { systemRoutes } from '../routes/system.routes.ts';
import { uploadsRoutes } from '../routes/uploads.routes.ts';
import { usersRoutes } from '../routes/users.routes.ts';
import { webRoutes } from '../routes/web.routes.ts';
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
  /** Where log lines go; standard output when absent. */
  logStream?: { write(line: string): void };
}

export const OPENAPI_INFO = {
  title: 'Notewave API',
  version: API_VERSION,
  description: 'Notes, short videos, social graph, behaviour events, recommendation feeds and search.',
};

/** Builds the Fastify app: plugins, hooks, one error mapping, then the route modules. Does not listen. */
export async function buildHttp(deps: HttpDeps): Promise<Api> {
  const { config, metrics, services } = deps;
  const app: Api = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel, ...(deps.logStream && { stream: deps.logStream }) },
    // One access line per request, written when it completes (see onResponse), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
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

  systemRoutes(app, deps.storage, metrics, config.role);
  if (services) {
    app.addHook('onRequest', viewerHook(services.auth));
    authRoutes(app, services.auth);
    usersRoutes(app, services.users, services.follows);
    notesRoutes(app, services.notes);
    commentsRoutes(app, services.comments);
    reactionsRoutes(app, services.reactions);
    eventsRoutes(app, services.events);
    discoveryRoutes(app, services.discovery);
    await uploadsRoutes(app, services.uploads, config.maxUploadBytes);
    coversRoutes(app, services.notes);
    await mediaRoutes(app, services.videos, config.maxUploadBytes);
    webRoutes(app);
  }
  return app;
}
