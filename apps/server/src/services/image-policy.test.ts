import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestNode, NOTE } from '../testing/test-node.ts';
import { ImagePolicy } from './image-policy.ts';

test('by default only this server’s uploads, covers and video posters are allowed as note images', () => {
  const p = new ImagePolicy();
  for (const ok of ['/uploads/img_0m4x9k2a00abcdef.jpg', '/covers/n_0m4x9k2a00abcdef.svg', '/covers/n_1.svg?p=2', '/media/vid_0m4x9k2a00abcdef.jpg']) assert.ok(p.allows(ok), ok);
  for (const bad of [
    'https://tracker.example/pixel.gif', '//tracker.example/p.gif', 'http://127.0.0.1:3000/uploads/img_a.jpg', '/uploads/../config.ts',
    '/uploads/img_a.jpg?u=123', '/api/notes', 'data:image/gif;base64,R0lGOD', 'javascript:alert(1)', '/covers/n_1.svg?track=me',
    '/media/vid_a.jpg?u=1', '/media/../uploads/x.jpg', '/media/vid_a.webm',
  ]) assert.equal(p.allows(bad), false, bad);
});

test('a video may be any path on this server or on a listed origin, never another origin', () => {
  const p = new ImagePolicy(['https://cdn.example']);
  for (const ok of ['/media/v1.mp4', '/v/n_1.mp4?t=3', 'https://cdn.example/v.mp4']) assert.ok(p.allowsVideo(ok), ok);
  for (const bad of ['//tracker.example/v.mp4', '/\\tracker.example/v.mp4', 'https://tracker.example/v.mp4', 'v.mp4', '/a b.mp4']) {
    assert.equal(p.allowsVideo(bad), false, bad);
  }
});

test('listed origins are allowed, matched by exact origin', () => {
  const p = new ImagePolicy(['https://cdn.example']);
  assert.ok(p.allows('https://cdn.example/a/b.jpg'));
  assert.equal(p.allows('https://cdn.example.evil.test/a.jpg'), false);
  assert.equal(p.allows('http://cdn.example/a.jpg'), false);
  assert.equal(p.allows('https://evil.test/?https://cdn.example'), false);
});

test('a note with an outside image is refused with 400 on create and edit; demo cover paths stay valid', async () => {
  const node = await startTestNode();
  try {
    const { token } = await node.register('mei_lin');
    const pixel = { images: [{ url: 'https://tracker.example/p.gif', width: 1, height: 1 }] };
    const created = await node.call('POST', '/api/notes', { token, body: { ...NOTE, media: pixel } });
    assert.equal(created.status, 400);
    assert.equal(created.json.error.code, 'validation_failed');
    const note = (await node.call('POST', '/api/notes', { token, body: { ...NOTE, media: { images: [{ url: '/covers/n_demo.svg' }] } } })).json;
    assert.equal(note.media.images[0].url, '/covers/n_demo.svg');
    assert.equal((await node.call('PATCH', `/api/notes/${note.id}`, { token, body: { media: pixel } })).status, 400);
    const video = { kind: 'video', media: { images: [], videoUrl: 'https://tracker.example/v.mp4', durationSec: 10 } };
    assert.equal((await node.call('POST', '/api/notes', { token, body: { ...NOTE, ...video } })).status, 400);
  } finally {
    await node.close();
  }
});

test('an operator may allow images from listed origins', async () => {
  const node = await startTestNode({ NOTEWAVE_IMAGE_ORIGINS: 'https://cdn.example' });
  try {
    const { token } = await node.register('mei_lin');
    const res = await node.call('POST', '/api/notes', { token, body: { ...NOTE, media: { images: [{ url: 'https://cdn.example/a.jpg' }] } } });
    assert.equal(res.status, 201);
  } finally {
    await node.close();
  }
});
