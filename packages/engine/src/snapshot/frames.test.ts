import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isEngineError } from '../errors.ts';
import { FrameReader, frame } from './frames.ts';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `bytes` in chunks of `size` that all share one buffer, overwritten for each chunk (as a file read into one buffer). */
function* oneBuffer(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  const buf = new Uint8Array(size);
  for (let at = 0; at < bytes.length; at += size) {
    const n = Math.min(size, bytes.length - at);
    buf.fill(0xee);
    buf.set(bytes.subarray(at, at + n));
    yield buf.subarray(0, n);
  }
}

const payloads = [1, 0, 7, 5000, 8, 3, 20_000].map((n, k) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + k * 7) & 0xff));
const whole = concat(payloads.map(frame));

test('frames come back whole from chunks of any size, also when the producer reuses one buffer for every chunk', () => {
  for (const size of [1, 3, 8, 9, 13, 4096, 5017, whole.length, whole.length + 10]) {
    const r = new FrameReader(oneBuffer(whole, size));
    for (const p of payloads) assert.deepEqual(r.next(), p, `chunks of ${size}`);
    assert.equal(r.next(), null, `a clean end after chunks of ${size}`);
  }
  const withEmpty = new FrameReader([new Uint8Array(0), whole.subarray(0, 5), new Uint8Array(0), whole.subarray(5), new Uint8Array(0)]);
  for (const p of payloads) assert.deepEqual(withEmpty.next(), p, 'empty chunks are skipped');
  assert.equal(withEmpty.next(), null);
});

function fails(chunks: Iterable<Uint8Array>, pattern: RegExp): void {
  const r = new FrameReader(chunks);
  assert.throws(
    () => {
      while (r.next() !== null);
    },
    (e: unknown) => isEngineError(e) && e.code === 'snapshot_invalid' && pattern.test(e.message),
  );
}

test('a cut-off header or payload, a damaged byte and an impossible length are told apart', () => {
  const firstTwo = frame(payloads[0]!).length + frame(payloads[1]!).length;
  fails(oneBuffer(whole.subarray(0, firstTwo + 5), 4), /truncated: a frame header at byte 17 is cut off/);
  fails(oneBuffer(whole.subarray(0, whole.length - 1), 4096), /truncated: the frame at byte \d+ is cut off/);
  const flipped = whole.slice();
  flipped[whole.length - 100] = (flipped[whole.length - 100] as number) ^ 1;
  fails(oneBuffer(flipped, 1000), /checksum mismatch/);
  fails([new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])], /claims 4294967295 bytes/);
});
