import { count, eq } from "drizzle-orm";
import type { Actor } from "~/audit/record-audit-event.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import { applicants, applications } from "~/db/schema";
import type { RecordClass } from "~/db/schema/data-protection";
import { conflict } from "~/errors/app-error";
import { type Deleted, deleteWithDependents } from "./delete-with-dependents.server";
import { refusalOf } from "./erasure-refusal.server";
import { loadErasureScope } from "./load-erasure-facts.server";
import type { ErasureTarget } from "./target";

/** Why an erasure happened: never personal, kept in the audit trail. */
export interface ErasureCause {
  reason: string;
  recordClass?: RecordClass;
  sweepId?: string;
  /** The erasure request it carries out. */
  requestId?: string;
}

export interface ErasureResult {
  /** Rows removed per table. */
  rows: Record<string, number>;
  /** Files the removed rows had: destroy them once the transaction has committed. */
  storageKeys: string[];
  /** The organisation that controlled the record. */
  organisationId: string;
}

/**
 * Erases a record and everything that hangs off it: an applicant with their merged duplicates
 * and all their applications; an application, and its applicant if they have no other; a
 * closed case at its project. Refused, with the reason, while a hold covers it or something
 * must be kept. Each erased applicant, application and case leaves a `record.erased` event
 * with ids, class and reason only. Run with owner rights, after the caller has checked who
 * may erase it.
 */
export async function eraseTarget(
  tx: Tx,
  actor: Actor,
  target: ErasureTarget,
  cause: ErasureCause,
): Promise<ErasureResult> {
  const scope = await loadErasureScope(tx, target);
  const refusal = refusalOf(scope);
  if (refusal) throw conflict(`This cannot be erased: ${refusal}.`, { refusal });
  const deleted: Deleted = { rows: {}, storageKeys: [] };
  const { removes } = scope;
  await deleteWithDependents(tx, "cases", removes.caseIds, deleted);
  await deleteWithDependents(tx, "applications", removes.applicationIds, deleted);
  const applicantIds = [...removes.applicantIds];
  if (target.type === "application" && scope.subjectId) {
    const [left] = await tx
      .select({ n: count() })
      .from(applications)
      .where(eq(applications.applicantId, scope.subjectId));
    const merged = await tx
      .select({ id: applicants.id })
      .from(applicants)
      .where(eq(applicants.mergedIntoId, scope.subjectId));
    if ((left?.n ?? 0) === 0 && merged.length === 0) applicantIds.push(scope.subjectId);
  }
  await deleteWithDependents(tx, "applicants", applicantIds, deleted);
  const erased = [
    ...removes.caseIds.map((id) => ({ entityType: "case", id })),
    ...removes.applicationIds.map((id) => ({ entityType: "application", id })),
    ...applicantIds.map((id) => ({ entityType: "applicant", id })),
  ];
  for (const e of erased)
    await recordAuditEvent(tx, actor, {
      action: "record.erased",
      entityType: e.entityType,
      entityId: e.id,
      subjectId: scope.subjectId,
      organisationId: scope.organisationId,
      reason: cause.reason,
      details: {
        recordClass: cause.recordClass ?? null,
        sweepId: cause.sweepId ?? null,
        requestId: cause.requestId ?? null,
        target: target.type,
      },
    });
  return {
    rows: deleted.rows,
    storageKeys: deleted.storageKeys,
    organisationId: scope.organisationId,
  };
}
