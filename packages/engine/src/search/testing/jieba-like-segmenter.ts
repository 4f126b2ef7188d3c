import type { Segmenter } from '../segmenter.ts';

const HAN = /\p{Script=Han}/u;

/**
 * A small stand-in for jieba in tests: greedy longest match over a word list; a run of Han characters the list does
 * not know becomes one word (as jieba's HMM joins unknown characters, 带猫 in 带猫洗澡), other runs split on
 * non-letters. Index mode also emits the listed two- and three-character words inside longer words, as
 * `cutForSearch` does, so a query word can be unknown to an index whose documents were cut finer or coarser.
 */
export function jiebaLikeSegmenter(words: readonly string[]): Segmenter {
  const dict = new Set(words);
  const longest = Math.max(1, ...words.map((w) => w.length));
  const cut = (text: string): string[] => {
    const out: string[] = [];
    for (const run of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
      let unknown = '';
      const flush = () => {
        if (unknown) out.push(unknown);
        unknown = '';
      };
      for (let i = 0; i < run.length; ) {
        if (!HAN.test(run[i] as string)) {
          flush();
          const latin = /^[^\p{Script=Han}]+/u.exec(run.slice(i))?.[0] as string;
          out.push(latin);
          i += latin.length;
          continue;
        }
        let w = '';
        for (let n = Math.min(longest, run.length - i); n >= 1 && !w; n--) if (dict.has(run.slice(i, i + n))) w = run.slice(i, i + n);
        if (w) {
          flush();
          out.push(w);
          i += w.length;
        } else unknown += run[i++] as string;
      }
      flush();
    }
    return out;
  };
  const cutIndex = (text: string): string[] =>
    cut(text).flatMap((w) => {
      if (w.length < 3) return [w];
      const inner: string[] = [];
      for (const n of [2, 3]) for (let i = 0; i + n <= w.length; i++) if (n < w.length && dict.has(w.slice(i, i + n))) inner.push(w.slice(i, i + n));
      return [...inner, w];
    });
  return { name: 'jieba-like', cutIndex, cutQuery: cut, signature: () => `jieba-like:${words.join(',')}` };
}
