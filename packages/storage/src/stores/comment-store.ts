import type { Insertable, Selectable } from 'kysely';
import type { Comment, CommentStore, EngineEvent } from '@notewave/engine';
import { chunked, rowsPerStatement, type EventInsert, type StoreContext } from '../backend-profile.ts';
import type { CommentsTable } from '../database.ts';
import { appendInTransaction } from './event-log.ts';

/** Deleted comments stay readable by id but drop out of a note's thread listing. */
export class KyselyCommentStore implements CommentStore {
  private readonly insert: EventInsert;

  constructor(private readonly ctx: StoreContext) {
    this.insert = ctx.profile.eventInsert(ctx.db);
  }

  async createComment(c: Comment, event?: EngineEvent): Promise<number | null> {
    if (event === undefined) {
      await this.ctx.db.insertInto('comments').values(commentRow(c)).execute();
      return null;
    }
    const seq = await this.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('comments').values(commentRow(c)).execute();
      return appendInTransaction(this.ctx, this.insert, trx, event);
    });
    this.ctx.commits.fire();
    return seq;
  }

  async insertComments(cs: readonly Comment[]): Promise<void> {
    if (cs.length === 0) return;
    await this.ctx.db.transaction().execute(async (trx) => {
      for (const part of chunked(cs, rowsPerStatement(this.ctx.profile, 7))) {
        await trx.insertInto('comments').values(part.map(commentRow)).onConflict((oc) => oc.column('id').doNothing()).execute();
      }
    });
  }

  async getComment(id: string): Promise<Comment | null> {
    const row = await this.ctx.db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? commentFromRow(row) : null;
  }

  /** Oldest first by (created_at, id); `after` names the last comment of the previous page. */
  async listComments(noteId: string, after: string | null, limit: number): Promise<Comment[]> {
    let q = this.ctx.db
      .selectFrom('comments')
      .selectAll()
      .where('note_id', '=', noteId)
      .where('deleted', '=', 0)
      // Comments of a suspended author leave the thread until the account is reinstated.
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('users').select('users.id').whereRef('users.id', '=', 'comments.author_id').where('users.suspended_at', 'is not', null))),
      )
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit);
    if (after !== null) {
      const cursor = await this.ctx.db.selectFrom('comments').select(['created_at', 'id']).where('id', '=', after).executeTakeFirst();
      if (!cursor) return [];
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '>', cursor.created_at),
          eb.and([eb('created_at', '=', cursor.created_at), eb('id', '>', cursor.id)]),
        ]),
      );
    }
    return (await q.execute()).map(commentFromRow);
  }

  async softDeleteComment(id: string): Promise<boolean> {
    const r = await this.ctx.db.updateTable('comments').set({ deleted: 1 }).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

/** A comments row as the engine's Comment. */
export function commentFromRow(r: Selectable<CommentsTable>): Comment {
  return {
    id: r.id,
    noteId: r.note_id,
    authorId: r.author_id,
    parentId: r.parent_id,
    body: r.body,
    createdAt: Number(r.created_at),
    deleted: Number(r.deleted) !== 0,
  };
}

function commentRow(c: Comment): Insertable<CommentsTable> {
  return {
    id: c.id,
    note_id: c.noteId,
    author_id: c.authorId,
    parent_id: c.parentId ?? null,
    body: c.body,
    created_at: c.createdAt,
    deleted: c.deleted ? 1 : 0,
  };
}
