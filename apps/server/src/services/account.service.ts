import type { AccountStore, Clock, Comment, Engine, Follow, IdGenerator, Like, Note, NoteStore, Save, SocialStore, User } from '@notewave/engine';
import type { AccountExport, AccountDeleteInput } from '@notewave/api-client';
import type { AuthService } from './auth.service.ts';
import { privateView } from './user-views.ts';

const PAGE = 1_000;

/** Drains a keyset-paged listing. */
async function all<T, C>(page: (after: C | null) => Promise<T[]>, cursor: (last: T) => C): Promise<T[]> {
  const out: T[] = [];
  for (let after: C | null = null; ; ) {
    const items = await page(after);
    out.push(...items);
    if (items.length < PAGE) return out;
    after = cursor(items[items.length - 1] as T);
  }
}

/**
 * A person's own data: everything they own as one JSON document, and the deletion of their account. Deletion
 * keeps the account row as an empty tombstone (notes, comments and events of others refer to its id) and frees
 * the handle; the person's behaviour events stay, re-attributed to a fresh anonymous id, so community counts do
 * not change but nothing in them leads back to the person.
 */
export class AccountService {
  constructor(
    private readonly accounts: AccountStore,
    private readonly notes: NoteStore,
    private readonly social: SocialStore,
    private readonly auth: AuthService,
    private readonly engine: Engine,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async export(user: User): Promise<AccountExport> {
    const id = user.id;
    const notes = await all<Note, string>((after) => this.notes.listNotes({ authorId: id, after, limit: PAGE }), (n) => n.id);
    const comments = await all<Comment, string>((after) => this.accounts.listCommentsByAuthor(id, after, PAGE), (c) => c.id);
    const likes = await all<Like, string>((after) => this.accounts.listLikesByUser(id, after, PAGE), (l) => l.noteId);
    const saves = await all<Save, { collectionId: string; noteId: string }>((after) => this.accounts.listSavesByUser(id, after, PAGE), (s) => ({ collectionId: s.collectionId, noteId: s.noteId }));
    const following = await all<Follow, string>((after) => this.social.listFollowing(id, after, PAGE), (f) => f.followeeId);
    const followers = await all<Follow, string>((after) => this.social.listFollowers(id, after, PAGE), (f) => f.followerId);
    const events = await all<{ seq: number }, number>((after) => this.accounts.listEventsByUser(id, after ?? 0, PAGE), (e) => e.seq);
    return {
      exportedAt: this.clock.now(),
      profile: privateView(user),
      notes: notes.map((n) => ({ ...n })),
      comments: comments.map((c) => ({ id: c.id, noteId: c.noteId, parentId: c.parentId, body: c.body, createdAt: c.createdAt, deleted: c.deleted })),
      likes: likes.map((l) => ({ noteId: l.noteId, createdAt: l.createdAt })),
      collections: (await this.social.listCollections(id)).map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt })),
      saves: saves.map((s) => ({ noteId: s.noteId, collectionId: s.collectionId, createdAt: s.createdAt })),
      following: following.map((f) => ({ userId: f.followeeId, createdAt: f.createdAt })),
      followers: followers.map((f) => ({ userId: f.followerId, createdAt: f.createdAt })),
      events: events.map((e) => ({ ...e })),
    };
  }

  /** Needs the password again. Afterwards the account cannot sign in and its handle can be registered anew. */
  async delete(user: User, input: AccountDeleteInput): Promise<void> {
    await this.auth.confirmPassword(user, input.password);
    // Ended through the auth service first, so this node's session cache forgets them too.
    await this.auth.revokeAll(user.id);
    const erased = await this.accounts.eraseAccount(user.id, {
      anonymousId: this.ids.next('anon'),
      tombstoneHandle: `~deleted~${user.id}`,
      at: this.clock.now(),
    });
    if (!erased) return;
    for (const id of erased.noteIds) this.engine.removeNote(id);
    for (const f of erased.follows) this.engine.removeFollow(f.followerId, f.followeeId);
  }
}
