import {
  EngineError, type Clock, type CommentStore, type Engine, type IdGenerator, type Note, type NoteStore, type Report, type ReportStore,
  type ReportTarget, type User, type UserStore,
} from '@notewave/engine';
import type { ModeratedUser, ReportInput, ReportListQuery, ReportPage, ReportView } from '@notewave/api-client';
import type { AuthService } from './auth.service.ts';
import { requireOperator } from './operators.ts';
import { privateView } from './user-views.ts';

/**
 * What operators do about abuse. Every method taking an `operator` refuses anyone else. Removal and hiding go
 * through the same path as an author deleting a note: the store first, then this node's engine; other nodes on
 * a shared database learn of it from the change log the store writes with it (ChangeFollower).
 */
export class ModerationService {
  constructor(
    private readonly users: UserStore,
    private readonly notes: NoteStore,
    private readonly comments: CommentStore,
    private readonly reports: ReportStore,
    private readonly auth: AuthService,
    private readonly engine: Engine,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** Any signed-in user may report a note, comment or account that exists. */
  async report(reporter: User, input: ReportInput): Promise<ReportView> {
    await this.requireTarget(input.targetKind, input.targetId);
    return this.file(reporter.id, input.targetKind, input.targetId, input.reason);
  }

  /** Queues a report made through another channel (a `report` behaviour event); unknown targets are skipped. */
  async fileFromEvent(reporterId: string, noteId: string, reason: string): Promise<void> {
    const n = await this.notes.getNote(noteId);
    if (n && !n.deleted) await this.file(reporterId, 'note', noteId, reason);
  }

  async listReports(operator: User, q: ReportListQuery): Promise<ReportPage> {
    requireOperator(operator);
    const limit = q.limit ?? 20;
    const page = await this.reports.listReports(q.status ?? 'open', q.after ?? null, limit + 1);
    const items = page.slice(0, limit);
    return { items, nextCursor: page.length > limit ? (items[items.length - 1]?.id ?? null) : null };
  }

  async closeReport(operator: User, id: string, status: 'resolved' | 'dismissed'): Promise<ReportView> {
    requireOperator(operator);
    if (!(await this.reports.closeReport(id, status, operator.id, this.clock.now()))) {
      const r = await this.reports.getReport(id);
      if (!r) throw new EngineError('not_found', `no report '${id}'`);
      throw new EngineError('conflict', `report '${id}' is already ${r.status}`);
    }
    return (await this.reports.getReport(id)) as Report;
  }

  async removeNote(operator: User, id: string): Promise<void> {
    requireOperator(operator);
    const n = await this.notes.getNote(id);
    if (!n || n.deleted) throw new EngineError('not_found', `no note '${id}'`);
    await this.notes.softDeleteNote(id, this.clock.now());
    this.engine.removeNote(id);
  }

  async removeComment(operator: User, id: string): Promise<void> {
    requireOperator(operator);
    if (!(await this.comments.softDeleteComment(id))) throw new EngineError('not_found', `no comment '${id}'`);
  }

  /** Ends the account's sessions and hides its notes and comments until it is reinstated. */
  async suspend(operator: User, userId: string, reason: string): Promise<ModeratedUser> {
    requireOperator(operator);
    const target = await this.requireAccount(userId);
    if (target.id === operator.id) throw new EngineError('conflict', 'you cannot suspend yourself');
    if (target.role === 'operator') throw new EngineError('conflict', 'revoke the operator role before suspending this account');
    const suspension = { at: this.clock.now(), reason, by: operator.id };
    await this.users.setSuspension(userId, suspension);
    await this.auth.revokeAll(userId);
    for (const n of await this.notes.setAuthorHidden(userId, true, suspension.at)) this.engine.removeNote(n.id);
    return moderatedView({ ...target, suspension });
  }

  async unsuspend(operator: User, userId: string): Promise<ModeratedUser> {
    requireOperator(operator);
    const target = await this.requireAccount(userId);
    await this.users.setSuspension(userId, null);
    const shown: Note[] = await this.notes.setAuthorHidden(userId, false, this.clock.now());
    for (const n of shown) this.engine.upsertNote(n);
    const { suspension: _gone, ...rest } = target;
    return moderatedView(rest);
  }

  async viewAccount(operator: User, userId: string): Promise<ModeratedUser> {
    requireOperator(operator);
    return moderatedView(await this.requireAccount(userId));
  }

  private async file(reporterId: string, targetKind: ReportTarget, targetId: string, reason: string): Promise<Report> {
    const r: Report = {
      id: this.ids.next('rp'), reporterId, targetKind, targetId, reason, status: 'open', createdAt: this.clock.now(), resolvedBy: null, resolvedAt: null,
    };
    return this.reports.createReport(r);
  }

  private async requireAccount(id: string): Promise<User> {
    const u = await this.users.getUser(id);
    if (!u || u.deletedAt !== undefined) throw new EngineError('not_found', `no user '${id}'`);
    return u;
  }

  private async requireTarget(kind: ReportTarget, id: string): Promise<void> {
    if (!(await this.isLive(kind, id))) throw new EngineError('not_found', `no ${kind} '${id}'`);
  }

  private async isLive(kind: ReportTarget, id: string): Promise<boolean> {
    switch (kind) {
      case 'note': {
        const n = await this.notes.getNote(id);
        return n !== null && !n.deleted;
      }
      case 'comment': {
        const c = await this.comments.getComment(id);
        return c !== null && !c.deleted;
      }
      case 'user': {
        const u = await this.users.getUser(id);
        return u !== null && u.deletedAt === undefined;
      }
    }
  }
}

function moderatedView(u: User): ModeratedUser {
  return { ...privateView(u), suspension: u.suspension ?? null };
}
