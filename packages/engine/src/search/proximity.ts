// Term proximity for Chinese queries: among notes that have only some of the query words, those that keep two
// neighbouring words together (拍照技巧 of 手机拍照技巧) are about what the words say together, not about each word
// somewhere in a long text. Notes with every word keep their plain order: there, a pair written apart (小个子 …
// 穿搭 in one tag, 小个子显高显瘦穿搭) is as much on topic, and re-ranking them costs every query.
import { TopK } from './top-k.ts';

const HAN_ONLY = /^\p{Script=Han}+$/u;
/** How much a note gains when it holds every neighbouring pair of query words together, relative to its score. */
export const PROXIMITY_BOOST = 0.5;
/** Candidates re-ranked by proximity: enough that a note just below the page can move onto it. */
export const PROXIMITY_DEPTH = 50;

/**
 * Neighbouring query words joined (拍照 + 技巧 → 拍照技巧), Chinese words of two characters or more only: the precise
 * segmentation of one typed run, so neighbours were typed together unless a stop or question word stood between
 * them, and such a pair rarely occurs anywhere. A one-character word (能, 做) joins its neighbour in too many
 * unrelated phrases (能做, 在家做) to say anything.
 */
export function adjacentPairs(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i] as string;
    const b = words[i + 1] as string;
    const pair = a + b;
    if ([...a].length >= 2 && [...b].length >= 2 && HAN_ONLY.test(pair) && !out.includes(pair)) out.push(pair);
  }
  return out;
}

/**
 * `top` re-ranked with each note's score raised by PROXIMITY_BOOST times the share of `pairs` it holds together
 * (`share` reads the note), keeping the best `k`.
 */
export function nearerFirst(top: TopK, pairs: readonly string[], k: number, share: (doc: number, pairs: readonly string[]) => number): TopK {
  const out = new TopK(k);
  for (const e of top.drain()) out.push(e.score * (1 + PROXIMITY_BOOST * share(e.doc, pairs)), e.doc);
  return out;
}
