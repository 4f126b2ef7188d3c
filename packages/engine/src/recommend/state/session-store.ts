/** A feed session: which notes it has already served, so pagination never repeats an item. */
export interface FeedSession {
  id: string;
  userId: string;
  shown: Set<number>;
  pages: number;
}

/** Sessions in recency order, the oldest evicted beyond `cap`. */
export class SessionStore {
  private readonly sessions = new Map<string, FeedSession>();
  constructor(private readonly cap = 50_000) {}

  open(id: string, userId: string): FeedSession {
    let s = this.sessions.get(id);
    if (s && s.userId !== userId) s = undefined;
    if (s) this.sessions.delete(id);
    else s = { id, userId, shown: new Set(), pages: 0 };
    this.sessions.set(id, s);
    if (this.sessions.size > this.cap) this.sessions.delete(this.sessions.keys().next().value as string);
    return s;
  }
}
