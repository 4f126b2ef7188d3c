/*
 * Binary model container: magic "NWM1", a JSON header (kind, meta, array directory), then the typed arrays,
 * each 8-byte aligned so decoding can view them in place without copying.
 */
export type ModelArray = Float32Array | Float64Array | Int32Array;
type ArrayType = 'f32' | 'f64' | 'i32';

interface Directory {
  kind: string;
  meta: Record<string, unknown>;
  arrays: { name: string; type: ArrayType; length: number; offset: number }[];
}

export interface DecodedModel {
  kind: string;
  meta: Record<string, unknown>;
  arrays: Map<string, ModelArray>;
}

const MAGIC = 0x314d574e; // "NWM1" little-endian

function typeOf(a: ModelArray): ArrayType {
  if (a instanceof Float32Array) return 'f32';
  if (a instanceof Float64Array) return 'f64';
  return 'i32';
}

/** Packs a model's parameters into one byte buffer (what the ModelStore keeps). */
export function encodeModel(kind: string, meta: Record<string, unknown>, arrays: Record<string, ModelArray>): Uint8Array {
  const dir: Directory = { kind, meta, arrays: [] };
  let offset = 0;
  for (const [name, a] of Object.entries(arrays)) {
    dir.arrays.push({ name, type: typeOf(a), length: a.length, offset });
    offset += Math.ceil(a.byteLength / 8) * 8;
  }
  const header = asciiBytes(JSON.stringify(dir));
  const bodyStart = Math.ceil((8 + header.length) / 8) * 8;
  const out = new Uint8Array(bodyStart + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  for (const d of dir.arrays) {
    const a = arrays[d.name]!;
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), bodyStart + d.offset);
  }
  return out;
}

/** The model's header: its kind, meta and array directory, read without touching the arrays. */
function readDirectory(bytes: Uint8Array): { dir: Directory; headerLength: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new RangeError('not a Notewave model (bad magic)');
  const headerLength = view.getUint32(4, true);
  const header = bytes.subarray(8, 8 + headerLength);
  let json = '';
  // In pieces: spreading a long header into one call would exceed the argument limit.
  for (let i = 0; i < header.length; i += 8192) json += String.fromCharCode(...header.subarray(i, i + 8192));
  return { dir: JSON.parse(json) as Directory, headerLength };
}

/** The `kind` a model's bytes were written with. */
export function modelKind(bytes: Uint8Array): string {
  return readDirectory(bytes).dir.kind;
}

/**
 * Inverse of encodeModel. When `bytes` spans its whole buffer (a model read from storage or handed over by another
 * thread), the arrays are views into it, with no copy: decoding a model of hundreds of megabytes then costs nothing on
 * the thread that serves it, and the bytes must not be modified afterwards. Bytes that are a piece of a larger buffer
 * are copied out, so the result does not pin memory it does not need.
 */
export function decodeModel(bytes: Uint8Array): DecodedModel {
  const { dir, headerLength } = readDirectory(bytes);
  const bodyStart = Math.ceil((8 + headerLength) / 8) * 8;
  const inPlace = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const arrays = new Map<string, ModelArray>();
  for (const d of dir.arrays) {
    const start = bytes.byteOffset + bodyStart + d.offset;
    const width = d.type === 'f64' ? 8 : 4;
    if (start + d.length * width > bytes.byteOffset + bytes.byteLength) throw new RangeError(`model array '${d.name}' runs past the end of its bytes`);
    const buffer = inPlace ? bytes.buffer : bytes.buffer.slice(start, start + d.length * width);
    const at = inPlace ? start : 0;
    arrays.set(d.name, d.type === 'f32' ? new Float32Array(buffer, at, d.length) : d.type === 'f64' ? new Float64Array(buffer, at, d.length) : new Int32Array(buffer, at, d.length));
  }
  return { kind: dir.kind, meta: dir.meta, arrays };
}

/** Fetches a named array of the expected type or fails with a clear message. */
export function requireArray<T extends ModelArray>(m: DecodedModel, name: string, ctor: { new (n: number): T }): T {
  const a = m.arrays.get(name);
  if (!a || !(a instanceof ctor)) throw new RangeError(`model '${m.kind}' lacks array '${name}'`);
  return a;
}

/** JSON with every non-ASCII character escaped, as bytes (the engine has no TextEncoder in its lib). */
function asciiBytes(json: string): Uint8Array {
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Uint8Array.from(ascii, (c) => c.charCodeAt(0));
}
