import { foldText } from './normalize.ts';
import { JiebaSegmenter, type Segmenter } from './segmenter.ts';
import { stem } from './stemmer.ts';

// Function words that match nearly every note; dropping them keeps posting lists short and makes
// AND queries behave. Chinese entries are the ones jieba emits as standalone tokens.
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'from', 'in', 'is', 'it', 'of', 'on',
  'or', 'so', 'that', 'the', 'this', 'to', 'was', 'with', 'i', 'my', 'me', 'we', 'you',
  '的', '了', '是', '在', '和', '也', '就', '都', '而', '及', '与', '着', '或', '吗', '呢', '吧', '啊',
  '呀', '哦', '嘛', '我', '你', '他', '她', '它', '这', '那', '有', '很', '还', '又', '被', '把', '给',
]);

// Xiaohongshu marks topic types and emoji as `[话题]`, `[哭惹R]`: layout noise, not words.
const BRACKET_CODES = /\[[^\[\]\s]{1,8}\]/g;
const WORDLIKE = /[\p{L}\p{N}]/u;
const LATIN = /^[a-z0-9'’]+$/;
const MAX_TERM = 40;

/** Prefix that keeps a hashtag a single term distinct from the same word in running text. */
export const TAG_MARK = '#';

/** Turns text into index and query terms; one instance per index so both sides agree. */
export class Analyzer {
  constructor(readonly segmenter: Segmenter = new JiebaSegmenter()) {}

  /** Index terms with repeats (term frequency matters), fine-grained segmentation. */
  indexTerms(text: string): string[] {
    return this.clean(this.segmenter.cutIndex(this.prepare(text)));
  }

  /** Query terms, de-duplicated, precise segmentation. */
  queryTerms(text: string): string[] {
    return [...new Set(this.clean(this.segmenter.cutQuery(this.prepare(text))))];
  }

  /** Fine-grained terms of a query word, used when its precise form is unknown to the index. */
  subTerms(term: string): string[] {
    return [...new Set(this.clean(this.segmenter.cutIndex(term)))].filter((t) => t !== term);
  }

  /** Each tag once as a whole term (`#tag`) plus its words, so `#穿搭` and 穿搭 both find it. */
  tagTerms(tags: readonly string[]): string[] {
    const out: string[] = [];
    for (const t of tags) {
      const f = foldText(t);
      if (!f) continue;
      out.push(TAG_MARK + f);
      for (const w of this.indexTerms(f)) out.push(w);
    }
    return out;
  }

  /** Folds a single word the way terms are folded (for stems and prefixes). */
  normalizeWord(w: string): string {
    return LATIN.test(w) ? stem(w.replace(/['’]/g, '')) : w;
  }

  private prepare(text: string): string {
    return foldText(text).replace(BRACKET_CODES, ' ');
  }

  private clean(tokens: string[]): string[] {
    const out: string[] = [];
    for (const raw of tokens) {
      if (raw.length > MAX_TERM || !WORDLIKE.test(raw)) continue;
      const t = raw.trim();
      if (!t || STOP_WORDS.has(t)) continue;
      out.push(this.normalizeWord(t));
    }
    return out;
  }
}
