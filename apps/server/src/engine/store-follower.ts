import type { ChangeLog, EventLog } from '@notewave/engine';
import type { WakeBus } from '../bus/wake-bus.ts';
import type { ExposureTail } from '../experiments/exposure-tail.ts';
import type { ChangeFollower } from './change-follower.ts';
import type { EngineSync } from './engine-sync.ts';

/** How far this node's engine trails the shared store, by sequence number (0 behind = in step). */
export interface FollowLag {
  changes: { applied: number; latest: number; missed?: true };
  events: { applied: number; latest: number };
  bus: { kind: WakeBus['kind']; connected: boolean };
}

export interface StoreFollowerParts {
  changes: ChangeLog;
  events: EventLog;
  follower: ChangeFollower;
  sync: EngineSync;
  exposures: ExposureTail;
  /** What tells this node that another one committed (PostgreSQL LISTEN/NOTIFY or NATS). */
  bus: WakeBus;
  onError(err: unknown): void;
}

/**
 * What a node on a shared store runs to stay in step with the others: entity changes first (so events about a note
 * created elsewhere find it in the catalog), then events, then experiment exposures. It runs when the bus says
 * something was committed (PostgreSQL LISTEN/NOTIFY or NATS) and on a slow poll besides, which also covers a bus
 * that is down or a wake-up that was lost.
 * Wake-ups arriving during a pass are folded into one more pass.
 */
export class StoreFollower {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly parts: StoreFollowerParts) {}

  /** Starts listening for commits made by any node; safe to call once. */
  async watch(): Promise<void> {
    await this.parts.bus.start(() => void this.pass().catch((err: unknown) => this.parts.onError(err)));
  }

  async stop(): Promise<void> {
    await this.parts.bus.stop();
    await this.running?.catch(() => {});
  }

  /** Which bus wakes this node, and whether it is connected. */
  get bus(): WakeBus {
    return this.parts.bus;
  }

  /** One pass over changes, events and exposures (or one more after the pass already running). */
  pass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.parts.follower.poll();
        await this.parts.sync.catchUp();
        await this.parts.exposures.poll();
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  get appliedChangeSeq(): number {
    return this.parts.follower.appliedSeq;
  }

  async lag(): Promise<FollowLag> {
    const [changes, events] = await Promise.all([this.parts.changes.latestSeq(), this.parts.events.lastSeq()]);
    return {
      changes: { applied: this.parts.follower.appliedSeq, latest: changes, ...(this.parts.follower.missed ? { missed: true as const } : {}) },
      events: { applied: this.parts.sync.appliedSeq, latest: events },
      bus: { kind: this.parts.bus.kind, connected: this.parts.bus.connected() },
    };
  }
}
