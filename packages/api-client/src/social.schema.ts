import { Type, type Static } from 'typebox';
import { Id, Page, Timestamp } from './common.schema.ts';
import { NoteView } from './notes.schema.ts';
import { PublicUser } from './users.schema.ts';

export const FollowState = Type.Object({ following: Type.Boolean() });
export type FollowState = Static<typeof FollowState>;

export const UserPage = Page(PublicUser);
export type UserPage = Static<typeof UserPage>;

export const LikeState = Type.Object({ liked: Type.Boolean(), likes: Type.Integer() });
export type LikeState = Static<typeof LikeState>;

/** A named collection of saved notes (收藏夹); every user has one named `default`. Collections are public. */
export const CollectionView = Type.Object({ id: Id, name: Type.String(), createdAt: Timestamp });
export type CollectionView = Static<typeof CollectionView>;

export const CollectionInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 60 }) },
  { additionalProperties: false },
);
export type CollectionInput = Static<typeof CollectionInput>;

export const CollectionList = Type.Object({ items: Type.Array(CollectionView) });
export type CollectionList = Static<typeof CollectionList>;

/** Without `collectionId` the note goes into the `default` collection. */
export const SaveInput = Type.Object({ collectionId: Type.Optional(Id) }, { additionalProperties: false });
export type SaveInput = Static<typeof SaveInput>;

/** Without `collectionId` the note leaves every collection of the user. */
export const UnsaveQuery = Type.Object({ collectionId: Type.Optional(Id) });
export type UnsaveQuery = Static<typeof UnsaveQuery>;

export const SaveState = Type.Object({ saved: Type.Boolean(), collectionId: Type.Union([Id, Type.Null()]), saves: Type.Integer() });
export type SaveState = Static<typeof SaveState>;

export const SavedNotePage = Page(NoteView);
export type SavedNotePage = Static<typeof SavedNotePage>;
