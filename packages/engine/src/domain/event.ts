import { findUnstorableText, unstorableTextMessage } from './text.ts';

/**
 * Events are the engine's only input about behaviour. Clients send them in batches; each carries a
 * client event id so a retried batch is not counted twice.
 */
export const EVENT_TYPES = [
  'impression', 'open', 'dwell', 'view', 'like', 'unlike', 'save', 'unsave', 'comment', 'share',
  'follow', 'unfollow', 'not_interested', 'report', 'search', 'search_click',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface EventBase {
  userId: string;
  clientEventId: string;
  /** Server receive time (ms). */
  ts: number;
  surface?: string;
  recId?: string;
}

export type EngineEvent = EventBase &
  (
    | { type: 'impression'; noteId: string; position: number; exploration?: boolean }
    | { type: 'open'; noteId: string }
    | { type: 'dwell'; noteId: string; ms: number }
    | { type: 'view'; noteId: string; portion: number; ms?: number }
    | { type: 'like' | 'unlike' | 'unsave' | 'share'; noteId: string }
    | { type: 'save'; noteId: string; collectionId?: string }
    | { type: 'comment'; noteId: string; commentId?: string }
    | { type: 'follow' | 'unfollow'; targetUserId: string }
    | { type: 'not_interested'; targetKind: 'note' | 'author' | 'tag'; target: string }
    | { type: 'report'; noteId: string; reason: string }
    | { type: 'search'; query: string; resultIds: string[]; searchId?: string }
    | { type: 'search_click'; noteId: string; query?: string; searchId?: string; position?: number }
  );

/** An event as persisted: the log assigns a sequence number. */
export type StoredEvent = EngineEvent & { seq: number };

export const EVENT_LIMITS = {
  batchMax: 1_000,
  clientEventIdMax: 64,
  queryMax: 200,
  resultIdsMax: 200,
  dwellMaxMs: 24 * 3600 * 1000,
  stringMax: 200,
} as const;

export type EventValidation = { ok: true; event: EngineEvent } | { ok: false; message: string };

type Raw = Record<string, unknown>;

const NOTE_EVENTS = new Set<EventType>(['impression', 'open', 'dwell', 'view', 'like', 'unlike', 'save', 'unsave', 'share', 'comment', 'report', 'search_click']);

/**
 * Validates one raw event from a client and returns a typed event stamped with `userId` and `ts`.
 * Unknown fields are ignored; wrong types, missing fields, out-of-range values and text no store can keep as sent
 * (a NUL, a lone surrogate) are rejected with a message.
 */
export function validateEvent(raw: unknown, userId: string, ts: number): EventValidation {
  const r = validateShape(raw, userId, ts);
  if (!r.ok) return r;
  const bad = findUnstorableText(r.event);
  return bad === null ? r : fail(unstorableTextMessage(bad));
}

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * Builds the event on one object, its fields added in a fixed order (base fields, then `type`, then the type's own),
 * so every event of a type has the same shape and the same stored payload as before; no intermediate copies.
 */
function validateShape(raw: unknown, userId: string, ts: number): EventValidation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('event must be an object');
  const r = raw as Raw;
  const type = r.type;
  if (typeof type !== 'string' || !TYPE_SET.has(type)) {
    return fail(`type must be one of ${EVENT_TYPES.join(', ')}`);
  }
  const t = type as EventType;
  const cid = r.clientEventId;
  if (typeof cid !== 'string' || cid.length === 0 || cid.length > EVENT_LIMITS.clientEventIdMax) {
    return fail(`clientEventId must be a non-empty string of at most ${EVENT_LIMITS.clientEventIdMax} characters`);
  }
  const e = { userId, clientEventId: cid, ts } as Raw;
  const surface = r.surface;
  if (surface !== undefined) {
    if (!isShortString(surface)) return fail(`surface must be a non-empty string of at most ${EVENT_LIMITS.stringMax} characters`);
    e.surface = surface;
  }
  const recId = r.recId;
  if (recId !== undefined) {
    if (!isShortString(recId)) return fail(`recId must be a non-empty string of at most ${EVENT_LIMITS.stringMax} characters`);
    e.recId = recId;
  }
  e.type = t;
  if (NOTE_EVENTS.has(t)) {
    if (!isShortString(r.noteId)) return fail(`${t} requires noteId`);
    e.noteId = r.noteId;
  }
  switch (t) {
    case 'impression': {
      if (!isInt(r.position, 0, 100_000)) return fail('impression requires an integer position >= 0');
      e.position = r.position;
      if (r.exploration !== undefined) {
        if (typeof r.exploration !== 'boolean') return fail('exploration must be a boolean');
        e.exploration = r.exploration;
      }
      return ok(e);
    }
    case 'open':
      return ok(e);
    case 'dwell':
      if (!isInt(r.ms, 0, EVENT_LIMITS.dwellMaxMs)) return fail(`dwell requires integer ms between 0 and ${EVENT_LIMITS.dwellMaxMs}`);
      e.ms = r.ms;
      return ok(e);
    case 'view': {
      if (typeof r.portion !== 'number' || !Number.isFinite(r.portion) || r.portion < 0 || r.portion > 1) {
        return fail('view requires portion between 0 and 1');
      }
      e.portion = r.portion;
      if (r.ms !== undefined) {
        if (!isInt(r.ms, 0, EVENT_LIMITS.dwellMaxMs)) return fail('view ms must be a non-negative integer');
        e.ms = r.ms;
      }
      return ok(e);
    }
    case 'like':
    case 'unlike':
    case 'unsave':
    case 'share':
      return ok(e);
    case 'save': {
      if (r.collectionId !== undefined) {
        if (!isShortString(r.collectionId)) return fail('collectionId must be a string');
        e.collectionId = r.collectionId;
      }
      return ok(e);
    }
    case 'comment': {
      if (r.commentId !== undefined) {
        if (!isShortString(r.commentId)) return fail('commentId must be a string');
        e.commentId = r.commentId;
      }
      return ok(e);
    }
    case 'follow':
    case 'unfollow':
      if (!isShortString(r.targetUserId)) return fail(`${t} requires targetUserId`);
      if (r.targetUserId === userId) return fail('a user cannot follow themselves');
      e.targetUserId = r.targetUserId;
      return ok(e);
    case 'not_interested': {
      const kind = r.targetKind;
      if (kind !== 'note' && kind !== 'author' && kind !== 'tag') return fail('not_interested requires targetKind note, author or tag');
      if (!isShortString(r.target)) return fail('not_interested requires target');
      e.targetKind = kind;
      e.target = r.target;
      return ok(e);
    }
    case 'report':
      if (!isShortString(r.reason)) return fail('report requires a reason');
      e.reason = r.reason;
      return ok(e);
    case 'search': {
      if (typeof r.query !== 'string' || r.query.trim().length === 0 || r.query.length > EVENT_LIMITS.queryMax) {
        return fail(`search requires a non-empty query of at most ${EVENT_LIMITS.queryMax} characters`);
      }
      const ids = r.resultIds ?? [];
      if (!Array.isArray(ids) || ids.length > EVENT_LIMITS.resultIdsMax || !ids.every(isShortString)) {
        return fail(`resultIds must be an array of at most ${EVENT_LIMITS.resultIdsMax} ids`);
      }
      e.query = r.query;
      e.resultIds = ids;
      if (r.searchId !== undefined) {
        if (!isShortString(r.searchId)) return fail('searchId must be a string');
        e.searchId = r.searchId;
      }
      return ok(e);
    }
    case 'search_click': {
      if (r.query !== undefined) {
        if (typeof r.query !== 'string' || r.query.length > EVENT_LIMITS.queryMax) return fail('query must be a string');
        e.query = r.query;
      }
      if (r.searchId !== undefined) {
        if (!isShortString(r.searchId)) return fail('searchId must be a string');
        e.searchId = r.searchId;
      }
      if (r.position !== undefined) {
        if (!isInt(r.position, 0, 100_000)) return fail('position must be a non-negative integer');
        e.position = r.position;
      }
      return ok(e);
    }
  }
}

/** The note an event is about, if any. */
export function eventNoteId(e: EngineEvent): string | null {
  return 'noteId' in e ? e.noteId : null;
}

function ok(event: Raw): EventValidation {
  return { ok: true, event: event as unknown as EngineEvent };
}
function fail(message: string): EventValidation {
  return { ok: false, message };
}
function isShortString(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0 && v.length <= EVENT_LIMITS.stringMax;
}
function isInt(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
