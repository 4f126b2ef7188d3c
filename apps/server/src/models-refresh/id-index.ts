import { setImmediate as yieldToEvents } from 'node:timers/promises';

/** A string id → dense index lookup: a Map, or a `PackedIdIndex`. */
export interface IdLookup {
  get(id: string): number | undefined;
}

/**
 * How long building an index may hold the thread before it yields to the event loop. Bounded by time, not by a count
 * of ids, so a slow or busy machine does not stretch a slice.
 */
const SLICE_MS = 4;
/** Ids indexed between two looks at the clock. */
const CLOCK_EVERY = 512;

function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * Ids packed in one newline-separated string, indexed both ways without an object per id: id `i` is a range of the
 * string (`starts`), and id → index is an open-addressing table of typed-array slots that compares candidates against
 * the string in place. A million ids cost two typed arrays rather than a million strings and Map entries, so building
 * one allocates nothing the young-generation collector would have to copy, and no step rehashes a large Map at once.
 * Looks up as a Map filled in index order would: an id that occurs twice maps to its last index.
 */
export class PackedIdIndex implements IdLookup {
  private constructor(
    private readonly packed: string,
    /** Start of each id in `packed`; `starts[count]` is one past the end of the string. */
    private readonly starts: Int32Array,
    /** Slot → index + 1 (0: empty); a power of two, at most half full. */
    private readonly slots: Int32Array,
    readonly count: number,
  ) {}

  /** The id at `index`, or undefined out of range. */
  id(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.packed.slice(this.starts[index]!, this.starts[index + 1]! - 1);
  }

  get(id: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(id, 0, id.length) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0) return undefined;
      if (this.matches(held - 1, id)) return held - 1;
    }
  }

  private matches(index: number, id: string): boolean {
    const start = this.starts[index]!;
    return this.starts[index + 1]! - 1 - start === id.length && this.packed.startsWith(id, start);
  }

  private sameIds(a: number, b: number): boolean {
    const sa = this.starts[a]!, sb = this.starts[b]!, len = this.starts[a + 1]! - 1 - sa;
    if (this.starts[b + 1]! - 1 - sb !== len) return false;
    for (let k = 0; k < len; k++) if (this.packed.charCodeAt(sa + k) !== this.packed.charCodeAt(sb + k)) return false;
    return true;
  }

  private insert(index: number): void {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(this.packed, this.starts[index]!, this.starts[index + 1]! - 1) & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot]!;
      if (held === 0 || this.sameIds(held - 1, index)) {
        this.slots[slot] = index + 1;
        return;
      }
    }
  }

  /**
   * Indexes the first `count` ids of `packed` (ids joined by newlines; the last id runs to the end of the string),
   * yielding to the event loop after every few milliseconds of work.
   */
  static async build(packed: string, count: number): Promise<PackedIdIndex> {
    let size = 2;
    while (size < count * 2) size *= 2;
    const starts = new Int32Array(count + 1);
    const index = new PackedIdIndex(packed, starts, new Int32Array(size), count);
    let from = 0;
    let sliceStart = performance.now();
    for (let i = 0; i < count; i++) {
      const end = i === count - 1 ? packed.length : packed.indexOf('\n', from);
      starts[i] = from;
      starts[i + 1] = end + 1;
      index.insert(i);
      from = end + 1;
      if ((i + 1) % CLOCK_EVERY === 0 && performance.now() - sliceStart >= SLICE_MS) {
        await yieldToEvents();
        sliceStart = performance.now();
      }
    }
    return index;
  }
}
