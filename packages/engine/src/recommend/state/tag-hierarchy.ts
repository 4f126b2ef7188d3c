import type { NoteMeta } from '../../catalog/note-catalog.ts';
import { grow } from '../../typed-arrays.ts';
import type { TopicKeyTable } from './topic-keys.ts';

export interface TagHierarchyConfig {
  /** A tag is a sub-topic of a broader tag carried by at least this share of its notes. */
  subsume: number;
  /**
   * The broader tag must be on at least this many times as many notes. A tag on a third or more of a topic's notes
   * ("雪季" beside "滑雪") is another name for the topic, not one of its sub-topics.
   */
  breadthRatio: number;
  /** Tags on fewer notes are not judged (too little evidence). */
  minNotes: number;
  /** Co-occurring tags counted per tag (space-saving counters keep the heaviest). */
  coTags: number;
}

export const DEFAULT_TAG_HIERARCHY_CONFIG: TagHierarchyConfig = { subsume: 0.6, breadthRatio: 3, minNotes: 3, coTags: 12 };

/** Tags of one note counted, at most (a note cannot flood the counts). */
const MAX_TAGS = 8;

/**
 * Which tags name sub-topics, learned from the catalog's tag co-occurrence by subsumption (Schmitz
 * 2006; Heymann & Garcia-Molina 2006): tag c sits under tag p when most notes tagged c are also
 * tagged p, and p is much broader. "磨豆机" and "粉水比" both sit under "手冲": two sub-topics of
 * one topic in one category, which the category and the shared tag cannot tell apart. General tags
 * ("新手", "好物分享") that several topics use are under none. Sub-topic tags that co-occur are
 * related (cosine of their note sets), so interest in one spreads to its neighbours.
 *
 * Counts are per topic-key id, over each note's first tags, counted once per note (an edit keeps
 * the tags first seen). Co-occurrence rows are space-saving counters of `coTags` entries, so memory
 * is linear in the number of distinct tags; a row keeps its heaviest co-tags, which are the ones
 * subsumption and similarity need.
 */
export class TagHierarchy {
  private notes = new Float64Array(1024);
  private counted = new Uint8Array(1024);
  /** Per tag id: co-tag ids and counts (`coTags` each), and the number in use. */
  private rows: (Row | undefined)[] = [];
  /** Per tag id: 1 sub-topic, 0 not, judged at the note count in `judgedAt`. */
  private verdict = new Uint8Array(1024);
  private judgedAt = new Float64Array(1024);
  private readonly scratch: number[] = [];

  constructor(private readonly topics: TopicKeyTable, readonly cfg: TagHierarchyConfig = DEFAULT_TAG_HIERARCHY_CONFIG) {}

  /** Counts a note's tags (once per note). */
  add(m: NoteMeta): void {
    if (m.ix >= this.counted.length) this.counted = grow(this.counted, m.ix + 1);
    if (this.counted[m.ix] === 1) return;
    this.counted[m.ix] = 1;
    const ids = this.scratch;
    ids.length = 0;
    for (const k of this.topics.ofNote(m)) if (k.level === 'tag' && ids.length < MAX_TAGS) ids.push(k.id);
    for (const id of ids) {
      if (id >= this.notes.length) this.notes = grow(this.notes, id + 1);
      this.notes[id] = (this.notes[id] as number) + 1;
    }
    for (const a of ids) for (const b of ids) if (a !== b) this.bump(a, b);
  }

  /** Notes counted under a tag id. */
  notesOf(id: number): number {
    return id < this.notes.length ? (this.notes[id] as number) : 0;
  }

  /** True when the tag id names a sub-topic of a broader tag (see the class comment). */
  isSubtopic(id: number): boolean {
    const n = this.notesOf(id);
    if (n < this.cfg.minNotes) return false;
    if (id >= this.verdict.length) {
      this.verdict = grow(this.verdict, id + 1);
      this.judgedAt = grow(this.judgedAt, id + 1);
    }
    if (this.judgedAt[id] !== n) {
      this.judgedAt[id] = n;
      this.verdict[id] = this.parentOf(id) >= 0 ? 1 : 0;
    }
    return this.verdict[id] === 1;
  }

  /** The broadest tag subsuming `id`, or -1. */
  parentOf(id: number): number {
    const row = this.rows[id];
    const n = this.notesOf(id);
    if (!row || n < this.cfg.minNotes) return -1;
    let best = -1;
    let bestN = 0;
    for (let i = 0; i < row.size; i++) {
      const p = row.ids[i] as number;
      const np = this.notesOf(p);
      if ((row.counts[i] as number) >= this.cfg.subsume * n && np >= this.cfg.breadthRatio * n && np > bestN) {
        best = p;
        bestN = np;
      }
    }
    return best;
  }

  /** The topic a note's sub-topic tags sit under: the broadest of their parents, or -1 when it has none. */
  topicOf(m: NoteMeta): number {
    let best = -1;
    for (const k of this.topics.ofNote(m)) {
      if (k.level !== 'tag' || !this.isSubtopic(k.id)) continue;
      const p = this.parentOf(k.id);
      if (p >= 0 && (best < 0 || this.notesOf(p) > this.notesOf(best))) best = p;
    }
    return best;
  }

  /** Calls `fn` with each counted co-tag of `id` and its cosine similarity to `id`. */
  forEachNeighbour(id: number, fn: (other: number, cosine: number) => void): void {
    const row = this.rows[id];
    if (!row) return;
    const n = this.notesOf(id);
    for (let i = 0; i < row.size; i++) {
      const o = row.ids[i] as number;
      fn(o, (row.counts[i] as number) / Math.sqrt(n * Math.max(1, this.notesOf(o))));
    }
  }

  private bump(a: number, b: number): void {
    let row = this.rows[a];
    if (!row) {
      while (this.rows.length <= a) this.rows.push(undefined);
      row = this.rows[a] = { ids: new Int32Array(this.cfg.coTags), counts: new Float64Array(this.cfg.coTags), size: 0 };
    }
    let min = 0;
    for (let i = 0; i < row.size; i++) {
      if (row.ids[i] === b) {
        row.counts[i] = (row.counts[i] as number) + 1;
        return;
      }
      if ((row.counts[i] as number) < (row.counts[min] as number)) min = i;
    }
    if (row.size < row.ids.length) {
      row.ids[row.size] = b;
      row.counts[row.size++] = 1;
      return;
    }
    // Space-saving (Metwally et al. 2005): the lightest entry gives its place and its count to the newcomer.
    row.ids[min] = b;
    row.counts[min] = (row.counts[min] as number) + 1;
  }
}

interface Row {
  ids: Int32Array;
  counts: Float64Array;
  size: number;
}
