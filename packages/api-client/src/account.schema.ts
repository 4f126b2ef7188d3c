import { Type, type Static } from 'typebox';
import { PASSWORD_MIN } from './auth.schema.ts';
import { Id, Timestamp } from './common.schema.ts';
import { PrivateUser } from './users.schema.ts';

const Password = Type.String({ minLength: 1, maxLength: 200 });

/** Changing the password ends every other session of the account. */
export const PasswordChangeInput = Type.Object(
  { currentPassword: Password, newPassword: Type.String({ minLength: PASSWORD_MIN, maxLength: 200 }) },
  { additionalProperties: false },
);
export type PasswordChangeInput = Static<typeof PasswordChangeInput>;

/** `id` names the session for revoking; it is not the token and cannot be used to sign in. */
export const SessionInfo = Type.Object({ id: Type.String(), createdAt: Timestamp, expiresAt: Timestamp, current: Type.Boolean() });
export type SessionInfo = Static<typeof SessionInfo>;

export const SessionList = Type.Object({ items: Type.Array(SessionInfo) });
export type SessionList = Static<typeof SessionList>;

export const RevokedCount = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
export type RevokedCount = Static<typeof RevokedCount>;

export const AccountDeleteInput = Type.Object({ password: Password }, { additionalProperties: false });
export type AccountDeleteInput = Static<typeof AccountDeleteInput>;

const Row = Type.Record(Type.String(), Type.Unknown());

/** Everything the account owns, as stored: one document a person can keep or take elsewhere. */
export const AccountExport = Type.Object({
  exportedAt: Timestamp,
  profile: PrivateUser,
  notes: Type.Array(Row),
  comments: Type.Array(Type.Object({ id: Id, noteId: Id, parentId: Type.Union([Id, Type.Null()]), body: Type.String(), createdAt: Timestamp, deleted: Type.Boolean() })),
  likes: Type.Array(Type.Object({ noteId: Id, createdAt: Timestamp })),
  collections: Type.Array(Type.Object({ id: Id, name: Type.String(), createdAt: Timestamp })),
  saves: Type.Array(Type.Object({ noteId: Id, collectionId: Id, createdAt: Timestamp })),
  following: Type.Array(Type.Object({ userId: Id, createdAt: Timestamp })),
  followers: Type.Array(Type.Object({ userId: Id, createdAt: Timestamp })),
  events: Type.Array(Row),
});
export type AccountExport = Static<typeof AccountExport>;
