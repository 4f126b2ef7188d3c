import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { NOTE, startTestNode } from '../testing/test-node.ts';

function assertErrorShape(json: unknown, code?: string): void {
  const body = json as { error?: { code?: unknown; message?: unknown } };
  assert.equal(typeof body?.error?.code, 'string', JSON.stringify(json));
  assert.equal(typeof body?.error?.message, 'string', JSON.stringify(json));
  if (code) assert.equal(body.error?.code, code);
}

test('a NUL or a lone surrogate in any string field, path or query is a 400 with the error shape', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const note = (await node.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const cases: [string, string, unknown?][] = [
      ['GET', '/api/notes/%00'],
      ['GET', '/api/users/%00'],
      ['GET', '/api/search?q=a%00b'],
      ['POST', '/api/auth/login', JSON.stringify({ handle: 'a\u0000b', password: 'whatever' })],
      ['POST', '/api/notes', JSON.stringify({ ...NOTE, tags: ['ok', 'x\uD800'] })],
      ['POST', '/api/notes', JSON.stringify({ ...NOTE, media: { images: [{ url: '/uploads/a\uDC00.png' }] } })],
      ['PATCH', `/api/notes/${note.id}`, JSON.stringify({ title: 'a\u0000' })],
      ['POST', `/api/notes/${note.id}/comments`, JSON.stringify({ body: '\uD83D' })],
    ];
    for (const [method, url, body] of cases) {
      const r = await node.call(method, url, { token: mei.token, body });
      assert.equal(r.status, 400, `${method} ${url}: ${r.text}`);
      assertErrorShape(r.json, 'validation_failed');
    }
  } finally {
    await node.close();
  }
});

test('a path with broken percent-encoding gets our error shape, not the framework one', async () => {
  const node = await startTestNode();
  try {
    for (const url of ['/api/notes/%E0%A4%A', '/api/notes/%zz', '/api/users/%C3%28']) {
      const r = await node.call('GET', url);
      assert.ok(r.status >= 400 && r.status < 500, `${url}: ${r.status}`);
      assertErrorShape(r.json);
    }
    const q = await node.call('GET', '/api/search?q=%E0%A4%A&limit=%zz');
    assert.ok(q.status < 500);
  } finally {
    await node.close();
  }
});

test('raw UTF-8 in a request line is answered in our error shape', async () => {
  const node = await startTestNode({ NOTEWAVE_PORT: '0' });
  try {
    const url = new URL((await node.start()) as string);
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(Buffer.concat([Buffer.from('GET /api/search?q='), Buffer.from('中文 \x01'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString('utf8')));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.1 400/);
    assertErrorShape(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4)), 'validation_failed');
  } finally {
    await node.close();
  }
});

test('an unknown or expired bearer token is a 401 on reads too; no token is a guest', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    for (const url of ['/api/feed?surface=discover', '/api/search?q=x', '/api/notes']) {
      const guest = await node.call('GET', url);
      assert.equal(guest.status, 200, url);
      const bad = await node.call('GET', url, { token: 'not-a-real-token' });
      assert.equal(bad.status, 401, url);
      assertErrorShape(bad.json, 'unauthenticated');
      assert.equal((await node.call('GET', url, { token: mei.token })).status, 200);
    }
    const scheme = await node.call('GET', '/api/notes', { headers: { authorization: 'Basic abc' } });
    assert.equal(scheme.status, 401);
    await node.call('POST', '/api/auth/logout', { token: mei.token });
    assert.equal((await node.call('GET', '/api/notes', { token: mei.token })).status, 401);
    // A client whose session ended can still sign in (and up) with the stale token attached.
    const again = await node.call('POST', '/api/auth/login', { token: mei.token, body: { handle: 'mei_lin', password: 'correct horse' } });
    assert.equal(again.status, 200, again.text);
    assert.notEqual(again.json.token, mei.token);
  } finally {
    await node.close();
  }
});

test('malformed multipart uploads are a 400, not a 500', async () => {
  const node = await startTestNode();
  try {
    const mei = await node.register('mei_lin');
    const part = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n';
    const cases: [string, string][] = [
      ['multipart/form-data', `${part}--XYZ--\r\n`],
      ['multipart/form-data; boundary=XYZ', part],
      ['multipart/form-data; boundary=OTHER', `${part}--XYZ--\r\n`],
      ['multipart/form-data; boundary=XYZ', '--XYZ\r\nbroken header line\r\n\r\n'],
      ['multipart/form-data; boundary=XYZ', ''],
    ];
    for (const [type, body] of cases) {
      const r = await node.call('POST', '/api/uploads', { token: mei.token, body, headers: { 'content-type': type } });
      assert.ok(r.status >= 400 && r.status < 500, `${type} ${JSON.stringify(body.slice(0, 30))}: ${r.status} ${r.text}`);
      assertErrorShape(r.json);
    }
  } finally {
    await node.close();
  }
});
