import { EngineError, type Clock, type RateLimitStore } from '@notewave/engine';
import type { RateRule } from '../config.ts';

export interface LoginThrottleRules {
  /** Failures for one handle from one address before that pair waits for its window to end. */
  perPair: RateRule;
  /** Failures for one handle from anywhere before it accepts one attempt per `slowWindowMs`, from anyone. */
  perHandle: RateRule;
  slowWindowMs?: number;
}

/** A 429 that says when to come back; the HTTP edge turns `retryAfterMs` into a Retry-After header. */
export function rateLimited(message: string, retryAfterMs: number): EngineError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new EngineError('rate_limited', `${message}; try again in ${seconds} s`, { retryAfterMs });
}

/**
 * Slows online password guessing, with counts kept in the shared store so every node sees the same failures.
 * Failures are counted per (handle, address) and per handle. Guessing one account from one address is refused
 * for the rest of the window, and only that pair is: other accounts signing in from the same address (a NAT, an
 * office) are never refused because of it, and neither is the owner elsewhere. Guesses spread over many
 * addresses trip the per-handle count, which does not lock the account but lets it take one attempt per minute
 * from anyone until the window ends: the owner may wait a minute, a guesser gets one try a minute. A success
 * clears only its own pair. Sign-in requests per address are limited separately (the request rate limits).
 */
export class LoginThrottle {
  private readonly slowWindowMs: number;

  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    private readonly rules: LoginThrottleRules,
  ) {
    this.slowWindowMs = rules.slowWindowMs ?? 60_000;
  }

  /** Throws `rate_limited` (with `retryAfterMs`) when this attempt must wait; costs one read, two when slowed. */
  async check(handle: string, address: string): Promise<void> {
    const now = this.clock.now();
    const pair = this.counter(pairKey(handle, address), this.rules.perPair, now);
    const all = this.counter(handleKey(handle), this.rules.perHandle, now);
    const [pairFailures = 0, handleFailures = 0] = await this.store.readHits([pair, all]);
    if (pairFailures >= this.rules.perPair.limit) throw rateLimited('too many failed sign-ins for this handle from this address', pair.end - now);
    if (handleFailures < this.rules.perHandle.limit) return;
    const slow = this.counter(slowKey(handle), { limit: 1, windowMs: this.slowWindowMs }, now);
    const [attempts = 0] = await this.store.addHits([{ key: slow.key, windowStart: slow.windowStart, hits: 1, expiresAt: slow.end }]);
    if (attempts > 1) throw rateLimited('too many failed sign-ins for this handle; it takes one attempt a minute for now', slow.end - now);
  }

  async fail(handle: string, address: string): Promise<void> {
    const now = this.clock.now();
    const pair = this.counter(pairKey(handle, address), this.rules.perPair, now);
    const all = this.counter(handleKey(handle), this.rules.perHandle, now);
    await this.store.addHits([
      { key: pair.key, windowStart: pair.windowStart, hits: 1, expiresAt: pair.end },
      { key: all.key, windowStart: all.windowStart, hits: 1, expiresAt: all.end },
    ]);
  }

  async succeed(handle: string, address: string): Promise<void> {
    await this.store.clearKeys([pairKey(handle, address)]);
  }

  private counter(key: string, rule: RateRule, now: number): { key: string; windowStart: number; end: number } {
    const windowStart = now - (now % rule.windowMs);
    return { key, windowStart, end: windowStart + rule.windowMs };
  }
}

function pairKey(handle: string, address: string): string {
  return `login:pair:${handle}\n${address}`;
}
function handleKey(handle: string): string {
  return `login:handle:${handle}`;
}
function slowKey(handle: string): string {
  return `login:slow:${handle}`;
}
