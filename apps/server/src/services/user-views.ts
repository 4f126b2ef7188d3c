import { toPublicUser, type User } from '@notewave/engine';
import type { PrivateUser, PublicUser } from '@notewave/api-client';

export function publicView(u: User): PublicUser {
  return toPublicUser(u);
}

export function privateView(u: User): PrivateUser {
  return {
    ...toPublicUser(u),
    role: u.role,
    signupSource: u.signupSource,
    ageBand: u.ageBand,
    gender: u.gender,
    incomeBand: u.incomeBand,
  };
}

/** Demographics are visible to the user themself and to operators only. */
export function canSeePrivate(viewer: User | null, subject: User): boolean {
  return viewer !== null && (viewer.id === subject.id || viewer.role === 'operator');
}
