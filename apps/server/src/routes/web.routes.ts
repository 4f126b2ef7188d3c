import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../http/api-types.ts';

/** The built web app (`npm run build -w apps/web` writes it; `npm start` builds it when missing). */
export const WEB_ROOT = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * Paths the web app routes itself (history API): each answers with the app's page, so a shared link or a
 * reload lands on the right screen. Anything else stays a 404.
 */
export const CLIENT_ROUTES = [
  '/', '/video', '/video/:id', '/search', '/note/:id', '/user/:id', '/user/:id/:tab',
  '/signin', '/signup', '/post', '/post/:id', '/settings', '/ops', '/ops/:page',
] as const;

/** Files at the bundle's top level (copied from apps/web/public), served with revalidation. */
const ROOT_FILES: Record<string, string> = { 'icon.svg': 'image/svg+xml' };

/**
 * The page may only talk to its own origin; images and media may come from anywhere because imported notes can
 * point at external pictures. Scripts and styles are same-origin hashed files, never inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https: http:",
  "media-src 'self' blob: https: http:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Notewave</title>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>The web app is not built yet</h1>
<p>Run <code>npm run build -w apps/web</code> (or <code>npm start</code>, which builds it when it is missing) and reload.
The HTTP API is running: see <a href="/docs">/docs</a>.</p></body></html>`;

export interface WebOptions {
  /** The built bundle's folder; defaults to apps/web/dist. */
  root?: string;
}

/**
 * Serves the web app: its page at every client route (never cached, so a deploy is picked up at once) and
 * its hashed assets under `/assets/` (cached for a year: a changed file gets a new name). A missing bundle
 * is a clear 503 page, not a crash.
 */
export function webRoutes(app: Api, options: WebOptions = {}): void {
  const root = resolve(options.root ?? WEB_ROOT);

  async function page(_req: FastifyRequest, reply: FastifyReply) {
    let html: Buffer;
    try {
      html = await readFile(join(root, 'index.html'));
    } catch {
      return reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
    }
    const etag = `"${createHash('sha1').update(html).digest('base64url').slice(0, 20)}"`;
    reply
      .header('cache-control', 'no-cache')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-frame-options', 'DENY');
    if (_req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type('text/html; charset=utf-8').send(html);
  }

  for (const path of CLIENT_ROUTES) app.get(path, { schema: { hide: true } }, page);

  for (const [name, type] of Object.entries(ROOT_FILES)) {
    app.get(`/${name}`, { schema: { hide: true } }, async (_req, reply) => {
      try {
        const bytes = await readFile(join(root, name));
        return reply.type(type).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(bytes);
      } catch {
        return reply.callNotFound();
      }
    });
  }

  // Asset names carry a content hash, so a year-long immutable cache is safe; a missing file falls through
  // to the JSON 404 (the plugin calls the not-found handler).
  void app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    dotfiles: 'deny',
    // The build writes .br and .gz copies beside each asset; the smallest one the browser accepts is sent.
    preCompressed: true,
    maxAge: '365d',
    immutable: true,
    setHeaders(reply: FastifyReply) {
      reply.header('x-content-type-options', 'nosniff');
    },
  });
}
