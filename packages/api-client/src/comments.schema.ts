import { Type, type Static } from 'typebox';
import { Id, Page, Timestamp } from './common.schema.ts';
import { PublicUser } from './users.schema.ts';

/** Comments thread one level deep: `parentId` must name a top-level comment of the same note. */
export const CommentInput = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 2_000 }), parentId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type CommentInput = Static<typeof CommentInput>;

export const CommentView = Type.Object(
  { id: Id, noteId: Id, parentId: Type.Union([Id, Type.Null()]), body: Type.String(), createdAt: Timestamp, author: PublicUser }
);
export type CommentView = Static<typeof CommentView>;

/** Oldest first; replies carry their parent's id so clients can nest them. */
export const CommentPage = Page(CommentView);
export type CommentPage = Static<typeof CommentPage>;
