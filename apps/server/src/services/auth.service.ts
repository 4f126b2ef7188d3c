import { createHash, randomBytes } from 'node:crypto';
import { EngineError, type Clock, type Engine, type IdGenerator, type SessionRecord, type SessionStore, type User, type UserStore } from '@notewave/engine';
import type { LoginInput, PasswordChangeInput, RegisterInput, Session, SessionInfo } from '@notewave/api-client';
import type { LoginThrottle } from './login-throttle.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password.ts';
import { TtlCache } from './ttl-cache.ts';
import { privateView } from './user-views.ts';

export interface AuthOptions {
  tokenTtlMs: number;
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

  /**
   * A new account is always an ordinary user: roles are granted to existing accounts only (see operators.ts).
   * A taken handle fails after the same work and with the same answer whoever holds it, so sign-up tells no more
   * than the public profiles, which show every handle anyway.
   */
  async register(input: RegisterInput): Promise<Session> {
    const handle = input.handle.toLowerCase();
    const passwordHash = await hashPassword(input.password);
    if (await this.users.getUserByHandle(handle)) throw handleUnavailable();
    const user: User = {
      id: this.ids.next('u'),
      handle,
      displayName: input.displayName,
      passwordHash,
      locale: input.locale,
      market: input.market,
      signupSource: input.signupSource ?? 'organic',
      role: 'user',
      ageBand: input.demographics?.ageBand ?? null,
      gender: input.demographics?.gender ?? null,
      incomeBand: input.demographics?.incomeBand ?? null,
      createdAt: this.clock.now(),
    };
    // The store's unique index is the real guard against two concurrent registrations of one handle.
    try {
      await this.users.createUser(user);
    } catch (e) {
      throw e instanceof EngineError && e.code === 'conflict' ? handleUnavailable() : e;
    }
    this.engine.addUser(user);
    return this.openSession(user);
  }

  /** Hits and misses of the session cache since start. */
  sessionCacheCounts(): { hits: number; misses: number } {
    return { hits: this.sessionCache.hits, misses: this.sessionCache.misses };
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
    // Said only to someone who knows the password, so it reveals nothing to a stranger.
    if (user.suspension) throw new EngineError('forbidden', `this account is suspended: ${user.suspension.reason}`);
    return this.openSession(user);
  }

  /** Needs the current password; every other session of the account ends, the one in use stays. */
  async changePassword(user: User, token: string, input: PasswordChangeInput): Promise<void> {
    const ok = await verifyPassword(input.currentPassword, user.passwordHash ?? DECOY_HASH);
    if (!user.passwordHash || !ok) throw new EngineError('invalid_credentials', 'the current password is wrong');
    await this.users.setPasswordHash(user.id, await hashPassword(input.newPassword));
    await this.revokeAll(user.id, tokenHash(token));
  }

  /** Checks a password of a signed-in user, for actions that need it again (deleting the account). */
  async confirmPassword(user: User, password: string): Promise<void> {
    const ok = await verifyPassword(password, user.passwordHash ?? DECOY_HASH);
    if (!user.passwordHash || !ok) throw new EngineError('invalid_credentials', 'the password is wrong');
  }

  /** The user's sessions, newest first; `current` marks the one making the request. */
  async listSessions(user: User, token: string): Promise<SessionInfo[]> {
    const current = tokenHash(token);
    const now = this.clock.now();
    const all = await this.sessions.listUserSessions(user.id);
    return all
      .filter((s) => s.expiresAt > now)
      .map((s) => ({ id: sessionId(s.tokenHash), createdAt: s.createdAt, expiresAt: s.expiresAt, current: s.tokenHash === current }));
  }

  /** Ends one of the user's own sessions by the id `listSessions` gave it. */
  async revokeSession(user: User, id: string): Promise<void> {
    const target = (await this.sessions.listUserSessions(user.id)).find((s) => sessionId(s.tokenHash) === id);
    if (!target) throw new EngineError('not_found', `no session '${id}'`);
    this.sessionCache.invalidate(target.tokenHash);
    await this.sessions.deleteSession(target.tokenHash);
    this.sessionCache.invalidate(target.tokenHash);
  }

  /** Ends every session of an account but the one in use; returns how many ended. */
  async revokeOtherSessions(user: User, token: string): Promise<number> {
    return this.revokeAll(user.id, tokenHash(token));
  }

  /**
   * Ends every session of an account (but `keepHash`): on this node at once; other nodes on a shared store drop
   * their cached copies when they read the revocation from the change log (`forgetSessions`).
   */
  async revokeAll(userId: string, keepHash?: string): Promise<number> {
    const gone = await this.sessions.deleteUserSessions(userId, keepHash);
    for (const h of gone) this.sessionCache.invalidate(h);
    return gone.length;
  }

  /** Drops sessions another node revoked, so this node refuses their tokens from now on. */
  forgetSessions(tokenHashes: readonly string[]): void {
    for (const h of tokenHashes) this.sessionCache.invalidate(h);
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
    const user = await this.users.getUser(s.userId);
    // Suspending ends the account's sessions; this catches one another node still had in its cache.
    return user && !user.suspension && user.deletedAt === undefined ? user : null;
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

/** Names a session for its owner without handing out the token hash whole. */
function sessionId(hash: string): string {
  return hash.slice(0, 16);
}

function handleUnavailable(): EngineError {
  return new EngineError('conflict', 'this handle is not available; choose another');
}
