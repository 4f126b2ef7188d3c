import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

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
  const signatures = new WeakMap<NoteMeta, Uint32Array>();
  const signatureOf = (m: NoteMeta): Uint32Array => {
    let s = signatures.get(m);
    if (!s) {
      s = bigramCodes(titleBigrams(m.title));
      signatures.set(m, s);
    }
    return s;
  };
  return {
    name: 'near-duplicate',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const depth = Math.min(items.length, Math.ceil(ctx.limit * depthFactor));
      const placed: Uint32Array[] = [];
      let changed = false;
      for (let i = 0; i < depth; i++) {
        const it = items[i] as RankedItem;
        const sig = signatureOf(it.meta);
        if (sig.length === 0) continue;
        if (placed.some((p) => similarAtLeast(p, sig, threshold))) {
          it.score *= penalty;
          changed = true;
        } else placed.push(sig);
      }
      return changed ? items.sort((a, b) => b.score - a.score) : items;
    },
  };
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
function bigramCodes(bigrams: Set<string>): Uint32Array {
  const out = new Uint32Array(bigrams.size);
  let i = 0;
  for (const b of bigrams) out[i++] = b.charCodeAt(0) * 0x10000 + b.charCodeAt(1);
  return out.sort();
}

/**
 * `jaccard` of the two sets the sorted code arrays stand for is ≥ `threshold`. The size ratio bounds
 * the similarity from above, so most pairs are settled without comparing any bigram.
 */
function similarAtLeast(a: Uint32Array, b: Uint32Array, threshold: number): boolean {
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
