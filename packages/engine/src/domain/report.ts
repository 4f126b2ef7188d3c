/** What a report can point at. */
export const REPORT_TARGETS = ['note', 'comment', 'user'] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];
/** Open until an operator resolves it (acted on) or dismisses it (nothing to do). */
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A user's complaint about a note, comment or account, queued for operators. */
export interface Report {
  id: string;
  reporterId: string;
  targetKind: ReportTarget;
  targetId: string;
  reason: string;
  status: ReportStatus;
  createdAt: number;
  /** The operator who closed it, and when; null while open. */
  resolvedBy: string | null;
  resolvedAt: number | null;
}

export const REPORT_REASON_MAX = 500;
