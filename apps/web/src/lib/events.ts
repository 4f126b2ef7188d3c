import type { RawEvent } from '@notewave/api-client';
import { ApiError } from '@notewave/api-client/api-error.ts';
import { api, session } from './api.ts';

const FLUSH_MS = 3000;
const BATCH = 200;
const QUEUE_MAX = 2000;

type Fields = Record<string, string | number | boolean | string[] | undefined>;

/**
 * Behaviour events, sent like a real client: queued, batched, flushed every few seconds and when the
 * page is hidden. Each has its own clientEventId, so a batch resent after a failure is not counted twice.
 */
export class EventTracker {
  private queue: RawEvent[] = [];
  private sending = false;
  private readonly seen = new Set<string>();
  sent = 0;

  track(type: RawEvent['type'], fields: Fields = {}): void {
    if (!session.get()) return;
    const event: Record<string, Fields[string]> = { type, clientEventId: newEventId() };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) event[k] = v;
    // The fields each type needs are the caller's to give; the server checks every event on its own.
    this.queue.push(event as RawEvent);
    if (this.queue.length > QUEUE_MAX) this.queue = this.queue.slice(-QUEUE_MAX);
  }

  /** One impression per surface, recommendation and note for the life of the page. */
  impression(fields: { noteId: string; surface: string; position: number; recId?: string; exploration?: boolean }): void {
    const key = `${fields.surface}|${fields.recId ?? ''}|${fields.noteId}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.track('impression', fields);
  }

  async flush(): Promise<void> {
    if (this.sending || this.queue.length === 0) return;
    if (!session.get()) {
      this.queue = [];
      return;
    }
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, BATCH);
        try {
          await api.events.send(batch);
          this.sent += batch.length;
        } catch (err) {
          // Network trouble, rate limiting or a server error: keep the events for the next flush. Any
          // other 4xx will not get better by resending, so that batch is dropped.
          const status = err instanceof ApiError ? err.status : 0;
          if (status === 0 || status === 429 || status >= 500) break;
        }
        this.queue = this.queue.slice(batch.length);
      }
    } finally {
      this.sending = false;
    }
  }

  pending(): number {
    return this.queue.length;
  }
}

export const events = new EventTracker();

const hideHooks = new Set<() => void>();
/** Runs `fn` just before the page is hidden, so open views can report what was read or watched so far. */
export function onPageHide(fn: () => void): () => void {
  hideHooks.add(fn);
  return () => hideHooks.delete(fn);
}

export function startEventLoop(): void {
  setInterval(() => void events.flush(), FLUSH_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    for (const fn of hideHooks) fn();
    void events.flush();
  });
}

export function newEventId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP origins other than localhost lack randomUUID; 16 random bytes serve just as well.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
