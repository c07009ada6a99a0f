import type { Queryable } from "~/db/database.server";
import { auditEvents } from "~/db/schema";

/** Who is acting, and from where. `userId` is null before anyone has signed in. */
export interface Actor {
  userId: string | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface AuditEntry {
  /** `area.verb` in the past tense, e.g. `auth.signed_in`, `organisation.created`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The person the record is about (the data subject), where there is one. */
  subjectId?: string | null;
  organisationId?: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the audit trail inside the caller's transaction, so the event and
 * the change it records commit or roll back together. The database chains and numbers it.
 */
export async function recordAuditEvent(
  tx: Queryable,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await tx.insert(auditEvents).values({
    actorUserId: actor.userId,
    ip: actor.ip ?? null,
    requestId: actor.requestId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    subjectId: entry.subjectId ?? null,
    organisationId: entry.organisationId ?? null,
    reason: entry.reason ?? null,
    details: entry.details ?? {},
  });
}
