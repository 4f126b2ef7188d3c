import { createHash, randomBytes } from 'node:crypto';
import { EngineError, type Clock, type Engine, type IdGenerator, type SessionStore, type User, type UserStore } from '@notewave/engine';
import type { LoginInput, RegisterInput, Session } from '@notewave/api-client';
import { LoginThrottle } from './login-throttle.ts';
import { DECOY_HASH, hashPassword, verifyPassword } from './password.ts';
import { privateView } from './user-views.ts';

export interface AuthOptions {
  tokenTtlMs: number;
  operatorHandles: readonly string[];
}

/** Bearer tokens are random; only their SHA-256 is stored, so a leaked database does not leak sessions. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Expired sessions are swept at most this often, when someone signs in. */
const PURGE_EVERY_MS = 60 * 60_000;

export class AuthService {
  private lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly engine: Engine,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly opts: AuthOptions,
    private readonly throttle = new LoginThrottle(),
  ) {}

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
    this.throttle.check(handle, clientAddress, this.clock.now());
    const user = await this.users.getUserByHandle(handle);
    const ok = await verifyPassword(input.password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !user.passwordHash || !ok) {
      this.throttle.fail(handle, clientAddress, this.clock.now());
      throw new EngineError('invalid_credentials');
    }
    this.throttle.succeed(handle, clientAddress);
    return this.openSession(user);
  }

  async logout(token: string): Promise<void> {
    await this.sessions.deleteSession(tokenHash(token));
  }

  /** The user a bearer token belongs to, or null when it is unknown or expired. */
  async authenticate(token: string): Promise<User | null> {
    const hash = tokenHash(token);
    const s = await this.sessions.getSession(hash);
    if (!s) return null;
    if (s.expiresAt <= this.clock.now()) {
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
