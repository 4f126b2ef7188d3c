import { grow } from '../typed-arrays.ts';
import { SortedKeys } from './sorted-keys.ts';

/** Indexed fields, in the order their term frequencies are packed into a posting. */
export const FIELDS = ['title', 'tags', 'body'] as const;
export type Field = (typeof FIELDS)[number];

/** BM25F parameters: per-field weight and length normalisation, one saturation constant. */
export interface Bm25fParams {
  k1: number;
  weight: Record<Field, number>;
  b: Record<Field, number>;
}

export const DEFAULT_BM25F: Bm25fParams = {
  k1: 1.2,
  weight: { title: 2.5, tags: 2, body: 1 },
  b: { title: 0.5, tags: 0.3, body: 0.75 },
};

// A posting is two int32s, [doc, packed tf]: title tf in bits 0-7, tags in 8-15, body in 16-30.
// No per-posting objects, so a million notes cost tens of MB of postings, not gigabytes.
const SHIFT = [0, 8, 16];
const INLINE = 2;
const MAX_TF = [255, 255, 32767];
const HAN = /\p{Script=Han}/u;
// Longer Han terms (whole hashtags, mostly) are left out of the character map: typos are corrected in words.
const MAX_CHAR_INDEXED = 9;

/**
 * In-memory inverted index keyed by the catalog's dense note index. Each term's postings are one
 * Int32Array kept sorted by doc, so AND queries can gallop and edits can binary-search in place.
 */
export class InvertedIndex {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly keys = new SortedKeys();
  // Han terms (tags without their mark) by each of their characters: candidates for typo correction.
  private readonly byChar = new Map<string, number[]>();
  // Most terms are rare: their first INLINE postings live in one shared slab rather than in an
  // Int32Array of their own, whose object overhead would outweigh the postings many times over.
  private lists: (Int32Array | undefined)[] = [];
  private slab = new Int32Array(1024 * INLINE * 2);
  private counts = new Int32Array(1024);
  // Each term's length in UTF-16 units, at most 255: typo correction reads it for thousands of terms per word.
  private lengths = new Uint8Array(1024);
  private readonly lens: Uint16Array[] = [new Uint16Array(1024), new Uint16Array(1024), new Uint16Array(1024)];
  private readonly totals = [0, 0, 0];
  private docs = 0;

  constructor(readonly params: Bm25fParams = DEFAULT_BM25F) {}

  get docCount(): number {
    return this.docs;
  }

  get termCount(): number {
    return this.ids.size;
  }

  termId(term: string): number {
    return this.ids.get(term) ?? -1;
  }

  /** The term's text. */
  termText(tid: number): string {
    return this.names[tid] as string;
  }

  /** Han terms (and hashtags, whose text starts with the tag mark) containing the character, oldest first. */
  /** The term's length in UTF-16 units, or 255 for any longer term. */
  termLength(tid: number): number {
    return this.lengths[tid] as number;
  }

  termsWithChar(ch: string): readonly number[] {
    return this.byChar.get(ch) ?? [];
  }

  df(tid: number): number {
    return tid < 0 ? 0 : (this.counts[tid] as number);
  }

  /** The term's postings (interleaved doc, packed tf) and how many there are. */
  postings(tid: number): Int32Array {
    return this.lists[tid] ?? this.slab.subarray(tid * INLINE * 2, (tid + 1) * INLINE * 2);
  }

  /** Terms starting with `prefix`, most frequent first. */
  termsWithPrefix(prefix: string, limit: number, maxScan = 2000): number[] {
    return this.keys
      .withPrefix(prefix, maxScan)
      .map((k) => this.ids.get(k) as number)
      .filter((t) => this.df(t) > 0)
      .sort((a, b) => this.df(b) - this.df(a))
      .slice(0, limit);
  }

  /** Terms starting with `prefix` in no particular order, at most `maxScan` of them, unused ones included. */
  termsStartingWith(prefix: string, maxScan: number): number[] {
    return this.keys.withPrefix(prefix, maxScan).map((k) => this.ids.get(k) as number);
  }

  /** Adds a document's field terms; the doc must not be indexed already. */
  add(doc: number, fields: readonly (readonly string[])[]): void {
    this.ensureDoc(doc);
    const tf = new Map<string, number>();
    fields.forEach((terms, f) => {
      const shift = SHIFT[f] as number;
      const max = MAX_TF[f] as number;
      for (const t of terms) {
        const packed = tf.get(t) ?? 0;
        if (((packed >>> shift) & max) < max) tf.set(t, packed + (1 << shift));
      }
      const len = Math.min(terms.length, 65535);
      (this.lens[f] as Uint16Array)[doc] = len;
      this.totals[f] = (this.totals[f] as number) + len;
    });
    for (const [term, packed] of tf) this.insert(this.intern(term), doc, packed);
    this.docs++;
  }

  /** Removes a document given the same field terms it was added with. */
  remove(doc: number, fields: readonly (readonly string[])[]): void {
    const seen = new Set<string>();
    for (const terms of fields) for (const t of terms) seen.add(t);
    for (const t of seen) {
      const tid = this.ids.get(t);
      if (tid !== undefined) this.delete(tid, doc);
    }
    for (let f = 0; f < 3; f++) {
      this.totals[f] = (this.totals[f] as number) - ((this.lens[f] as Uint16Array)[doc] as number);
      (this.lens[f] as Uint16Array)[doc] = 0;
    }
    this.docs--;
  }

  /** Trims every posting list to its length (lists grow by doubling while indexing). */
  compact(): void {
    for (let t = 0; t < this.lists.length; t++) {
      const list = this.lists[t];
      const used = Math.max(2, (this.counts[t] as number) * 2);
      if (list && list.length > used) this.lists[t] = list.slice(0, used);
    }
  }

  /** Inverse document frequency (BM25's, always positive). */
  idf(tid: number): number {
    const df = this.df(tid);
    return Math.log(1 + (this.docs - df + 0.5) / (df + 0.5));
  }

  /** Per-query constants so the inner loop does no property lookups; `weights` overrides field weights. */
  scorer(weights?: Partial<Record<Field, number>>): (idf: number, packed: number, doc: number) => number {
    const { k1, b } = this.params;
    const weight = { ...this.params.weight, ...weights };
    const [lt, lg, lb] = this.lens as [Uint16Array, Uint16Array, Uint16Array];
    const n = Math.max(1, this.docs);
    const at = Math.max(1e-9, (this.totals[0] as number) / n);
    const ag = Math.max(1e-9, (this.totals[1] as number) / n);
    const ab = Math.max(1e-9, (this.totals[2] as number) / n);
    const wt = weight.title, wg = weight.tags, wb = weight.body;
    const bt = b.title, bg = b.tags, bb = b.body;
    return (idf, packed, doc) => {
      const t = packed & 255;
      const g = (packed >>> 8) & 255;
      const x = packed >>> 16;
      let tf = 0;
      if (t) tf += (wt * t) / (1 - bt + (bt * (lt[doc] as number)) / at);
      if (g) tf += (wg * g) / (1 - bg + (bg * (lg[doc] as number)) / ag);
      if (x) tf += (wb * x) / (1 - bb + (bb * (lb[doc] as number)) / ab);
      return (idf * tf) / (k1 + tf);
    };
  }

  private intern(term: string): number {
    let tid = this.ids.get(term);
    if (tid !== undefined) return tid;
    tid = this.lists.length;
    this.ids.set(term, tid);
    this.names.push(term);
    this.keys.add(term);
    if (term.length <= MAX_CHAR_INDEXED && HAN.test(term)) {
      for (const ch of new Set(term)) if (HAN.test(ch)) (this.byChar.get(ch) ?? this.byChar.set(ch, []).get(ch)!).push(tid);
    }
    this.lists.push(undefined);
    if (tid >= this.counts.length) this.counts = grow(this.counts, tid + 1);
    if (tid >= this.lengths.length) this.lengths = grow(this.lengths, tid + 1);
    this.lengths[tid] = Math.min(255, term.length);
    if ((tid + 1) * INLINE * 2 > this.slab.length) this.slab = grow(this.slab, (tid + 1) * INLINE * 2);
    return tid;
  }

  private insert(tid: number, doc: number, packed: number): void {
    let list = this.postings(tid);
    const n = this.counts[tid] as number;
    if ((n + 1) * 2 > list.length) {
      // Doubling: growing by less saves spare capacity (a quarter of the postings on average) but
      // allocates several times the final size in ArrayBuffers while indexing, and the extra
      // external-memory garbage collections cost ~15% of indexing time.
      const own = new Int32Array(Math.max(8, list.length * 2));
      own.set(list);
      list = own;
      this.lists[tid] = list;
    }
    // Notes arrive in index order, so the common case is an append.
    let at = n;
    if (n > 0 && (list[(n - 1) * 2] as number) >= doc) {
      at = search(list, n, doc);
      if (at < n && list[at * 2] === doc) {
        list[at * 2 + 1] = packed;
        return;
      }
      list.copyWithin(at * 2 + 2, at * 2, n * 2);
    }
    list[at * 2] = doc;
    list[at * 2 + 1] = packed;
    this.counts[tid] = n + 1;
  }

  private delete(tid: number, doc: number): void {
    const list = this.postings(tid);
    const n = this.counts[tid] as number;
    const at = search(list, n, doc);
    if (at >= n || list[at * 2] !== doc) return;
    list.copyWithin(at * 2, at * 2 + 2, n * 2);
    this.counts[tid] = n - 1;
  }

  private ensureDoc(doc: number): void {
    for (let f = 0; f < 3; f++) {
      const a = this.lens[f] as Uint16Array;
      if (doc >= a.length) this.lens[f] = grow(a, doc + 1);
    }
  }
}

/** First posting index whose doc is ≥ `doc` among the first `n` postings. */
export function search(list: Int32Array, n: number, doc: number, from = 0): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid * 2] as number) < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
