import { normalizeTag } from '../domain/hashtags.ts';
import { foldText } from './normalize.ts';
import { IntlSegmenter, type Segmenter } from './segmenter.ts';
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
const BRACKET_CODES = /\[[^[\]\s]{1,8}\]/g;
// The hashtag shapes parseHashtags reads: `#话题#`, `#tag[话题]#`, `#tag`.
const HASHTAG = /#([^#\s[\]]{1,40})(?:\[[^\]#]{1,10}\])?#|#([\p{L}\p{N}_][\p{L}\p{N}_-]{0,39})/gu;
const WORDLIKE = /[\p{L}\p{N}]/u;
const LATIN = /^[a-z0-9'’]+$/;
const MAX_TERM = 40;

/** Prefix that keeps a hashtag a single term distinct from the same word in running text. */
export const TAG_MARK = '#';

/**
 * Raise when analysis changes in a way the probes below may not show (a new stop word is caught by the
 * stop-word hash, a changed dictionary by the segmenter signature, most code changes by the probe output).
 */
const REVISION = 2;
// Mixed-script probes run through the whole analyser once per version: changed folding, stemming or
// segmentation changes their output and with it the version.
const PROBE_TEXT = '小红书保姆级穿搭攻略 平替好物[哭惹R] 這個 DeepSeek scarves WARMING coffee-shops 2025 ＡＢＣ';
const PROBE_TAGS = ['围巾这样搭', 'GRWM', 'citywalk'];

/**
 * A note's analysed text, per indexed field, as the index takes it. Made once when a note is written and
 * stored beside it, so a restart indexes without segmenting. `analyzer` and `text` say which analyser made
 * the terms from which text: terms that do not match both are analysed afresh rather than trusted.
 */
export interface NoteTerms {
  /** `Analyzer.version` of the analyser that made them. */
  readonly analyzer: string;
  /** `textFingerprint` of the title, tags and body they were made from. */
  readonly text: string;
  readonly title: readonly string[];
  readonly tags: readonly string[];
  readonly body: readonly string[];
}

/** The fields a note's terms come from. */
export interface NoteText {
  readonly title: string;
  readonly tags: readonly string[];
  readonly body: string;
}

/** Length and two 32-bit FNV-1a hashes of a note's title, tags and body: cheap next to segmenting them. */
export function textFingerprint(n: NoteText): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let len = 0;
  const mix = (s: string, sep: number) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ sep, 0x01000193);
    b = Math.imul(b ^ sep, 0x5bd1e995) ^ (b >>> 15);
    len += s.length + 1;
  };
  mix(n.title, 1);
  for (const t of n.tags) mix(t, 2);
  mix(n.body, 3);
  return `${len.toString(36)}.${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
}

/** 32-bit FNV-1a of strings, as base 36: for version stamps. */
export function hashStrings(parts: Iterable<string>): string {
  let h = 0x811c9dc5;
  for (const s of parts) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0xffff, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Turns text into index and query terms; one instance per index so both sides agree. */
export class Analyzer {
  private versionOf: { signature: string; version: string } | null = null;

  /** The segmenter is the engine's (see `Segmenter`); the dependency-free `IntlSegmenter` when none is given. */
  constructor(readonly segmenter: Segmenter = new IntlSegmenter()) {}

  /**
   * Names what this analyser produces: segmenter, its dictionary, stop words and the output on probe text.
   * Stored terms carry it; a different version means they are analysed again.
   */
  get version(): string {
    const signature = this.segmenter.signature?.() ?? this.segmenter.name;
    if (this.versionOf?.signature !== signature) {
      const probe = [...this.indexTerms(PROBE_TEXT), '|', ...this.queryTerms(PROBE_TEXT), '|', ...this.tagTerms(PROBE_TAGS)];
      const h = hashStrings([String(REVISION), signature, String(MAX_TERM), ...STOP_WORDS, '|', ...probe]);
      this.versionOf = { signature, version: `${this.segmenter.name}-${REVISION}-${h}` };
    }
    return this.versionOf.version;
  }

  /** Index terms of every field of a note, stamped with this analyser's version and the text's fingerprint. */
  analyzeNote(n: NoteText): NoteTerms {
    return { analyzer: this.version, text: textFingerprint(n), title: this.textTerms(n.title, n.tags), tags: this.tagTerms(n.tags), body: this.textTerms(n.body, n.tags) };
  }

  /**
   * Index terms of a title or body, without the hashtags the note also carries as tags: the tags field already
   * holds them, and counting them twice lets a note that is nothing but hashtags outrank notes about the words.
   */
  textTerms(text: string, tags: readonly string[]): string[] {
    if (tags.length === 0 || !text.includes('#')) return this.indexTerms(text);
    const carried = new Set(tags.map(normalizeTag));
    return this.indexTerms(text.replace(HASHTAG, (m, closed: string | undefined, open: string | undefined) => (carried.has(normalizeTag(closed ?? open ?? '')) ? ' ' : m)));
  }

  /** True when `terms` were made by this analyser from exactly this text, so they can stand in for analysing it. */
  fits(n: NoteText, terms: NoteTerms | null | undefined): terms is NoteTerms {
    return !!terms && terms.analyzer === this.version && terms.text === textFingerprint(n);
  }

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
