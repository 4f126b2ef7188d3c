import { EngineError } from '../errors.ts';

/**
 * A snapshot is a sequence of frames, each `[payload length u32][CRC-32 of payload u32][payload]` (little-endian), so
 * damage is found in the frame it hits before any of its bytes are decoded, and a cut-off file is told apart from a
 * whole one. Frames are also the chunks handed out: at full scale the state is gigabytes, more than one Buffer holds.
 */
export const FRAME_BYTES = 1 << 20;
/** Frames are never larger than this: a longer length field is damage, not a frame. */
const MAX_FRAME_BYTES = 64 << 20;
const HEADER_BYTES = 8;

/** CRC-32 tables for slicing by eight: table k advances a byte k positions further (gigabytes of state to check). */
const CRC_TABLES = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    for (let k = 1; k < 8; k++) {
      const prev = t[(k - 1) * 256 + n] as number;
      t[k * 256 + n] = ((t[prev & 0xff] as number) ^ (prev >>> 8)) >>> 0;
    }
  }
  return t;
})();

/** CRC-32 (IEEE) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  const t = CRC_TABLES;
  let c = 0xffffffff;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const a = c ^ ((bytes[i] as number) | ((bytes[i + 1] as number) << 8) | ((bytes[i + 2] as number) << 16) | ((bytes[i + 3] as number) << 24));
    const b = (bytes[i + 4] as number) | ((bytes[i + 5] as number) << 8) | ((bytes[i + 6] as number) << 16) | ((bytes[i + 7] as number) << 24);
    c =
      (t[1792 + (a & 0xff)] as number) ^ (t[1536 + ((a >>> 8) & 0xff)] as number) ^ (t[1280 + ((a >>> 16) & 0xff)] as number) ^ (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (b & 0xff)] as number) ^ (t[512 + ((b >>> 8) & 0xff)] as number) ^ (t[256 + ((b >>> 16) & 0xff)] as number) ^ (t[b >>> 24] as number);
  }
  for (; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function snapshotError(message: string): EngineError {
  return new EngineError('snapshot_invalid', message);
}

/** Wraps one payload in its frame header. */
export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, payload.length, true);
  dv.setUint32(4, crc32(payload), true);
  out.set(payload, HEADER_BYTES);
  return out;
}

/**
 * Reads frames back out of chunks cut anywhere (file reads, network packets), checking each one's CRC. A payload is
 * valid until the next call of `next` only. A chunk is never read again once the next one has been asked for, so the
 * producer may refill one buffer for every chunk: a frame inside a chunk is handed out in place, a frame cut across
 * chunks is assembled in a buffer of the reader's own, reused for every such frame (fresh memory is slow to touch the
 * first time, and a gigabyte of it through short-lived buffers also keeps the collector busy).
 */
export class FrameReader {
  private readonly it: Iterator<Uint8Array>;
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private done = false;
  /** Where frames cut across chunks are assembled. */
  private joined: Uint8Array = new Uint8Array(0);
  /** Bytes of input consumed, for error messages. */
  private offset = 0;

  constructor(chunks: Iterable<Uint8Array>) {
    this.it = chunks[Symbol.iterator]();
  }

  /** The next frame's payload, or null at a clean end of input (between frames). */
  next(): Uint8Array | null {
    const head = this.take(HEADER_BYTES);
    if (head === null) return null;
    if (head.length < HEADER_BYTES) throw snapshotError(`snapshot is truncated: a frame header at byte ${this.offset} is cut off`);
    const length = (head[0] as number) | ((head[1] as number) << 8) | ((head[2] as number) << 16) | ((head[3] as number) << 24);
    const crc = ((head[4] as number) | ((head[5] as number) << 8) | ((head[6] as number) << 16) | ((head[7] as number) << 24)) >>> 0;
    if (length < 0 || length > MAX_FRAME_BYTES) throw snapshotError(`snapshot is damaged: frame at byte ${this.offset} claims ${length >>> 0} bytes`);
    const payload = this.take(length);
    if (payload === null || payload.length < length) throw snapshotError(`snapshot is truncated: the frame at byte ${this.offset} is cut off`);
    if (crc32(payload) !== crc) throw snapshotError(`snapshot is damaged: checksum mismatch in the frame at byte ${this.offset}`);
    this.offset += HEADER_BYTES + length;
    return payload;
  }

  /**
   * The next `n` bytes, in place in the current chunk when it holds them all, else copied into `joined`; fewer when
   * the input ends first, null when it has already ended.
   */
  private take(n: number): Uint8Array | null {
    if (this.pos === this.chunk.length) this.pull();
    const have = this.chunk.length - this.pos;
    if (have >= n) {
      const out = this.chunk.subarray(this.pos, this.pos + n);
      this.pos += n;
      return out;
    }
    if (have === 0) return null;
    if (this.joined.length < n) this.joined = new Uint8Array(Math.max(n, 2 * this.joined.length));
    let got = 0;
    while (got < n) {
      if (this.pos === this.chunk.length && !this.pull()) break;
      const k = Math.min(n - got, this.chunk.length - this.pos);
      this.joined.set(this.chunk.subarray(this.pos, this.pos + k), got);
      this.pos += k;
      got += k;
    }
    return this.joined.subarray(0, got);
  }

  /** Moves to the next non-empty chunk; false at the end of input. */
  private pull(): boolean {
    while (!this.done) {
      const r = this.it.next();
      if (r.done) this.done = true;
      else if (r.value.length > 0) {
        this.chunk = r.value;
        this.pos = 0;
        return true;
      }
    }
    this.chunk = new Uint8Array(0);
    this.pos = 0;
    return false;
  }
}
