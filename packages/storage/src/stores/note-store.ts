import type { Insertable, Selectable } from 'kysely';
import type { Note, NoteKind, NoteListOptions, NoteMedia, NotePatch, NoteStore } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';
import { decodeJson, type NotesTable } from '../database.ts';

const COLUMNS = 12;

/** Deleted notes stay readable by id (with `deleted: true`) so callers can answer "gone" rather than "never existed". */
export class KyselyNoteStore implements NoteStore {
  constructor(private readonly ctx: StoreContext) {}

  async createNote(note: Note): Promise<void> {
    await this.ctx.db.insertInto('notes').values(toRow(note)).execute();
  }

  async insertNotes(notes: readonly Note[]): Promise<void> {
    if (notes.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(notes, rowsPerStatement(this.ctx.profile, COLUMNS, 500))) {
        await trx.insertInto('notes').values(part.map(toRow)).execute();
      }
    });
  }

  async getNote(id: string): Promise<Note | null> {
    const row = await this.ctx.db.selectFrom('notes').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async getNotes(ids: readonly string[]): Promise<Note[]> {
    const byId = new Map<string, Note>();
    for (const part of chunked([...new Set(ids)], rowsPerStatement(this.ctx.profile, 1))) {
      const rows = await this.ctx.db.selectFrom('notes').selectAll().where('id', 'in', part).execute();
      for (const r of rows) byId.set(r.id, fromRow(r));
    }
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async updateNote(id: string, patch: NotePatch, editedAt: number): Promise<Note | null> {
    const set = {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.body !== undefined && { body: patch.body }),
      ...(patch.tags !== undefined && { tags: JSON.stringify(patch.tags) }),
      ...(patch.category !== undefined && { category: patch.category }),
      ...(patch.language !== undefined && { language: patch.language }),
      ...(patch.media !== undefined && { media: JSON.stringify(patch.media) }),
      edited_at: editedAt,
    };
    const r = await this.ctx.db.updateTable('notes').set(set).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0 ? this.getNote(id) : null;
  }

  async softDeleteNote(id: string, at: number): Promise<boolean> {
    const r = await this.ctx.db.updateTable('notes').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listNotes(opts: NoteListOptions): Promise<Note[]> {
    const desc = opts.order === 'desc';
    let q = this.ctx.db.selectFrom('notes').selectAll().orderBy('id', desc ? 'desc' : 'asc').limit(opts.limit);
    if (opts.after != null) q = q.where('id', desc ? '<' : '>', opts.after);
    if (opts.authorId !== undefined) q = q.where('author_id', '=', opts.authorId);
    if (opts.kind !== undefined) q = q.where('kind', '=', opts.kind);
    if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null);
    return (await q.execute()).map(fromRow);
  }

  async listChangedNotes(since: number, after: string | null, limit: number): Promise<Note[]> {
    let q = this.ctx.db
      .selectFrom('notes')
      .selectAll()
      .where((eb) => eb.or([eb('edited_at', '>=', since), eb('deleted_at', '>=', since)]))
      .orderBy('id')
      .limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map(fromRow);
  }

  /** Live notes only: a deleted note no longer counts towards the catalogue. */
  async countNotes(): Promise<number> {
    const row = await this.ctx.db
      .selectFrom('notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toRow(n: Note): Insertable<NotesTable> {
  return {
    id: n.id,
    author_id: n.authorId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    tags: JSON.stringify(n.tags),
    category: n.category,
    language: n.language,
    media: JSON.stringify(n.media),
    created_at: n.createdAt,
    edited_at: n.editedAt ?? null,
    deleted_at: n.deleted ? (n.editedAt ?? n.createdAt) : null,
  };
}

function fromRow(r: Selectable<NotesTable>): Note {
  return {
    id: r.id,
    authorId: r.author_id,
    kind: r.kind as NoteKind,
    title: r.title,
    body: r.body,
    tags: decodeJson<string[]>(r.tags),
    category: r.category,
    language: r.language,
    media: decodeJson<NoteMedia>(r.media),
    createdAt: Number(r.created_at),
    editedAt: r.edited_at === null ? null : Number(r.edited_at),
    deleted: r.deleted_at !== null,
  };
}
