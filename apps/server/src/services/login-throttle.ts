import { EngineError } from '@notewave/engine';

interface Window {
  failures: number;
  resetAt: number;
}

/**
 * Slows online password guessing: after `maxFailures` wrong passwords for one handle within `windowMs`,
 * further attempts for that handle get `rate_limited` until the window ends. In memory and per node, which
 * is enough to make guessing impractical without adding a shared store.
 */
export class LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly maxTracked = 50_000,
  ) {}

  check(handle: string, now: number): void {
    const w = this.windows.get(handle);
    if (w && now < w.resetAt && w.failures >= this.maxFailures) {
      const minutes = Math.ceil((w.resetAt - now) / 60_000);
      throw new EngineError('rate_limited', `too many failed sign-ins for this handle; try again in ${minutes} min`);
    }
  }

  fail(handle: string, now: number): void {
    let w = this.windows.get(handle);
    if (!w || now >= w.resetAt) {
      if (this.windows.size >= this.maxTracked) this.prune(now);
      w = { failures: 0, resetAt: now + this.windowMs };
      this.windows.set(handle, w);
    }
    w.failures++;
  }

  succeed(handle: string): void {
    this.windows.delete(handle);
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now >= w.resetAt) this.windows.delete(k);
    // Still full of live windows: forget the oldest rather than grow without bound.
    while (this.windows.size >= this.maxTracked) {
      const first = this.windows.keys().next().value as string;
      this.windows.delete(first);
    }
  }
}
