import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestNode, type TestNode } from '../testing/test-node.ts';
import { ffmpegPath, runFfmpeg } from './ffmpeg.ts';

const bin = ffmpegPath();
const skip = bin ? false : 'no ffmpeg binary for this platform';

function multipart(file: Buffer, filename: string, contentType: string): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'notewave-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function uploadVideo(node: TestNode, token: string | null, file: Buffer, type = 'video/webm') {
  const { payload, headers } = multipart(file, 'clip.webm', type);
  if (token) headers.authorization = `Bearer ${token}`;
  return node.http.inject({ method: 'POST', url: '/api/uploads/video', payload, headers });
}

/** A two-second 64×112 WebM made on the spot. */
async function tinyClip(): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'nw-clip-'));
  try {
    const out = join(dir, 'clip.webm');
    await runFfmpeg(bin!, ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x112:rate=10', '-t', '2', '-c:v', 'libvpx', '-deadline', 'realtime', out]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an uploaded WebM is stored with a poster frame, its duration and size, and served with range requests', { skip }, async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const clip = await tinyClip();
    const res = await uploadVideo(node, token, clip);
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.match(body.url, /^\/media\/vid_[a-z0-9_]+\.webm$/);
    assert.equal(body.contentType, 'video/webm');
    assert.equal(body.bytes, clip.length);
    assert.equal(body.width, 64);
    assert.equal(body.height, 112);
    assert.ok(body.durationSec > 1.5 && body.durationSec < 2.5, String(body.durationSec));

    const whole = await node.http.inject({ method: 'GET', url: body.url });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['content-type'], 'video/webm');
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.deepEqual(whole.rawPayload, clip);

    const part = await node.http.inject({ method: 'GET', url: body.url, headers: { range: 'bytes=100-199' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${clip.length}`);
    assert.deepEqual(part.rawPayload, clip.subarray(100, 200));

    const poster = await node.http.inject({ method: 'GET', url: body.posterUrl });
    assert.equal(poster.statusCode, 200);
    assert.equal(poster.headers['content-type'], 'image/jpeg');
    assert.deepEqual([...poster.rawPayload.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  } finally {
    await node.close();
  }
});

test('a video upload needs a session, real video bytes and a decodable file', async () => {
  const node = await startTestNode();
  try {
    const anonymous = await uploadVideo(node, null, Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]));
    assert.equal(anonymous.statusCode, 401);
    const { token } = await node.register('mei_lin');
    const text = await uploadVideo(node, token, Buffer.from('not a video at all'), 'video/mp4');
    assert.equal(text.statusCode, 415);
    assert.equal(text.json().error.code, 'unsupported_media_type');
    if (bin) {
      // WebM's magic bytes followed by garbage: recognised by type, refused because nothing decodes.
      const broken = await uploadVideo(node, token, Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(512, 7)]));
      assert.equal(broken.statusCode, 415);
    }
  } finally {
    await node.close();
  }
});

test('the media route serves only plain media names', async () => {
  const node = await startTestNode();
  try {
    for (const url of ['/media/../package.json', '/media/..%2f..%2fpackage.json', '/media/x.txt', '/media/.hidden.webm', '/media/missing.webm']) {
      const res = await node.http.inject({ method: 'GET', url });
      assert.ok(res.statusCode === 403 || res.statusCode === 404, `${url}: ${res.statusCode}`);
      assert.doesNotMatch(res.body, /"workspaces"/, url);
    }
  } finally {
    await node.close();
  }
});
