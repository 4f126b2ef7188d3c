import type { Clock, Engine, Note, NoteStore, User, UserStore } from '@notewave/engine';

const PAGE = 500;

/**
 * On a shared store, notes and users created by other nodes must reach this node's engine too, or its feeds
 * would never show them. Ids start with their creation time in base 36, so "everything created in the last
 * `windowMs`" is a keyset scan from a synthetic id; the window absorbs clock skew between nodes.
 */
export class CatalogTail {
  private readonly seenNotes = new Map<string, number>();
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
      for (const n of page) {
        if (!n.id.startsWith('n_')) continue;
        const version = n.deleted ? -1 : (n.editedAt ?? n.createdAt);
        if (this.seenNotes.get(n.id) === version) continue;
        this.seenNotes.set(n.id, version);
        const known = this.engine.catalog.get(n.id);
        if (n.deleted) {
          if (known && !known.deleted) this.engine.removeNote(n.id);
        } else this.engine.upsertNote(n);
        changed++;
      }
      after = page.length === PAGE && page[page.length - 1]!.id.startsWith('n_') ? page[page.length - 1]!.id : null;
    }
    this.forgetOlderThan(from('n'), from('u'));
    return changed;
  }

  /** Ids that fell out of the window will not be scanned again, so their bookkeeping can go. */
  private forgetOlderThan(noteFloor: string, userFloor: string): void {
    for (const id of this.seenNotes.keys()) if (id < noteFloor) this.seenNotes.delete(id);
    for (const id of this.seenUsers) if (id < userFloor) this.seenUsers.delete(id);
  }
}
