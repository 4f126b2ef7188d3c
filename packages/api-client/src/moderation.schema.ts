import { Type, type Static } from 'typebox';
import { Id, Page, Timestamp } from './common.schema.ts';
import { PrivateUser } from './users.schema.ts';

// Mirror the engine's domain enums; a server test keeps the lists equal.
export const ReportTarget = Type.Enum(['note', 'comment', 'user']);
export const ReportStatus = Type.Enum(['open', 'resolved', 'dismissed']);

const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const ReportInput = Type.Object({ targetKind: ReportTarget, targetId: Id, reason: Reason }, { additionalProperties: false });
export type ReportInput = Static<typeof ReportInput>;

export const ReportView = Type.Object({
  id: Id,
  reporterId: Id,
  targetKind: ReportTarget,
  targetId: Id,
  reason: Type.String(),
  status: ReportStatus,
  createdAt: Timestamp,
  resolvedBy: Type.Union([Id, Type.Null()]),
  resolvedAt: Type.Union([Timestamp, Type.Null()]),
});
export type ReportView = Static<typeof ReportView>;

export const ReportPage = Page(ReportView);
export type ReportPage = Static<typeof ReportPage>;

/** Oldest first; `status` defaults to `open`, the queue operators work through. */
export const ReportListQuery = Type.Object({
  status: Type.Optional(ReportStatus),
  after: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ReportListQuery = Static<typeof ReportListQuery>;

export const SuspendInput = Type.Object({ reason: Reason }, { additionalProperties: false });
export type SuspendInput = Static<typeof SuspendInput>;

/** An account as operators see it, with its suspension when there is one. */
export const ModeratedUser = Type.Intersect([
  PrivateUser,
  Type.Object({ suspension: Type.Union([Type.Object({ at: Timestamp, reason: Type.String(), by: Id }), Type.Null()]) }),
]);
export type ModeratedUser = Static<typeof ModeratedUser>;
