import { EngineError, type Comment, type CommentStore, type IdGenerator, type User, type UserStore } from '@notewave/engine';
import type { CommentInput, CommentPage, CommentView, PageQuery } from '@notewave/api-client';
import type { EventsService } from './events.service.ts';
import type { NotesService } from './notes.service.ts';
import { publicView } from './user-views.ts';

export class CommentsService {
  constructor(
    private readonly comments: CommentStore,
    private readonly users: UserStore,
    private readonly notes: NotesService,
    private readonly events: EventsService,
    private readonly ids: IdGenerator,
  ) {}

  async list(noteId: string, q: PageQuery): Promise<CommentPage> {
    await this.notes.requireLive(noteId);
    const limit = q.limit ?? 20;
    const page = await this.comments.listComments(noteId, q.after ?? null, limit + 1);
    const more = page.length > limit;
    const items = page.slice(0, limit);
    return { items: await this.views(items.filter((c) => !c.deleted)), nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
  }

  async create(user: User, noteId: string, input: CommentInput): Promise<CommentView> {
    await this.notes.requireLive(noteId);
    const parentId = input.parentId ?? null;
    if (parentId !== null) {
      const parent = await this.comments.getComment(parentId);
      if (!parent || parent.deleted || parent.noteId !== noteId) throw new EngineError('not_found', `no comment '${parentId}' on this note`);
      // Threads are one level deep, as in the apps this serves: a reply to a reply is a reply to its thread.
      if (parent.parentId !== null) throw new EngineError('validation_failed', 'replies nest one level: reply to the top-level comment');
    }
    const id = this.ids.next('c');
    // Stored with the event that counts it, in one transaction: never a comment the engine does not count.
    const { comment } = await this.events.recordWith(user.id, { type: 'comment', noteId, commentId: id }, async (e) => {
      const comment: Comment = { id, noteId, authorId: user.id, parentId, body: input.body, createdAt: e.ts, deleted: false };
      return { comment, seq: await this.comments.createComment(comment, e) };
    });
    return { ...toView(comment), author: publicView(user) };
  }

  async remove(user: User, id: string): Promise<void> {
    const c = await this.comments.getComment(id);
    if (!c || c.deleted) throw new EngineError('not_found', `no comment '${id}'`);
    if (c.authorId !== user.id) throw new EngineError('forbidden', 'only the author can delete this comment');
    await this.comments.softDeleteComment(id);
  }

  private async views(comments: readonly Comment[]): Promise<CommentView[]> {
    const authors = new Map<string, User | null>();
    const out: CommentView[] = [];
    for (const c of comments) {
      if (!authors.has(c.authorId)) authors.set(c.authorId, await this.users.getUser(c.authorId));
      const a = authors.get(c.authorId);
      if (a) out.push({ ...toView(c), author: publicView(a) });
    }
    return out;
  }
}

function toView(c: Comment): Omit<CommentView, 'author'> {
  return { id: c.id, noteId: c.noteId, parentId: c.parentId, body: c.body, createdAt: c.createdAt };
}
