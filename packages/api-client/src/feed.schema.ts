import { Type, type Static } from 'typebox';
import { Id } from './common.schema.ts';
import { NoteView } from './notes.schema.ts';

export const Surface = Type.Enum(['discover', 'video']);
export type Surface = Static<typeof Surface>;

export const FeedQuery = Type.Object({
  surface: Type.Optional(Surface),
  /** Named pipeline, e.g. `funnel` or `viral`; defaults to the surface's configured one. */
  strategy: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  /** Pages of one session never repeat a note; omit on the first page. */
  sessionId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  /** A guest's stable device id: experiments bucket guests by it (signed-in users by their account). */
  deviceId: Type.Optional(Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
  /** Language of the reasons' `text`; without it the `Accept-Language` header decides, and English when it names neither. */
  lang: Type.Optional(Type.Enum(['en', 'zh'])),
});
export type FeedQuery = Static<typeof FeedQuery>;

/**
 * Why an item was recommended: `code` names the reason and `params` fill it in (`query`, `topic` as a
 * prefixed topic key such as `s:travel/itineraries` or `t:露营`, `tag`, `market`, `title`, `signal`), so a
 * client can say it in any language (`reasonSentence` does, for English and Chinese); `text` is the sentence in the
 * requested language (`lang`, else `Accept-Language`, else English).
 */
export const Reason = Type.Object({
  code: Type.String(),
  text: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
});
export type Reason = Static<typeof Reason>;

/** Echo `recId` in the events about this item so outcomes are attributed to the recommendation. */
export const FeedItem = Type.Object({
  note: NoteView,
  recId: Type.String(),
  reasons: Type.Array(Reason),
  exploration: Type.Boolean(),
});
export type FeedItem = Static<typeof FeedItem>;

export const FeedResponse = Type.Object({ sessionId: Type.String(), strategy: Type.String(), items: Type.Array(FeedItem) });
export type FeedResponse = Static<typeof FeedResponse>;
