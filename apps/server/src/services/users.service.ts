import { EngineError, type User, type UserStore } from '@notewave/engine';
import type { PrivateUser, UserPatchInput, UserView } from '@notewave/api-client';
import { canSeePrivate, privateView, publicView } from './user-views.ts';

export class UsersService {
  /** `onUpdated` hears of every saved profile edit (the engine keeps markets and demographics for feeds and analytics). */
  constructor(private readonly users: UserStore, private readonly onUpdated: (u: User) => void = () => {}) {}

  async require(id: string): Promise<User> {
    const u = await this.users.getUser(id);
    // A deleted account's row stays only as a tombstone for references; it is nobody's profile any more.
    if (!u || u.deletedAt !== undefined) throw new EngineError('not_found', `no user '${id}'`);
    return u;
  }

  async view(viewer: User | null, id: string): Promise<UserView> {
    const u = await this.require(id);
    return canSeePrivate(viewer, u) ? privateView(u) : publicView(u);
  }

  /** Users edit their own profile only; operators read demographics but do not rewrite them. */
  async update(viewer: User, id: string, patch: UserPatchInput): Promise<PrivateUser> {
    await this.require(id);
    if (viewer.id !== id) throw new EngineError('forbidden', 'you can only edit your own profile');
    const updated = await this.users.updateUser(id, patch);
    if (!updated) throw new EngineError('not_found', `no user '${id}'`);
    this.onUpdated(updated);
    return privateView(updated);
  }
}
