/** Demographic bands are coarse on purpose: enough for the article's analytics, little for re-identification. */
export const AGE_BANDS = ['under-18', '18-24', '25-30', '31-35', '36-44', '45+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const INCOME_BANDS = ['low', 'mid', 'high'] as const;
export type IncomeBand = (typeof INCOME_BANDS)[number];
export const SIGNUP_SOURCES = ['organic', 'tiktok-refugee', 'ad', 'referral', 'import'] as const;
export type SignupSource = (typeof SIGNUP_SOURCES)[number];
export const ROLES = ['user', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Demographics are optional and visible to operators only. */
export interface Demographics {
  ageBand: AgeBand | null;
  gender: Gender | null;
  incomeBand: IncomeBand | null;
}

export interface User extends Demographics {
  id: string;
  handle: string;
  displayName: string;
  /** scrypt hash in `scrypt$N$r$p$salt$hash` form; never the password. Null for imported users. */
  passwordHash: string | null;
  locale: string;
  /** ISO 3166-1 alpha-2 market, e.g. `CN`, `US`. */
  market: string;
  signupSource: SignupSource;
  role: Role;
  createdAt: number;
  /** Set while an operator has suspended the account: it cannot sign in and its content is hidden. */
  suspension?: Suspension;
  /** Set once the owner deleted the account: the row stays, emptied, so old references still resolve. */
  deletedAt?: number;
}

export interface Suspension {
  at: number;
  reason: string;
  /** The operator who suspended the account. */
  by: string;
}

/** The view of a user anyone may see. */
export interface PublicUser {
  id: string;
  handle: string;
  displayName: string;
  locale: string;
  market: string;
  createdAt: number;
}

export function toPublicUser(u: User): PublicUser {
  return { id: u.id, handle: u.handle, displayName: u.displayName, locale: u.locale, market: u.market, createdAt: u.createdAt };
}

export const HANDLE_PATTERN = /^[a-z0-9_][a-z0-9_.]{2,29}$/;
