import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError, ERROR_CODES, type ErrorCode } from '@notewave/engine';
import { NOTE, startTestNode } from '../testing/test-node.ts';
import { HTTP_STATUS, toErrorReply } from './error-mapping.ts';

test('every catalog code maps to an error status', () => {
  for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
    assert.ok(HTTP_STATUS[code] >= 400, code);
    assert.equal(toErrorReply(new EngineError(code)).body.error.code, code);
  }
});

test('unexpected errors become 500 without leaking their message', () => {
  const r = toErrorReply(new Error('password=hunter2 in connection string'));
  assert.equal(r.status, 500);
  assert.equal(r.body.error.code, 'internal');
  assert.doesNotMatch(r.body.error.message, /hunter2/);
});

test('malformed JSON, wrong types, unknown fields, wrong content type and oversized bodies', async () => {
  const node = await startTestNode({ NOTEWAVE_BODY_LIMIT: '2kb' });
  try {
    const mei = await node.register('mei_lin');
    const malformed = await node.call('POST', '/api/notes', { token: mei.token, body: '{"kind": "image", "title": ' });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'malformed_json');

    const wrongType = await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 42 } });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.error.code, 'validation_failed');
    assert.match(wrongType.json.error.message, /title/);

    const extra = await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, titel: 'typo' } });
    assert.equal(extra.status, 400);

    const text = await node.call('POST', '/api/notes', { token: mei.token, body: 'hello', headers: { 'content-type': 'text/plain' } });
    assert.equal(text.status, 415);
    assert.equal(text.json.error.code, 'unsupported_media_type');

    const big = await node.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, body: 'x'.repeat(4000) } });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'payload_too_large');

    const badQuery = await node.call('GET', '/api/feed?limit=many');
    assert.equal(badQuery.status, 400);
  } finally {
    await node.close();
  }
});
