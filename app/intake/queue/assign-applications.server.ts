import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applications } from "~/db/schema";
import { forbidden, invalid } from "~/errors/app-error";
import type { StateChangeOutcome } from "../change-state.server";
import { listAssignableStaff } from "./list-assignable-staff.server";

/**
 * Assigns applications to someone who works on them (or to nobody: `assigneeId` null), one
 * or many. Closed applications, those already with that person, and those someone else
 * changed meanwhile are reported as skipped, with the reason, and left as they were.
 */
export async function assignApplications(
  tx: Queryable,
  acting: Acting,
  ids: string[],
  assigneeId: string | null,
): Promise<StateChangeOutcome> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can assign applications.");
  let assigneeName = "nobody";
  if (assigneeId) {
    const staff = await listAssignableStaff(tx);
    const person = staff.find((s) => s.id === assigneeId);
    if (!person)
      throw invalid("Choose someone who works on applications.", { field: "assigneeId" });
    assigneeName = person.name;
  }
  const outcome: StateChangeOutcome = { changed: [], skipped: [] };
  if (ids.length === 0) return outcome;
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      assigneeId: applications.assigneeId,
      applicantId: applications.applicantId,
      organisationId: applications.organisationId,
    })
    .from(applications)
    .where(inArray(applications.id, ids));
  for (const row of rows) {
    if (row.state === "closed") {
      outcome.skipped.push({ id: row.id, reference: row.reference, reason: "it is closed" });
      continue;
    }
    if (row.assigneeId === assigneeId) {
      const reason = assigneeId ? `it is already assigned to ${assigneeName}` : "nobody has it";
      outcome.skipped.push({ id: row.id, reference: row.reference, reason });
      continue;
    }
    const updated = await tx
      .update(applications)
      .set({ assigneeId, updatedAt: new Date(), version: sql`${applications.version} + 1` })
      .where(
        and(
          eq(applications.id, row.id),
          row.assigneeId
            ? eq(applications.assigneeId, row.assigneeId)
            : isNull(applications.assigneeId),
        ),
      )
      .returning({ id: applications.id });
    if (updated.length === 0) {
      outcome.skipped.push({
        id: row.id,
        reference: row.reference,
        reason: "someone else changed it meanwhile",
      });
      continue;
    }
    await recordAuditEvent(tx, actorOf(acting), {
      action: "application.assigned",
      entityType: "application",
      entityId: row.id,
      subjectId: row.applicantId,
      organisationId: row.organisationId,
      details: { from: row.assigneeId, to: assigneeId },
    });
    outcome.changed.push(row.id);
  }
  const found = new Set(rows.map((r) => r.id));
  for (const id of ids)
    if (!found.has(id)) outcome.skipped.push({ id, reference: "", reason: "not found" });
  return outcome;
}
