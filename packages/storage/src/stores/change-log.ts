import type { Transaction } from 'kysely';
import type { Change, ChangeKind, ChangeLog } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';
import type { Database } from '../database.ts';

/** Starts watching for committed changes; resolves to a function that stops. */
export type ChangeWatcher = (onWake: () => void) => Promise<() => Promise<void>>;

export interface ChangeEntry {
  kind: ChangeKind;
  entityId: string;
}

/**
 * Records changes inside the transaction that makes them, as its last statements: the change-log lock is then held
 * only from here to commit, and a change is in the log exactly when the entity change committed.
 */
export async function recordChanges(ctx: StoreContext, trx: Transaction<Database>, entries: readonly ChangeEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await ctx.profile.lockChangeLog(trx);
  for (const part of chunked(entries, rowsPerStatement(ctx.profile, 2))) {
    await trx.insertInto('change_log').values(part.map((e) => ({ kind: e.kind, entity_id: e.entityId }))).execute();
  }
  await ctx.profile.notifyChanges(trx);
}

/** Runs `change` and records what it reports changed, in one transaction; tells this process once it committed. */
export async function withChanges<T>(
  ctx: StoreContext,
  change: (trx: Transaction<Database>) => Promise<{ result: T; changed: readonly ChangeEntry[] }>,
): Promise<T> {
  const { result, changed } = await ctx.db.transaction().execute(async (trx) => {
    const done = await change(trx);
    await recordChanges(ctx, trx, done.changed);
    return done;
  });
  if (changed.length > 0) ctx.commits.fire();
  return result;
}

export class KyselyChangeLog implements ChangeLog {
  constructor(
    private readonly ctx: StoreContext,
    private readonly watcher: ChangeWatcher | null,
  ) {}

  async readSince(afterSeq: number, limit: number): Promise<Change[]> {
    const rows = await this.ctx.db.selectFrom('change_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    // Followers ignore a kind they do not know (one written by a newer release) but still count its seq as read.
    return rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind as ChangeKind,
      entityId: r.entity_id,
      createdAt: Number(r.created_at),
    }));
  }

  async latestSeq(): Promise<number> {
    const row = await this.ctx.db.selectFrom('change_log').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async oldestSeq(): Promise<number> {
    const row = await this.ctx.db.selectFrom('change_log').select((eb) => eb.fn.min('seq').as('m')).executeTakeFirst();
    return Number(row?.m ?? 0);
  }

  async prune(before: number): Promise<number> {
    const latest = await this.latestSeq();
    if (latest === 0) return 0;
    const r = await this.ctx.db.deleteFrom('change_log').where('created_at', '<', before).where('seq', '<', latest).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  watch(onWake: () => void): Promise<() => Promise<void>> {
    return this.watcher ? this.watcher(onWake) : Promise.resolve(async () => {});
  }

  watchOwnCommits(onCommit: () => void): Promise<() => Promise<void>> {
    const stop = this.ctx.commits.listen(onCommit);
    return Promise.resolve(async () => stop());
  }
}
