import { and, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { type Queryable, queryRows } from "~/db/database.server";
import { auditEvents } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { requireAuditScope, scopeCondition, selectAuditRows } from "./audit-query.server";
import { canReadAuditOf } from "./audit-scope";
import type { HistoryType } from "./history-link";
import { historyRecordOf } from "./history-records.server";
import { ICO_CATEGORIES, type IcoCategory, icoCategoryOf } from "./ico-categories";
import { recordAuditEvent } from "./record-audit-event.server";

export const HISTORY_PAGE_SIZE = 100;

/**
 * Who saw a record: every collection, consultation, alteration, disclosure, combination and
 * erasure of an applicant, application, case or document and of what hangs off it, newest
 * first, with the count of each kind. Only for a reader of the whole trail or the officer of
 * the organisation that holds the record; anyone else is told it is not found. Reading the
 * history is recorded against the record.
 */
export async function listAccessHistory(
  tx: Queryable,
  acting: Acting,
  type: HistoryType,
  id: string,
  page: { before?: number } = {},
) {
  const scope = requireAuditScope(acting);
  const record = await historyRecordOf(tx, type, id);
  if (!canReadAuditOf(scope, record.organisationId)) throw notFound(type);
  const where = [scopeCondition(scope), record.events];
  const rows = await selectAuditRows(tx, where, {
    before: page.before,
    limit: HISTORY_PAGE_SIZE + 1,
  });
  const byAction = await queryRows<{ action: string; n: number | string }>(
    tx,
    sql`select ${auditEvents.action} as action, count(*) as n from ${auditEvents}
        where ${and(...where)} group by ${auditEvents.action}`,
  );
  const counts = Object.fromEntries(ICO_CATEGORIES.map((c) => [c, 0])) as Record<
    IcoCategory,
    number
  >;
  for (const r of byAction) {
    const kind = icoCategoryOf(r.action);
    if (kind) counts[kind] += Number(r.n);
  }
  await recordAuditEvent(tx, actorOf(acting), {
    action: "audit.history_viewed",
    entityType: type,
    entityId: id,
    subjectId: record.subjectId,
    organisationId: record.organisationId,
    details: { before: page.before ?? null },
  });
  return {
    record: {
      type: record.type,
      id: record.id,
      label: record.label,
      subjectId: record.subjectId,
    },
    counts,
    events: rows.slice(0, HISTORY_PAGE_SIZE),
    more: rows.length > HISTORY_PAGE_SIZE,
  };
}
