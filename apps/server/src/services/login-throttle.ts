import { EngineError } from '@notewave/engine';

interface Window {
  failures: number;
  resetAt: number;
}

export interface LoginThrottleOptions {
  /** Wrong passwords for one handle from one address before that pair is refused. */
  maxFailures: number;
  /** Wrong passwords from one address, whatever the handles, before the address is refused. */
  maxFailuresPerAddress: number;
  windowMs: number;
  /** Windows kept per map; the oldest are forgotten beyond this. */
  maxTracked: number;
}

const DEFAULTS: LoginThrottleOptions = { maxFailures: 10, maxFailuresPerAddress: 100, windowMs: 15 * 60_000, maxTracked: 50_000 };

/**
 * Slows online password guessing. Failures are counted per (handle, client address) and per address: guessing one
 * account, or spraying many, from one address is refused for the rest of the window, while the account's owner
 * signing in from elsewhere is never locked out by someone else's failures. A success clears only its own pair,
 * so an attacker holding one valid account cannot reset the address count. Guesses spread over many addresses
 * are slowed only per address; that is the price of never locking a handle for everyone. In memory and per node.
 */
export class LoginThrottle {
  private readonly pairs = new Map<string, Window>();
  private readonly addresses = new Map<string, Window>();
  private readonly opts: LoginThrottleOptions;

  constructor(opts: Partial<LoginThrottleOptions> = {}) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  check(handle: string, address: string, now: number): void {
    const byAddress = this.addresses.get(address);
    if (byAddress && now < byAddress.resetAt && byAddress.failures >= this.opts.maxFailuresPerAddress) {
      throw refused('from this address', byAddress, now);
    }
    const pair = this.pairs.get(pairKey(handle, address));
    if (pair && now < pair.resetAt && pair.failures >= this.opts.maxFailures) throw refused('for this handle', pair, now);
  }

  fail(handle: string, address: string, now: number): void {
    this.bump(this.pairs, pairKey(handle, address), now);
    this.bump(this.addresses, address, now);
  }

  succeed(handle: string, address: string): void {
    this.pairs.delete(pairKey(handle, address));
  }

  private bump(windows: Map<string, Window>, key: string, now: number): void {
    let w = windows.get(key);
    if (!w || now >= w.resetAt) {
      if (windows.size >= this.opts.maxTracked) this.prune(windows, now);
      w = { failures: 0, resetAt: now + this.opts.windowMs };
      windows.set(key, w);
    }
    w.failures++;
  }

  private prune(windows: Map<string, Window>, now: number): void {
    for (const [k, w] of windows) if (now >= w.resetAt) windows.delete(k);
    // Still full of live windows: forget the oldest rather than grow without bound.
    while (windows.size >= this.opts.maxTracked) windows.delete(windows.keys().next().value as string);
  }
}

function pairKey(handle: string, address: string): string {
  return `${handle}\n${address}`;
}

function refused(what: string, w: Window, now: number): EngineError {
  const minutes = Math.ceil((w.resetAt - now) / 60_000);
  return new EngineError('rate_limited', `too many failed sign-ins ${what}; try again in ${minutes} min`);
}
