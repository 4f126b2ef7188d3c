import type { Collection, Comment, EngineEvent, Exposure, Follow, Like, Save, Storage } from '@notewave/engine';
import { DEFAULT_COLLECTION } from '../services/reactions.service.ts';

const BATCH = 5_000;

/**
 * Writes what simulated users do into storage the way the API would have: events appended to the log in batches
 * (one transaction each), and likes, saves (into each user's default collection), comments and follows into their
 * tables, so lists and counters agree with the log and a server started on the database sees the same community.
 */
export class StorageSink {
  private events: EngineEvent[] = [];
  private comments = new Map<string, Comment>();
  private exposures: Exposure[] = [];
  private readonly collections = new Set<string>();
  written = 0;
  private clientIds = 0;

  constructor(private readonly storage: Storage) {}

  /**
   * The next client event id of the run: fixed-width and ascending across all users, so each batch lands on the
   * last pages of the log's (client_event_id, user_id) index. Per-user counters (`s0`, `s1`, …) put every event on a
   * different page of that index and made the commit write most of it again.
   */
  nextClientId(): string {
    return `s${(this.clientIds++).toString(36).padStart(8, '0')}`;
  }

  add(e: EngineEvent, comment?: Comment): void {
    this.events.push(e);
    if (comment) this.comments.set(comment.id, comment);
  }

  /** An experiment exposure, stored after the events written with it. */
  addExposure(x: Exposure): void {
    this.exposures.push(x);
  }

  /** Writes when a batch is full; `flush` writes whatever is left. */
  async maybeFlush(): Promise<void> {
    if (this.events.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.events;
    const comments = this.comments;
    const exposures = this.exposures;
    this.exposures = [];
    if (exposures.length > 0) await this.storage.experiments.recordExposures(exposures);
    if (batch.length === 0) return;
    this.events = [];
    this.comments = new Map();
    await this.storage.events.append(batch);
    this.written += batch.length;
    const likes: Like[] = [];
    const collections: Collection[] = [];
    const saves: Save[] = [];
    const follows: Follow[] = [];
    const written: Comment[] = [];
    for (const e of batch) {
      switch (e.type) {
        case 'like':
          likes.push({ userId: e.userId, noteId: e.noteId, createdAt: e.ts });
          break;
        case 'save': {
          const collectionId = `col_${e.userId}`;
          if (!this.collections.has(collectionId)) {
            collections.push({ id: collectionId, userId: e.userId, name: DEFAULT_COLLECTION, createdAt: e.ts });
            this.collections.add(collectionId);
          }
          saves.push({ userId: e.userId, noteId: e.noteId, collectionId, createdAt: e.ts });
          break;
        }
        case 'follow':
          follows.push({ followerId: e.userId, followeeId: e.targetUserId, createdAt: e.ts });
          break;
        case 'comment': {
          const c = e.commentId ? comments.get(e.commentId) : undefined;
          if (c) written.push(c);
          break;
        }
        default:
          break;
      }
    }
    // One multi-row transaction per table instead of a statement (and an implicit commit) per row.
    const social = this.storage.social;
    await social.insertLikes(likes);
    await social.insertCollections(collections);
    await social.insertSaves(saves);
    await social.insertFollows(follows);
    await this.storage.comments.insertComments(written);
  }
}
