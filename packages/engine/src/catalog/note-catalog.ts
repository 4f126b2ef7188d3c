import type { Note, NoteKind } from '../domain/note.ts';
import { topCategory } from '../domain/taxonomy.ts';
/**
 * What the ranking code needs to know about a note, kept in memory for every live note. Repeated
 * strings (author, category, language, kind) are shared across notes; sub-topic terms are derived
 * from the title by whoever needs them (see title-terms.ts), not kept here.
 */
export interface NoteMeta {
  id: string;
  /** Dense index, stable for the process lifetime; lets models and counters use typed arrays. */
  ix: number;
  authorId: string;
  kind: NoteKind;
  category: string;
  topCategory: string;
  tags: string[];
  title: string;
  /** Body length in characters and image count: the expected reading time of image notes. */
  textLength: number;
  imageCount: number;
  language: string;
  durationSec: number;
  createdAt: number;
  deleted: boolean;
}

/** In-memory registry of notes with dense indices. */
export class NoteCatalog {
  private readonly byId = new Map<string, NoteMeta>();
  private readonly byIx: NoteMeta[] = [];
  /**
   * One copy of each repeated value: notes read from storage carry their own copy of every string,
   * so a million notes would otherwise hold a million copies of a few hundred categories.
   */
  private readonly shared = new Map<string, string>();

  /** Adds or replaces a note; an edit keeps its dense index. */
  upsert(note: Note): NoteMeta {
    const existing = this.byId.get(note.id);
    const category = this.share(note.category);
    const meta: NoteMeta = {
      id: note.id,
      ix: existing ? existing.ix : this.byIx.length,
      authorId: this.share(note.authorId),
      kind: this.share(note.kind) as NoteKind,
      category,
      topCategory: this.share(topCategory(category)),
      tags: note.tags,
      title: note.title,
      textLength: note.title.length + note.body.length,
      imageCount: note.media.images.length,
      language: this.share(note.language),
      durationSec: note.media.durationSec ?? 0,
      createdAt: note.createdAt,
      deleted: note.deleted,
    };
    this.byId.set(note.id, meta);
    this.byIx[meta.ix] = meta;
    return meta;
  }

  private share(s: string): string {
    const v = this.shared.get(s);
    if (v !== undefined) return v;
    this.shared.set(s, s);
    return s;
  }

  /** Marks a note deleted; its index stays reserved. */
  markDeleted(id: string): NoteMeta | null {
    const m = this.byId.get(id);
    if (!m) return null;
    m.deleted = true;
    return m;
  }

  get(id: string): NoteMeta | undefined {
    return this.byId.get(id);
  }

  at(ix: number): NoteMeta | undefined {
    return this.byIx[ix];
  }

  /** Number of indices handed out (including deleted notes). */
  get size(): number {
    return this.byIx.length;
  }

  *live(): IterableIterator<NoteMeta> {
    for (const m of this.byIx) if (m && !m.deleted) yield m;
  }
}
