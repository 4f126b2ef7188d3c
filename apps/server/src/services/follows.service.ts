import { EngineError, type SocialStore, type User, type UserStore } from '@notewave/engine';
import type { FollowState, PageQuery, UserPage } from '@notewave/api-client';
import type { EventsService } from './events.service.ts';
import type { UsersService } from './users.service.ts';
import { publicView } from './user-views.ts';

export class FollowsService {
  constructor(
    private readonly social: SocialStore,
    private readonly users: UserStore,
    private readonly usersService: UsersService,
    private readonly events: EventsService,
  ) {}

  // As with likes: the edge and the event that records it are stored in one transaction (`SocialStore.change`).
  async follow(user: User, targetId: string): Promise<FollowState> {
    await this.usersService.require(targetId);
    if (targetId === user.id) throw new EngineError('validation_failed', 'a user cannot follow themselves');
    // The logged event, applied, adds the edge to the engine's follow graph.
    await this.events.recordWith(user.id, { type: 'follow', targetUserId: targetId }, (e) => this.social.change({ kind: 'follow', follow: { followerId: user.id, followeeId: targetId, createdAt: e.ts } }, e));
    return { following: true };
  }

  async unfollow(user: User, targetId: string): Promise<FollowState> {
    await this.usersService.require(targetId);
    await this.events.recordWith(user.id, { type: 'unfollow', targetUserId: targetId }, (e) => this.social.change({ kind: 'unfollow', followerId: user.id, followeeId: targetId }, e));
    return { following: false };
  }

  /** Whether the viewer follows a user: one point lookup, asked by the single-user view. */
  isFollowing(viewer: User, targetId: string): Promise<boolean> {
    return this.social.isFollowing(viewer.id, targetId);
  }

  async followers(userId: string, q: PageQuery): Promise<UserPage> {
    await this.usersService.require(userId);
    const limit = q.limit ?? 20;
    const page = await this.social.listFollowers(userId, q.after ?? null, limit + 1);
    return this.page(page.map((f) => f.followerId), limit);
  }

  async following(userId: string, q: PageQuery): Promise<UserPage> {
    await this.usersService.require(userId);
    const limit = q.limit ?? 20;
    const page = await this.social.listFollowing(userId, q.after ?? null, limit + 1);
    return this.page(page.map((f) => f.followeeId), limit);
  }

  private async page(ids: string[], limit: number): Promise<UserPage> {
    const more = ids.length > limit;
    const slice = ids.slice(0, limit);
    const items = [];
    for (const id of slice) {
      const u = await this.users.getUser(id);
      if (u) items.push(publicView(u));
    }
    return { items, nextCursor: more ? (slice[slice.length - 1] ?? null) : null };
  }
}
