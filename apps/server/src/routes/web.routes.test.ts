import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Api } from '../http/api-types.ts';
import { createNode } from '../app.ts';
import { parseConfig } from '../config.ts';
import { resolveAsset, webRoutes, WEB_ROOT } from './web.routes.ts';

async function webApp(root?: string): Promise<Api> {
  const app: Api = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
  webRoutes(app, root ? { root } : {});
  await app.ready();
  return app;
}

test('the page at / is HTML with a content security policy and revalidation headers', async () => {
  const app = await webApp();
  try {
    const res = await app.inject({ method: 'GET', url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8/);
    assert.match(res.body, /<!doctype html>/i);
    assert.match(res.body, /\/app\/app\.js/);
    assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.ok(res.headers.etag);
  } finally {
    await app.close();
  }
});

test('scripts, styles and icons are served with their content types', async () => {
  const app = await webApp();
  try {
    const js = await app.inject({ method: 'GET', url: '/app/app.js' });
    assert.equal(js.statusCode, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.match(js.body, /import /);
    const css = await app.inject({ method: 'GET', url: '/app/styles.css' });
    assert.equal(css.statusCode, 200);
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const icon = await app.inject({ method: 'GET', url: '/app/icon.svg' });
    assert.equal(icon.statusCode, 200);
    assert.equal(icon.headers['content-type'], 'image/svg+xml');
  } finally {
    await app.close();
  }
});

test('every module the page imports exists and is served', async () => {
  const app = await webApp();
  try {
    const seen = new Set<string>();
    const queue = ['app.js'];
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      const res = await app.inject({ method: 'GET', url: `/app/${name}` });
      assert.equal(res.statusCode, 200, `${name} should be served`);
      for (const m of res.body.matchAll(/from '\.\/([\w-]+\.js)'/g)) queue.push(m[1] as string);
    }
    assert.ok(seen.size > 3, 'the app is split into a few modules');
  } finally {
    await app.close();
  }
});

test('an unchanged asset answers 304 to a matching etag', async () => {
  const app = await webApp();
  try {
    const first = await app.inject({ method: 'GET', url: '/app/styles.css' });
    const again = await app.inject({ method: 'GET', url: '/app/styles.css', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
  } finally {
    await app.close();
  }
});

test('path traversal out of the web folder is refused with 404, plain or encoded', async () => {
  const app = await webApp();
  try {
    const attempts = [
      '/app/../../package.json',
      '/app/..%2f..%2fpackage.json',
      '/app/%2e%2e/%2e%2e/package.json',
      '/app/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/app/..%5c..%5cpackage.json',
      '/app/%252e%252e%252fpackage.json',
      '/app/....//....//package.json',
      '/app//etc/passwd',
      '/app/.%2e/.%2e/routes/web.routes.ts',
      '/app/app.js%00.css',
      '/app/.hidden.js',
    ];
    for (const url of attempts) {
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.doesNotMatch(res.body, /"workspaces"|"name": "@notewave/, url);
    }
  } finally {
    await app.close();
  }
});

test('unknown assets and unknown file types answer 404 with the error body', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nw-web-'));
  try {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'secret.ts'), 'export {}');
    mkdirSync(join(dir, 'folder.js'));
    const app = await webApp(dir);
    try {
      for (const url of ['/app/missing.js', '/app/secret.ts', '/app/folder.js', '/app/', '/app/nested/missing.css']) {
        const res = await app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404, url);
        assert.equal(res.json().error.code, 'not_found', url);
      }
      const page = await app.inject({ method: 'GET', url: '/' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<title>x<\/title>/);
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('asset names resolve only to plain files inside the root', () => {
  assert.equal(resolveAsset(WEB_ROOT, 'app.js'), join(WEB_ROOT, 'app.js'));
  assert.equal(resolveAsset(WEB_ROOT, 'img/logo.svg'), join(WEB_ROOT, 'img', 'logo.svg'));
  for (const bad of ['', '../x.js', 'a/../../x.js', '/etc/x.js', 'a\\..\\x.js', '.env.js', 'x.ts', 'a//b.js', 'x.js\0.css', '..']) {
    assert.equal(resolveAsset(WEB_ROOT, bad), null, JSON.stringify(bad));
  }
});

test('the page keeps to its content security policy: no inline scripts or styles, no HTML parsing of data', () => {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.match(m[1] ?? '', /\ssrc="\/app\//, 'scripts are same-origin files');
    assert.equal((m[2] ?? '').trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /<style|\sstyle=|\son\w+=/i);
  for (const name of readdirSync(WEB_ROOT).filter((f) => f.endsWith('.js'))) {
    const js = readFileSync(join(WEB_ROOT, name), 'utf8');
    assert.doesNotMatch(js, /\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function/, name);
    assert.doesNotMatch(js, /https?:\/\/(?!www\.w3\.org\/2000\/svg)/, `${name} loads nothing from other origins`);
  }
});

test('inside a whole node the page is served beside the API and kept out of the OpenAPI document', async () => {
  const uploads = mkdtempSync(join(tmpdir(), 'nw-web-uploads-'));
  const { config } = parseConfig({
    NOTEWAVE_DATABASE_URL: 'sqlite::memory:', NOTEWAVE_LOG_LEVEL: 'silent', NOTEWAVE_UPLOAD_DIR: uploads, NOTEWAVE_SEED: '7',
  });
  const node = await createNode(config);
  try {
    // The HTTP builder may already register the page; a node without it gets it here.
    if (!node.http.hasRoute({ method: 'GET', url: '/' })) webRoutes(node.http);
    await node.http.ready();
    const page = await node.http.inject({ method: 'GET', url: '/' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const escape = await node.http.inject({ method: 'GET', url: '/app/..%2f..%2f..%2f..%2fpackage.json' });
    assert.equal(escape.statusCode, 404);
    assert.equal(escape.json().error.code, 'not_found');
    const feed = await node.http.inject({ method: 'GET', url: '/api/feed?surface=discover&limit=3' });
    assert.equal(feed.statusCode, 200);
    const doc = (await node.http.inject({ method: 'GET', url: '/openapi.json' })).json();
    const paths = Object.keys(doc.paths ?? {});
    assert.ok(paths.includes('/api/feed'));
    assert.ok(!paths.includes('/') && !paths.some((p) => p.startsWith('/app')), paths.join(', '));
  } finally {
    await node.close();
    rmSync(uploads, { recursive: true, force: true });
  }
});
