import type { Clock, IndexableNote, Note, NoteListOptions, NotePatch, NoteStore, NoteTerms } from '@notewave/engine';
import { TtlCache, type CacheOptions } from './ttl-cache.ts';

/**
 * Every feed and search page loads its notes by id, and pages keep drawing on the same fresh and popular notes.
 * Notes read by id are served from memory for a short time. Edits and deletions made through this store (on this
 * node) are visible at once; on a shared database, changes made by other nodes are dropped from the cache as soon
 * as this node's change follower reads them from the change log, and after `ttlMs` at the latest.
 * Cached notes are frozen (with their tags and media): callers share them.
 */
export class CachedNoteStore implements NoteStore {
  private readonly cache: TtlCache<string, Note>;

  constructor(
    private readonly store: NoteStore,
    private readonly clock: Clock,
    opts: CacheOptions = { ttlMs: 30_000, maxEntries: 20_000 },
  ) {
    this.cache = new TtlCache(opts.ttlMs, opts.maxEntries);
  }

  /** Hits and misses of the read cache since start. */
  cacheCounts(): { hits: number; misses: number } {
    return { hits: this.cache.hits, misses: this.cache.misses };
  }

  createNote(note: Note, terms?: NoteTerms): Promise<void> {
    return this.store.createNote(note, terms);
  }

  insertNotes(notes: readonly Note[], terms?: readonly (NoteTerms | null)[]): Promise<void> {
    return this.store.insertNotes(notes, terms);
  }

  async getNote(id: string): Promise<Note | null> {
    const [n] = await this.getNotes([id]);
    return n ?? null;
  }

  getNotes(ids: readonly string[]): Promise<Note[]> {
    return this.cache.readThrough(ids, this.clock.now(), (missing) => this.store.getNotes(missing), (n) => n.id, freezeNote);
  }

  async updateNote(id: string, patch: NotePatch, editedAt: number, terms?: NoteTerms): Promise<Note | null> {
    this.cache.invalidate(id);
    try {
      return await this.store.updateNote(id, patch, editedAt, terms);
    } finally {
      this.cache.invalidate(id);
    }
  }

  async softDeleteNote(id: string, at: number): Promise<boolean> {
    this.cache.invalidate(id);
    try {
      return await this.store.softDeleteNote(id, at);
    } finally {
      this.cache.invalidate(id);
    }
  }

  async setAuthorHidden(authorId: string, hidden: boolean, at: number): Promise<Note[]> {
    const changed = await this.store.setAuthorHidden(authorId, hidden, at);
    for (const n of changed) this.cache.invalidate(n.id);
    return changed;
  }

  /** Drops notes changed behind this store's back (an account erased through another store). */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.cache.invalidate(id);
  }

  listNotes(opts: NoteListOptions): Promise<Note[]> {
    return this.store.listNotes(opts);
  }

  /** What other nodes changed: those notes leave the cache so the next read sees the change. */
  async listChangedNotes(since: number, after: string | null, limit: number): Promise<Note[]> {
    const changed = await this.store.listChangedNotes(since, after, limit);
    for (const n of changed) this.cache.invalidate(n.id);
    return changed;
  }

  countNotes(): Promise<number> {
    return this.store.countNotes();
  }

  listIndexableNotes(after: string | null, limit: number): Promise<IndexableNote[]> {
    return this.store.listIndexableNotes(after, limit);
  }

  setNoteTerms(entries: readonly { id: string; terms: NoteTerms }[]): Promise<void> {
    return this.store.setNoteTerms(entries);
  }
}

function freezeNote(n: Note): Note {
  Object.freeze(n.tags);
  for (const img of n.media.images) Object.freeze(img);
  Object.freeze(n.media.images);
  Object.freeze(n.media);
  return Object.freeze(n);
}
