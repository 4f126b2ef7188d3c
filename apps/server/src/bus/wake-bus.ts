import { EngineError, type ChangeLog } from '@notewave/engine';
import type { Config, EventBusKind } from '../config.ts';
import { NatsWakeBus } from './nats-wake-bus.ts';
import { PostgresWakeBus } from './postgres-wake-bus.ts';

/**
 * How a node on a shared store learns that some node committed changes or appended events. A wake-up is only a
 * hint: the node then reads the store's logs by sequence number from where it stopped, so a lost or repeated
 * wake-up loses or repeats nothing, and the slow poll beside it covers a bus that is down.
 */
export interface WakeBus {
  readonly kind: EventBusKind;
  /**
   * Calls `onWake` soon after any node commits, and on every (re)connection, so what a gap hid is read at once.
   * A bus that cannot be reached yet keeps trying in the background; start does not fail for it.
   */
  start(onWake: () => void): Promise<void>;
  /** Whether wake-ups can arrive now (connected to the bus). */
  connected(): boolean;
  stop(): Promise<void>;
}

export interface WakeBusDeps {
  changes: ChangeLog;
  /** Told when the bus cannot be reached or refuses a message; the bus keeps trying by itself. */
  onError(err: unknown): void;
}

type WakeBusFactory = (config: Config, deps: WakeBusDeps) => WakeBus;

const BUSES: Record<EventBusKind, WakeBusFactory> = {
  postgres: (_config, deps) => new PostgresWakeBus(deps.changes),
  nats: (config, deps) => {
    if (config.natsUrl === null) throw new EngineError('config_invalid', 'NOTEWAVE_EVENT_BUS=nats needs NOTEWAVE_NATS_URL');
    return new NatsWakeBus({ servers: config.natsUrl, subject: config.natsSubject, changes: deps.changes, onError: deps.onError });
  },
};

/** The bus the configuration names (`NOTEWAVE_EVENT_BUS`); nothing connects before `start`. */
export function createWakeBus(config: Config, deps: WakeBusDeps): WakeBus {
  return BUSES[config.eventBus](config, deps);
}
