import type { Note } from '../domain/note.ts';
import { topCategory } from '../domain/taxonomy.ts';
import { grow } from '../typed-arrays.ts';

/** Filters a search may apply; see SearchFilters in search-engine.ts. */
export interface DocFilters {
  kind?: string;
  category?: string;
  authorId?: string;
  language?: string;
  since?: number;
  until?: number;
}

/** True when no filter is set (absent, or every field undefined): the search then only skips deleted notes. */
export function noFilters(f: DocFilters | undefined): boolean {
  return f === undefined || Object.values(f).every((v) => v === undefined);
}

/** Interns strings to small integers so filter columns can be typed arrays. */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  id(s: string): number {
    let v = this.ids.get(s);
    if (v === undefined) this.ids.set(s, (v = this.ids.size + 1));
    return v;
  }
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }
}

/**
 * Per-note columns keyed by dense index: what filters, snippets and re-indexing need. Columns are
 * typed arrays (one byte to eight per note); only the note text is kept as strings.
 */
export class DocTable {
  private alive = new Uint8Array(1024);
  private kind = new Uint8Array(1024);
  private lang = new Uint8Array(1024);
  private cat = new Int32Array(1024);
  private top = new Int32Array(1024);
  private author = new Int32Array(1024);
  private created = new Float64Array(1024);
  // Parallel arrays rather than one object per note: a million notes save a million headers.
  private readonly ids: (string | undefined)[] = [];
  private readonly titles: string[] = [];
  private readonly bodies: string[] = [];
  private readonly tagLists: string[][] = [];
  private readonly dict = new Dictionary();
  private newest = 0;

  put(ix: number, note: Note): void {
    if (ix >= this.alive.length) {
      const n = ix + 1;
      this.alive = grow(this.alive, n);
      this.kind = grow(this.kind, n);
      this.lang = grow(this.lang, n);
      this.cat = grow(this.cat, n);
      this.top = grow(this.top, n);
      this.author = grow(this.author, n);
      this.created = grow(this.created, n);
    }
    this.alive[ix] = 1;
    this.kind[ix] = note.kind === 'video' ? 2 : 1;
    this.lang[ix] = this.dict.id(`lang:${note.language}`);
    this.cat[ix] = this.dict.id(`cat:${note.category}`);
    this.top[ix] = this.dict.id(`cat:${topCategory(note.category)}`);
    this.author[ix] = this.dict.id(`author:${note.authorId}`);
    this.created[ix] = note.createdAt;
    if (note.createdAt > this.newest) this.newest = note.createdAt;
    this.ids[ix] = note.id;
    this.titles[ix] = note.title;
    this.bodies[ix] = note.body;
    this.tagLists[ix] = note.tags;
  }

  drop(ix: number): void {
    this.alive[ix] = 0;
    this.ids[ix] = undefined;
    this.titles[ix] = '';
    this.bodies[ix] = '';
    this.tagLists[ix] = [];
  }

  isAlive(ix: number): boolean {
    return this.alive[ix] === 1;
  }

  text(ix: number): { id: string; title: string; body: string; tags: string[] } | undefined {
    const id = this.ids[ix];
    return id === undefined ? undefined : { id, title: this.titles[ix] as string, body: this.bodies[ix] as string, tags: this.tagLists[ix] as string[] };
  }

  createdAt(ix: number): number {
    return this.created[ix] as number;
  }

  /** Creation time of the newest indexed note: the reference point for freshness. */
  get newestAt(): number {
    return this.newest;
  }

  /** Compiles filters into one predicate over dense indices (alive-ness included). */
  predicate(f: DocFilters | undefined): (ix: number) => boolean {
    const alive = this.alive;
    if (!f || noFilters(f)) return (ix) => alive[ix] === 1;
    const kind = f.kind === undefined ? 0 : f.kind === 'video' ? 2 : f.kind === 'image' ? 1 : -1;
    const lang = f.language === undefined ? 0 : this.dict.find(`lang:${f.language}`);
    const author = f.authorId === undefined ? 0 : this.dict.find(`author:${f.authorId}`);
    const byLeaf = f.category !== undefined && f.category.includes('/');
    const cat = f.category === undefined ? 0 : this.dict.find(`cat:${f.category}`);
    const since = f.since ?? -Infinity;
    const until = f.until ?? Infinity;
    const K = this.kind, L = this.lang, A = this.author, C = byLeaf ? this.cat : this.top, T = this.created;
    return (ix) =>
      alive[ix] === 1 &&
      (kind === 0 || K[ix] === kind) &&
      (lang === 0 || L[ix] === lang) &&
      (author === 0 || A[ix] === author) &&
      (cat === 0 || C[ix] === cat) &&
      (T[ix] as number) >= since &&
      (T[ix] as number) <= until;
  }
}
