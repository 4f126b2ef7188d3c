import type { NoteMeta } from '../../catalog/note-catalog.ts';
import { titleTerms } from '../../catalog/title-terms.ts';
import { TAXONOMY } from '../../domain/taxonomy.ts';

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

// One shared TopicKey per distinct key: notes under the same topic share the object and its id.
const INTERNED = new Map<string, TopicKey>();
/** Interned keys by id, so compact stores can keep the integer alone. */
const BY_ID: TopicKey[] = [];

function intern(key: string, level: Level): TopicKey {
  let k = INTERNED.get(key);
  if (!k) {
    k = { key, level, id: BY_ID.length, li: LEVELS.indexOf(level) };
    INTERNED.set(key, k);
    BY_ID.push(k);
  }
  return k;
}

/** The interned key with this id. */
export function topicKeyById(id: number): TopicKey {
  return BY_ID[id] as TopicKey;
}

/** The shared TopicKey of a prefixed key if some note or profile has registered it. */
export function findTopicKey(key: string): TopicKey | undefined {
  return INTERNED.get(key);
}

/** The shared TopicKey of a prefixed key (e.g. a profile topic), registering it when new. */
export function internTopicKey(key: string): TopicKey {
  return INTERNED.get(key) ?? intern(key, levelOf(key));
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

/**
 * The keys a note sits under, every level; tags and terms are capped so one note cannot flood a
 * profile. Memoised on the catalog entry itself (a field rather than a WeakMap entry, which would
 * cost several times the pointer); an edit replaces the NoteMeta object, which drops the cached keys.
 */
export function noteTopicKeys(m: NoteMeta): readonly TopicKey[] {
  return (m.topicKeys ??= computeKeys(m, 8, 6));
}

// Scratch for building one note's keys: the kept array is then copied at its exact length, since a
// pushed-to array carries spare capacity (a third of its size or more) that a million notes would pay for.
const scratch: TopicKey[] = [];

function computeKeys(m: NoteMeta, maxTags: number, maxTerms: number): TopicKey[] {
  scratch.length = 0;
  scratch.push(intern(topicKey('category', m.topCategory), 'category'));
  if (m.category !== m.topCategory) scratch.push(intern(topicKey('subcategory', m.category), 'subcategory'));
  const nTags = Math.min(maxTags, m.tags.length);
  for (let i = 0; i < nTags; i++) scratch.push(intern(topicKey('tag', m.tags[i] as string), 'tag'));
  let n = 0;
  for (const w of titleTerms(m.title)) {
    if (n >= maxTerms || isTag(m.tags, nTags, w)) continue;
    scratch.push(intern(topicKey('term', w), 'term'));
    n++;
  }
  const out = scratch.slice();
  scratch.length = 0;
  return out;
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
