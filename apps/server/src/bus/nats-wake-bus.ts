import { randomUUID } from 'node:crypto';
import type { ChangeLog } from '@notewave/engine';
import { DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, StorageType, type ConsumerMessages, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { WakeBus } from './wake-bus.ts';

const RETRY_MS = 1_000;
const PUBLISH_TIMEOUT_MS = 2_000;
const CONNECT_TIMEOUT_MS = 5_000;
/** Wake-ups are worth something only until the slow poll would have found the same rows. */
const KEEP_MS = 60_000;
const KEEP_MESSAGES = 10_000;

export interface NatsWakeBusOptions {
  /** Comma-separated NATS server URLs. */
  servers: string;
  subject: string;
  /** This process's own commits, announced on the subject. */
  changes: ChangeLog;
  onError(err: unknown): void;
  retryMs?: number;
}

/** The JetStream stream that keeps a subject's wake-ups: one per subject, so deployments sharing a server stay apart. */
export function streamName(subject: string): string {
  return `NOTEWAVE_WAKE_${subject.replace(/[^A-Za-z0-9_-]/g, '_').toUpperCase()}`;
}

/**
 * Wake-ups over NATS JetStream, for deployments where one LISTEN connection per node and a notification per commit
 * weigh on PostgreSQL (the node then opens its store without them). Each node publishes after its own commits
 * (coalesced: one message in flight, one more for whatever committed meanwhile) and reads the stream with an ordered
 * consumer, which resumes where it stopped after a reconnection, so wake-ups published while a node was cut off still
 * arrive. The stream is in memory and short: PostgreSQL stays the log, and a node that lost wake-ups reads by seq on
 * reconnection and on its slow poll.
 */
export class NatsWakeBus implements WakeBus {
  readonly kind = 'nats' as const;
  /** Marks this node's own messages, which need not wake it: its engine applied those writes already. */
  private readonly origin = randomUUID();
  private nc: NatsConnection | null = null;
  private messages: ConsumerMessages | null = null;
  private onWake: (() => void) | null = null;
  private stopOwn: (() => Promise<void>) | null = null;
  private retry: NodeJS.Timeout | null = null;
  private connecting: Promise<void> | null = null;
  private publishing = false;
  private publishAgain = false;
  private failing = false;
  /** False from a lost connection until the client's own reconnection succeeds. */
  private linked = false;
  private stopped = false;

  constructor(private readonly opts: NatsWakeBusOptions) {}

  async start(onWake: () => void): Promise<void> {
    if (this.onWake) return;
    this.onWake = onWake;
    this.stopOwn = await this.opts.changes.watchOwnCommits(() => this.announce());
    this.connecting = this.connect();
    await this.connecting;
  }

  connected(): boolean {
    return this.linked && this.nc !== null && !this.nc.isClosed() && this.messages !== null;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.stopOwn?.();
    this.stopOwn = null;
    await this.connecting?.catch(() => {});
    const nc = this.nc;
    this.nc = null;
    this.messages?.stop();
    this.messages = null;
    await nc?.close().catch(() => {});
  }

  private async connect(): Promise<void> {
    this.retry = null;
    let nc: NatsConnection | null = null;
    try {
      nc = await connect({
        servers: this.opts.servers.split(','),
        name: `notewave-${this.origin}`,
        // Start and stop wait for a connection attempt; an address that swallows packets must not hold them long.
        timeout: CONNECT_TIMEOUT_MS,
        // After the first connection the client reconnects by itself, forever; the ordered consumer follows it.
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: this.opts.retryMs ?? RETRY_MS,
      });
      await ensureStream(await jetstreamManager(nc), this.opts.subject);
      const consumer = await jetstream(nc).consumers.get(streamName(this.opts.subject), {
        filter_subjects: this.opts.subject,
        deliver_policy: DeliverPolicy.New,
      });
      const messages = await consumer.consume();
      if (this.stopped) {
        messages.stop();
        await nc.close();
        return;
      }
      this.nc = nc;
      this.messages = messages;
      this.linked = true;
      this.follow(nc, messages);
    } catch (err) {
      await nc?.close().catch(() => {});
      this.fail(err);
      this.again();
      return;
    }
    this.failing = false;
    // Whatever was committed while this node was not listening is read now, by seq.
    this.onWake?.();
  }

  private follow(nc: NatsConnection, messages: ConsumerMessages): void {
    void (async () => {
      for await (const m of messages) if (m.string() !== this.origin) this.onWake?.();
    })().catch((err: unknown) => this.fail(err));
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'reconnect') {
          this.linked = true;
          this.failing = false;
          this.onWake?.();
        } else if (s.type === 'disconnect') {
          this.linked = false;
          this.fail(new Error(`lost the NATS connection to ${this.opts.servers}; reconnecting`));
        }
      }
    })().catch(() => {});
    void nc.closed().then(() => {
      if (this.nc !== nc) return;
      this.nc = null;
      this.linked = false;
      this.messages = null;
      this.again();
    });
  }

  private again(): void {
    if (!this.stopped && this.retry === null) {
      this.retry = setTimeout(() => {
        this.connecting = this.connect();
      }, this.opts.retryMs ?? RETRY_MS);
    }
  }

  /** Publishes one wake-up for every commit so far; commits made while one is in flight share the next. */
  private announce(): void {
    if (this.publishing) {
      this.publishAgain = true;
      return;
    }
    const nc = this.nc;
    if (nc === null || nc.isClosed()) return;
    this.publishing = true;
    this.publishAgain = false;
    jetstream(nc)
      .publish(this.opts.subject, this.origin, { timeout: PUBLISH_TIMEOUT_MS })
      .then(() => {
        this.failing = false;
      }, (err: unknown) => this.fail(err))
      .finally(() => {
        this.publishing = false;
        if (this.publishAgain) this.announce();
      });
  }

  /** Reports the first failure of a run of them: a bus that is down would otherwise log once per commit. */
  private fail(err: unknown): void {
    if (this.failing || this.stopped) return;
    this.failing = true;
    this.opts.onError(err);
  }
}

/** Creates the stream, or checks that one already there keeps this subject. */
async function ensureStream(jsm: JetStreamManager, subject: string): Promise<void> {
  const name = streamName(subject);
  try {
    await jsm.streams.add({
      name,
      subjects: [subject],
      storage: StorageType.Memory,
      max_age: KEEP_MS * 1_000_000,
      max_msgs: KEEP_MESSAGES,
      discard: DiscardPolicy.Old,
    });
  } catch (err) {
    // Added already by another node, perhaps with other limits: usable as long as it keeps our subject.
    const info = await jsm.streams.info(name).catch(() => null);
    if (info === null) throw err;
    if (!info.config.subjects?.includes(subject)) {
      throw new Error(`JetStream stream ${name} exists but does not keep subject ${subject}`, { cause: err });
    }
  }
}
