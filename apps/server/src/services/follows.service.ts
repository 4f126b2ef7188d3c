import { EngineError, type Clock, type Engine, type Follow, type SocialStore, type User, type UserStore } from '@notewave/engine';
import type { FollowState, PageQuery, UserPage } from '@notewave/api-client';
import type { EventsService } from './events.service.ts';
import type { UsersService } from './users.service.ts';
import { publicView } from './user-views.ts';

export class FollowsService {
  constructor(
    private readonly social: SocialStore,
    private readonly users: UserStore,
    private readonly usersService: UsersService,
    private readonly engine: Engine,
    private readonly events: EventsService,
    private readonly clock: Clock,
  ) {}

  async follow(user: User, targetId: string): Promise<FollowState> {
    await this.usersService.require(targetId);
    if (targetId === user.id) throw new EngineError('validation_failed', 'a user cannot follow themselves');
    const f: Follow = { followerId: user.id, followeeId: targetId, createdAt: this.clock.now() };
    const created = await this.social.follow(f);
    if (created) this.engine.addFollow(f);
    // As with likes: logged on every follow under the stored edge's time, so a retry logs what a crash lost, once.
    const since = created ? f.createdAt : await this.social.followedAt(user.id, targetId);
    if (since !== null) await this.events.recordAction(user.id, { type: 'follow', targetUserId: targetId }, `srv_follow_${targetId}_${since}`);
    return { following: true };
  }

  async unfollow(user: User, targetId: string): Promise<FollowState> {
    await this.usersService.require(targetId);
    if (await this.social.unfollow(user.id, targetId)) {
      this.engine.removeFollow(user.id, targetId);
      await this.events.recordAction(user.id, { type: 'unfollow', targetUserId: targetId });
    }
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
