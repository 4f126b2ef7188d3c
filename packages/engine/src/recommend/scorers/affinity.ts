import type { NoteMeta } from '../../catalog/note-catalog.ts';
import { CacheCounter } from '../cache-counter.ts';
import type { UserProfile } from '../state/user-profile.ts';
import type { TagHierarchy } from '../state/tag-hierarchy.ts';
import { LEVELS, type Level, type TopicKey, type TopicKeyTable } from '../state/topic-keys.ts';

export type LevelWeights = Record<Level, number>;

/** Narrow levels weigh more: a sub-topic match says more about intent than a category match. */
export const DEFAULT_LEVEL_WEIGHTS: LevelWeights = { category: 0.15, subcategory: 0.2, tag: 0.35, term: 0.3 };

/**
 * A profile frozen at `now` for scoring many notes: each level's weights are normalised by that
 * level's strongest topic, summed over the note's keys per level and squashed (1 − e^(−x)), so a
 * note matching both the topic and its sub-topic beats one matching the topic alone.
 */
export class AffinityModel {
  /**
   * Decayed weight of each profile topic divided by its level's strongest, by interned topic id: an open-addressing
   * table (ids in `normIds`, -1 = empty; linear probing), since scoring looks up every key of every candidate.
   */
  private readonly normIds: Int32Array;
  private readonly normValues: Float64Array;
  private readonly normMask: number;
  /** Level weights by level index (LEVELS order). */
  private readonly levelWeights: number[];
  /** Interest in sub-topic tags (see `subtopic`), normalised by the strongest; null when the profile has none. */
  private readonly sub: IdWeights | null;
  private readonly subtopics: TagHierarchy | null;

  constructor(
    private readonly topics: TopicKeyTable,
    profile: UserProfile,
    now: number,
    weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS,
    depth: number = LEVELS.length,
    subtopics: TagHierarchy | null = null,
  ) {
    this.levelWeights = LEVELS.map((l) => weights[l]);
    const decayed: [TopicKey, number][] = [];
    const maxByLevel = [0, 0, 0, 0];
    profile.forEachTopic(now, (k, w) => {
      if (k.li >= depth) return;
      decayed.push([k, w]);
      if (w > maxByLevel[k.li]!) maxByLevel[k.li] = w;
    });
    let size = 8;
    while (size < decayed.length * 2) size *= 2;
    this.normIds = new Int32Array(size).fill(-1);
    this.normValues = new Float64Array(size);
    this.normMask = size - 1;
    for (const [k, w] of decayed) {
      const max = maxByLevel[k.li]!;
      if (!max) continue;
      let i = slotOf(k.id, this.normMask);
      while (this.normIds[i] !== -1 && this.normIds[i] !== k.id) i = (i + 1) & this.normMask;
      this.normIds[i] = k.id;
      this.normValues[i] = w / max;
    }
    this.subtopics = subtopics;
    this.sub = subtopics ? subtopicWeights(decayed, subtopics, profile) : null;
  }

  /**
   * Sub-topic match in [-1, 1]: the note's sub-topic tags (tags subsumed by a broader one, see `TagHierarchy`)
   * against the profile's, each profile sub-topic tag lending part of its weight to the tags it co-occurs with.
   * Separate from `score`, where the topic's own tag, shared by every sub-topic and strengthened by every read,
   * sets the scale and leaves sub-topics a few hundredths apart. Meant to be compared among notes of one topic
   * (see `TagHierarchy.topicOf`): across topics `score` speaks.
   */
  subtopic(m: NoteMeta): number {
    const sub = this.sub;
    if (!sub) return 0;
    const keys = this.topics.ofNote(m);
    let x = 0;
    let n = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k.level !== 'tag' || !this.subtopics?.isSubtopic(k.id)) continue;
      x += sub.get(k.id);
      n++;
    }
    // Divided by the root of the note's sub-topic tag count (a cosine between the note and the interest): a note of
    // another sub-topic that carries one of the user's tags beside two of its own is mostly about something else.
    if (n > 1) x /= Math.sqrt(n);
    return x > 0 ? 1 - Math.exp(-1.5 * x) : -(1 - Math.exp(1.5 * x));
  }

  /** The normalised weight of topic `id`, 0 when the profile does not hold it. */
  private norm(id: number): number {
    const ids = this.normIds;
    const mask = this.normMask;
    for (let i = slotOf(id, mask); ; i = (i + 1) & mask) {
      const k = ids[i] as number;
      if (k === id) return this.normValues[i] as number;
      if (k === -1) return 0;
    }
  }

  /** Affinity in [-1, 1]: negative when the note's topics were skipped or rejected. */
  score(m: NoteMeta): number {
    const keys = this.topics.ofNote(m);
    let a = 0;
    let li = -1;
    let x = 0;
    // Keys come grouped by level (category, sub-category, tags, terms), so one pass sums per level.
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (k.li !== li) {
        if (x !== 0) a += this.squash(li, x);
        li = k.li;
        x = 0;
      }
      x += this.norm(k.id);
    }
    if (x !== 0) a += this.squash(li, x);
    return a;
  }

  private squash(li: number, x: number): number {
    return this.levelWeights[li]! * (x > 0 ? 1 - Math.exp(-1.5 * x) : -(1 - Math.exp(1.5 * x)));
  }
}

function slotOf(id: number, mask: number): number {
  return (Math.imul(id, 0x9e3779b1) >>> 12) & mask;
}

/** Share of a sub-topic tag's interest lent to a co-occurring sub-topic tag, times their cosine. */
const NEIGHBOUR_SHARE = 0.5;

/**
 * The profile's sub-topic tags with their neighbours' lent interest, normalised by the strongest; null if none.
 * Each tag's interest is weighted by how specific it is within its topic, ln(notes under the parent / notes under the
 * tag): a broad tag that rides along on a large share of the topic's notes ("雪季" on 40% of skiing) turns up in most
 * of what a reader of any sub-topic reads, so its weight says little about which sub-topic they want, while a narrow
 * one ("立刃") read as often says much (the inverse document frequency of the tag within the topic).
 */
function subtopicWeights(decayed: readonly [TopicKey, number][], subtopics: TagHierarchy, profile: UserProfile): IdWeights | null {
  const raw = new Map<number, number>();
  for (const [k, w0] of decayed) {
    if (k.level !== 'tag' || w0 === 0 || !subtopics.isSubtopic(k.id)) continue;
    const w = w0 * chosenShare(profile, k.key) * specificity(k.id, subtopics);
    if (w === 0) continue;
    raw.set(k.id, (raw.get(k.id) ?? 0) + w);
    subtopics.forEachNeighbour(k.id, (o, cos) => {
      if (subtopics.isSubtopic(o)) raw.set(o, (raw.get(o) ?? 0) + NEIGHBOUR_SHARE * cos * w);
    });
  }
  let max = 0;
  for (const w of raw.values()) if (w > max) max = w;
  if (max <= 0) return null;
  const out = new IdWeights(raw.size);
  for (const [id, w] of raw) out.set(id, w / max);
  return out;
}

/** Part of a topic's search weight left out of sub-topic interest (see `chosenShare`). */
const SEARCH_DISCOUNT = 0.75;

/**
 * The part of a topic's weight that counts as sub-topic interest: what notes the user chose to open, read, save or
 * share put there, and a quarter of what searches did. A search lends its weight to every sub-topic among its results
 * alike, so it says mostly which topic, not which sub-topic (the query's own words narrow the search-intent source).
 */
function chosenShare(profile: UserProfile, key: string): number {
  const by = profile.topic(key)?.bySignal;
  if (!by) return 1;
  let all = 0;
  for (const v of Object.values(by)) all += Math.abs(v);
  return all > 0 ? 1 - (SEARCH_DISCOUNT * Math.abs(by.search ?? 0)) / all : 1;
}

/** ln(notes under the tag's parent / notes under the tag), at least ln 2 (the hierarchy's own breadth bound). */
function specificity(id: number, subtopics: TagHierarchy): number {
  const parent = subtopics.parentOf(id);
  const n = subtopics.notesOf(id);
  return parent < 0 || n <= 0 ? Math.LN2 : Math.max(Math.LN2, Math.log(subtopics.notesOf(parent) / n));
}

/** A small open-addressing map from topic id to weight (-1: empty slot), built once per model. */
export class IdWeights {
  private readonly ids: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;

  constructor(n: number) {
    let size = 8;
    while (size < n * 2) size *= 2;
    this.ids = new Int32Array(size).fill(-1);
    this.values = new Float64Array(size);
    this.mask = size - 1;
  }

  set(id: number, v: number): void {
    let i = slotOf(id, this.mask);
    while (this.ids[i] !== -1 && this.ids[i] !== id) i = (i + 1) & this.mask;
    this.ids[i] = id;
    this.values[i] = v;
  }

  get(id: number): number {
    for (let i = slotOf(id, this.mask); ; i = (i + 1) & this.mask) {
      const k = this.ids[i] as number;
      if (k === id) return this.values[i] as number;
      if (k === -1) return 0;
    }
  }
}

/** Models kept for a profile, one per (level weights, depth) pair in use. */
interface CachedModel {
  weights: LevelWeights;
  depth: number;
  events: number;
  bucket: number;
  model: AffinityModel;
}

/** Profiles whose models an engine keeps by default. */
export const DEFAULT_AFFINITY_CACHE_PROFILES = 4096;

/** How long a cached model is reused while the profile is unchanged. */
const CACHE_BUCKET_MS = 60_000;

/**
 * Affinity models shared across requests and scorers while a profile is unchanged (`UserProfile.events`, bumped by
 * every topic change) within the same minute. Within a level every topic decays at the same rate, so the normalised
 * weights do not drift with time between changes; the minute bound only keeps a model from outliving its clock by
 * much. Only the `capacity` most recently used profiles keep their models: a model is worth keeping for the next page
 * of a session, not for every user ever served (a few KB per user, held as long as the profile lives otherwise).
 * One per engine: its models hold that engine's topic ids.
 */
export class AffinityModelCache {
  /** Profiles in order of use, least recent first. */
  private readonly byProfile = new Map<UserProfile, CachedModel[]>();
  /** A hit is a request served a model built before for the same profile, weights, depth, profile state and minute. */
  readonly counter = new CacheCounter();

  constructor(readonly capacity: number, private readonly topics: TopicKeyTable, private readonly subtopics: TagHierarchy | null = null) {}

  /** Profiles holding cached models. */
  get size(): number {
    return this.byProfile.size;
  }

  model(profile: UserProfile, now: number, weights: LevelWeights = DEFAULT_LEVEL_WEIGHTS, depth: number = LEVELS.length): AffinityModel {
    const bucket = Math.floor(now / CACHE_BUCKET_MS);
    let list = this.byProfile.get(profile);
    if (list) {
      this.byProfile.delete(profile);
      this.byProfile.set(profile, list);
    } else {
      this.byProfile.set(profile, (list = []));
      if (this.byProfile.size > this.capacity) this.byProfile.delete(this.byProfile.keys().next().value as UserProfile);
    }
    for (const c of list) {
      if (c.weights !== weights || c.depth !== depth) continue;
      if (c.events !== profile.events || c.bucket !== bucket) {
        this.counter.miss();
        c.events = profile.events;
        c.bucket = bucket;
        c.model = new AffinityModel(this.topics, profile, now, weights, depth, this.subtopics);
      } else {
        this.counter.hit();
      }
      return c.model;
    }
    this.counter.miss();
    const model = new AffinityModel(this.topics, profile, now, weights, depth, this.subtopics);
    if (list.length >= 8) list.shift();
    list.push({ weights, depth, events: profile.events, bucket, model });
    return model;
  }
}
