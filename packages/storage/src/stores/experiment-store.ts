import type { Insertable, Selectable } from 'kysely';
import type { Experiment, ExperimentStatus, ExperimentStatusChange, ExperimentStore, Exposure, FirstExposure, LayerRange, StoredExposure } from '@notewave/engine';
import { chunked, rowsPerStatement, type StoreContext } from '../backend-profile.ts';
import { decodeJson, type ExperimentExposuresTable, type ExperimentsTable } from '../database.ts';

/** The parts of an experiment kept in its JSON column; the rest are columns serving and status changes read. */
type Definition = Omit<Experiment, 'id' | 'name' | 'status' | 'surface' | 'layer' | 'layerRange' | 'createdAt' | 'startedAt' | 'pausedAt' | 'stoppedAt'>;

const EXPOSURE_COLUMNS = 6;
const LIVE: ExperimentStatus[] = ['running', 'paused'];

function toRow(e: Experiment): Insertable<ExperimentsTable> {
  const { id, name, status, surface, layer, layerRange, createdAt, startedAt, pausedAt, stoppedAt, ...definition } = e;
  return {
    id, name, status, surface, layer, range_start: layerRange?.start ?? null, range_end: layerRange?.end ?? null,
    created_at: createdAt, started_at: startedAt, paused_at: pausedAt, stopped_at: stoppedAt,
    definition: JSON.stringify(definition satisfies Definition),
  };
}

function fromRow(r: Selectable<ExperimentsTable>): Experiment {
  const d = decodeJson<Definition>(r.definition);
  const num = (v: number | string | null): number | null => (v === null ? null : Number(v));
  return {
    id: r.id, name: r.name, status: r.status as ExperimentStatus, surface: r.surface, layer: r.layer,
    layerRange: r.range_start === null || r.range_end === null ? null : { start: Number(r.range_start), end: Number(r.range_end) },
    createdAt: Number(r.created_at), startedAt: num(r.started_at), pausedAt: num(r.paused_at), stoppedAt: num(r.stopped_at),
    hypothesis: d.hypothesis, traffic: d.traffic, variants: d.variants, targeting: d.targeting, primaryMetric: d.primaryMetric,
    guardrailMetrics: d.guardrailMetrics, plan: d.plan, salt: d.salt, createdBy: d.createdBy,
  };
}

export class KyselyExperimentStore implements ExperimentStore {
  constructor(private readonly ctx: StoreContext) {}

  async createExperiment(e: Experiment): Promise<void> {
    await this.ctx.db.insertInto('experiments').values(toRow(e)).execute();
  }

  async getExperiment(id: string): Promise<Experiment | null> {
    const r = await this.ctx.db.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  async getExperimentByName(name: string): Promise<Experiment | null> {
    const r = await this.ctx.db.selectFrom('experiments').selectAll().where('name', '=', name).executeTakeFirst();
    return r ? fromRow(r) : null;
  }

  async listExperiments(): Promise<Experiment[]> {
    const rows = await this.ctx.db.selectFrom('experiments').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async listLiveExperiments(): Promise<Experiment[]> {
    const rows = await this.ctx.db.selectFrom('experiments').selectAll().where('status', 'in', LIVE).orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  changeStatus(id: string, change: ExperimentStatusChange): Promise<Experiment | null> {
    return this.ctx.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('experiments').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current || !change.from.includes(current.status as ExperimentStatus)) return null;
      let range: LayerRange | null = current.range_start === null || current.range_end === null ? null : { start: Number(current.range_start), end: Number(current.range_end) };
      if (change.allocate && range === null) {
        // Writing the layer's row takes its lock (a row lock on PostgreSQL, the write lock on SQLite) before the
        // ranges are read, so a concurrent start in the same layer waits and then sees this one's range.
        await trx.insertInto('experiment_layers').values({ layer: current.layer, version: 0 }).onConflict((oc) => oc.column('layer').doNothing()).execute();
        await trx.updateTable('experiment_layers').set((eb) => ({ version: eb('version', '+', 1) })).where('layer', '=', current.layer).execute();
        const taken = await trx
          .selectFrom('experiments')
          .select(['range_start', 'range_end'])
          .where('layer', '=', current.layer)
          .where('status', 'in', LIVE)
          .where('id', '<>', id)
          .where('range_start', 'is not', null)
          .execute();
        range = change.allocate(taken.map((t) => ({ start: Number(t.range_start), end: Number(t.range_end) })));
      }
      if (change.release) range = null;
      const at = change.at;
      const stamp =
        change.to === 'running' ? { started_at: current.started_at ?? at, paused_at: null }
        : change.to === 'paused' ? { paused_at: at }
        : change.to === 'stopped' ? { stopped_at: at }
        : {};
      const updated = await trx
        .updateTable('experiments')
        .set({ status: change.to, range_start: range?.start ?? null, range_end: range?.end ?? null, ...stamp })
        .where('id', '=', id)
        .where('status', '=', current.status)
        .returningAll()
        .executeTakeFirst();
      return updated ? fromRow(updated) : null;
    });
  }

  async recordExposures(xs: readonly Exposure[]): Promise<void> {
    for (const part of chunked(xs, rowsPerStatement(this.ctx.profile, EXPOSURE_COLUMNS + 1))) {
      await this.ctx.db
        .insertInto('experiment_exposures')
        .values(part.map((x) => ({
          experiment_id: x.experimentId, variant: x.variant, unit_id: x.unitId, user_id: x.userId, ts: x.ts,
          payload: JSON.stringify({ experimentName: x.experimentName, surface: x.surface, sessionId: x.sessionId, recIds: x.recIds, noteIds: x.noteIds }),
        })))
        .execute();
    }
  }

  async listFirstExposures(): Promise<FirstExposure[]> {
    const rows = await this.ctx.db
      .selectFrom('experiment_exposures as x')
      .innerJoin('experiments as e', 'e.id', 'x.experiment_id')
      .select((eb) => ['e.name', 'x.user_id', eb.fn.min('x.ts').as('ts'), eb.fn.min('x.variant').as('variant')])
      .where('x.user_id', 'is not', null)
      .groupBy(['e.name', 'x.user_id'])
      .execute();
    return rows
      .map((r) => ({ experimentName: r.name, variant: String(r.variant), userId: r.user_id as string, ts: Number(r.ts) }))
      .sort((a, b) => a.ts - b.ts || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0) || (a.experimentName < b.experimentName ? -1 : 1));
  }

  async listExposures(experimentId: string, afterSeq: number, limit: number): Promise<StoredExposure[]> {
    const rows = await this.ctx.db
      .selectFrom('experiment_exposures')
      .selectAll()
      .where('experiment_id', '=', experimentId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(exposureOf);
  }

  async readExposuresSince(afterSeq: number, limit: number): Promise<StoredExposure[]> {
    const rows = await this.ctx.db.selectFrom('experiment_exposures').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(exposureOf);
  }

  async lastExposureSeq(): Promise<number> {
    const r = await this.ctx.db.selectFrom('experiment_exposures').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return r?.seq == null ? 0 : Number(r.seq);
  }
}

function exposureOf(r: Selectable<ExperimentExposuresTable>): StoredExposure {
  const p = decodeJson<Pick<Exposure, 'experimentName' | 'surface' | 'sessionId' | 'recIds' | 'noteIds'>>(r.payload);
  return {
    seq: Number(r.seq), experimentId: r.experiment_id, experimentName: p.experimentName, variant: r.variant, unitId: r.unit_id,
    userId: r.user_id, ts: Number(r.ts), surface: p.surface, sessionId: p.sessionId, recIds: p.recIds, noteIds: p.noteIds,
  };
}
