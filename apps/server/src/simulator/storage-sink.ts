import type { Comment, EngineEvent, Exposure, Storage } from '@notewave/engine';
import { DEFAULT_COLLECTION } from '../services/reactions.service.ts';

const BATCH = 1_000;

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

  constructor(private readonly storage: Storage) {}

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
    const social = this.storage.social;
    for (const e of batch) {
      switch (e.type) {
        case 'like':
          await social.like({ userId: e.userId, noteId: e.noteId, createdAt: e.ts });
          break;
        case 'save': {
          const collectionId = `col_${e.userId}`;
          if (!this.collections.has(collectionId)) {
            await social.createCollection({ id: collectionId, userId: e.userId, name: DEFAULT_COLLECTION, createdAt: e.ts });
            this.collections.add(collectionId);
          }
          await social.save({ userId: e.userId, noteId: e.noteId, collectionId, createdAt: e.ts });
          break;
        }
        case 'follow':
          await social.follow({ followerId: e.userId, followeeId: e.targetUserId, createdAt: e.ts });
          break;
        case 'comment': {
          const c = e.commentId ? comments.get(e.commentId) : undefined;
          if (c) await this.storage.comments.createComment(c);
          break;
        }
        default:
          break;
      }
    }
  }
}
