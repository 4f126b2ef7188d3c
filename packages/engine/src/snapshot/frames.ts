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

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE) of `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
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
