import type { AccountStore, Comment, ErasedAccount, Like, Save, StoredEvent } from '@notewave/engine';
import type { StoreContext } from '../backend-profile.ts';
import { recordChanges } from './change-log.ts';
import { commentFromRow } from './comment-store.ts';
import { decodeEvent } from './event-codec.ts';

/**
 * Reads for a personal export and the erasure of an account. The events table has no index by user (ingest
 * speed matters more than these rare requests), so reading or re-attributing a user's events scans the log.
 */
export class KyselyAccountStore implements AccountStore {
  constructor(private readonly ctx: StoreContext) {}

  async listCommentsByAuthor(userId: string, after: string | null, limit: number): Promise<Comment[]> {
    let q = this.ctx.db.selectFrom('comments').selectAll().where('author_id', '=', userId).orderBy('id').limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map(commentFromRow);
  }

  async listLikesByUser(userId: string, after: string | null, limit: number): Promise<Like[]> {
    let q = this.ctx.db.selectFrom('likes').selectAll().where('user_id', '=', userId).orderBy('note_id').limit(limit);
    if (after !== null) q = q.where('note_id', '>', after);
    return (await q.execute()).map((r) => ({ userId: r.user_id, noteId: r.note_id, createdAt: Number(r.created_at) }));
  }

  async listSavesByUser(userId: string, after: { collectionId: string; noteId: string } | null, limit: number): Promise<Save[]> {
    let q = this.ctx.db.selectFrom('saves').selectAll().where('user_id', '=', userId).orderBy('collection_id').orderBy('note_id').limit(limit);
    if (after !== null) {
      q = q.where((eb) =>
        eb.or([
          eb('collection_id', '>', after.collectionId),
          eb.and([eb('collection_id', '=', after.collectionId), eb('note_id', '>', after.noteId)]),
        ]),
      );
    }
    return (await q.execute()).map((r) => ({ userId: r.user_id, noteId: r.note_id, collectionId: r.collection_id, createdAt: Number(r.created_at) }));
  }

  async listEventsByUser(userId: string, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.ctx.db.selectFrom('events').selectAll().where('user_id', '=', userId).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(decodeEvent);
  }

  async eraseAccount(userId: string, opts: { anonymousId: string; tombstoneHandle: string; at: number }): Promise<ErasedAccount | null> {
    const erased = await this.ctx.db.transaction().execute(async (trx) => {
      const live = await trx.selectFrom('users').select('id').where('id', '=', userId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!live) return null;
      const notes = await trx
        .updateTable('notes')
        .set({ deleted_at: opts.at })
        .where('author_id', '=', userId)
        .where('deleted_at', 'is', null)
        .returning('id')
        .execute();
      await trx.updateTable('comments').set({ deleted: 1, body: '' }).where('author_id', '=', userId).execute();
      await trx.deleteFrom('likes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('saves').where('user_id', '=', userId).execute();
      await trx.deleteFrom('collections').where('user_id', '=', userId).execute();
      const follows = await trx
        .deleteFrom('follows')
        .where((eb) => eb.or([eb('follower_id', '=', userId), eb('followee_id', '=', userId)]))
        .returning(['follower_id', 'followee_id'])
        .execute();
      const sessions = await trx.deleteFrom('sessions').where('user_id', '=', userId).returning('token_hash').execute();
      await trx.deleteFrom('reports').where('reporter_id', '=', userId).execute();
      await trx.updateTable('events').set({ user_id: opts.anonymousId }).where('user_id', '=', userId).execute();
      await trx
        .updateTable('users')
        .set({
          handle: opts.tombstoneHandle,
          display_name: '',
          password_hash: null,
          role: 'user',
          age_band: null,
          gender: null,
          income_band: null,
          suspended_at: null,
          suspension_reason: null,
          suspended_by: null,
          deleted_at: opts.at,
        })
        .where('id', '=', userId)
        .execute();
      await recordChanges(this.ctx, trx, [
        { kind: 'user', entityId: userId },
        ...notes.map((n) => ({ kind: 'note' as const, entityId: n.id })),
        ...sessions.map((r) => ({ kind: 'session' as const, entityId: r.token_hash })),
      ]);
      return {
        noteIds: notes.map((n) => n.id).sort(),
        follows: follows.map((f) => ({ followerId: f.follower_id, followeeId: f.followee_id })),
      };
    });
    if (erased) this.ctx.commits.fire();
    return erased;
  }
}
