import type { NoteMeta } from '../../catalog/note-catalog.ts';
import { titleTerms } from '../../catalog/title-terms.ts';
import { TAXONOMY } from '../../domain/taxonomy.ts';
import { grow } from '../../typed-arrays.ts';

/**
 * The topic hierarchy a profile is kept over, broad to narrow: category → sub-category → tag →
 * sub-topic term. Keys are prefixed so one map holds every level.
 */
export const LEVELS = ['category', 'subcategory', 'tag', 'term'] as const;
export type Level = (typeof LEVELS)[number];
const PREFIX: Record<Level, string> = { category: 'c:', subcategory: 's:', tag: 't:', term: 'w:' };

export interface TopicKey {
  readonly key: string;
  readonly level: Level;
  /** Small integer standing for `key`, the same for every note sharing it (for integer-keyed lookups). */
  readonly id: number;
  /** Index of `level` in LEVELS. */
  readonly li: number;
}

/** Default bound on keys no note uses (see `TopicKeyTable`). */
export const DEFAULT_MAX_LOOSE_TOPIC_KEYS = 65_536;

/**
 * One engine's interned topic keys: one shared TopicKey (and small integer id) per distinct key, so profiles can store
 * the integer alone, and each note's keys, memoised by its dense index.
 *
 * Keys come from two places. Catalog keys (a note's category, tags and title terms) are always interned: they grow
 * with the catalog, which memory holds anyway, and they must stay stable, since profiles and topic pools refer to
 * them. Loose keys come from what users type (search text, a tag marked not interested) and name topics no note has;
 * they are interned only while fewer than `maxLoose` loose keys exist. Past that bound a new loose key is not
 * interned and the signal that named it skips it (a search still reaches the profile through its results' catalog
 * keys), so search text cannot grow memory without bound. A loose key that a note later uses becomes a catalog key and
 * frees its place. Interned keys are never dropped or renumbered: a profile may hold any id.
 *
 * The bound makes which loose keys exist depend on the order notes and searches arrived, so a node replaying the
 * log (notes first, then events) may keep a loose key that the node which served the search had to skip; below the
 * bound both hold the same keys.
 */
export class TopicKeyTable {
  private readonly byKey = new Map<string, TopicKey>();
  private readonly byId: TopicKey[] = [];
  /** 1 per id that some note's keys include. */
  private anchored = new Uint8Array(1024);
  private looseCount = 0;
  /** Each note's keys by dense index, once computed; `forget` drops them when the note changes. */
  private readonly byNote: (readonly TopicKey[] | undefined)[] = [];
  /** Scratch for one note's keys, copied out at its exact length. */
  private readonly scratch: TopicKey[] = [];

  constructor(readonly maxLoose: number = DEFAULT_MAX_LOOSE_TOPIC_KEYS) {}

  /** Number of interned keys. */
  get size(): number {
    return this.byId.length;
  }

  /** Interned keys no note uses (at most `maxLoose`). */
  get loose(): number {
    return this.looseCount;
  }

  /** The interned key with this id. */
  keyById(id: number): TopicKey {
    return this.byId[id] as TopicKey;
  }

  /** The interned key for a prefixed key, if any note or profile has registered it. */
  find(key: string): TopicKey | undefined {
    return this.byKey.get(key);
  }

  /** The interned key for a prefixed key from user input, or null when it is new and the loose keys are at their bound. */
  internLoose(key: string): TopicKey | null {
    const k = this.byKey.get(key);
    if (k) return k;
    if (this.looseCount >= this.maxLoose) return null;
    this.looseCount++;
    return this.add(key, levelOf(key));
  }

  /**
   * The keys a note sits under, every level; tags and terms are capped so one note cannot flood a profile. Memoised
   * by the note's index; the caller `forget`s them when the note is edited.
   */
  ofNote(m: NoteMeta): readonly TopicKey[] {
    return this.byNote[m.ix] ?? this.compute(m, 8, 6);
  }

  /** Drops a note's memoised keys (its text or category changed). */
  forget(ix: number): void {
    if (ix < this.byNote.length) this.byNote[ix] = undefined;
  }

  private add(key: string, level: Level): TopicKey {
    const k: TopicKey = { key, level, id: this.byId.length, li: LEVELS.indexOf(level) };
    this.byKey.set(key, k);
    this.byId.push(k);
    return k;
  }

  /** The catalog key `key`, interned and anchored (a loose key of that name stops counting as loose). */
  private anchor(key: string, level: Level): TopicKey {
    let k = this.byKey.get(key);
    if (!k) k = this.add(key, level);
    else if (this.anchored[k.id] === 1) return k;
    else this.looseCount--;
    if (k.id >= this.anchored.length) this.anchored = grow(this.anchored, k.id + 1);
    this.anchored[k.id] = 1;
    return k;
  }

  private compute(m: NoteMeta, maxTags: number, maxTerms: number): readonly TopicKey[] {
    const scratch = this.scratch;
    scratch.length = 0;
    scratch.push(this.anchor(topicKey('category', m.topCategory), 'category'));
    if (m.category !== m.topCategory) scratch.push(this.anchor(topicKey('subcategory', m.category), 'subcategory'));
    const nTags = Math.min(maxTags, m.tags.length);
    for (let i = 0; i < nTags; i++) scratch.push(this.anchor(topicKey('tag', m.tags[i] as string), 'tag'));
    let n = 0;
    for (const w of titleTerms(m.title)) {
      if (n >= maxTerms || isTag(m.tags, nTags, w)) continue;
      scratch.push(this.anchor(topicKey('term', w), 'term'));
      n++;
    }
    // Copied at its exact length: a pushed-to array carries spare capacity (a third of its size or more) that a
    // million notes would pay for.
    const out = scratch.slice();
    scratch.length = 0;
    const byNote = this.byNote;
    // Filled up to the index first, so the array stays packed (notes arrive in index order; a deleted one never asks).
    while (byNote.length < m.ix) byNote.push(undefined);
    byNote[m.ix] = out;
    return out;
  }
}

export function topicKey(level: Level, value: string): string {
  return PREFIX[level] + value;
}

export function levelOf(key: string): Level {
  switch (key.slice(0, 2)) {
    case 'c:': return 'category';
    case 's:': return 'subcategory';
    case 't:': return 'tag';
    default: return 'term';
  }
}

function isTag(tags: readonly string[], n: number, w: string): boolean {
  for (let i = 0; i < n; i++) if (tags[i] === w) return true;
  return false;
}

const LABELS = new Map<string, { en: string; zh: string }>();
for (const top of TAXONOMY) {
  LABELS.set(top.id, { en: top.en, zh: top.zh });
  for (const c of top.children) LABELS.set(c.id, { en: c.en, zh: c.zh });
}

/** A human label for a topic key: taxonomy names in the reader's language, `#tag` for tags. */
export function topicLabel(key: string, lang: 'en' | 'zh'): string {
  const v = key.slice(2);
  const level = levelOf(key);
  if (level === 'category' || level === 'subcategory') {
    const l = LABELS.get(v);
    return l ? (lang === 'zh' ? l.zh : l.en.toLowerCase()) : v;
  }
  return level === 'tag' ? `#${v}` : v;
}
