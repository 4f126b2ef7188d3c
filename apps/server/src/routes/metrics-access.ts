import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import type { Api } from '../http/api-types.ts';
import { bearerToken } from '../http/viewer.ts';

/*
 * /metrics tells a lot about a community (traffic, sizes, error rates). By default it is open, which is fine
 * while the server listens on loopback only; NOTEWAVE_METRICS_TOKEN asks scrapers for a bearer token, and
 * NOTEWAVE_METRICS_ADDRESS moves it to a listener of its own (e.g. a private interface) and off the API's.
 */

const digest = (s: string) => createHash('sha256').update(s).digest();

function sameSecret(given: string | null, expected: string): boolean {
  return given !== null && timingSafeEqual(digest(given), digest(expected));
}

export interface MetricsAccess {
  /** Guards GET /metrics on the API's listener; register before the routes. */
  hook(req: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Starts the separate metrics listener when one is configured; returns its URL. */
  listen(app: Api): Promise<string | null>;
  close(): Promise<void>;
}

export function metricsAccess(config: Pick<Config, 'metricsToken' | 'metricsAddress'>): MetricsAccess {
  // The separate listener asks the app for the page in-process with this per-process secret.
  const internal = randomBytes(24).toString('base64url');
  let server: Server | null = null;
  return {
    async hook(req, reply) {
      // By the matched route, not the raw URL, so no spelling of the path (percent-encoded, …) slips past.
      if (req.routeOptions.url !== '/metrics') return;
      const token = bearerToken(req);
      if (sameSecret(token, internal)) return;
      if (config.metricsAddress) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'metrics are served on a separate address' } });
      }
      if (config.metricsToken !== null && !sameSecret(token, config.metricsToken)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({ error: { code: 'unauthenticated', message: 'send the metrics token as a bearer token' } });
      }
    },
    async listen(app) {
      const at = config.metricsAddress;
      if (!at) return null;
      const s = createServer((req, res) => {
        const path = (req.url ?? '').split('?')[0];
        if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
          return;
        }
        if (config.metricsToken !== null && !sameSecret(bearerOf(req.headers.authorization), config.metricsToken)) {
          res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="metrics"' }).end('unauthorized\n');
          return;
        }
        app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${internal}` } }).then(
          (r) => res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type'] ?? 'text/plain') }).end(req.method === 'HEAD' ? undefined : r.rawPayload),
          () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
        );
      });
      server = s;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(at.port, at.host, () => resolve());
      });
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : at.port;
      return `http://${at.host.includes(':') ? `[${at.host}]` : at.host}:${port}/metrics`;
    },
    async close() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

function bearerOf(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? (m[1] as string) : null;
}
