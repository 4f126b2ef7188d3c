import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { LIFESTYLE_WORDS, type Segmenter } from '@notewave/engine';

// jieba's text dictionary format: word, frequency, part of speech. The frequency of a common word: enough to keep
// the word whole inside sentences, not so much that it beats a likelier cut (多种/草药, not 多/种草/药).
const USER_WORD_FREQUENCY = 20_000;

function userDictionary(words: readonly string[]): Uint8Array {
  return new TextEncoder().encode(words.map((w) => `${w} ${USER_WORD_FREQUENCY} n`).join('\n') + '\n');
}

/** 32-bit FNV-1a of bytes, as base 36. */
function hashBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * jieba (a native addon: dictionary + HMM) with the lifestyle user dictionary and any extra words, the segmenter the
 * server hands its engine. Each instance loads its own copy of the dictionary (about 0.6 s and 50 MB) and never
 * changes it after construction, so engines sharing one instance, or holding their own, cannot affect each other.
 */
export class JiebaSegmenter implements Segmenter {
  readonly name = 'jieba';
  private readonly jieba: Jieba;
  /** The stock dictionary's hash and every user dictionary loaded, in order. */
  private readonly sig: string;

  constructor(extraWords: readonly string[] = []) {
    this.jieba = Jieba.withDict(dict);
    let sig = `jieba:${hashBytes(dict)}`;
    for (const words of [LIFESTYLE_WORDS, extraWords.map((w) => w.toLowerCase())]) {
      if (words.length === 0) continue;
      const d = userDictionary(words);
      this.jieba.loadDict(d);
      sig += `+${hashBytes(d)}`;
    }
    this.sig = sig;
  }

  signature(): string {
    return this.sig;
  }

  cutIndex(text: string): string[] {
    return this.jieba.cutForSearch(text, true);
  }

  cutQuery(text: string): string[] {
    return this.jieba.cut(text, true);
  }
}
