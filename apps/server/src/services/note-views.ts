import type { Engine, Note, UserStore } from '@notewave/engine';
import type { NoteView, PublicUser } from '@notewave/api-client';
import { publicView } from './user-views.ts';
import { withNoteJson, withUserJson } from './view-json.ts';

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

  /** Authors are fetched in one read, once per distinct id; notes whose author is missing are dropped. */
  async many(notes: readonly Note[]): Promise<NoteView[]> {
    if (notes.length === 0) return [];
    const authors = new Map<string, PublicUser>();
    for (const u of await this.users.getUsers(notes.map((n) => n.authorId))) authors.set(u.id, withUserJson(publicView(u), u));
    const out: NoteView[] = [];
    for (const n of notes) {
      const author = authors.get(n.authorId);
      if (!author) continue;
      const s = this.engine.noteStats(n.id);
      out.push(withNoteJson({
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
        author,
        stats: { likes: s.likes, saves: s.saves, comments: s.comments, shares: s.shares },
      }, n));
    }
    return out;
  }
}
