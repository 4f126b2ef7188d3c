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

/** Reads frames back out of chunks cut anywhere (file reads, network packets), checking each one's CRC. */
export class FrameReader {
  private readonly it: Iterator<Uint8Array>;
  private buf: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** Bytes of input consumed, for error messages. */
  private offset = 0;

  constructor(chunks: Iterable<Uint8Array>) {
    this.it = chunks[Symbol.iterator]();
  }

  /** The next frame's payload, or null at a clean end of input (between frames). */
  next(): Uint8Array | null {
    if (!this.fill(HEADER_BYTES)) {
      if (this.buf.length - this.pos === 0) return null;
      throw snapshotError(`snapshot is truncated: a frame header at byte ${this.offset} is cut off`);
    }
    const dv = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, HEADER_BYTES);
    const length = dv.getUint32(0, true);
    const crc = dv.getUint32(4, true);
    if (length > MAX_FRAME_BYTES) throw snapshotError(`snapshot is damaged: frame at byte ${this.offset} claims ${length} bytes`);
    if (!this.fill(HEADER_BYTES + length)) throw snapshotError(`snapshot is truncated: the frame at byte ${this.offset} is cut off`);
    const payload = this.buf.subarray(this.pos + HEADER_BYTES, this.pos + HEADER_BYTES + length);
    if (crc32(payload) !== crc) throw snapshotError(`snapshot is damaged: checksum mismatch in the frame at byte ${this.offset}`);
    this.pos += HEADER_BYTES + length;
    this.offset += HEADER_BYTES + length;
    return payload;
  }

  /** Whether `n` bytes are buffered from `pos` after pulling chunks as needed (joined once, not chunk by chunk). */
  private fill(n: number): boolean {
    let have = this.buf.length - this.pos;
    if (have >= n) return true;
    const parts = [this.buf.subarray(this.pos)];
    let ok = true;
    while (have < n) {
      const r = this.it.next();
      if (r.done) {
        ok = false;
        break;
      }
      parts.push(r.value);
      have += r.value.length;
    }
    const joined = new Uint8Array(have);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    this.buf = joined;
    this.pos = 0;
    return ok;
  }
}
