import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, type TestNode } from '../testing/test-node.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function multipart(file: Buffer, filename: string, contentType: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'notewave-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(node: TestNode, token: string | null, file: Buffer, filename: string, type = 'image/png') {
  const { payload, headers } = multipart(file, filename, type);
  if (token) headers.authorization = `Bearer ${token}`;
  return node.http.inject({ method: 'POST', url: '/api/uploads', payload, headers });
}

test('a PNG is stored and served back with its type', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const res = await upload(node, token, PNG, 'cover.png');
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.equal(body.contentType, 'image/png');
    assert.match(body.url, /^\/uploads\/img_[a-z0-9_]+\.png$/);
    const served = await node.http.inject({ method: 'GET', url: body.url });
    assert.equal(served.statusCode, 200);
    assert.equal(served.headers['content-type'], 'image/png');
    assert.deepEqual(served.rawPayload, PNG);
  } finally {
    await node.close();
  }
});

test('the type is judged by the bytes, not the declared name or type', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const res = await upload(node, token, Buffer.from('<svg onload="alert(1)"></svg>'), 'cute.png', 'image/png');
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  } finally {
    await node.close();
  }
});

test('files over the size limit get 413, uploads need a token, unknown names 404', async () => {
  const node = await startTestNode({ NOTEWAVE_MAX_UPLOAD_BYTES: '1kb' });
  try {
    const { token } = await node.register('mei_lin');
    const big = await upload(node, token, Buffer.concat([PNG, Buffer.alloc(4096)]), 'big.png');
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'payload_too_large');
    assert.equal((await upload(node, null, PNG, 'cover.png')).statusCode, 401);
    assert.equal((await node.http.inject({ method: 'GET', url: '/uploads/img_nothing.png' })).statusCode, 404);
    assert.equal((await node.http.inject({ method: 'GET', url: '/uploads/..%2Fconfig.ts' })).statusCode, 404);
  } finally {
    await node.close();
  }
});
