import type { Engine, Note, User, UserStore } from '@notewave/engine';
import type { NoteView } from '@notewave/api-client';
import { publicView } from './user-views.ts';

/** Turns stored notes into their wire view: the author's public profile plus live counters from the engine. */
export class NoteViews {
  constructor(
    private readonly users: UserStore,
    private readonly engine: Engine,
  ) {}

  async one(note: Note): Promise<NoteView> {
    const [view] = await this.many([note]);
    return view as NoteView;
  }

  /** Authors are fetched once per distinct id; notes whose author is missing are dropped. */
  async many(notes: readonly Note[]): Promise<NoteView[]> {
    const authors = new Map<string, User | null>();
    for (const n of notes) {
      if (!authors.has(n.authorId)) authors.set(n.authorId, await this.users.getUser(n.authorId));
    }
    const out: NoteView[] = [];
    for (const n of notes) {
      const author = authors.get(n.authorId);
      if (!author) continue;
      const s = this.engine.noteStats(n.id);
      out.push({
        id: n.id,
        kind: n.kind,
        title: n.title,
        body: n.body,
        tags: n.tags,
        category: n.category,
        language: n.language,
        media: n.media,
        createdAt: n.createdAt,
        editedAt: n.editedAt,
        author: publicView(author),
        stats: { likes: s.likes, saves: s.saves, comments: s.comments, shares: s.shares },
      });
    }
    return out;
  }
}
