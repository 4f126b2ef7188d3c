import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Api } from '../http/api-types.ts';
import { createNode } from '../app.ts';
import { parseConfig } from '../config.ts';
import { CLIENT_ROUTES, webRoutes } from './web.routes.ts';

const PAGE = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="app"></div></body></html>';

/** A stand-in for a built bundle: index.html, one hashed script, one hashed stylesheet, the icon. */
function fakeBundle(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nw-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'assets', 'index-def456.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log("app")'));
  writeFileSync(join(dir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, 'secret.json'), '{"secret":true}');
  return dir;
}

async function webApp(root: string): Promise<Api> {
  const app: Api = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
  webRoutes(app, { root });
  await app.ready();
  return app;
}

async function withBundle(fn: (app: Api, dir: string) => Promise<void>): Promise<void> {
  const dir = fakeBundle();
  const app = await webApp(dir);
  try {
    await fn(app, dir);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the page at / is the built index.html with a content security policy and no-cache', async () => {
  await withBundle(async (app) => {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.equal(res.body, PAGE);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.ok(res.headers.etag);
    const again = await app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(res.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });
});

test('every client route answers with the page, so reloads and shared links work', async () => {
  await withBundle(async (app) => {
    const urls = ['/video', '/video/n1', '/search?q=%E9%9C%B2%E8%90%A5', '/note/n_42', '/user/u1', '/user/u1/followers', '/signin', '/signup', '/post', '/post/n1', '/settings', '/ops', '/ops/retention'];
    assert.equal(urls.length + 1, CLIENT_ROUTES.length, 'one url per client route, plus /');
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, PAGE, url);
      assert.equal(res.headers['cache-control'], 'no-cache', url);
    }
  });
});

test('hashed assets are served with their types and a year-long immutable cache', async () => {
  await withBundle(async (app) => {
    const js = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(js.statusCode, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.headers['x-content-type-options'], 'nosniff');
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(br.statusCode, 200);
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), 'console.log("app")');
    const css = await app.inject({ method: 'GET', url: '/assets/index-def456.css' });
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
    const icon = await app.inject({ method: 'GET', url: '/icon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
  });
});

test('unknown paths and missing assets answer the JSON 404', async () => {
  await withBundle(async (app) => {
    for (const url of ['/nope', '/note', '/assets/missing.js', '/secret.json', '/api/unknown', '/user/u1/a/b']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'not_found', url);
    }
  });
});

test('escapes out of the assets folder are refused, plain or encoded', async () => {
  await withBundle(async (app) => {
    const attempts = [
      '/assets/../secret.json', '/assets/..%2fsecret.json', '/assets/%2e%2e/secret.json', '/assets/..%5csecret.json',
      '/assets/%252e%252e%252fsecret.json', '/assets/....//secret.json', '/assets/.hidden', '/assets/index-abc123.js%00.css',
    ];
    for (const url of attempts) {
      const res = await app.inject({ method: 'GET', url });
      assert.ok(res.statusCode === 403 || res.statusCode === 404, `${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"secret"/, url);
    }
  });
});

test('a missing bundle gives a clear 503 page at client routes instead of a crash', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nw-web-empty-'));
  const app = await webApp(join(dir, 'dist'));
  try {
    for (const url of ['/', '/note/n1']) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 503, url);
      assert.match(res.body, /npm run build -w apps\/web/);
    }
    assert.equal((await app.inject({ method: 'GET', url: '/assets/index-abc123.js' })).statusCode, 404);
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('inside a whole node the page is served beside the API and kept out of the OpenAPI document', async () => {
  const uploads = mkdtempSync(join(tmpdir(), 'nw-web-uploads-'));
  const { config } = parseConfig({
    NOTEWAVE_DATABASE_URL: 'sqlite::memory:', NOTEWAVE_LOG_LEVEL: 'silent', NOTEWAVE_UPLOAD_DIR: uploads, NOTEWAVE_SEED: '7',
  });
  const node = await createNode(config);
  try {
    await node.http.ready();
    const page = await node.http.inject({ method: 'GET', url: '/' });
    // 200 with a built bundle, 503 with the build hint without one: either way an HTML page, never a crash.
    assert.ok(page.statusCode === 200 || page.statusCode === 503, String(page.statusCode));
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const feed = await node.http.inject({ method: 'GET', url: '/api/feed?surface=discover&limit=3' });
    assert.equal(feed.statusCode, 200);
    const doc = (await node.http.inject({ method: 'GET', url: '/openapi.json' })).json();
    const paths = Object.keys(doc.paths ?? {});
    assert.ok(paths.includes('/api/feed'));
    assert.ok(!paths.includes('/') && !paths.some((p) => p.startsWith('/assets') || p.startsWith('/note')), paths.join(', '));
  } finally {
    await node.close();
    rmSync(uploads, { recursive: true, force: true });
  }
});
