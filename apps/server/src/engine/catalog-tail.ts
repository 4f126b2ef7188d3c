import type { Clock, Engine, Note, NoteStore, User, UserStore } from '@notewave/engine';

const PAGE = 500;

/**
 * On a shared store, notes and users created by other nodes must reach this node's engine too, or its feeds
 * would never show them. Ids start with their creation time in base 36, so "everything created in the last
 * `windowMs`" is a keyset scan from a synthetic id; the window absorbs clock skew between nodes. Edits and
 * deletions of notes of any age are found by their `edited_at` / `deleted_at` stamps within the same window.
 */
export class CatalogTail {
  /** Version last applied per note (edit time, or -1 once deleted) and when this node saw it. */
  private readonly seenNotes = new Map<string, { version: number; seenAt: number }>();
  private readonly seenUsers = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly notes: NoteStore,
    private readonly users: UserStore,
    private readonly clock: Clock,
    private readonly windowMs = 120_000,
  ) {}

  /** Picks up recent notes and users this engine has not seen; returns how many it added or refreshed. */
  async poll(): Promise<number> {
    const from = (prefix: string) => `${prefix}_${Math.max(0, this.clock.now() - this.windowMs).toString(36).padStart(9, '0')}`;
    let changed = 0;
    for (let after: string | null = from('u'); after !== null; ) {
      const page: User[] = await this.users.listUsers(after, PAGE);
      for (const u of page) {
        if (this.seenUsers.has(u.id)) continue;
        this.seenUsers.add(u.id);
        if (!this.engine.hasUser(u.id)) {
          this.engine.addUser(u);
          changed++;
        }
      }
      after = page.length === PAGE && page[page.length - 1]!.id.startsWith('u_') ? page[page.length - 1]!.id : null;
    }
    for (let after: string | null = from('n'); after !== null; ) {
      const page: Note[] = await this.notes.listNotes({ after, limit: PAGE, includeDeleted: true });
      for (const n of page) if (n.id.startsWith('n_') && (await this.applyNote(n))) changed++;
      after = page.length === PAGE && page[page.length - 1]!.id.startsWith('n_') ? page[page.length - 1]!.id : null;
    }
    const since = Math.max(0, this.clock.now() - this.windowMs);
    for (let after: string | null = null; ; ) {
      const page: Note[] = await this.notes.listChangedNotes(since, after, PAGE);
      for (const n of page) if (await this.applyNote(n)) changed++;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
    this.forget(from('u'));
    return changed;
  }

  /** Brings the engine's copy of a note up to the stored version; false when it already was. */
  private async applyNote(n: Note): Promise<boolean> {
    const version = n.deleted ? -1 : (n.editedAt ?? n.createdAt);
    if (this.seenNotes.get(n.id)?.version === version) return false;
    this.seenNotes.set(n.id, { version, seenAt: this.clock.now() });
    const known = this.engine.catalog.get(n.id);
    if (n.deleted) {
      if (known && !known.deleted) this.engine.removeNote(n.id);
    } else if (!known?.deleted) this.engine.upsertNote(n);
    else if (n.editedAt !== null) {
      // Removed here but live in the page: either the page was read before a deletion this node just made, or
      // the note was hidden with its suspended author and shown again. Only a fresh read tells them apart.
      const now = await this.notes.getNote(n.id);
      if (now && !now.deleted) this.engine.upsertNote(now);
    }
    return true;
  }

  /**
   * Bookkeeping for rows that fell out of the window can go. Notes are kept for two windows after they were
   * seen, since another node's clock may run ahead of ours; a note forgotten early is only applied again.
   */
  private forget(userFloor: string): void {
    const noteFloor = this.clock.now() - 2 * this.windowMs;
    for (const [id, seen] of this.seenNotes) if (seen.seenAt < noteFloor) this.seenNotes.delete(id);
    for (const id of this.seenUsers) if (id < userFloor) this.seenUsers.delete(id);
  }
}
