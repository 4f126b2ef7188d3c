import {
  validateEvent, type AppendOutcome, type Clock, type EngineEvent, type EventLog, type EventType, type IdGenerator, type NoteStore, type UserStore,
} from '@notewave/engine';
import type { EventBatchResult } from '@notewave/api-client';
import type { EngineSync } from '../engine/engine-sync.ts';
import { unknownReferences, type KnownIds } from './event-references.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event the server records on a user's behalf (like, save, follow…): id and time are filled in. */
export type ActionEvent = DistributiveOmit<EngineEvent, 'userId' | 'clientEventId' | 'ts'>;

export interface IngestCounter {
  countEvents(outcome: 'accepted' | 'duplicate' | 'rejected', n: number): void;
}

/**
 * Events that change state the server keeps in tables (one like per user and note, one follow per pair, comments
 * as rows): the server logs them itself when the action is taken through its endpoint, so the engine's counters
 * follow the tables. Sent as raw events they would count engagement nobody gave.
 */
const SERVER_RECORDED: Partial<Record<EventType, string>> = {
  like: 'POST /api/notes/{id}/like',
  unlike: 'DELETE /api/notes/{id}/like',
  save: 'POST /api/notes/{id}/save',
  unsave: 'DELETE /api/notes/{id}/save',
  comment: 'POST /api/notes/{id}/comments',
  follow: 'POST /api/users/{id}/follow',
  unfollow: 'DELETE /api/users/{id}/follow',
};

/**
 * The server's own events (likes, follows…) carry ids with this prefix, some of them predictable (made from a stored
 * row's time so a resend is a duplicate); a client could otherwise claim one first and have the real action dropped.
 */
const SERVER_ID_PREFIX = 'srv_';

/** Caps how many events one user may have stored per window; returns how many of `wanted` may go in now. */
export interface EventQuota {
  grant(userId: string, wanted: number): number;
}

export interface EventsDeps {
  log: EventLog;
  sync: EngineSync;
  clock: Clock;
  ids: IdGenerator;
  known: KnownIds;
  notes: Pick<NoteStore, 'getNotes'>;
  users: Pick<UserStore, 'getUsers'>;
  counter?: IngestCounter | null;
  quota?: EventQuota | null;
}

/** The write path for behaviour: persist to the event log first, then apply what was newly stored. */
export class EventsService {
  constructor(private readonly d: EventsDeps) {}

  async record(events: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    if (events.length === 0) return [];
    const outcomes = await this.d.log.append(events);
    const stored: { event: EngineEvent; seq: number }[] = [];
    outcomes.forEach((o, i) => {
      if (o.status === 'stored') stored.push({ event: events[i] as EngineEvent, seq: o.seq });
    });
    this.d.sync.applyStored(stored);
    return outcomes;
  }

  /**
   * An action taken now through its endpoint, logged with the change it records: `write` stores the change and the
   * event made here (under a new server id) in one transaction (`SocialStore.change`, `CommentStore.createComment`) and
   * returns the event's seq, null when the change was not one the engine counts. A logged event is applied at once.
   */
  async recordWith<T extends { seq: number | null }>(userId: string, action: ActionEvent, write: (event: EngineEvent) => Promise<T>): Promise<T> {
    const event = { ...action, userId, clientEventId: `${SERVER_ID_PREFIX}${this.d.ids.next('ev')}`, ts: this.d.clock.now() } as EngineEvent;
    const written = await write(event);
    if (written.seq !== null) this.d.sync.applyStored([{ event, seq: written.seq }]);
    return written;
  }

  /**
   * Validates each raw event on its own so one bad event never sinks the batch: valid ones are stored even when
   * others are refused (malformed, about a note or user that does not exist, an action that has its own endpoint,
   * or beyond the user's event quota), and a resent clientEventId counts as a duplicate, not a second event.
   */
  async ingest(userId: string, raws: readonly unknown[]): Promise<EventBatchResult> {
    const ts = this.d.clock.now();
    const candidates: { event: EngineEvent; index: number }[] = [];
    const rejected: EventBatchResult['rejected'] = [];
    raws.forEach((raw, index) => {
      const r = validateEvent(raw, userId, ts);
      if (!r.ok) return void rejected.push({ index, message: r.message });
      const endpoint = SERVER_RECORDED[r.event.type];
      if (endpoint) return void rejected.push({ index, message: `${r.event.type} is recorded when it happens: use ${endpoint}` });
      if (r.event.clientEventId.startsWith(SERVER_ID_PREFIX)) {
        return void rejected.push({ index, message: `clientEventId must not start with '${SERVER_ID_PREFIX}': those ids name the server's own events` });
      }
      candidates.push({ event: this.d.sync.toStore(r.event), index });
    });
    const unknown = await unknownReferences(candidates.map((c) => c.event), this.d.known, this.d.notes, this.d.users);
    let valid = candidates.filter((c, i) => {
      const message = unknown.get(i);
      if (message !== undefined) rejected.push({ index: c.index, message });
      return message === undefined;
    });
    const granted = this.d.quota ? this.d.quota.grant(userId, valid.length) : valid.length;
    if (granted < valid.length) {
      for (const c of valid.slice(granted)) rejected.push({ index: c.index, message: 'too many events from this user: dropped, send fewer' });
      valid = valid.slice(0, granted);
    }
    const outcomes = await this.record(valid.map((c) => c.event));
    let accepted = 0;
    let duplicates = 0;
    outcomes.forEach((o, i) => {
      if (o.status === 'stored') accepted++;
      else if (o.status === 'duplicate') duplicates++;
      else rejected.push({ index: (valid[i] as { index: number }).index, message: o.message });
    });
    rejected.sort((a, b) => a.index - b.index);
    this.d.counter?.countEvents('accepted', accepted);
    this.d.counter?.countEvents('duplicate', duplicates);
    this.d.counter?.countEvents('rejected', rejected.length);
    return { accepted, duplicates, rejected };
  }
}
