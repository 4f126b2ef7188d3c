import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.schema.ts';
import { NoteKind, NoteView } from './notes.schema.ts';

export const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 200 }),
  kind: Type.Optional(NoteKind),
  category: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  authorId: Type.Optional(Id),
  language: Type.Optional(Type.String({ minLength: 2, maxLength: 8 })),
  since: Type.Optional(Timestamp),
  until: Type.Optional(Timestamp),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  /** 0 = pure text relevance, 1 = fully personalised; ignored for anonymous searches. */
  personalize: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
});
export type SearchQuery = Static<typeof SearchQuery>;

/** Highlights are HTML-escaped with matches wrapped in `<mark>`. */
export const SearchHit = Type.Object({
  note: NoteView,
  score: Type.Number(),
  highlights: Type.Object({ title: Type.String(), body: Type.String() }),
});
export type SearchHit = Static<typeof SearchHit>;

/** Log a `search` event with `searchId` (and `search_click` on a hit) so search quality can be measured. */
export const SearchResponse = Type.Object({
  searchId: Type.String(),
  query: Type.String(),
  total: Type.Integer(),
  hits: Type.Array(SearchHit),
});
export type SearchResponse = Static<typeof SearchResponse>;

export const SuggestQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 10 })),
});
export type SuggestQuery = Static<typeof SuggestQuery>;

export const Suggestion = Type.Object({ text: Type.String(), kind: Type.Enum(['title', 'tag', 'query']) });
export const SuggestResponse = Type.Object({ suggestions: Type.Array(Suggestion) });
export type SuggestResponse = Static<typeof SuggestResponse>;
