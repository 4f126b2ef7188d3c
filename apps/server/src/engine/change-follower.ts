import type { Change, ChangeLog, Engine, Note, NoteStore, UserStore } from '@notewave/engine';

const PAGE = 1_000;

/** Per-node caches the change log keeps honest: each drops its copy of an entity another node changed. */
export interface ChangeSinks {
  forgetNotes(ids: readonly string[]): void;
  forgetUsers(ids: readonly string[]): void;
  forgetSessions(tokenHashes: readonly string[]): void;
  /** Models stored (by name) since the last page: a serving node loads the new version. */
  modelsStored?(names: readonly string[]): void;
  /** Changes after `after` and before `oldest` were pruned unread (see `ChangeFollower.missed`). */
  missedChanges?(after: number, oldest: number): void;
}

/**
 * Keeps this node in step with entity changes every node records in the shared change log: notes reach the engine
 * (created, edited, deleted, hidden), users reach the engine, and cached notes, users and sessions are dropped.
 * Changes are read in seq order from the last one applied, so nothing depends on clocks; applying a change means
 * reading the entity as it is now, so a change read twice (or one this node made itself) changes nothing more.
 */
export class ChangeFollower {
  private applied: number;
  private reading: Promise<number> | null = null;
  private missedRange: { after: number; oldest: number } | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly changes: ChangeLog,
    private readonly notes: NoteStore,
    private readonly users: UserStore,
    private readonly sinks: ChangeSinks,
    startSeq: number,
  ) {
    this.applied = startSeq;
  }

  /** Every change with seq <= this has been applied. */
  get appliedSeq(): number {
    return this.applied;
  }

  /**
   * Set once this node fell so far behind that changes it had not read were pruned from the log: its copies of those
   * notes, users and sessions may be stale (a revoked session may still pass), so it must start again. Null otherwise.
   */
  get missed(): { after: number; oldest: number } | null {
    return this.missedRange;
  }

  /**
   * Reads and applies changes committed since the last one applied; returns how many it read. One read at a time: a
   * call made meanwhile shares the running read (the store follower runs another pass for wake-ups that arrive then).
   */
  poll(): Promise<number> {
    this.reading ??= this.readAll().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async readAll(): Promise<number> {
    let read = 0;
    for (;;) {
      const page = await this.changes.readSince(this.applied, PAGE);
      if (page.length === 0) return read;
      // A hole before the first change read is a rolled-back seq, or changes pruned before this node read them: the
      // latter only when nothing at or below the last applied seq is kept either.
      if (page[0]!.seq > this.applied + 1 && this.missedRange === null) {
        const oldest = await this.changes.oldestSeq();
        if (oldest > this.applied + 1) {
          this.missedRange = { after: this.applied, oldest };
          this.sinks.missedChanges?.(this.applied, oldest);
        }
      }
      await this.apply(page);
      this.applied = page[page.length - 1]!.seq;
      read += page.length;
      if (page.length < PAGE) return read;
    }
  }

  private async apply(page: readonly Change[]): Promise<void> {
    const ids = { note: new Set<string>(), user: new Set<string>(), session: new Set<string>(), model: new Set<string>() };
    for (const c of page) ids[c.kind]?.add(c.entityId);
    // Caches first: a request served between here and the engine update reads the store, never a stale copy.
    this.sinks.forgetNotes([...ids.note]);
    this.sinks.forgetUsers([...ids.user]);
    this.sinks.forgetSessions([...ids.session]);
    // Users before notes, so a note by an account created elsewhere finds its author.
    if (ids.user.size > 0) {
      for (const u of await this.users.getUsers([...ids.user])) if (!this.engine.hasUser(u.id)) this.engine.addUser(u);
    }
    if (ids.note.size > 0) for (const n of await this.notes.getNotes([...ids.note])) this.applyNote(n);
    if (ids.model.size > 0) this.sinks.modelsStored?.([...ids.model]);
  }

  private applyNote(n: Note): void {
    const known = this.engine.catalog.get(n.id);
    if (n.deleted) {
      if (known && !known.deleted) this.engine.removeNote(n.id);
      return;
    }
    // Re-indexing a note already current (one this node wrote itself) leaves the engine as it was.
    this.engine.upsertNote(n);
  }
}
