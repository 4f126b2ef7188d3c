import { createHash, randomBytes } from 'node:crypto';
import { EngineError, type Clock, type Engine, type IdGenerator, type SessionRecord, type SessionStore, type User, type UserStore } from '@notewave/engine';
import type { LoginInput, RegisterInput, Session } from '@notewave/api-client';
import type { LoginThrottle } from './login-throttle.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password.ts';
import { TtlCache } from './ttl-cache.ts';
import { privateView } from './user-views.ts';

export interface AuthOptions {
  tokenTtlMs: number;
  operatorHandles: readonly string[];
  /**
   * How long a looked-up session is served from memory. Signing out on this node ends the session at once; a
   * sign-out on another node sharing the database is seen here within this time. Expiry is always exact.
   */
  sessionCacheMs?: number;
}

/** Bearer tokens are random; only their SHA-256 is stored, so a leaked database does not leak sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Expired sessions are swept at most this often, when someone signs in. */
const PURGE_EVERY_MS = 60 * 60_000;

export const SESSION_CACHE_MS = 10_000;
const SESSION_CACHE_ENTRIES = 100_000;

export class AuthService {
  private lastPurge = Number.NEGATIVE_INFINITY;
  /** Token hash → session; only sessions that exist are cached, so unknown tokens cannot fill it. */
  private readonly sessionCache: TtlCache<string, SessionRecord>;

  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly engine: Engine,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly opts: AuthOptions,
    private readonly throttle: LoginThrottle,
  ) {
    this.sessionCache = new TtlCache(opts.sessionCacheMs ?? SESSION_CACHE_MS, SESSION_CACHE_ENTRIES);
  }

  async register(input: RegisterInput): Promise<Session> {
    const handle = input.handle.toLowerCase();
    if (await this.users.getUserByHandle(handle)) throw new EngineError('conflict', `the handle '${handle}' is taken`);
    const user: User = {
      id: this.ids.next('u'),
      handle,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      locale: input.locale,
      market: input.market,
      signupSource: input.signupSource ?? 'organic',
      role: this.opts.operatorHandles.includes(handle) ? 'operator' : 'user',
      ageBand: input.demographics?.ageBand ?? null,
      gender: input.demographics?.gender ?? null,
      incomeBand: input.demographics?.incomeBand ?? null,
      createdAt: this.clock.now(),
    };
    // The store's unique index is the real guard against two concurrent registrations of one handle.
    await this.users.createUser(user);
    this.engine.addUser(user);
    return this.openSession(user);
  }

  /** `clientAddress` is the caller's IP address, which failed attempts are counted against. */
  async login(input: LoginInput, clientAddress: string): Promise<Session> {
    const handle = input.handle.toLowerCase();
    await this.throttle.check(handle, clientAddress);
    const user = await this.users.getUserByHandle(handle);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !user.passwordHash || !ok) {
      await this.throttle.fail(handle, clientAddress);
      throw new EngineError('invalid_credentials');
    }
    await this.throttle.succeed(handle, clientAddress);
    return this.openSession(user);
  }

  async logout(token: string): Promise<void> {
    const hash = tokenHash(token);
    this.sessionCache.invalidate(hash);
    try {
      await this.sessions.deleteSession(hash);
    } finally {
      // Again after the delete: a lookup that read the row before it was deleted must not cache it.
      this.sessionCache.invalidate(hash);
    }
  }

  /** The user a bearer token belongs to, or null when it is unknown or expired. */
  async authenticate(token: string): Promise<User | null> {
    const hash = tokenHash(token);
    const now = this.clock.now();
    let s = this.sessionCache.get(hash, now);
    if (s === undefined) {
      const ticket = this.sessionCache.ticket();
      const stored = await this.sessions.getSession(hash);
      if (!stored) return null;
      s = stored;
      this.sessionCache.fill(ticket, hash, s, now);
    }
    if (s.expiresAt <= now) {
      this.sessionCache.invalidate(hash);
      await this.sessions.deleteSession(hash);
      return null;
    }
    return this.users.getUser(s.userId);
  }

  private async openSession(user: User): Promise<Session> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = this.clock.now();
    const expiresAt = createdAt + this.opts.tokenTtlMs;
    // Sessions nobody presents again would otherwise stay forever; sweeping on sign-in needs no job of its own.
    if (createdAt - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = createdAt;
      await this.sessions.deleteExpiredSessions(createdAt);
    }
    await this.sessions.createSession({ tokenHash: tokenHash(token), userId: user.id, createdAt, expiresAt });
    return { token, expiresAt, user: privateView(user) };
  }
}
