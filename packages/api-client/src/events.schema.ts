import { Type, type Static, type TSchema } from 'typebox';

export const EVENT_BATCH_MAX = 1_000;

/**
 * Marks an array whose items the server validates one by one, so that one bad item is reported by its index and
 * the others still count; the document shows the item schema, the server's edge checks only the array.
 */
export const ITEMS_CHECKED_BY_SERVER = 'x-items-checked-by-server';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const DAY_MS = 24 * 3600 * 1000;

/** Fields every event carries: a `clientEventId` unique per user (resending a batch is safe) and optional context. */
function event<T extends string, P extends Record<string, TSchema>>(type: T, description: string, props: P) {
  return Type.Object(
    {
      type: Type.Literal(type),
      clientEventId: Type.String({ minLength: 1, maxLength: 64, description: 'Unique per user; a resent id is a duplicate, not a second event. Ids starting with `srv_` are the server\'s own and refused.' }),
      surface: Type.Optional(Id),
      recId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'The feed answer the note was shown in.' })),
      ...props,
    },
    { description },
  );
}

export const ImpressionEvent = event('impression', 'A note was shown in a feed.', {
  noteId: Id,
  position: Type.Integer({ minimum: 0, maximum: 100_000 }),
  exploration: Type.Optional(Type.Boolean()),
});
export const OpenEvent = event('open', 'A note was opened.', { noteId: Id });
export const DwellEvent = event('dwell', 'Time spent on an open note.', { noteId: Id, ms: Type.Integer({ minimum: 0, maximum: DAY_MS }) });
export const ViewEvent = event('view', 'How much of a note (or video) was read or watched.', {
  noteId: Id,
  portion: Type.Number({ minimum: 0, maximum: 1 }),
  ms: Type.Optional(Type.Integer({ minimum: 0, maximum: DAY_MS })),
});
export const ShareEvent = event('share', 'A note was shared; counted once per user and note.', { noteId: Id });
export const NotInterestedEvent = event('not_interested', 'Show less of a note, an author or a tag.', {
  targetKind: Type.Union([Type.Literal('note'), Type.Literal('author'), Type.Literal('tag')]),
  target: Id,
});
export const ReportEvent = event('report', 'A note was reported.', { noteId: Id, reason: Id });
export const SearchEvent = event('search', 'A search was run, with the ids it showed.', {
  query: Type.String({ minLength: 1, maxLength: 200 }),
  resultIds: Type.Optional(Type.Array(Id, { maxItems: 200 })),
  searchId: Type.Optional(Id),
});
export const SearchClickEvent = event('search_click', 'A search result was opened.', {
  noteId: Id,
  query: Type.Optional(Type.String({ maxLength: 200 })),
  searchId: Type.Optional(Id),
  position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
});

/**
 * What clients report. Likes, saves, comments and follows are not events a client sends: the server records
 * them when they happen through their own endpoints, so counts follow what is stored.
 */
export const ClientEvent = Type.Union([
  ImpressionEvent, OpenEvent, DwellEvent, ViewEvent, ShareEvent, NotInterestedEvent, ReportEvent, SearchEvent, SearchClickEvent,
]);
export type ClientEvent = Static<typeof ClientEvent>;

/**
 * Events are validated one by one on the server, so one bad event does not sink the batch: the invalid ones
 * are reported by index and the valid ones stored.
 */
export const EventBatchInput = Type.Object(
  { events: Type.Array(ClientEvent, { minItems: 1, maxItems: EVENT_BATCH_MAX, [ITEMS_CHECKED_BY_SERVER]: true }) },
  { additionalProperties: false },
);
export type EventBatchInput = Static<typeof EventBatchInput>;

/** One raw event as a client sends it; the server validates and stamps user and time. */
export type RawEvent = ClientEvent;

export const EventBatchResult = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), message: Type.String() })),
});
export type EventBatchResult = Static<typeof EventBatchResult>;
