import { count, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "~/audit/record-audit-event.server";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Tx } from "~/db/database.server";
import {
  applicants,
  applications,
  assessmentReviews,
  assessments,
  correspondence,
  documents,
  tasks,
} from "~/db/schema";
import { conflict } from "~/errors/app-error";
import { type Deleted, deleteWithDependents } from "./delete-with-dependents.server";
import type { ErasureCause, ErasureResult } from "./erase-target.server";
import { refusalOf } from "./erasure-refusal.server";
import { loadErasureScope } from "./load-erasure-facts.server";

export const ANONYMISED_NAME = "Anonymised applicant";

/**
 * Anonymises a closed application for research: what was decided and why (state, reasons,
 * suspected causes, court type, jurisdiction, dates received) stays countable; everything that
 * says who the person is or what they wrote goes — the questionnaire, documents and their
 * files, correspondence, the assessment's free text and lines, and, if they have no other
 * application, the applicant's name, numbers, date of birth, address, moves and
 * representatives. Refused like an erasure. Run with owner rights.
 */
export async function anonymiseApplication(
  tx: Tx,
  actor: Actor,
  applicationId: string,
  cause: ErasureCause,
): Promise<ErasureResult> {
  const scope = await loadErasureScope(tx, { type: "application", id: applicationId });
  const refusal = refusalOf(scope);
  if (refusal) throw conflict(`This cannot be anonymised: ${refusal}.`, { refusal });
  const deleted: Deleted = { rows: {}, storageKeys: [] };
  const assessmentIds = (
    await tx
      .select({ id: assessments.id })
      .from(assessments)
      .where(eq(assessments.applicationId, applicationId))
  ).map((a) => a.id);
  if (assessmentIds.length > 0) {
    await tx
      .update(assessments)
      .set({
        decisionLetterId: null,
        reconsiderationReason: null,
        offences: null,
        courtName: null,
        plea: null,
        sentence: null,
        tariff: null,
        coDefendants: null,
        appealStages: [],
        priorReviews: [],
        couldBeInnocentReasons: null,
        canBeInvestigatedReasons: null,
        recommendationNotes: null,
        informationRequested: null,
      })
      .where(inArray(assessments.id, assessmentIds));
    await tx
      .update(assessmentReviews)
      .set({ comment: null })
      .where(inArray(assessmentReviews.assessmentId, assessmentIds));
    await tx.execute(
      sql`delete from investigation_lines where assessment_id in (${sql.join(
        assessmentIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  // Tasks say what was asked of the person and what to chase them for (ADR 029).
  const removedTasks = await tx
    .delete(tasks)
    .where(eq(tasks.applicationId, applicationId))
    .returning({ id: tasks.id });
  if (removedTasks.length > 0) deleted.rows.tasks = (deleted.rows.tasks ?? 0) + removedTasks.length;
  const corr = await tx
    .select({ id: correspondence.id })
    .from(correspondence)
    .where(eq(correspondence.applicationId, applicationId));
  await deleteWithDependents(
    tx,
    "correspondence",
    corr.map((c) => c.id),
    deleted,
  );
  const docs = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.applicationId, applicationId));
  await deleteWithDependents(
    tx,
    "documents",
    docs.map((d) => d.id),
    deleted,
  );
  await tx.execute(
    sql`delete from application_drafts where submitted_application_id = ${applicationId}`,
  );
  await tx.execute(
    sql`delete from application_links where application_id = ${applicationId} or linked_application_id = ${applicationId}`,
  );
  await tx
    .update(applications)
    .set({
      questionnaire: { anonymisedOn: new Date().toISOString().slice(0, 10) },
      offence: null,
      court: null,
      submittedBy: null,
      importKey: null,
      updatedAt: new Date(),
    })
    .where(eq(applications.id, applicationId));
  const applicantId = scope.subjectId;
  let applicantAnonymised = false;
  if (applicantId) {
    const [others] = await tx
      .select({ n: count() })
      .from(applications)
      .where(
        sql`${applications.applicantId} = ${applicantId} and ${applications.id} <> ${applicationId}`,
      );
    if ((others?.n ?? 0) === 0) {
      const own = await tx
        .select({ id: documents.id })
        .from(documents)
        .where(eq(documents.applicantId, applicantId));
      await deleteWithDependents(
        tx,
        "documents",
        own.map((d) => d.id),
        deleted,
      );
      const ownCorr = await tx
        .select({ id: correspondence.id })
        .from(correspondence)
        .where(eq(correspondence.applicantId, applicantId));
      await deleteWithDependents(
        tx,
        "correspondence",
        ownCorr.map((c) => c.id),
        deleted,
      );
      await tx.execute(sql`delete from applicant_moves where applicant_id = ${applicantId}`);
      await tx.execute(sql`delete from representatives where applicant_id = ${applicantId}`);
      await tx
        .update(applicants)
        .set({
          fullName: ANONYMISED_NAME,
          aliases: [],
          dateOfBirth: null,
          prisonerNumber: null,
          otherPrisonerNumber: null,
          currentEstablishmentId: null,
          postalAddress: null,
          language: null,
          updatedAt: new Date(),
        })
        .where(eq(applicants.id, applicantId));
      applicantAnonymised = true;
    }
  }
  await recordAuditEvent(tx, actor, {
    action: "record.anonymised",
    entityType: "application",
    entityId: applicationId,
    subjectId: applicantId,
    organisationId: scope.organisationId,
    reason: cause.reason,
    details: {
      recordClass: cause.recordClass ?? null,
      sweepId: cause.sweepId ?? null,
      applicantAnonymised,
    },
  });
  return {
    rows: deleted.rows,
    storageKeys: deleted.storageKeys,
    organisationId: scope.organisationId,
  };
}
