import type { Clock, Role, Suspension, User, UserPatch, UserStore } from '@notewave/engine';
import { TtlCache, type CacheOptions } from './ttl-cache.ts';

/**
 * Every signed-in request reads its viewer, and every page of notes reads their authors. Users change rarely, so
 * reads by id are served from memory for a short time. Changes made through this store (on this node) are
 * visible at once; a change made by another node sharing the database is dropped as soon as this node's change follower reads it
 * from the change log, and after `ttlMs` at the latest.
 * Cached users are frozen: callers share them.
 */
export class CachedUserStore implements UserStore {
  private readonly cache: TtlCache<string, User>;

  constructor(
    private readonly store: UserStore,
    private readonly clock: Clock,
    opts: CacheOptions = { ttlMs: 30_000, maxEntries: 50_000 },
  ) {
    this.cache = new TtlCache(opts.ttlMs, opts.maxEntries);
  }

  /** Hits and misses of the read cache since start. */
  cacheCounts(): { hits: number; misses: number } {
    return { hits: this.cache.hits, misses: this.cache.misses };
  }

  createUser(user: User): Promise<void> {
    return this.store.createUser(user);
  }

  insertUsers(users: readonly User[]): Promise<void> {
    return this.store.insertUsers(users);
  }

  async getUser(id: string): Promise<User | null> {
    const now = this.clock.now();
    const hit = this.cache.get(id, now);
    if (hit !== undefined) return hit;
    const ticket = this.cache.ticket();
    const u = await this.store.getUser(id);
    if (!u) return null;
    const frozen = Object.freeze(u);
    this.cache.fill(ticket, id, frozen, now);
    return frozen;
  }

  getUsers(ids: readonly string[]): Promise<User[]> {
    return this.cache.readThrough(ids, this.clock.now(), (missing) => this.store.getUsers(missing), (u) => u.id, (u) => Object.freeze(u), true);
  }

  getUserByHandle(handle: string): Promise<User | null> {
    return this.store.getUserByHandle(handle);
  }

  updateUser(id: string, patch: UserPatch): Promise<User | null> {
    return this.changing(id, () => this.store.updateUser(id, patch));
  }

  setRole(id: string, role: Role): Promise<boolean> {
    return this.changing(id, () => this.store.setRole(id, role));
  }

  listUsersByRole(role: Role): Promise<User[]> {
    return this.store.listUsersByRole(role);
  }

  setSuspension(id: string, suspension: Suspension | null): Promise<boolean> {
    return this.changing(id, () => this.store.setSuspension(id, suspension));
  }

  setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    return this.changing(id, () => this.store.setPasswordHash(id, passwordHash));
  }

  /** Drops users changed behind this store's back (an account erased through another store, or on another node). */
  forget(...ids: string[]): void {
    for (const id of ids) this.cache.invalidate(id);
  }

  /** Invalidated before and after: a read that fetched the old row while the change ran must not be cached. */
  private async changing<T>(id: string, change: () => Promise<T>): Promise<T> {
    this.cache.invalidate(id);
    try {
      return await change();
    } finally {
      this.cache.invalidate(id);
    }
  }

  listUsers(after: string | null, limit: number): Promise<User[]> {
    return this.store.listUsers(after, limit);
  }

  countUsers(): Promise<number> {
    return this.store.countUsers();
  }
}
