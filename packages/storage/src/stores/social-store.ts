import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Collection, EngineEvent, Follow, Like, Save, SocialChange, SocialChangeOutcome, SocialStore } from '@notewave/engine';
import { chunked, rowsPerStatement, type EventInsert, type StoreContext } from '../backend-profile.ts';
import type { Database, FollowsTable } from '../database.ts';
import { appendInTransaction } from './event-log.ts';

/** Follows, likes and collections. Re-following, re-liking and re-saving are idempotent and report `false`. */
export class KyselySocialStore implements SocialStore {
  private readonly insert: EventInsert;

  constructor(private readonly ctx: StoreContext) {
    this.insert = ctx.profile.eventInsert(ctx.db);
  }

  async change(c: SocialChange, event: EngineEvent): Promise<SocialChangeOutcome> {
    const outcome = await this.ctx.db.transaction().execute(async (trx): Promise<SocialChangeOutcome> => {
      const { changed, counted } = await this.changeIn(trx, c);
      return { changed, seq: counted ? await appendInTransaction(this.ctx, this.insert, trx, event) : null };
    });
    if (outcome.seq !== null) this.ctx.commits.fire();
    return outcome;
  }

  /** Makes the change in `trx`; `counted` when the engine learns of it (the event goes in with it). */
  private async changeIn(trx: Transaction<Database>, c: SocialChange): Promise<{ changed: boolean; counted: boolean }> {
    switch (c.kind) {
      case 'like': {
        const changed = await insertLike(trx, c.like);
        return { changed, counted: changed };
      }
      case 'unlike': {
        const changed = await deleteLike(trx, c.userId, c.noteId);
        return { changed, counted: changed };
      }
      case 'follow': {
        const changed = await insertFollow(trx, c.follow);
        return { changed, counted: changed };
      }
      case 'unfollow': {
        const changed = await deleteFollow(trx, c.followerId, c.followeeId);
        return { changed, counted: changed };
      }
      case 'save': {
        const { added, first } = await this.saveIn(trx, c.save);
        return { changed: added, counted: first };
      }
      case 'unsave': {
        const { removed, last } = await this.unsaveIn(trx, c.userId, c.noteId, c.collectionId);
        return { changed: removed, counted: last };
      }
    }
  }

  follow(f: Follow): Promise<boolean> {
    return insertFollow(this.ctx.db, f);
  }

  async insertFollows(fs: readonly Follow[]): Promise<void> {
    if (fs.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(fs, rowsPerStatement(this.ctx.profile, 3))) {
        await trx
          .insertInto('follows')
          .values(part.map((f) => ({ follower_id: f.followerId, followee_id: f.followeeId, created_at: f.createdAt })))
          .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
          .execute();
      }
    });
  }

  unfollow(followerId: string, followeeId: string): Promise<boolean> {
    return deleteFollow(this.ctx.db, followerId, followeeId);
  }

  async isFollowing(followerId: string, followeeId: string): Promise<boolean> {
    return (await this.followedAt(followerId, followeeId)) !== null;
  }

  async followedAt(followerId: string, followeeId: string): Promise<number | null> {
    const row = await this.ctx.db
      .selectFrom('follows')
      .select('created_at')
      .where('follower_id', '=', followerId)
      .where('followee_id', '=', followeeId)
      .executeTakeFirst();
    return row === undefined ? null : Number(row.created_at);
  }

  async listFollowing(userId: string, after: string | null, limit: number): Promise<Follow[]> {
    let q = this.ctx.db.selectFrom('follows').selectAll().where('follower_id', '=', userId).orderBy('followee_id').limit(limit);
    if (after !== null) q = q.where('followee_id', '>', after);
    return (await q.execute()).map(fromFollowRow);
  }

  async listFollowers(userId: string, after: string | null, limit: number): Promise<Follow[]> {
    let q = this.ctx.db.selectFrom('follows').selectAll().where('followee_id', '=', userId).orderBy('follower_id').limit(limit);
    if (after !== null) q = q.where('follower_id', '>', after);
    return (await q.execute()).map(fromFollowRow);
  }

  async scanFollows(after: { followerId: string; followeeId: string } | null, limit: number): Promise<Follow[]> {
    let q = this.ctx.db.selectFrom('follows').selectAll().orderBy('follower_id').orderBy('followee_id').limit(limit);
    if (after !== null) {
      q = q.where((eb) =>
        eb.or([
          eb('follower_id', '>', after.followerId),
          eb.and([eb('follower_id', '=', after.followerId), eb('followee_id', '>', after.followeeId)]),
        ]),
      );
    }
    return (await q.execute()).map(fromFollowRow);
  }

  like(l: Like): Promise<boolean> {
    return insertLike(this.ctx.db, l);
  }

  async insertLikes(ls: readonly Like[]): Promise<void> {
    if (ls.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(ls, rowsPerStatement(this.ctx.profile, 3))) {
        await trx
          .insertInto('likes')
          .values(part.map((l) => ({ user_id: l.userId, note_id: l.noteId, created_at: l.createdAt })))
          .onConflict((oc) => oc.columns(['user_id', 'note_id']).doNothing())
          .execute();
      }
    });
  }

  unlike(userId: string, noteId: string): Promise<boolean> {
    return deleteLike(this.ctx.db, userId, noteId);
  }

  async hasLiked(userId: string, noteId: string): Promise<boolean> {
    return (await this.likedAt(userId, noteId)) !== null;
  }

  async likedAt(userId: string, noteId: string): Promise<number | null> {
    const row = await this.ctx.db.selectFrom('likes').select('created_at').where('user_id', '=', userId).where('note_id', '=', noteId).executeTakeFirst();
    return row === undefined ? null : Number(row.created_at);
  }

  async createCollection(c: Collection): Promise<void> {
    await this.ctx.db.insertInto('collections').values({ id: c.id, user_id: c.userId, name: c.name, created_at: c.createdAt }).execute();
  }

  async insertCollections(cs: readonly Collection[]): Promise<void> {
    if (cs.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(cs, rowsPerStatement(this.ctx.profile, 4))) {
        await trx
          .insertInto('collections')
          .values(part.map((c) => ({ id: c.id, user_id: c.userId, name: c.name, created_at: c.createdAt })))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
  }

  async getCollection(id: string): Promise<Collection | null> {
    const r = await this.ctx.db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? { id: r.id, userId: r.user_id, name: r.name, createdAt: Number(r.created_at) } : null;
  }

  /** Oldest first, so the default collection a user starts with comes first. */
  async listCollections(userId: string): Promise<Collection[]> {
    const rows = await this.ctx.db.selectFrom('collections').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, name: r.name, createdAt: Number(r.created_at) }));
  }

  save(s: Save): Promise<{ added: boolean; first: boolean }> {
    return this.ctx.db.transaction().execute((trx) => this.saveIn(trx, s));
  }

  private async saveIn(trx: Transaction<Database>, s: Save): Promise<{ added: boolean; first: boolean }> {
    await this.ctx.profile.lockKey(trx, `saves:${s.userId}:${s.noteId}`);
    const r = await trx
      .insertInto('saves')
      .values({ user_id: s.userId, note_id: s.noteId, collection_id: s.collectionId, created_at: s.createdAt })
      .onConflict((oc) => oc.columns(['user_id', 'collection_id', 'note_id']).doNothing())
      .executeTakeFirst();
    const added = Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
    return { added, first: added && (await savedIn(trx, s.userId, s.noteId)) === 1 };
  }

  async insertSaves(ss: readonly Save[]): Promise<void> {
    if (ss.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(ss, rowsPerStatement(this.ctx.profile, 4))) {
        await trx
          .insertInto('saves')
          .values(part.map((s) => ({ user_id: s.userId, note_id: s.noteId, collection_id: s.collectionId, created_at: s.createdAt })))
          .onConflict((oc) => oc.columns(['user_id', 'collection_id', 'note_id']).doNothing())
          .execute();
      }
    });
  }

  async isSaved(userId: string, noteId: string): Promise<boolean> {
    const row = await this.ctx.db.selectFrom('saves').select('created_at').where('user_id', '=', userId).where('note_id', '=', noteId).limit(1).executeTakeFirst();
    return row !== undefined;
  }

  unsave(userId: string, noteId: string, collectionId?: string): Promise<{ removed: boolean; last: boolean }> {
    return this.ctx.db.transaction().execute((trx) => this.unsaveIn(trx, userId, noteId, collectionId));
  }

  private async unsaveIn(trx: Transaction<Database>, userId: string, noteId: string, collectionId?: string): Promise<{ removed: boolean; last: boolean }> {
    await this.ctx.profile.lockKey(trx, `saves:${userId}:${noteId}`);
    let q = trx.deleteFrom('saves').where('user_id', '=', userId).where('note_id', '=', noteId);
    if (collectionId !== undefined) q = q.where('collection_id', '=', collectionId);
    const removed = Number((await q.executeTakeFirst()).numDeletedRows) > 0;
    return { removed, last: removed && (await savedIn(trx, userId, noteId)) === 0 };
  }

  /** Keyset by note id within the collection. */
  async listSaves(userId: string, collectionId: string, after: string | null, limit: number, order: 'asc' | 'desc' = 'asc'): Promise<Save[]> {
    let q = this.ctx.db
      .selectFrom('saves')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', userId)
      .orderBy('note_id', order)
      .limit(limit);
    if (after !== null) q = q.where('note_id', order === 'desc' ? '<' : '>', after);
    const rows = await q.execute();
    return rows.map((r) => ({ userId: r.user_id, noteId: r.note_id, collectionId: r.collection_id, createdAt: Number(r.created_at) }));
  }
}

async function insertFollow(db: Kysely<Database>, f: Follow): Promise<boolean> {
  const r = await db
    .insertInto('follows')
    .values({ follower_id: f.followerId, followee_id: f.followeeId, created_at: f.createdAt })
    .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

async function deleteFollow(db: Kysely<Database>, followerId: string, followeeId: string): Promise<boolean> {
  const r = await db.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

async function insertLike(db: Kysely<Database>, l: Like): Promise<boolean> {
  const r = await db
    .insertInto('likes')
    .values({ user_id: l.userId, note_id: l.noteId, created_at: l.createdAt })
    .onConflict((oc) => oc.columns(['user_id', 'note_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

async function deleteLike(db: Kysely<Database>, userId: string, noteId: string): Promise<boolean> {
  const r = await db.deleteFrom('likes').where('user_id', '=', userId).where('note_id', '=', noteId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** In how many of the user's collections the note is, as this transaction sees it. */
async function savedIn(trx: Transaction<Database>, userId: string, noteId: string): Promise<number> {
  const row = await trx
    .selectFrom('saves')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('note_id', '=', noteId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function fromFollowRow(r: Selectable<FollowsTable>): Follow {
  return { followerId: r.follower_id, followeeId: r.followee_id, createdAt: Number(r.created_at) };
}
