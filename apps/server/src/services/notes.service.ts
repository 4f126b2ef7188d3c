import {
  collectTags, EngineError, guessLanguage, isCategory, NOTE_LIMITS,
  type Clock, type Engine, type IdGenerator, type Note, type NoteKind, type NoteMedia, type NotePatch, type NoteStore, type User,
} from '@notewave/engine';
import { coverUrl, IMAGE_SIZE, VIDEO_SIZE } from '@notewave/demo';
import type { NoteInput, NoteListQuery, NotePage, NotePatchInput, NoteView } from '@notewave/api-client';
import { ImagePolicy } from './image-policy.ts';
import type { NoteViews } from './note-views.ts';

export class NotesService {
  constructor(
    private readonly notes: NoteStore,
    private readonly engine: Engine,
    private readonly views: NoteViews,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly images = new ImagePolicy(),
  ) {}

  /** A live note, or not_found; soft-deleted notes are invisible. */
  async requireLive(id: string): Promise<Note> {
    const n = await this.notes.getNote(id);
    if (!n || n.deleted) throw new EngineError('not_found', `no note '${id}'`);
    return n;
  }

  async create(author: User, input: NoteInput): Promise<NoteView> {
    checkCategory(input.category);
    this.images.check(input.media);
    const id = this.ids.next('n');
    const note: Note = {
      id,
      authorId: author.id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      tags: tagsOf(input.tags ?? [], input.title, input.body),
      category: input.category,
      language: input.language ?? guessLanguage(`${input.title} ${input.body}`),
      media: withCover(id, input.kind, await this.images.complete(input.media)),
      createdAt: this.clock.now(),
      editedAt: null,
      deleted: false,
    };
    // Analysed once: stored for the next start-up and indexed now from the same terms.
    const terms = this.engine.analyzeNote(note);
    await this.notes.createNote(note, terms);
    this.engine.upsertNote(note, terms);
    return this.views.one(note);
  }

  /** Notes in the order of `ids`; missing ids are skipped. */
  getMany(ids: readonly string[]): Promise<Note[]> {
    return this.notes.getNotes(ids);
  }

  async get(id: string): Promise<NoteView> {
    return this.views.one(await this.requireLive(id));
  }

  /** Newest first; the cursor is the last id of the previous page. */
  async list(q: NoteListQuery): Promise<NotePage> {
    const limit = q.limit ?? 20;
    const page = await this.notes.listNotes({ after: q.after ?? null, limit: limit + 1, authorId: q.authorId, kind: q.kind, order: 'desc' });
    const more = page.length > limit;
    const items = page.slice(0, limit);
    return { items: await this.views.many(items.filter((n) => !n.deleted)), nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
  }

  async update(user: User, id: string, input: NotePatchInput): Promise<NoteView> {
    const note = await this.requireOwn(user, id);
    if (input.category !== undefined) checkCategory(input.category);
    this.images.check(input.media);
    const patch: NotePatch = { ...input, ...(input.media !== undefined && { media: await this.images.complete(input.media) }) };
    if (input.tags !== undefined || input.title !== undefined || input.body !== undefined) {
      patch.tags = tagsOf(input.tags ?? note.tags, input.title ?? note.title, input.body ?? note.body);
    }
    const textChanged = patch.title !== undefined || patch.body !== undefined || patch.tags !== undefined;
    // Terms of the text as it will read after the patch; should a concurrent edit make them stale, their
    // fingerprint no longer matches and the engine analyses the stored text instead.
    const terms = textChanged
      ? this.engine.analyzeNote({ title: patch.title ?? note.title, tags: patch.tags ?? note.tags, body: patch.body ?? note.body })
      : undefined;
    const updated = await this.notes.updateNote(id, patch, this.clock.now(), terms);
    if (!updated) throw new EngineError('not_found', `no note '${id}'`);
    this.engine.upsertNote(updated, terms);
    return this.views.one(updated);
  }

  /** Soft delete: the row stays for the event history, the note leaves every listing, feed and search. */
  async remove(user: User, id: string): Promise<void> {
    await this.requireOwn(user, id);
    await this.notes.softDeleteNote(id, this.clock.now());
    this.engine.removeNote(id);
  }

  private async requireOwn(user: User, id: string): Promise<Note> {
    const note = await this.requireLive(id);
    if (note.authorId !== user.id) throw new EngineError('forbidden', 'only the author can change this note');
    return note;
  }
}

/** A note without images gets generated cover art, so every card in a feed has something to show. */
function withCover(id: string, kind: NoteKind, media: NoteMedia | undefined): NoteMedia {
  const m = media ?? { images: [] };
  if (m.images.length > 0) return m;
  return { ...m, images: [{ url: coverUrl(id), ...(kind === 'video' ? VIDEO_SIZE : IMAGE_SIZE) }] };
}

function checkCategory(category: string): void {
  if (!isCategory(category)) throw new EngineError('validation_failed', `unknown category '${category}'; see GET /api/taxonomy`);
}

function tagsOf(explicit: readonly string[], title: string, body: string): string[] {
  return collectTags(explicit, title, body)
    .filter((t) => t.length <= NOTE_LIMITS.tagMax)
    .slice(0, NOTE_LIMITS.tagsMax);
}
