/** Who follows whom, kept live from follow/unfollow calls and events (idempotent both ways). */
export class FollowGraph {
  private readonly followees = new Map<string, Set<string>>();
  private readonly followers = new Map<string, number>();

  add(followerId: string, followeeId: string): void {
    let s = this.followees.get(followerId);
    if (!s) this.followees.set(followerId, (s = new Set()));
    if (s.has(followeeId)) return;
    s.add(followeeId);
    this.followers.set(followeeId, (this.followers.get(followeeId) ?? 0) + 1);
  }

  remove(followerId: string, followeeId: string): void {
    const s = this.followees.get(followerId);
    if (!s?.delete(followeeId)) return;
    this.followers.set(followeeId, Math.max(0, (this.followers.get(followeeId) ?? 1) - 1));
  }

  following(userId: string): ReadonlySet<string> {
    return this.followees.get(userId) ?? EMPTY;
  }

  followerCount(authorId: string): number {
    return this.followers.get(authorId) ?? 0;
  }
}

const EMPTY: ReadonlySet<string> = new Set();
