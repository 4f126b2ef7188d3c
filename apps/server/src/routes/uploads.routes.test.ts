import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

const PNG = await sharp({ create: { width: 12, height: 8, channels: 4, background: '#36c' } }).png().toBuffer();

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
    assert.equal(served.rawPayload.length, body.bytes);
    assert.deepEqual([body.width, body.height], [12, 8]);
    assert.deepEqual(await sharp(served.rawPayload).raw().toBuffer(), await sharp(PNG).raw().toBuffer(), 'the same pixels');
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

test('a photo loses its EXIF and GPS metadata, is turned upright and its dimensions are returned', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const plain = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).jpeg().toBuffer();
    const photo = await sharp(plain)
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' } })
      .toBuffer();
    assert.ok((await sharp(photo).metadata()).exif?.includes(Buffer.from('PhoneCo')), 'the test photo carries EXIF');
    const res = await upload(node, token, photo, 'IMG_0001.jpg', 'image/jpeg');
    assert.equal(res.statusCode, 201);
    const body = res.json();
    assert.deepEqual([body.contentType, body.width, body.height], ['image/jpeg', 30, 40]);
    const served = (await node.http.inject({ method: 'GET', url: body.url })).rawPayload;
    const meta = await sharp(served).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(meta.orientation, undefined);
    assert.equal(served.includes(Buffer.from('Exif\0\0')), false);
    assert.equal(served.includes(Buffer.from('PhoneCo')), false);
    assert.deepEqual([meta.width, meta.height], [30, 40]);
  } finally {
    await node.close();
  }
});

test('an image that starts right but does not decode is refused with 400', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const broken = Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(64, 1)]);
    const res = await upload(node, token, broken, 'cover.png');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
  } finally {
    await node.close();
  }
});

/** A PNG whose header claims `width` × `height` pixels, with almost no pixel data behind it. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([PNG.subarray(0, 8), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(16))), chunk('IEND', Buffer.alloc(0))]);
}

test('an image claiming more pixels than allowed is refused with 413 before it is decoded', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const res = await upload(node, token, pngHeaderOnly(20_000, 20_000), 'huge.png');
    assert.equal(res.statusCode, 413);
    assert.equal(res.json().error.code, 'payload_too_large');
  } finally {
    await node.close();
  }
});

test('a note naming an upload without its size gets the recorded dimensions', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const up = (await upload(node, token, PNG, 'cover.png')).json();
    const note = await node.call('POST', '/api/notes', { token, body: { ...NOTE, media: { images: [{ url: up.url }, { url: '/covers/n_x.svg' }] } } });
    assert.equal(note.status, 201);
    assert.deepEqual(note.json.media.images, [{ url: up.url, width: 12, height: 8 }, { url: '/covers/n_x.svg' }]);
    const given = await node.call('PATCH', `/api/notes/${note.json.id}`, { token, body: { media: { images: [{ url: up.url, width: 6, height: 4 }] } } });
    assert.deepEqual(given.json.media.images, [{ url: up.url, width: 6, height: 4 }], 'sizes the client gives are kept');
  } finally {
    await node.close();
  }
});
