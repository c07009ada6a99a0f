import { asc } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { organisations } from "~/db/schema";
import type { AuditFilter } from "./audit-filter";
import { filterConditions, requireAuditScope, selectAuditRows } from "./audit-query.server";
import { recordAuditEvent } from "./record-audit-event.server";

export const AUDIT_PAGE_SIZE = 50;

/**
 * The audit tool: events matching the filter, newest first, a page at a time (keyset on the
 * sequence number), within what the viewer may read. Reading the trail is itself recorded,
 * since it shows who did what to whose records.
 */
export async function listAuditEvents(
  tx: Queryable,
  acting: Acting,
  filter: AuditFilter,
  page: { before?: number } = {},
) {
  const scope = requireAuditScope(acting);
  const where = await filterConditions(tx, scope, filter);
  const rows = await selectAuditRows(tx, where, {
    before: page.before,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const choices = scope.all
    ? await tx
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .orderBy(asc(organisations.name))
    : acting.viewer.memberships
        .filter((m) => scope.organisationIds.includes(m.organisationId))
        .map((m) => ({ id: m.organisationId, name: m.organisationName }));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "audit.viewed",
    entityType: "audit_trail",
    organisationId: scope.all ? null : (scope.organisationIds[0] ?? null),
    details: { ...filter, before: page.before ?? null },
  });
  return {
    events: rows.slice(0, AUDIT_PAGE_SIZE),
    more: rows.length > AUDIT_PAGE_SIZE,
    wholeTrail: scope.all,
    organisations: [...new Map(choices.map((o) => [o.id, o])).values()],
  };
}
