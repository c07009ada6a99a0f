import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { forbidden } from "~/errors/app-error";
import { applicantOf } from "./applicant-of.server";
import { answersOf, loadAssessment } from "./load-assessment.server";

/** An assessment for its pages. Opening it is a view of the applicant's file, and audited. */
export async function getAssessment(
  tx: Queryable,
  acting: Acting,
  id: string,
  page = "assessment",
) {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("You do not have access to assessments.");
  const loaded = await loadAssessment(tx, id);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "assessment.viewed",
    entityType: "assessment",
    entityId: id,
    organisationId: loaded.assessment.organisationId,
    subjectId: await applicantOf(tx, loaded.assessment.applicationId),
    details: { page },
  });
  return { ...loaded, answers: answersOf(loaded) };
}
