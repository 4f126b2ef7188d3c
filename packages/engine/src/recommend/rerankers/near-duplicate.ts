import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { grow } from '../../typed-arrays.ts';

/**
 * Template-like titles ("坚持8周，我的早晚护肤顺序" / "坚持10周，我的早晚护肤顺序") read as one note shown
 * twice. Titles are compared by character-bigram Jaccard similarity, digits and punctuation ignored; a note too
 * close to one already placed higher is multiplied by `penalty`. Only the head of the list is examined, since
 * that is all a page can show.
 */
export function nearDuplicate(params: Params, deps: ComponentDeps): Reranker {
  const { sort } = deps;
  const threshold = numParam(params, 'threshold', 0.55, 0, 1);
  const penalty = numParam(params, 'penalty', 0.3, 0, 1);
  const depthFactor = numParam(params, 'depth', 4, 1, 50);
  const signatures = new SignatureStore();
  // Reused by every request (a request runs to completion before the next starts).
  const placed = new PlacedTitles(threshold);
  return {
    name: 'near-duplicate',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const depth = Math.min(items.length, Math.ceil(ctx.limit * depthFactor));
      placed.reset();
      let changed = false;
      for (let i = 0; i < depth; i++) {
        const it = items[i] as RankedItem;
        const sig = signatures.of(it.meta);
        if (sig.length === 0) continue;
        if (placed.hasSimilar(sig)) {
          it.score *= penalty;
          changed = true;
        } else placed.add(sig);
      }
      return changed ? sort.sortByScore(items) : items;
    },
  };
}

/**
 * Title signatures by catalog index, computed on first use and kept while the note's metadata is the same object
 * (an edit replaces it). An array by index rather than a WeakMap keyed by metadata: nothing for the collector to
 * trace per note.
 */
class SignatureStore {
  private readonly metas: (NoteMeta | undefined)[] = [];
  private readonly sigs: (Uint32Array | undefined)[] = [];

  of(m: NoteMeta): Uint32Array {
    const ix = m.ix;
    if (ix < this.metas.length && this.metas[ix] === m) return this.sigs[ix] as Uint32Array;
    const sig = bigramCodes(titleBigrams(m.title));
    // Grown one slot at a time so the arrays stay dense (a far write into an empty array makes it a dictionary).
    while (this.metas.length <= ix) {
      this.metas.push(undefined);
      this.sigs.push(undefined);
    }
    this.metas[ix] = m;
    this.sigs[ix] = sig;
    return sig;
  }
}

/**
 * The titles placed so far, indexed for "is any of them at least `threshold` similar to this one?" by prefix
 * filtering: a pair with Jaccard ≥ t shares at least ⌈t·n⌉ of each side's n codes, so the first n − ⌈t·n⌉ + 1 codes
 * (in one fixed order, here ascending) of both sides have a code in common. Only placed titles sharing a prefix
 * code with the new one are compared in full; the answer is the same as comparing with every placed title.
 * The code index is a chained hash table in typed arrays (bigram codes of CJK text do not fit small integers, and a
 * Map would box every one), cleared by bumping a generation instead of refilling.
 */
class PlacedTitles {
  private readonly sigs: Uint32Array[] = [];
  /** Per placed title, the last query that compared it, so a title sharing several prefix codes is compared once. */
  private lastQuery = new Int32Array(64);
  private query = 0;
  private mask = 1023;
  /** Bucket → first entry, valid when `headGen` holds the current generation. */
  private head = new Int32Array(1024);
  private headGen = new Int32Array(1024);
  private gen = 1;
  /** Entries: code, placed title, next entry in the bucket (-1 ends). */
  private codes = new Uint32Array(1024);
  private owner = new Int32Array(1024);
  private next = new Int32Array(1024);
  private entries = 0;

  constructor(private readonly threshold: number) {}

  reset(): void {
    this.sigs.length = 0;
    this.entries = 0;
    this.gen++;
    if (this.gen === 0x7fffffff) {
      this.gen = 1;
      this.headGen.fill(0);
    }
  }

  hasSimilar(sig: Uint32Array): boolean {
    // With t = 0 every non-empty pair matches, code in common or not.
    if (this.threshold <= 0) return this.sigs.length > 0;
    const q = ++this.query;
    for (let i = 0, n = this.prefixLength(sig.length); i < n; i++) {
      const code = sig[i] as number;
      const b = bucket(code, this.mask);
      if (this.headGen[b] !== this.gen) continue;
      for (let e = this.head[b] as number; e >= 0; e = this.next[e] as number) {
        if (this.codes[e] !== code) continue;
        const j = this.owner[e] as number;
        if (this.lastQuery[j] === q) continue;
        this.lastQuery[j] = q;
        if (similarAtLeast(this.sigs[j] as Uint32Array, sig, this.threshold)) return true;
      }
    }
    return false;
  }

  add(sig: Uint32Array): void {
    const j = this.sigs.length;
    this.sigs.push(sig);
    if (j >= this.lastQuery.length) this.lastQuery = grow(this.lastQuery, j + 1);
    this.lastQuery[j] = 0;
    const n = this.prefixLength(sig.length);
    if (this.entries + n > this.codes.length) this.growEntries(this.entries + n);
    for (let i = 0; i < n; i++) {
      const code = sig[i] as number;
      const b = bucket(code, this.mask);
      const e = this.entries++;
      this.codes[e] = code;
      this.owner[e] = j;
      this.next[e] = this.headGen[b] === this.gen ? (this.head[b] as number) : -1;
      this.head[b] = e;
      this.headGen[b] = this.gen;
    }
  }

  /** n − o + 1 with o = ⌊t·n⌋ ≤ ⌈t·n⌉: never shorter than the exact prefix, whatever the rounding of t·n. */
  private prefixLength(n: number): number {
    return Math.min(n, n - Math.floor(this.threshold * n) + 1);
  }

  private growEntries(min: number): void {
    this.codes = grow(this.codes, min);
    this.owner = grow(this.owner, this.codes.length);
    this.next = grow(this.next, this.codes.length);
  }
}

function bucket(code: number, mask: number): number {
  return (Math.imul(code, 0x9e3779b1) >>> 16) & mask;
}

/** Lower-cased character bigrams of a title, with digits, punctuation, symbols and spaces removed. */
export function titleBigrams(title: string): Set<string> {
  const letters = title.toLowerCase().replace(/[^\p{L}]+/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < letters.length; i++) out.add(letters.slice(i, i + 2));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let inter = 0;
  for (const x of small) if (large.has(x)) inter++;
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** A title's bigrams as sorted numeric codes (two UTF-16 units → one 32-bit number), for merge-based comparison. */
export function bigramCodes(bigrams: Set<string>): Uint32Array {
  const out = new Uint32Array(bigrams.size);
  let i = 0;
  for (const b of bigrams) out[i++] = b.charCodeAt(0) * 0x10000 + b.charCodeAt(1);
  return out.sort();
}

/**
 * `jaccard` of the two sets the sorted code arrays stand for is ≥ `threshold`. The size ratio bounds
 * the similarity from above, so most pairs are settled without comparing any bigram.
 */
export function similarAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): boolean {
  const na = a.length;
  const nb = b.length;
  // inter ≤ min and union ≥ max; rounding is monotone, so min / max < threshold rules the pair out exactly.
  if (na > 0 && nb > 0 && Math.min(na, nb) / Math.max(na, nb) < threshold) return false;
  // The least intersection that passes, as the final test computes it: the ratio grows with the intersection, so
  // once the bigrams left cannot reach it the answer is no.
  let need = Math.max(0, Math.floor((threshold * (na + nb)) / (1 + threshold)) - 1);
  while (need < Math.min(na, nb) && need / (na + nb - need) < threshold) need++;
  let inter = 0;
  for (let i = 0, j = 0; i < na && j < nb; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else {
      if (x < y) i++;
      else j++;
      if (inter + Math.min(na - i, nb - j) < need) return false;
    }
  }
  const union = na + nb - inter;
  return union !== 0 && inter / union >= threshold;
}
