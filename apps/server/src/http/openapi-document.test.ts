import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OPENAPI_PATH, renderOpenApi } from './openapi-document.ts';
import { startTestNode } from '../testing/test-node.ts';

test('the committed docs/openapi.json matches the live document', async () => {
  const committed = readFileSync(OPENAPI_PATH, 'utf8');
  const live = await renderOpenApi();
  assert.ok(
    committed === live,
    'docs/openapi.json is stale: run `node --import tsx --conditions=notewave-source apps/server/src/scripts/write-openapi.ts` and commit the result',
  );
});

test('the document is served at /openapi.json and the docs page at /docs without a CDN', async () => {
  const node = await startTestNode();
  try {
    const doc = await node.call('GET', '/openapi.json');
    assert.equal(doc.status, 200);
    assert.ok(doc.json.paths['/api/notes']);
    assert.ok(doc.json.paths['/api/events'].post);
    const page = await node.call('GET', '/docs');
    assert.equal(page.status, 200);
    assert.match(page.text, /Swagger UI/);
    assert.doesNotMatch(page.text, /https?:\/\/(unpkg|cdn|cdnjs|jsdelivr)/);
    const script = page.text.match(/src="\.?\/?([^"]+\.js)"/)?.[1];
    assert.ok(script, 'the page loads its script from this server');
    assert.equal((await node.call('GET', `/docs/${script.replace(/^docs\//, '')}`)).status, 200);
  } finally {
    await node.close();
  }
});
