import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import type { Queryable } from "~/db/database.server";
import { auditEvents, users } from "~/db/schema";
import { forbidden } from "~/errors/app-error";
import { recordAuditEvent } from "./record-audit-event.server";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The newest events first, a page at a time (keyset on the sequence number). Reading the
 * trail is itself recorded, since it shows who did what to whose records.
 */
export async function listAuditEvents(
  tx: Queryable,
  acting: Acting,
  filter: { before?: number; action?: string },
) {
  if (!can(acting.viewer, "view:audit:any")) throw forbidden();
  const where: SQL[] = [];
  if (filter.before) where.push(lt(auditEvents.seq, filter.before));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  const rows = await tx
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      actorName: users.name,
      ip: auditEvents.ip,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(AUDIT_PAGE_SIZE + 1);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "audit.viewed",
    entityType: "audit_trail",
    details: { ...filter },
  });
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), more: rows.length > AUDIT_PAGE_SIZE };
}
