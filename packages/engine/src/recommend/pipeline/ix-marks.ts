/*
 * Per-request bookkeeping over catalog indices without allocating per request: a stamp per index says whether the
 * index belongs to the current generation, and starting a new request just moves to the next generation. Arrays
 * grow to the largest index seen (4 bytes per note per array).
 */

import { grow } from '../../typed-arrays.ts';

const LAST_GENERATION = 0x7fffffff;

/** A set of catalog indices, emptied in O(1). */
export class IxMarks {
  private stamps = new Int32Array(1024);
  private gen = 1;

  /** Empties the set. */
  clear(): void {
    if (++this.gen === LAST_GENERATION) {
      this.stamps.fill(0);
      this.gen = 1;
    }
  }

  has(ix: number): boolean {
    return ix < this.stamps.length && this.stamps[ix] === this.gen;
  }

  add(ix: number): void {
    if (ix >= this.stamps.length) this.stamps = grow(this.stamps, ix + 1);
    this.stamps[ix] = this.gen;
  }
}

/** A map from catalog index to a small non-negative integer (a position in a request's list), emptied in O(1). */
export class IxSlots {
  private stamps = new Int32Array(1024);
  private slots = new Int32Array(1024);
  private gen = 1;

  clear(): void {
    if (++this.gen === LAST_GENERATION) {
      this.stamps.fill(0);
      this.gen = 1;
    }
  }

  /** The slot of `ix`, or -1. */
  get(ix: number): number {
    return ix < this.stamps.length && this.stamps[ix] === this.gen ? (this.slots[ix] as number) : -1;
  }

  set(ix: number, slot: number): void {
    if (ix >= this.stamps.length) {
      this.stamps = grow(this.stamps, ix + 1);
      this.slots = grow(this.slots, ix + 1);
    }
    this.stamps[ix] = this.gen;
    this.slots[ix] = slot;
  }
}
