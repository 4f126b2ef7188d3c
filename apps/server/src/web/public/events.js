// Behaviour events, sent like a real client: queued, batched, flushed every few seconds and when the
// page is hidden. Each event has its own clientEventId, so a batch resent after a failure is not
// counted twice by the server.
import { api, session } from './api.js';

const FLUSH_MS = 4000;
const BATCH = 200;
const QUEUE_MAX = 2000;
const LOG_MAX = 40;

let queue = [];
let sending = false;
let sent = 0;
const log = [];
const listeners = new Set();

export function newEventId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP origins other than localhost lack randomUUID; 16 random bytes serve just as well.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

/** Queues one event. Events are only collected for a signed-in viewer: the server ties them to a user. */
export function track(type, fields = {}) {
  if (!session()) return null;
  const event = { type, clientEventId: newEventId(), ...fields };
  for (const k of Object.keys(event)) if (event[k] === undefined) delete event[k];
  queue.push(event);
  if (queue.length > QUEUE_MAX) queue = queue.slice(-QUEUE_MAX);
  log.unshift({ ...event, at: Date.now(), state: 'queued' });
  log.length = Math.min(log.length, LOG_MAX);
  notify();
  return event;
}

export function onSignals(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
export function signals() {
  return { sent, pending: queue.length, log };
}
function notify() {
  for (const fn of listeners) fn(signals());
}

/** Sends what is queued. With `keepalive` the request survives the page being closed. */
export async function flush({ keepalive = false } = {}) {
  if (sending || queue.length === 0) return;
  if (!session()) {
    queue = [];
    return;
  }
  sending = true;
  try {
    while (queue.length > 0) {
      // keepalive bodies are capped at 64 KB by browsers, so page-hide flushes go in smaller slices.
      const batch = queue.slice(0, keepalive ? 60 : BATCH);
      let state = 'sent';
      try {
        const r = await api.events(batch, keepalive);
        if (r?.rejected?.length) console.warn('events rejected by the server', r.rejected);
      } catch (err) {
        // Network trouble or a server error: keep the events for the next flush. A 4xx other than
        // 429 will not get better by resending, so that batch is dropped.
        if (err?.status === 0 || err?.status === 429 || err?.status >= 500) break;
        state = 'dropped';
      }
      queue = queue.slice(batch.length);
      if (state === 'sent') sent += batch.length;
      const ids = new Set(batch.map((e) => e.clientEventId));
      for (const entry of log) if (ids.has(entry.clientEventId)) entry.state = state;
    }
  } finally {
    sending = false;
    notify();
  }
}

const hideHooks = new Set();
/**
 * Runs `fn` just before the page is hidden and the queue is flushed, so open views can report what
 * was watched or read so far. Returns an unsubscribe function.
 */
export function onPageHide(fn) {
  hideHooks.add(fn);
  return () => hideHooks.delete(fn);
}

export function startEventLoop() {
  setInterval(() => void flush(), FLUSH_MS);
  let reported = false;
  const leave = () => {
    if (reported) return;
    reported = true;
    for (const fn of hideHooks) {
      try { fn(); } catch (err) { console.error(err); }
    }
    void flush({ keepalive: true });
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') leave();
    else reported = false;
  });
  window.addEventListener('pagehide', leave);
  window.addEventListener('pageshow', () => { reported = false; });
}

// Impressions: a card counts as seen once at least half of it has been on screen for a moment.
const seen = new Set();
const pending = new WeakMap();
const observer = typeof IntersectionObserver === 'function'
  ? new IntersectionObserver(onIntersect, { threshold: 0.5 })
  : null;

function onIntersect(entries) {
  for (const entry of entries) {
    const el = entry.target;
    const info = pending.get(el);
    if (!info) continue;
    if (entry.isIntersecting) {
      info.timer = setTimeout(() => {
        observer.unobserve(el);
        pending.delete(el);
        const key = `${info.surface}|${info.recId ?? ''}|${info.noteId}`;
        if (seen.has(key)) return;
        seen.add(key);
        track('impression', info.event);
      }, 300);
    } else clearTimeout(info.timer);
  }
}

/**
 * Sends an `impression` once `el` is visibly on screen. `event` holds noteId, position, surface and,
 * for feed items, recId and exploration.
 */
export function observeImpression(el, event) {
  if (!observer) return;
  pending.set(el, { noteId: event.noteId, recId: event.recId, surface: event.surface, event, timer: 0 });
  observer.observe(el);
}

/** An impression sent directly, for surfaces that show one item at a time. */
export function impressionNow(event) {
  const key = `${event.surface}|${event.recId ?? ''}|${event.noteId}`;
  if (seen.has(key)) return;
  seen.add(key);
  track('impression', event);
}
