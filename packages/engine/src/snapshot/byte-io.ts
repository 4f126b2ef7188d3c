import { FRAME_BYTES, frame, snapshotError, type FrameReader } from './frames.ts';

const TWO_32 = 2 ** 32;
/** Code units turned into a string per `String.fromCharCode` call (its arguments go on the stack). */
const DECODE_RUN = 4096;

/** Little-endian primitives into frames of about `FRAME_BYTES`; finished frames collect in `frames` for the caller. */
export class ByteWriter {
  readonly frames: Uint8Array[] = [];
  /** Bytes in finished frames, headers included. */
  bytes = 0;
  private readonly buf = new Uint8Array(FRAME_BYTES);
  private readonly dv = new DataView(this.buf.buffer);
  private pos = 0;

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  /** A non-negative integer up to 2^53, seven bits a byte. */
  uint(v: number): void {
    this.ensure(8);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  f64(v: number): void {
    this.ensure(8);
    this.dv.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  /**
   * A string as its UTF-16 code units (lone surrogates survive, which UTF-8 would not keep), one byte each when all
   * fit in one (ids, most keys), else two. The engine has no TextEncoder in its lib.
   */
  string(s: string): void {
    let wide = false;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0xff) {
        wide = true;
        break;
      }
    }
    this.uint(s.length * 2 + (wide ? 1 : 0));
    const width = wide ? 2 : 1;
    for (let i = 0; i < s.length; ) {
      if (this.pos + width > this.buf.length) this.flush();
      const n = Math.min(s.length - i, Math.floor((this.buf.length - this.pos) / width));
      if (wide) {
        for (let k = 0; k < n; k++) this.dv.setUint16(this.pos + 2 * k, s.charCodeAt(i + k), true);
      } else {
        for (let k = 0; k < n; k++) this.buf[this.pos + k] = s.charCodeAt(i + k);
      }
      this.pos += n * width;
      i += n;
    }
  }

  /** Raw bytes, split over as many frames as they need. */
  raw(b: Uint8Array): void {
    for (let at = 0; at < b.length; ) {
      if (this.pos === this.buf.length) this.flush();
      const n = Math.min(b.length - at, this.buf.length - this.pos);
      this.buf.set(b.subarray(at, at + n), this.pos);
      this.pos += n;
      at += n;
    }
  }

  /** Closes the current frame (if it holds anything). */
  flush(): void {
    if (this.pos === 0) return;
    const f = frame(this.buf.subarray(0, this.pos));
    this.frames.push(f);
    this.bytes += f.length;
    this.pos = 0;
  }

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.flush();
  }
}

/** Reads what `ByteWriter` wrote, frame by frame; running past the last frame is a truncated snapshot. */
export class ByteReader {
  private buf: Uint8Array = new Uint8Array(0);
  private dv = new DataView(this.buf.buffer);
  private pos = 0;

  constructor(private readonly frames: FrameReader) {}

  u8(): number {
    this.need();
    return this.buf[this.pos++] as number;
  }

  uint(): number {
    this.need();
    let v = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.buf.length) throw snapshotError('snapshot is damaged: a number runs past its frame');
      const b = this.buf[this.pos++] as number;
      v += (b & 0x7f) * scale;
      if (b < 0x80) return v;
      scale *= 0x80;
      if (scale > TWO_32 * TWO_32) throw snapshotError('snapshot is damaged: a number is too long');
    }
  }

  f64(): number {
    this.need();
    if (this.pos + 8 > this.buf.length) throw snapshotError('snapshot is damaged: a number runs past its frame');
    const v = this.dv.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  string(): string {
    const head = this.uint();
    const length = Math.floor(head / 2);
    const wide = head % 2 === 1;
    let out = '';
    for (let done = 0; done < length; ) {
      this.need();
      const width = wide ? 2 : 1;
      const n = Math.min(length - done, DECODE_RUN, Math.floor((this.buf.length - this.pos) / width));
      if (n === 0) throw snapshotError('snapshot is damaged: a character runs past its frame');
      const units = wide ? new Uint16Array(n) : this.buf.subarray(this.pos, this.pos + n);
      if (wide) for (let k = 0; k < n; k++) (units as Uint16Array)[k] = this.dv.getUint16(this.pos + 2 * k, true);
      out += String.fromCharCode.apply(null, units as unknown as number[]);
      this.pos += n * width;
      done += n;
    }
    return out;
  }

  /** Fills `out` with the next bytes, across frames. */
  rawInto(out: Uint8Array): void {
    for (let at = 0; at < out.length; ) {
      this.need();
      const n = Math.min(out.length - at, this.buf.length - this.pos);
      out.set(this.buf.subarray(this.pos, this.pos + n), at);
      this.pos += n;
      at += n;
    }
  }

  /** Whether every byte of the input was read (no frame and no byte left over). */
  atEnd(): boolean {
    return this.pos === this.buf.length && this.frames.next() === null;
  }

  private need(): void {
    while (this.pos >= this.buf.length) {
      const f = this.frames.next();
      if (!f) throw snapshotError('snapshot is truncated: it ends before its end marker');
      this.buf = f;
      this.dv = new DataView(f.buffer, f.byteOffset, f.byteLength);
      this.pos = 0;
    }
  }
}
