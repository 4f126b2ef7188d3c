/** A string id → dense index lookup: a Map, or a `PackedIdIndex`. */
export interface IdLookup {
  get(id: string): number | undefined;
}

/**
 * A list of ids packed for another thread to read without copying: their UTF-8 bytes end to end, where each starts,
 * and an open-addressing table id → index, each in shared memory. Posting one to another thread shares the memory
 * rather than cloning or transferring it: the receiving thread neither copies the bytes nor counts them as new
 * external memory (a transferred buffer of hundreds of megabytes makes V8 start collecting a large heap at once).
 */
export interface PackedIds {
  /** The ids' UTF-8 bytes, one after the other. */
  bytes: Uint8Array;
  /** Byte offset of each id in `bytes`; `starts[count]` is the end of the last. */
  starts: Int32Array;
  /** Slot → index + 1 (0: empty); a power of two, at most half full. */
  slots: Int32Array;
  count: number;
}

/** A typed array over shared memory (so posting it shares rather than copies). */
function sharedArray<T>(ctor: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new ctor(new SharedArrayBuffer(length * ctor.BYTES_PER_ELEMENT));
}

/** A copy of `bytes` in shared memory, spanning its whole buffer (so a model decoded from it is read in place). */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  const out = sharedArray(Uint8Array, bytes.byteLength);
  out.set(bytes);
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function finish(h: number): number {
  return (h ^ (h >>> 16)) | 0;
}

function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = FNV_OFFSET;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, FNV_PRIME);
  return finish(h);
}

/**
 * Packs ids for `PackedIdIndex` in one pass (the thread that trains or reads models does this, not the serving one).
 * An id that occurs twice maps to its last index, as a Map filled in index order would.
 */
export function packIds(ids: readonly string[]): PackedIds {
  const count = ids.length;
  const starts = sharedArray(Int32Array, count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = total;
    total += Buffer.byteLength(ids[i]!, 'utf8');
  }
  starts[count] = total;
  const bytes = sharedArray(Uint8Array, total);
  const text = Buffer.from(bytes.buffer, 0, total);
  for (let i = 0; i < count; i++) text.write(ids[i]!, starts[i]!, 'utf8');
  let size = 2;
  while (size < count * 2) size *= 2;
  const slots = sharedArray(Int32Array, size);
  const packed = { bytes, starts, slots, count };
  for (let i = 0; i < count; i++) {
    const from = starts[i]!, to = starts[i + 1]!;
    slots[slotOf(packed, bytes, from, to - from, hashBytes(bytes, from, to))] = i + 1;
  }
  return packed;
}

/**
 * The slot of `packed.slots` holding the id whose UTF-8 bytes are `key[from .. from + len)`, or the empty slot where it
 * would go. A string key stands for its own UTF-8 bytes, so it must be ASCII.
 */
function slotOf(packed: PackedIds, key: string | Uint8Array, from: number, len: number, hash: number): number {
  const { bytes, starts, slots } = packed;
  const mask = slots.length - 1;
  for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
    const held = slots[slot]!;
    if (held === 0) return slot;
    const s = starts[held - 1]!;
    if (starts[held]! - s === len && sameAt(bytes, s, key, from, len)) return slot;
  }
}

function sameAt(bytes: Uint8Array, at: number, key: string | Uint8Array, from: number, len: number): boolean {
  if (typeof key === 'string') {
    for (let k = 0; k < len; k++) if (bytes[at + k] !== key.charCodeAt(from + k)) return false;
  } else {
    for (let k = 0; k < len; k++) if (bytes[at + k] !== key[from + k]) return false;
  }
  return true;
}

/**
 * Ids looked up both ways over `PackedIds` as they arrived from another thread: nothing per id on the heap, and
 * nothing to build, so attaching a million ids costs the serving thread no time and leaves the collector nothing to do.
 */
export class PackedIdIndex implements IdLookup {
  private readonly text: Buffer;

  constructor(private readonly packed: PackedIds) {
    this.text = Buffer.from(packed.bytes.buffer, packed.bytes.byteOffset, packed.bytes.byteLength);
  }

  get count(): number {
    return this.packed.count;
  }

  /** The id at `index`, or undefined out of range. */
  id(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.packed.count) return undefined;
    return this.text.toString('utf8', this.packed.starts[index]!, this.packed.starts[index + 1]!);
  }

  get(id: string): number | undefined {
    // An ASCII id is its own UTF-8: hash and compare its char codes directly, without encoding it.
    let h = FNV_OFFSET;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      if (c >= 0x80) {
        const key = Buffer.from(id, 'utf8');
        return this.at(slotOf(this.packed, key, 0, key.length, hashBytes(key, 0, key.length)));
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    return this.at(slotOf(this.packed, id, 0, id.length, finish(h)));
  }

  private at(slot: number): number | undefined {
    const held = this.packed.slots[slot]!;
    return held === 0 ? undefined : held - 1;
  }
}
