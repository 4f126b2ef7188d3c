import type { AccountStore, Clock, Storage } from '@notewave/engine';
import { CachedNoteStore } from './cached-notes.ts';
import { CachedUserStore } from './cached-users.ts';

/**
 * The storage request handlers use: notes and users read by id come from a short-lived per-node cache (see
 * CachedNoteStore and CachedUserStore); everything else goes straight to `inner`. Every change made by this node
 * must go through this object so the caches see it.
 */
export class CachedStorage implements Storage {
  readonly users: CachedUserStore;
  readonly notes: CachedNoteStore;
  readonly accounts: AccountStore;

  constructor(
    private readonly inner: Storage,
    clock: Clock,
  ) {
    this.users = new CachedUserStore(inner.users, clock);
    this.notes = new CachedNoteStore(inner.notes, clock);
    const { users, notes } = this;
    const accounts = inner.accounts;
    // Erasure rewrites a user and their notes in one transaction of its own; the caches must drop both.
    this.accounts = {
      listCommentsByAuthor: (...a) => accounts.listCommentsByAuthor(...a),
      listLikesByUser: (...a) => accounts.listLikesByUser(...a),
      listSavesByUser: (...a) => accounts.listSavesByUser(...a),
      listEventsByUser: (...a) => accounts.listEventsByUser(...a),
      async eraseAccount(userId, opts) {
        const erased = await accounts.eraseAccount(userId, opts);
        users.forget(userId);
        if (erased) notes.forget(erased.noteIds);
        return erased;
      },
    };
  }

  get capabilities() {
    return this.inner.capabilities;
  }
  get comments() {
    return this.inner.comments;
  }
  get social() {
    return this.inner.social;
  }
  get events() {
    return this.inner.events;
  }
  get sessions() {
    return this.inner.sessions;
  }
  get models() {
    return this.inner.models;
  }
  get reports() {
    return this.inner.reports;
  }

  get rateLimits() {
    return this.inner.rateLimits;
  }
  get experiments() {
    return this.inner.experiments;
  }
  get changes() {
    return this.inner.changes;
  }

  migrate(): Promise<string[]> {
    return this.inner.migrate();
  }
  ping(): Promise<void> {
    return this.inner.ping();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
