/**
 * Bounded integer keys (note indices) in recency order, each with a time and optional numeric
 * payload: re-adding a key moves it to the newest end, and past `cap` entries the oldest goes.
 *
 * A profile keeps two of these (impressions, recent visits) for every user, so they are stored in
 * one ArrayBuffer with two views: keys and an open-addressing index in an Int32Array, times and
 * payload in a Float64Array. An entry costs ~30 bytes instead of a Map entry plus a boxed time
 * (~55 bytes), and nothing is allocated until the first key is added.
 */
export class RecencyLog {
  /** Positions [0, cap) hold keys (-1: superseded or evicted); the rest is the index (position + 1; 0 empty, -1 removed). */
  private ints: Int32Array | null = null;
  /** `width` numbers per position: the time, then the payload. */
  private nums: Float64Array | null = null;
  /** Physical positions. */
  private cap = 0;
  private mask = 0;
  private bits = 0;
  /** Oldest position that may be live, and the next free one. */
  private start = 0;
  private end = 0;
  private live = 0;
  private readonly width: number;

  constructor(private readonly limit: number, payload = 0) {
    this.width = 1 + payload;
  }

  get size(): number {
    return this.live;
  }

  /** The time recorded with `key`, if it is in the log. */
  get(key: number): number | undefined {
    const at = this.find(key);
    return at < 0 ? undefined : (this.nums as Float64Array)[at * this.width];
  }

  has(key: number): boolean {
    return this.find(key) >= 0;
  }

  /** Payload number `i` (0-based) recorded with `key`; NaN when absent. */
  payload(key: number, i: number): number {
    const at = this.find(key);
    return at < 0 ? Number.NaN : ((this.nums as Float64Array)[at * this.width + 1 + i] as number);
  }

  /** Records `key` as the newest entry (moving it if present), evicting the oldest past the limit. */
  set(key: number, time: number, p0 = 0, p1 = 0): void {
    this.delete(key);
    if (this.end === this.cap) this.makeRoom();
    const at = this.end++;
    (this.ints as Int32Array)[at] = key;
    const nums = this.nums as Float64Array;
    const o = at * this.width;
    nums[o] = time;
    if (this.width > 1) nums[o + 1] = p0;
    if (this.width > 2) nums[o + 2] = p1;
    this.indexInsert(key, at);
    this.live++;
    if (this.live > this.limit) this.evictOldest();
  }

  delete(key: number): boolean {
    const slot = this.slotOf(key);
    if (slot < 0) return false;
    const ints = this.ints as Int32Array;
    ints[ints[slot]! - 1] = -1;
    ints[slot] = -1;
    this.live--;
    return true;
  }

  /** [key, time] pairs, oldest first (Map-compatible iteration). */
  *entries(): IterableIterator<[number, number]> {
    for (let i = this.start; i < this.end; i++) {
      const k = (this.ints as Int32Array)[i] as number;
      if (k >= 0) yield [k, (this.nums as Float64Array)[i * this.width] as number];
    }
  }

  *keys(): IterableIterator<number> {
    for (const [k] of this.entries()) yield k;
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }

  /**
   * Drops entries from the oldest end while their time is before `t`, stopping at the first newer
   * one (so with times that are not monotonic some older entries may stay); frees the storage when
   * nothing is left.
   */
  dropOlderThan(t: number): void {
    const ints = this.ints;
    const nums = this.nums;
    if (!ints || !nums) return;
    while (this.start < this.end) {
      const k = ints[this.start] as number;
      if (k >= 0) {
        if ((nums[this.start * this.width] as number) >= t) break;
        this.delete(k);
      }
      this.start++;
    }
    if (this.live === 0) {
      this.ints = null;
      this.nums = null;
      this.cap = this.start = this.end = 0;
    } else if (this.live * 4 < this.cap && this.cap > 8) {
      this.rebuild(Math.max(8, Math.ceil(this.live * 1.5)));
    }
  }

  private evictOldest(): void {
    const ints = this.ints as Int32Array;
    while ((ints[this.start] as number) < 0) this.start++;
    this.delete(ints[this.start] as number);
    this.start++;
  }

  private find(key: number): number {
    const slot = this.slotOf(key);
    return slot < 0 ? -1 : ((this.ints as Int32Array)[slot] as number) - 1;
  }

  /** Index slot holding `key`, or -1. */
  private slotOf(key: number): number {
    const ints = this.ints;
    if (!ints || key < 0) return -1;
    const base = this.cap;
    const mask = this.mask;
    for (let h = hash(key, this.bits); ; h = (h + 1) & mask) {
      const v = ints[base + h] as number;
      if (v === 0) return -1;
      if (v > 0 && ints[v - 1] === key) return base + h;
    }
  }

  private indexInsert(key: number, at: number): void {
    const ints = this.ints as Int32Array;
    const base = this.cap;
    const mask = this.mask;
    let h = hash(key, this.bits);
    while ((ints[base + h] as number) !== 0) h = (h + 1) & mask;
    ints[base + h] = at + 1;
  }

  /**
   * Out of positions: compacts live entries to the front, growing by half when more than three
   * quarters are live. Every position is indexed at most once between rebuilds and the index has
   * at least twice as many slots as there are positions, so it stays at most half full.
   */
  private makeRoom(): void {
    this.rebuild(this.live * 4 > this.cap * 3 || this.cap === 0 ? Math.min(Math.max(8, Math.ceil(this.cap * 1.5)), this.limit + 1) : this.cap);
  }

  /** Moves the live entries, oldest first, into fresh storage of `cap` positions. */
  private rebuild(cap: number): void {
    const oldInts = this.ints;
    const oldNums = this.nums;
    let bits = 3;
    while (1 << bits < cap * 2) bits++;
    const w = this.width;
    const buf = new ArrayBuffer(cap * w * 8 + (cap + (1 << bits)) * 4);
    const nums = new Float64Array(buf, 0, cap * w);
    const ints = new Int32Array(buf, cap * w * 8, cap + (1 << bits));
    const from = this.start;
    const to = this.end;
    this.ints = ints;
    this.nums = nums;
    this.cap = cap;
    this.bits = bits;
    this.mask = (1 << bits) - 1;
    this.start = 0;
    this.end = 0;
    if (!oldInts || !oldNums) return;
    for (let i = from; i < to; i++) {
      const k = oldInts[i] as number;
      if (k < 0) continue;
      const at = this.end++;
      ints[at] = k;
      for (let j = 0; j < w; j++) nums[at * w + j] = oldNums[i * w + j] as number;
      this.indexInsert(k, at);
    }
  }
}

function hash(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}
