import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { scoreOf, sortByKeyDesc } from '../pipeline/sort.ts';

/**
 * Template-like titles ("坚持8周，我的早晚护肤顺序" / "坚持10周，我的早晚护肤顺序") read as one note shown
 * twice. Titles are compared by character-bigram Jaccard similarity, digits and punctuation ignored; a note too
 * close to one already placed higher is multiplied by `penalty`. Only the head of the list is examined, since
 * that is all a page can show.
 */
export function nearDuplicate(params: Params): Reranker {
  const threshold = numParam(params, 'threshold', 0.55, 0, 1);
  const penalty = numParam(params, 'penalty', 0.3, 0, 1);
  const depthFactor = numParam(params, 'depth', 4, 1, 50);
  const signatures = new SignatureStore();
  return {
    name: 'near-duplicate',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const depth = Math.min(items.length, Math.ceil(ctx.limit * depthFactor));
      const placed = new PlacedTitles(threshold);
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
      return changed ? sortByKeyDesc(items, scoreOf) : items;
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
    if (this.metas[m.ix] === m) return this.sigs[m.ix] as Uint32Array;
    const sig = bigramCodes(titleBigrams(m.title));
    this.metas[m.ix] = m;
    this.sigs[m.ix] = sig;
    return sig;
  }
}

/**
 * The titles placed so far, indexed for "is any of them at least `threshold` similar to this one?" by prefix
 * filtering: a pair with Jaccard ≥ t shares at least ⌈t·n⌉ of each side's n codes, so the first n − ⌈t·n⌉ + 1 codes
 * (in one fixed order, here ascending) of both sides have a code in common. Only placed titles sharing a prefix
 * code with the new one are compared in full; the answer is the same as comparing with every placed title.
 */
class PlacedTitles {
  private readonly sigs: Uint32Array[] = [];
  private readonly byCode = new Map<number, number[]>();
  /** Per placed title, the last query that compared it, so a title sharing several prefix codes is compared once. */
  private readonly lastQuery: number[] = [];
  private query = 0;

  constructor(private readonly threshold: number) {}

  hasSimilar(sig: Uint32Array): boolean {
    // With t = 0 every non-empty pair matches, code in common or not.
    if (this.threshold <= 0) return this.sigs.length > 0;
    const q = ++this.query;
    for (let i = 0, n = this.prefixLength(sig.length); i < n; i++) {
      const holders = this.byCode.get(sig[i] as number);
      if (!holders) continue;
      for (const j of holders) {
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
    this.lastQuery.push(0);
    for (let i = 0, n = this.prefixLength(sig.length); i < n; i++) {
      const code = sig[i] as number;
      const holders = this.byCode.get(code);
      if (holders) holders.push(j);
      else this.byCode.set(code, [j]);
    }
  }

  /** n − o + 1 with o = ⌊t·n⌋ ≤ ⌈t·n⌉: never shorter than the exact prefix, whatever the rounding of t·n. */
  private prefixLength(n: number): number {
    return Math.min(n, n - Math.floor(this.threshold * n) + 1);
  }
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
  let inter = 0;
  for (let i = 0, j = 0; i < na && j < nb; ) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = na + nb - inter;
  return union !== 0 && inter / union >= threshold;
}
