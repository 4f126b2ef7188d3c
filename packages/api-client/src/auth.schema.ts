import { Type, type Static } from 'typebox';
import { Timestamp } from './common.schema.ts';
import { DemographicsInput, DisplayName, Handle, Locale, Market, PrivateUser, SignupSource } from './users.schema.ts';

export const PASSWORD_MIN = 8;

export const RegisterInput = Type.Object(
  {
    handle: Handle,
    password: Type.String({ minLength: PASSWORD_MIN, maxLength: 200 }),
    displayName: DisplayName,
    locale: Locale,
    market: Market,
    demographics: Type.Optional(DemographicsInput),
    signupSource: Type.Optional(SignupSource),
  },
  { additionalProperties: false },
);
export type RegisterInput = Static<typeof RegisterInput>;

export const LoginInput = Type.Object(
  { handle: Type.String({ minLength: 1, maxLength: 30 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type LoginInput = Static<typeof LoginInput>;

/** Send `token` back as `Authorization: Bearer <token>`. */
export const Session = Type.Object({ token: Type.String(), expiresAt: Timestamp, user: PrivateUser });
export type Session = Static<typeof Session>;
