import { EngineError, type Clock, type Collection, type Engine, type IdGenerator, type SocialStore, type User } from '@notewave/engine';
import type { CollectionList, CollectionView, LikeState, NoteViewerState, PageQuery, SavedNotePage, SaveState } from '@notewave/api-client';
import type { EventsService } from './events.service.ts';
import type { NotesService } from './notes.service.ts';
import type { NoteViews } from './note-views.ts';

export const DEFAULT_COLLECTION = 'default';

/**
 * Likes, saves and collections: each change is stored, then logged as an event the engine learns from. A note
 * saved into several collections is one save to the engine: `save` is logged when it enters the user's first
 * collection and `unsave` when it leaves the last.
 */
export class ReactionsService {
  constructor(
    private readonly social: SocialStore,
    private readonly notes: NotesService,
    private readonly noteViews: NoteViews,
    private readonly engine: Engine,
    private readonly events: EventsService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  // Each change is stored in one transaction with the event that records it (`SocialStore.change`): a node dying
  // mid-request leaves both or neither, so a client's retry either makes the change or finds it made, and the
  // engine's counters always equal the tables.
  async like(user: User, noteId: string): Promise<LikeState> {
    await this.notes.requireLive(noteId);
    await this.events.recordWith(user.id, { type: 'like', noteId }, (e) => this.social.change({ kind: 'like', like: { userId: user.id, noteId, createdAt: e.ts } }, e));
    return { liked: true, likes: this.engine.noteStats(noteId).likes };
  }

  async unlike(user: User, noteId: string): Promise<LikeState> {
    await this.notes.requireLive(noteId);
    await this.events.recordWith(user.id, { type: 'unlike', noteId }, (e) => this.social.change({ kind: 'unlike', userId: user.id, noteId }, e));
    return { liked: false, likes: this.engine.noteStats(noteId).likes };
  }

  async save(user: User, noteId: string, collectionId: string | undefined): Promise<SaveState> {
    await this.notes.requireLive(noteId);
    const collection = collectionId ? await this.requireOwnCollection(user, collectionId) : await this.defaultCollection(user);
    const save = (ts: number) => ({ userId: user.id, noteId, collectionId: collection.id, createdAt: ts });
    await this.events.recordWith(user.id, { type: 'save', noteId, collectionId: collection.id }, (e) => this.social.change({ kind: 'save', save: save(e.ts) }, e));
    return { saved: true, collectionId: collection.id, saves: this.engine.noteStats(noteId).saves };
  }

  async unsave(user: User, noteId: string, collectionId: string | undefined): Promise<SaveState> {
    await this.notes.requireLive(noteId);
    if (collectionId) await this.requireOwnCollection(user, collectionId);
    await this.events.recordWith(user.id, { type: 'unsave', noteId }, (e) => this.social.change({ kind: 'unsave', userId: user.id, noteId, collectionId }, e));
    const stillSaved = await this.social.isSaved(user.id, noteId);
    return { saved: stillSaved, collectionId: collectionId ?? null, saves: this.engine.noteStats(noteId).saves };
  }

  /** Whether the viewer liked and saved a note: two point lookups, asked only by the single-note view. */
  async noteState(user: User, noteId: string): Promise<NoteViewerState> {
    const [liked, saved] = await Promise.all([this.social.hasLiked(user.id, noteId), this.social.isSaved(user.id, noteId)]);
    return { liked, saved };
  }

  async collections(user: User): Promise<CollectionList> {
    await this.defaultCollection(user);
    return { items: (await this.social.listCollections(user.id)).map(collectionView) };
  }

  /** Anyone's collections, oldest first; a user who never saved anything has none yet. */
  async userCollections(userId: string): Promise<CollectionList> {
    return { items: (await this.social.listCollections(userId)).map(collectionView) };
  }

  async createCollection(user: User, name: string): Promise<CollectionView> {
    const existing = await this.social.listCollections(user.id);
    if (existing.some((c) => c.name === name)) throw new EngineError('conflict', `you already have a collection named '${name}'`);
    const c: Collection = { id: this.ids.next('col'), userId: user.id, name, createdAt: this.clock.now() };
    await this.social.createCollection(c);
    return collectionView(c);
  }

  /** Newest notes first, like every other note listing; collections are public, so anyone may read one. */
  async collectionNotes(collectionId: string, q: PageQuery): Promise<SavedNotePage> {
    const c = await this.social.getCollection(collectionId);
    if (!c) throw new EngineError('not_found', `no collection '${collectionId}'`);
    const limit = q.limit ?? 20;
    const saves = await this.social.listSaves(c.userId, collectionId, q.after ?? null, limit + 1, 'desc');
    const more = saves.length > limit;
    const slice = saves.slice(0, limit);
    const notes = (await this.notes.getMany(slice.map((s) => s.noteId))).filter((n) => !n.deleted);
    return { items: await this.noteViews.many(notes), nextCursor: more ? (slice[slice.length - 1]?.noteId ?? null) : null };
  }

  /** Collections are public to read, but only their owner saves into them: someone else's answers like a missing one. */
  private async requireOwnCollection(user: User, id: string): Promise<Collection> {
    const c = await this.social.getCollection(id);
    if (!c || c.userId !== user.id) throw new EngineError('not_found', `no collection '${id}'`);
    return c;
  }

  private async defaultCollection(user: User): Promise<Collection> {
    const found = (await this.social.listCollections(user.id)).find((c) => c.name === DEFAULT_COLLECTION);
    if (found) return found;
    const c: Collection = { id: this.ids.next('col'), userId: user.id, name: DEFAULT_COLLECTION, createdAt: this.clock.now() };
    await this.social.createCollection(c);
    return c;
  }
}

function collectionView(c: Collection): CollectionView {
  return { id: c.id, name: c.name, createdAt: c.createdAt };
}
