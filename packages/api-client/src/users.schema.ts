import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.schema.ts';

// Mirrors the engine's domain enums; a server test keeps the two lists equal.
export const AgeBand = Type.Enum(['under-18', '18-24', '25-30', '31-35', '36-44', '45+']);
export const Gender = Type.Enum(['female', 'male', 'other']);
export const IncomeBand = Type.Enum(['low', 'mid', 'high']);
export const SignupSource = Type.Enum(['organic', 'tiktok-refugee', 'ad', 'referral', 'import']);
export const Role = Type.Enum(['user', 'operator']);

export const Handle = Type.String({ pattern: '^[a-z0-9_][a-z0-9_.]{2,29}$' });
export const Locale = Type.String({ minLength: 2, maxLength: 35 });
export const Market = Type.String({ pattern: '^[A-Z]{2}$' });
export const DisplayName = Type.String({ minLength: 1, maxLength: 60 });

export const Demographics = Type.Object({
  ageBand: Type.Union([AgeBand, Type.Null()]),
  gender: Type.Union([Gender, Type.Null()]),
  incomeBand: Type.Union([IncomeBand, Type.Null()]),
});
export type Demographics = Static<typeof Demographics>;

export const DemographicsInput = Type.Partial(Demographics);

/** What anyone may see about a user. */
export const PublicUser = Type.Object(
  { id: Id, handle: Type.String(), displayName: Type.String(), locale: Type.String(), market: Type.String(), createdAt: Timestamp }
);
export type PublicUser = Static<typeof PublicUser>;

/** The user themself and operators also see demographics, role and signup source. */
export const PrivateUser = Type.Object(
  {
    id: Id,
    handle: Type.String(),
    displayName: Type.String(),
    locale: Type.String(),
    market: Type.String(),
    createdAt: Timestamp,
    role: Role,
    signupSource: SignupSource,
    ageBand: Type.Union([AgeBand, Type.Null()]),
    gender: Type.Union([Gender, Type.Null()]),
    incomeBand: Type.Union([IncomeBand, Type.Null()]),
  }
);
export type PrivateUser = Static<typeof PrivateUser>;

/** How the signed-in viewer relates to a user; guests get none. */
export const UserViewerState = Type.Object({ following: Type.Boolean() });
export type UserViewerState = Static<typeof UserViewerState>;

/**
 * GET /api/users/:id answers with the private view when allowed, else the public one, plus `viewer` for a
 * signed-in viewer.
 */
export const UserView = Type.Union([
  Type.Object({ ...PrivateUser.properties, viewer: Type.Optional(UserViewerState) }),
  Type.Object({ ...PublicUser.properties, viewer: Type.Optional(UserViewerState) }),
]);
export type UserView = Static<typeof UserView>;

export const UserPatchInput = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    locale: Type.Optional(Locale),
    market: Type.Optional(Market),
    ageBand: Type.Optional(Type.Union([AgeBand, Type.Null()])),
    gender: Type.Optional(Type.Union([Gender, Type.Null()])),
    incomeBand: Type.Optional(Type.Union([IncomeBand, Type.Null()])),
  },
  { additionalProperties: false },
);
export type UserPatchInput = Static<typeof UserPatchInput>;
