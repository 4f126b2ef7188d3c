import type { ChangeLog } from '@notewave/engine';
import type { WakeBus } from './wake-bus.ts';

/**
 * The default: the store itself wakes its followers (PostgreSQL LISTEN/NOTIFY, sent by the committing transaction),
 * so there is nothing else to run or to publish to.
 */
export class PostgresWakeBus implements WakeBus {
  readonly kind = 'postgres' as const;
  private unwatch: (() => Promise<void>) | null = null;

  constructor(private readonly changes: ChangeLog) {}

  async start(onWake: () => void): Promise<void> {
    this.unwatch ??= await this.changes.watch(onWake);
  }

  connected(): boolean {
    return this.unwatch !== null;
  }

  async stop(): Promise<void> {
    const stop = this.unwatch;
    this.unwatch = null;
    await stop?.();
  }
}
