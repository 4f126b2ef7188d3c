import { EngineError, type ModelStore, type StoredModel } from '@notewave/engine';
import type { BackendProfile, StoreContext } from '../backend-profile.ts';
import { decodeJson, toUint8Array } from '../database.ts';
import { withChanges } from './change-log.ts';

/** Two workers publishing the same model at once both compute the next version; the loser retries. */
const PUT_ATTEMPTS = 5;

export class KyselyModelStore implements ModelStore {
  constructor(private readonly ctx: StoreContext) {}

  async putModel(name: string, bytes: Uint8Array, meta: Record<string, unknown>, createdAt: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.insertNextVersion(name, bytes, meta, createdAt);
      } catch (e) {
        if (attempt >= PUT_ATTEMPTS || !isConflict(this.ctx.profile, e)) throw e;
      }
    }
  }

  /** The new version and its change-log entry commit together, so every node following the log hears of it. */
  private async insertNextVersion(name: string, bytes: Uint8Array, meta: Record<string, unknown>, createdAt: number): Promise<number> {
    return withChanges(this.ctx, async (trx) => {
      const row = await trx.selectFrom('models').select((eb) => eb.fn.max('version').as('v')).where('name', '=', name).executeTakeFirst();
      const version = (row?.v == null ? 0 : Number(row.v)) + 1;
      await trx
        .insertInto('models')
        .values({ name, version, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), meta: JSON.stringify(meta), created_at: createdAt })
        .execute();
      return { result: version, changed: [{ kind: 'model', entityId: name }] };
    });
  }


  async getModel(name: string): Promise<StoredModel | null> {
    const r = await this.ctx.db.selectFrom('models').selectAll().where('name', '=', name).orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (!r) return null;
    return {
      name: r.name,
      version: Number(r.version),
      createdAt: Number(r.created_at),
      meta: decodeJson<Record<string, unknown>>(r.meta),
      bytes: toUint8Array(r.bytes),
    };
  }

  async pruneModels(name: string, keep: number): Promise<number> {
    if (!Number.isInteger(keep) || keep < 1) throw new EngineError('validation_failed', `keep must be a whole number >= 1, got ${keep}`);
    const newest = await this.ctx.db.selectFrom('models').select('version').where('name', '=', name).orderBy('version', 'desc').offset(keep - 1).limit(1).executeTakeFirst();
    if (!newest) return 0;
    const r = await this.ctx.db.deleteFrom('models').where('name', '=', name).where('version', '<', Number(newest.version)).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

function isConflict(profile: BackendProfile, e: unknown): boolean {
  return profile.classifyError(e) === 'conflict';
}
