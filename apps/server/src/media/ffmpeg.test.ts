import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseVideoInfo } from './ffmpeg.ts';

test('duration and frame size are read from ffmpeg\'s description of a clip', () => {
  const stderr = `Input #0, matroska,webm, from 'clip.webm':
  Duration: 00:01:05.48, start: 0.000000, bitrate: 588 kb/s
    Stream #0:0: Video: vp8, yuv420p(progressive), 360x640, SAR 1:1 DAR 9:16, 24 fps, 24 tbr, 1k tbn, 1k tbc (default)
    Stream #0:1: Audio: opus, 48000 Hz, mono, fltp (default)`;
  assert.deepEqual(parseVideoInfo(stderr), { durationSec: 65.48, width: 360, height: 640 });
});

test('a description without duration or video stream gives nulls', () => {
  assert.deepEqual(parseVideoInfo('Input #0, wav\n  Duration: N/A\n    Stream #0:0: Audio: pcm_s16le'), { durationSec: null, width: null, height: null });
});
