import { sql, type Selectable } from 'kysely';
import type { Report, ReportStatus, ReportStore, ReportTarget } from '@notewave/engine';
import type { StoreContext } from '../backend-profile.ts';
import type { ReportsTable } from '../database.ts';

export class KyselyReportStore implements ReportStore {
  constructor(private readonly ctx: StoreContext) {}

  async createReport(r: Report): Promise<Report> {
    const inserted = await this.ctx.db
      .insertInto('reports')
      .values({
        id: r.id,
        reporter_id: r.reporterId,
        target_kind: r.targetKind,
        target_id: r.targetId,
        reason: r.reason,
        status: r.status,
        created_at: r.createdAt,
        resolved_by: r.resolvedBy,
        resolved_at: r.resolvedAt,
      })
      // A literal, not a parameter: SQLite matches the conflict target to the partial index by its exact predicate.
      .onConflict((oc) => oc.columns(['reporter_id', 'target_kind', 'target_id']).where('status', '=', sql.lit('open')).doNothing())
      .returning('id')
      .execute();
    if (inserted.length > 0) return r;
    const open = await this.ctx.db
      .selectFrom('reports')
      .selectAll()
      .where('reporter_id', '=', r.reporterId)
      .where('target_kind', '=', r.targetKind)
      .where('target_id', '=', r.targetId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    // Closed between the conflict and this read: the new report then stands on its own.
    return open ? fromRow(open) : this.createReport(r);
  }

  async getReport(id: string): Promise<Report | null> {
    const row = await this.ctx.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : null;
  }

  async listReports(status: ReportStatus, after: string | null, limit: number): Promise<Report[]> {
    let q = this.ctx.db.selectFrom('reports').selectAll().where('status', '=', status).orderBy('id').limit(limit);
    if (after !== null) q = q.where('id', '>', after);
    return (await q.execute()).map(fromRow);
  }

  async closeReport(id: string, status: Exclude<ReportStatus, 'open'>, by: string, at: number): Promise<boolean> {
    const r = await this.ctx.db
      .updateTable('reports')
      .set({ status, resolved_by: by, resolved_at: at })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}

function fromRow(r: Selectable<ReportsTable>): Report {
  return {
    id: r.id,
    reporterId: r.reporter_id,
    targetKind: r.target_kind as ReportTarget,
    targetId: r.target_id,
    reason: r.reason,
    status: r.status as ReportStatus,
    createdAt: Number(r.created_at),
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}
