import { sql, type Insertable, type Selectable } from 'kysely';
import type { IndexableNote, Note, NoteKind, NoteListOptions, NoteMedia, NotePatch, NoteStore, NoteTerms } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';
import { decodeJson, type NotesTable } from '../database.ts';
import { withChanges } from './change-log.ts';
import { FixedShapeQuery } from './fixed-shape-query.ts';

const COLUMNS = 13;

// Every column but `terms`: the analysed text is as large as the body and only start-up reads it.
const NOTE_COLUMNS = [
  'id', 'author_id', 'kind', 'title', 'body', 'tags', 'category', 'language', 'media', 'created_at', 'edited_at', 'deleted_at',
  'hidden_at',
] as const;
type NoteRow = Pick<Selectable<NotesTable>, (typeof NOTE_COLUMNS)[number]>;

/** Deleted notes stay readable by id (with `deleted: true`) so callers can answer "gone" rather than "never existed". */
export class KyselyNoteStore implements NoteStore {
  /** Feed and search pages load their notes by id on every request. */
  private readonly byIds: FixedShapeQuery<NoteRow>;

  constructor(private readonly ctx: StoreContext) {
    this.byIds = new FixedShapeQuery((ids) => ctx.db.selectFrom('notes').select(NOTE_COLUMNS).where('id', 'in', ids as string[]));
  }

  async createNote(note: Note, terms?: NoteTerms): Promise<void> {
    await withChanges(this.ctx, async (trx) => {
      await trx.insertInto('notes').values(toRow(note, terms)).execute();
      return { result: undefined, changed: [{ kind: 'note', entityId: note.id }] };
    });
  }

  async insertNotes(notes: readonly Note[], terms?: readonly (NoteTerms | null)[]): Promise<void> {
    if (notes.length === 0) return;
    const rows = notes.map((n, i) => toRow(n, terms?.[i]));
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(rows, rowsPerStatement(this.ctx.profile, COLUMNS, 500))) {
        await trx.insertInto('notes').values(part).execute();
      }
    });
  }

  async getNote(id: string): Promise<Note | null> {
    const { rows } = await this.ctx.db.executeQuery(this.byIds.compile([id]));
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async getNotes(ids: readonly string[]): Promise<Note[]> {
    if (ids.length === 0) return [];
    const byId = new Map<string, Note>();
    for (const part of chunked([...new Set(ids)], rowsPerStatement(this.ctx.profile, 1))) {
      const { rows } = await this.ctx.db.executeQuery(this.byIds.compile(part));
      for (const r of rows) byId.set(r.id, fromRow(r));
    }
    const out: Note[] = [];
    for (const id of ids) {
      const n = byId.get(id);
      if (n) out.push(n);
    }
    return out;
  }

  async updateNote(id: string, patch: NotePatch, editedAt: number, terms?: NoteTerms): Promise<Note | null> {
    const textChanged = patch.title !== undefined || patch.body !== undefined || patch.tags !== undefined;
    const set = {
      ...(patch.title !== undefined && { title: patch.title }),
      ...(patch.body !== undefined && { body: patch.body }),
      ...(patch.tags !== undefined && { tags: JSON.stringify(patch.tags) }),
      ...(patch.category !== undefined && { category: patch.category }),
      ...(patch.language !== undefined && { language: patch.language }),
      ...(patch.media !== undefined && { media: JSON.stringify(patch.media) }),
      ...((textChanged || terms) && { terms: encodeTerms(terms) }),
      edited_at: editedAt,
    };
    const updated = await withChanges(this.ctx, async (trx) => {
      const r = await trx.updateTable('notes').set(set).where('id', '=', id).where('deleted_at', 'is', null).where('hidden_at', 'is', null).executeTakeFirst();
      const done = Number(r.numUpdatedRows) > 0;
      return { result: done, changed: done ? [{ kind: 'note', entityId: id }] : [] };
    });
    return updated ? this.getNote(id) : null;
  }

  async softDeleteNote(id: string, at: number): Promise<boolean> {
    return withChanges(this.ctx, async (trx) => {
      const r = await trx.updateTable('notes').set({ deleted_at: at }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      const done = Number(r.numUpdatedRows) > 0;
      return { result: done, changed: done ? [{ kind: 'note', entityId: id }] : [] };
    });
  }

  async listNotes(opts: NoteListOptions): Promise<Note[]> {
    const desc = opts.order === 'desc';
    let q = this.ctx.db.selectFrom('notes').select(NOTE_COLUMNS).orderBy('id', desc ? 'desc' : 'asc').limit(opts.limit);
    if (opts.after != null) q = q.where('id', desc ? '<' : '>', opts.after);
    if (opts.authorId !== undefined) q = q.where('author_id', '=', opts.authorId);
    if (opts.kind !== undefined) q = q.where('kind', '=', opts.kind);
    if (!opts.includeDeleted) q = q.where('deleted_at', 'is', null).where('hidden_at', 'is', null);
    return (await q.execute()).map(fromRow);
  }

  async listChangedNotes(since: number, after: string | null, limit: number): Promise<Note[]> {
    let q = this.ctx.db
      .selectFrom('notes')
      .select(NOTE_COLUMNS)
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
      .where('hidden_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listIndexableNotes(after: string | null, limit: number): Promise<IndexableNote[]> {
    let q = this.ctx.db.selectFrom('notes').select([...NOTE_COLUMNS, 'terms']).where('deleted_at', 'is', null).where('hidden_at', 'is', null).orderBy('id').limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map((r) => ({ note: fromRow(r), terms: decodeTerms(r.terms) }));
  }

  async setNoteTerms(entries: readonly { id: string; terms: NoteTerms }[]): Promise<void> {
    if (entries.length === 0) return;
    // One multi-row statement per chunk; VALUES columns are column1, column2 on both backends.
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(entries, rowsPerStatement(this.ctx.profile, 2, 500))) {
        const values = sql.join(part.map((e) => sql`(${e.id}, ${encodeTerms(e.terms)})`));
        await sql`update notes set terms = v.column2 from (values ${values}) as v where notes.id = v.column1`.execute(trx);
      }
    });
  }

  async setAuthorHidden(authorId: string, hidden: boolean, at: number): Promise<Note[]> {
    // Stamped as an edit, like a deletion, so the note's version changes for every reader.
    const rows = await withChanges(this.ctx, async (trx) => {
      const changed = await trx
        .updateTable('notes')
        .set({ hidden_at: hidden ? at : null, edited_at: at })
        .where('author_id', '=', authorId)
        .where('deleted_at', 'is', null)
        .where('hidden_at', hidden ? 'is' : 'is not', null)
        .returning(NOTE_COLUMNS)
        .execute();
      return { result: changed, changed: changed.map((r) => ({ kind: 'note' as const, entityId: r.id })) };
    });
    return rows.map(fromRow).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function encodeTerms(t: NoteTerms | null | undefined): string | null {
  return t ? JSON.stringify({ analyzer: t.analyzer, text: t.text, title: t.title, tags: t.tags, body: t.body }) : null;
}

function isStrings(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** Stored terms, or null when absent or not in the expected shape (the note is then analysed again). */
function decodeTerms(v: unknown): NoteTerms | null {
  if (v === null || v === undefined) return null;
  let t: Partial<Record<keyof NoteTerms, unknown>>;
  try {
    t = decodeJson(v);
  } catch {
    return null;
  }
  if (typeof t !== 'object' || t === null || typeof t.analyzer !== 'string' || typeof t.text !== 'string') return null;
  if (!isStrings(t.title) || !isStrings(t.tags) || !isStrings(t.body)) return null;
  // Checked field by field above; the parsed object itself is handed on.
  return t as NoteTerms;
}

function toRow(n: Note, terms?: NoteTerms | null): Insertable<NotesTable> {
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
    terms: encodeTerms(terms),
  };
}

function fromRow(r: NoteRow): Note {
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
    // A note hidden with its suspended author is gone for every reader, exactly like a deleted one.
    deleted: r.deleted_at !== null || r.hidden_at !== null,
  };
}
