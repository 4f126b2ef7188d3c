import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../http/api-types.ts';

/** Where the demo web app lives: plain ES modules and CSS, served as they are from src (also by the compiled server). */
export const WEB_ROOT = fileURLToPath(new URL('../../src/web/public/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** One path segment of an asset name: no dot files, no `..`, nothing a file system could reinterpret. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

/**
 * The page may only talk to its own origin; images may come from anywhere because imported notes can
 * point at external pictures. Scripts and styles are same-origin files, never inline.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https: http:",
  "media-src 'self' blob: https: http:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface WebOptions {
  /** Folder to serve; defaults to the bundled demo app. */
  root?: string;
}

/**
 * Turns the wildcard part of `/app/*` into a file path inside `root`, or null when the name is not a
 * plain relative path to an asset we know how to type. Fastify hands the parameter over already
 * percent-decoded, so encoded dots and slashes arrive here as the characters they stand for.
 */
export function resolveAsset(root: string, name: string): string | null {
  if (name.length === 0 || name.length > 200) return null;
  const segments = name.split('/');
  if (!segments.every((s) => SEGMENT.test(s) && !s.includes('..'))) return null;
  if (!(extname(name).toLowerCase() in CONTENT_TYPES)) return null;
  const base = resolve(root);
  const full = resolve(base, ...segments);
  return full.startsWith(base + sep) ? full : null;
}

/** Serves the demo web app: `/` is the page, `/app/<file>` its scripts, styles and icons. */
export function webRoutes(app: Api, options: WebOptions = {}): void {
  const root = options.root ?? WEB_ROOT;

  async function send(req: FastifyRequest, reply: FastifyReply, file: string | null) {
    if (!file) return reply.callNotFound();
    let info;
    try {
      info = await stat(file);
    } catch {
      return reply.callNotFound();
    }
    if (!info.isFile()) return reply.callNotFound();
    const bytes = await readFile(file);
    const etag = `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 20)}"`;
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // Modules import one another by plain relative names, so every file is revalidated on each load:
    // a deploy never mixes old and new modules, and an unchanged file costs a 304.
    reply
      .header('cache-control', 'no-cache')
      .header('etag', etag)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin');
    if (type.startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-frame-options', 'DENY');
    }
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.type(type).send(bytes);
  }

  app.get('/', { schema: { hide: true } }, (req, reply) => send(req, reply, join(resolve(root), 'index.html')));

  app.get('/app/*', { schema: { hide: true } }, (req, reply) => {
    const name = (req.params as { '*'?: string })['*'] ?? '';
    return send(req, reply, resolveAsset(root, name));
  });
}
