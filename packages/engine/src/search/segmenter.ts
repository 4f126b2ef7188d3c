import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/** Splits folded text into words. Index mode may emit overlapping sub-words; query mode does not. */
export interface Segmenter {
  readonly name: string;
  cutIndex(text: string): string[];
  cutQuery(text: string): string[];
  /** Names the dictionary and settings behind the cuts, so analysed text can say what made it. */
  signature?(): string;
}

/**
 * Lifestyle slang the stock jieba dictionary splits apart (小红|书, 保姆|级, 穿|搭). Entries are
 * folded (lower case) because the analyzer folds text before segmenting.
 */
export const LIFESTYLE_WORDS: readonly string[] = [
  '小红书', '种草', '拔草', '探店', '码农', '保姆级', '美妆', '好物', '穿搭', '平替', 'deepseek',
  '护肤', '彩妆', '妆容', '素颜', '早八', '打卡', '网红', '绝绝子', '干货', '攻略', '测评', '开箱',
  '显瘦', '减脂', '健身房', '咖啡店', '城市漫步', 'citywalk', '露营', '宝藏', '氛围感', '高级感',
  '性价比', '复购', '回购', '安利', '避雷', '踩雷', '同款', '上头', '治愈', '松弛感', '多巴胺',
];

// jieba's text dictionary format: word, frequency, part of speech. A high frequency keeps the word whole.
function userDictionary(words: readonly string[]): Uint8Array {
  return utf8(words.map((w) => `${w} 200000 n`).join('\n') + '\n');
}

// The engine has no DOM or Node typings, so no TextEncoder: a minimal UTF-8 encoder will do.
function utf8(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

let shared: Jieba | null = null;
// What the shared instance holds: the stock dictionary's hash and every user word loaded into it, in order.
let sharedSignature = 'jieba:';

/** 32-bit FNV-1a of bytes, as base 36. */
function hashBytes(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return (h >>> 0).toString(36);
}

function loadWords(j: Jieba, words: readonly string[]): void {
  const d = userDictionary(words);
  j.loadDict(d);
  sharedSignature += `+${hashBytes(d)}`;
}

/** jieba (native, dictionary + HMM) with the lifestyle user dictionary; the instance is shared per process. */
export class JiebaSegmenter implements Segmenter {
  readonly name = 'jieba';
  private readonly jieba: Jieba;
  constructor(extraWords: readonly string[] = []) {
    if (!shared) {
      shared = Jieba.withDict(dict);
      sharedSignature = `jieba:${hashBytes(dict)}`;
      loadWords(shared, LIFESTYLE_WORDS);
    }
    this.jieba = shared;
    if (extraWords.length > 0) loadWords(this.jieba, extraWords.map((w) => w.toLowerCase()));
  }
  signature(): string {
    return sharedSignature;
  }
  cutIndex(text: string): string[] {
    return this.jieba.cutForSearch(text, true);
  }
  cutQuery(text: string): string[] {
    return this.jieba.cut(text, true);
  }
}

// Intl.Segmenter slows down badly on long unbroken strings, so it is fed short runs.
const RUN = /[^\s\p{P}\p{S}]+/gu;

/**
 * Dependency-free fallback on the ICU dictionary. It keeps Latin words whole but splits most
 * lifestyle slang into single characters, so recall holds and precision drops.
 */
export class IntlSegmenter implements Segmenter {
  readonly name = 'intl';
  private readonly seg = new Intl.Segmenter('zh', { granularity: 'word' });
  cutIndex(text: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(RUN)) {
      for (const s of this.seg.segment(m[0])) if (s.isWordLike) out.push(s.segment);
    }
    return out;
  }
  cutQuery(text: string): string[] {
    return this.cutIndex(text);
  }
  signature(): string {
    // The ICU data behind it has no version to read here; the analyser's probe text covers changes in its cuts.
    return 'intl';
  }
}
