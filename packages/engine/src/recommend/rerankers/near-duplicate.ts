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
  const signatures = new WeakMap<NoteMeta, Set<string>>();
  const signatureOf = (m: NoteMeta): Set<string> => {
    let s = signatures.get(m);
    if (!s) {
      s = titleBigrams(m.title);
      signatures.set(m, s);
    }
    return s;
  };
  return {
    name: 'near-duplicate',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const depth = Math.min(items.length, Math.ceil(ctx.limit * depthFactor));
      const placed: Set<string>[] = [];
      let changed = false;
      for (let i = 0; i < depth; i++) {
        const it = items[i] as RankedItem;
        const sig = signatureOf(it.meta);
        if (sig.size === 0) continue;
        if (placed.some((p) => jaccard(p, sig) >= threshold)) {
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
