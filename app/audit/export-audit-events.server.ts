import { type Acting, actorOf } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { notFound } from "~/errors/app-error";
import { csvLine } from "~/shared/csv";
import type { AuditFilter } from "./audit-filter";
import {
  filterConditions,
  requireAuditScope,
  scopeCondition,
  selectAuditRows,
} from "./audit-query.server";
import type { AuditRow } from "./audit-row";
import { canReadAuditOf } from "./audit-scope";
import type { HistoryType } from "./history-link";
import { historyRecordOf } from "./history-records.server";
import { ICO_CATEGORY_LABELS } from "./ico-categories";
import { recordAuditEvent } from "./record-audit-event.server";

/** More than this in one file is a sign the filter should be narrower; the file says so. */
export const EXPORT_LIMIT = 50_000;
const BATCH = 1_000;

export type ExportSource =
  | { from: "filter"; filter: AuditFilter }
  | { from: "history"; type: HistoryType; id: string };

const HEADER = [
  "Sequence",
  "When (UTC)",
  "Who",
  "User id",
  "Kind (ICO)",
  "Action",
  "Record type",
  "Record id",
  "Data subject id",
  "Organisation id",
  "Address",
  "Request id",
  "Details",
];

function line(e: AuditRow): string {
  return csvLine([
    e.seq,
    e.occurredAt.toISOString(),
    e.actorName ?? (e.actorUserId ? "" : "the system"),
    e.actorUserId,
    e.kind ? ICO_CATEGORY_LABELS[e.kind] : "",
    e.action,
    e.entityType,
    e.entityId,
    e.subjectId,
    e.organisationId,
    e.ip,
    e.requestId,
    JSON.stringify(e.details),
  ]);
}

/**
 * The events of the audit tool's filter, or of one record's access history, as CSV: every
 * cell quoted and none a spreadsheet would run as a formula. The export is itself audited,
 * with the filter and how many rows left, in the same transaction.
 */
export async function exportAuditEvents(tx: Queryable, acting: Acting, source: ExportSource) {
  const scope = requireAuditScope(acting);
  let where: Awaited<ReturnType<typeof filterConditions>>;
  let name: string;
  let about: {
    entityType: string;
    entityId?: string;
    subjectId?: string | null;
    org?: string | null;
  };
  if (source.from === "history") {
    const record = await historyRecordOf(tx, source.type, source.id);
    if (!canReadAuditOf(scope, record.organisationId)) throw notFound(source.type);
    where = [scopeCondition(scope), record.events].filter((c) => c !== undefined);
    name = `access-history-${source.type}-${source.id.slice(0, 8)}`;
    about = {
      entityType: source.type,
      entityId: source.id,
      subjectId: record.subjectId,
      org: record.organisationId,
    };
  } else {
    where = await filterConditions(tx, scope, source.filter);
    name = "audit-trail";
    about = { entityType: "audit_trail", org: scope.all ? null : scope.organisationIds[0] };
  }
  const parts = [`\ufeff${csvLine(HEADER)}`];
  let rows = 0;
  let before: number | undefined;
  while (rows < EXPORT_LIMIT) {
    const batch = await selectAuditRows(tx, where, {
      before,
      limit: Math.min(BATCH, EXPORT_LIMIT - rows),
    });
    for (const e of batch) parts.push(line(e));
    rows += batch.length;
    if (batch.length < BATCH) break;
    before = batch.at(-1)?.seq;
  }
  const truncated = rows >= EXPORT_LIMIT;
  if (truncated)
    parts.push(
      csvLine([`Only the newest ${EXPORT_LIMIT} events: narrow the filter for the rest.`]),
    );
  await recordAuditEvent(tx, actorOf(acting), {
    action: "audit.exported",
    entityType: about.entityType,
    entityId: about.entityId ?? null,
    subjectId: about.subjectId ?? null,
    organisationId: about.org ?? null,
    details: { ...(source.from === "filter" ? source.filter : {}), rows, truncated },
  });
  const day = new Date().toISOString().slice(0, 10);
  return { filename: `${name}-${day}.csv`, csv: parts.join(""), rows };
}
