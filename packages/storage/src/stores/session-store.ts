import type { SessionRecord, SessionStore } from '@notewave/engine';
import type { Selectable } from 'kysely';
import type { StoreContext } from '../backend-profile.ts';
import type { SessionsTable } from '../database.ts';
import { withChanges } from './change-log.ts';
import { FixedShapeQuery } from './fixed-shape-query.ts';

/** Expiry is the caller's decision: an expired session is still returned, with its `expiresAt`. */
export class KyselySessionStore implements SessionStore {
  /** Every signed-in request looks its token up. */
  private readonly byHash: FixedShapeQuery<Selectable<SessionsTable>>;

  constructor(private readonly ctx: StoreContext) {
    this.byHash = new FixedShapeQuery(([hash]) => ctx.db.selectFrom('sessions').selectAll().where('token_hash', '=', hash as string));
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.ctx.db
      .insertInto('sessions')
      .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt })
      .execute();
  }

  async getSession(tokenHash: string): Promise<SessionRecord | null> {
    const r = (await this.ctx.db.executeQuery(this.byHash.compile([tokenHash]))).rows[0];
    return r ? { tokenHash: r.token_hash, userId: r.user_id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await withChanges(this.ctx, async (trx) => {
      const r = await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
      return { result: undefined, changed: Number(r.numDeletedRows) > 0 ? [{ kind: 'session', entityId: tokenHash }] : [] };
    });
  }

  async listUserSessions(userId: string): Promise<SessionRecord[]> {
    const rows = await this.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('token_hash').execute();
    return rows.map((r) => ({ tokenHash: r.token_hash, userId: r.user_id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at) }));
  }

  async deleteUserSessions(userId: string, keepTokenHash?: string): Promise<string[]> {
    return withChanges(this.ctx, async (trx) => {
      let q = trx.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepTokenHash !== undefined) q = q.where('token_hash', '<>', keepTokenHash);
      const gone = (await q.returning('token_hash').execute()).map((r) => r.token_hash);
      return { result: gone, changed: gone.map((h) => ({ kind: 'session' as const, entityId: h })) };
    });
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    const r = await this.ctx.db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
