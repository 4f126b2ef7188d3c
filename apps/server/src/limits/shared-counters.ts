import type { Clock, RateHit, RateLimitStore } from '@notewave/engine';
import type { RateRule } from '../config.ts';

interface Window {
  key: string;
  start: number;
  end: number;
  /** The shared total as last read back from the store (this node's flushed hits included). */
  shared: number;
  /** This node's hits not yet written. */
  pending: number;
}

export interface SharedCountersOptions {
  /** How often pending hits are written (and shared totals read back). */
  flushMs: number;
  /** Windows kept in memory; past this, windows with nothing pending are forgotten, oldest first. */
  maxWindows: number;
  /** How often expired windows are deleted from the store. */
  purgeMs: number;
}

const DEFAULTS: SharedCountersOptions = { flushMs: 250, maxWindows: 100_000, purgeMs: 10 * 60_000 };

/** What a refused hit tells the caller: when the window ends. */
export interface Refusal {
  retryAfterMs: number;
}

/**
 * Fixed-window counters decided locally and shared through the store. A hit is decided at once from what this
 * node knows (the shared total last read back plus its own unwritten hits), so limits cost no database round trip
 * on the request path; pending hits are written in one batched upsert every `flushMs`, which returns the totals
 * of every node. Across N nodes a limit can be overshot by what the others accepted since their last write (about
 * N × one flush interval of traffic); within one node it is exact. A failed write keeps the hits pending.
 */
export class SharedCounters {
  private readonly windows = new Map<string, Window>();
  private readonly opts: SharedCountersOptions;
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;
  private lastPurge: number;

  private reportError: (e: unknown) => void = () => {};

  constructor(
    private readonly store: RateLimitStore,
    private readonly clock: Clock,
    opts: Partial<SharedCountersOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
    this.lastPurge = clock.now();
  }

  /** Where failed writes are reported (they are retried with the next flush). */
  onError(report: (e: unknown) => void): void {
    this.reportError = report;
  }

  /** Counts one hit against `key` unless its window is full; a refused hit is not counted. */
  take(key: string, rule: RateRule): Refusal | null {
    const w = this.window(key, rule);
    if (w.shared + w.pending >= rule.limit) return { retryAfterMs: Math.max(1, w.end - this.clock.now()) };
    w.pending++;
    return null;
  }

  /** Counts as many of `wanted` hits as still fit in `key`'s window and returns that number. */
  grant(key: string, rule: RateRule, wanted: number): number {
    const w = this.window(key, rule);
    const n = Math.max(0, Math.min(wanted, rule.limit - w.shared - w.pending));
    w.pending += n;
    return n;
  }

  /** Writes pending hits every `flushMs` until `stop`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Writes pending hits in one batch and takes the shared totals back; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.flushNow().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    const now = this.clock.now();
    const batch: { w: Window; hits: number }[] = [];
    for (const [id, w] of this.windows) {
      if (w.pending > 0) batch.push({ w, hits: w.pending });
      else if (w.end <= now) this.windows.delete(id);
    }
    try {
      if (batch.length > 0) {
        const rows: RateHit[] = batch.map(({ w, hits }) => ({ key: w.key, windowStart: w.start, hits, expiresAt: w.end }));
        const totals = await this.store.addHits(rows);
        batch.forEach(({ w, hits }, i) => {
          w.pending -= hits;
          // Hits taken while the write was in flight stay pending; the total includes everything written.
          w.shared = Math.max(w.shared, totals[i] ?? 0);
        });
      }
      if (now - this.lastPurge >= this.opts.purgeMs) {
        this.lastPurge = now;
        await this.store.purgeExpired(now);
      }
    } catch (e) {
      this.reportError(e);
    }
  }

  private window(key: string, rule: RateRule): Window {
    const now = this.clock.now();
    const start = now - (now % rule.windowMs);
    const id = `${start}\n${key}`;
    let w = this.windows.get(id);
    if (!w) {
      if (this.windows.size >= this.opts.maxWindows) this.forgetIdle();
      w = { key, start, end: start + rule.windowMs, shared: 0, pending: 0 };
      this.windows.set(id, w);
    }
    return w;
  }

  private forgetIdle(): void {
    for (const [id, w] of this.windows) {
      if (this.windows.size < this.opts.maxWindows) return;
      if (w.pending === 0) this.windows.delete(id);
    }
  }
}
