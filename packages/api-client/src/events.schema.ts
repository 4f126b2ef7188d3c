import { Type, type Static } from 'typebox';

export const EVENT_BATCH_MAX = 1_000;

/**
 * Events are validated one by one on the server (so one bad event does not sink the batch); the schema only
 * bounds the batch. Each event needs `type` and a `clientEventId` unique per user: resending a batch is safe.
 */
export const EventBatchInput = Type.Object(
  // Items are unknown on purpose: a malformed item is rejected by its index, not by failing the whole batch.
  { events: Type.Array(Type.Unknown(), { minItems: 1, maxItems: EVENT_BATCH_MAX }) },
  { additionalProperties: false },
);
export type EventBatchInput = Static<typeof EventBatchInput>;

/** One raw event as a client sends it; the server validates and stamps user and time. */
export type RawEvent = { type: string; clientEventId: string } & Record<string, unknown>;

export const EventBatchResult = Type.Object({
  accepted: Type.Integer(),
  duplicates: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), message: Type.String() })),
});
export type EventBatchResult = Static<typeof EventBatchResult>;
