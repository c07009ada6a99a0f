import type { IcoCategory } from "./ico-categories";

/** One event as the audit tool, the access histories and the CSV export show it. */
export interface AuditRow {
  seq: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorName: string | null;
  action: string;
  kind: IcoCategory | null;
  entityType: string;
  entityId: string | null;
  subjectId: string | null;
  organisationId: string | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}
