/** A growable set of small non-negative integers (user indexes) packed 32 to a word. */
export class Bitset {
  words: Uint32Array;

  constructor(capacityBits = 1024) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacityBits / 32)));
  }

  /** Sets bit `i`; returns true when it was clear. */
  add(i: number): boolean {
    const w = i >>> 5;
    if (w >= this.words.length) this.grow(w + 1);
    const mask = 1 << (i & 31);
    const old = this.words[w] as number;
    if ((old & mask) !== 0) return false;
    this.words[w] = old | mask;
    return true;
  }

  has(i: number): boolean {
    const w = i >>> 5;
    return w < this.words.length && ((this.words[w] as number) & (1 << (i & 31))) !== 0;
  }

  count(): number {
    let n = 0;
    for (let w = 0; w < this.words.length; w++) n += popcount(this.words[w] as number);
    return n;
  }

  /** Calls `fn` for every member, ascending. */
  forEach(fn: (i: number) => void): void {
    const words = this.words;
    for (let w = 0; w < words.length; w++) {
      let x = words[w] as number;
      while (x !== 0) {
        const low = x & -x;
        fn((w << 5) + (31 - Math.clz32(low)));
        x ^= low;
      }
    }
  }

  /** ORs `other` into this set. */
  orWith(other: Bitset): void {
    if (other.words.length > this.words.length) this.grow(other.words.length);
    const a = this.words;
    const b = other.words;
    for (let w = 0; w < b.length; w++) a[w] = (a[w] as number) | (b[w] as number);
  }

  private grow(minWords: number): void {
    const next = new Uint32Array(Math.max(minWords, this.words.length * 2));
    next.set(this.words);
    this.words = next;
  }
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** |a ∩ b| without building the intersection. */
export function intersectCount(a: Bitset, b: Bitset): number {
  const x = a.words;
  const y = b.words;
  const n = Math.min(x.length, y.length);
  let c = 0;
  for (let w = 0; w < n; w++) c += popcount((x[w] as number) & (y[w] as number));
  return c;
}

/** The union of several sets (an empty set for none). */
export function unionOf(sets: readonly (Bitset | undefined)[]): Bitset {
  const out = new Bitset();
  for (const s of sets) if (s !== undefined) out.orWith(s);
  return out;
}
