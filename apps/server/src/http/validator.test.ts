import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeedQuery, SearchQuery } from '@notewave/api-client';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { startTestNode } from '../testing/test-node.ts';
import { fastConverter, validatorCompiler } from './validator.ts';

const INPUTS: Record<string, unknown>[] = [
  {},
  { surface: 'video', limit: '20' },
  { limit: '0' },
  { limit: '-3' },
  { limit: '007' },
  { limit: '20.5' },
  { limit: ' 20' },
  { limit: '2e1' },
  { limit: '0x10' },
  { limit: '' },
  { limit: 'abc' },
  { limit: '-0' },
  { limit: ['1', '2'] },
  { limit: '1234567890123456789' },
  { surface: 'nope', strategy: 'viral', sessionId: 'fs_1', extra: '5' },
  { q: 'DeepSeek', offset: '40', since: '1700000000000', personalize: '0.5' },
  { q: 'x', personalize: '1' },
];

test('the fast converter gives what Value.Convert gives, whatever the input', () => {
  const other = Type.Object({ flag: Type.Boolean(), n: Type.Number(), tags: Type.Array(Type.String()) });
  for (const schema of [FeedQuery, SearchQuery, other]) {
    const fast = fastConverter(schema);
    for (const input of [...INPUTS, { flag: 'true', n: '1.5', tags: 'a' }]) {
      assert.deepEqual(fast({ ...input }), Value.Convert(schema, { ...input }), JSON.stringify(input));
    }
  }
});

test('query strings are converted before they are checked, bodies are not', () => {
  const schema = Type.Object({ limit: Type.Integer({ minimum: 1 }) });
  const query = validatorCompiler({ schema, httpPart: 'querystring', method: 'GET', url: '/x' });
  const body = validatorCompiler({ schema, httpPart: 'body', method: 'POST', url: '/x' });
  assert.deepEqual(query({ limit: '5' }), { value: { limit: 5 } });
  assert.ok('error' in (query({ limit: '0' }) as object));
  assert.ok('error' in (body({ limit: '5' }) as object));
  assert.deepEqual(body({ limit: 5 }), { value: { limit: 5 } });
});

test('the feed route converts its query and rejects a bad one with validation_failed', async () => {
  const node = await startTestNode();
  try {
    const ok = await node.call('GET', '/api/feed?surface=video&limit=3');
    assert.equal(ok.status, 200);
    assert.ok(ok.json.items.length <= 3);
    for (const url of ['/api/feed?limit=500', '/api/feed?limit=many', '/api/feed?surface=radio']) {
      const bad = await node.call('GET', url);
      assert.equal(bad.status, 400, url);
      assert.equal(bad.json.error.code, 'validation_failed', url);
    }
  } finally {
    await node.close();
  }
});
