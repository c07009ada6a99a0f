import { desc, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applicationLinks, applications } from "~/db/schema";
import { AppError, forbidden, invalid } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import type { ApplicantInput } from "../applicant-schema";
import { recordApplicantMove } from "../applicants/record-move.server";
import { type RecordedApplication, recordApplication } from "../record-application.server";
import type { EntryChannel } from "./new-application-schema";

export interface StartPostalApplicationInput {
  applicant: ApplicantInput;
  /** An existing applicant this is a re-application by, or null for a new applicant. */
  reapplicationBy: string | null;
  channel: EntryChannel;
  receivedOn: string;
  consentSigned: boolean;
  consentSignedOn?: string;
}

export interface StartedApplication extends RecordedApplication {
  /** The earlier application a re-application was linked to. */
  linkedTo: { applicationId: string; reference: string } | null;
}

/**
 * Records a postal (or e-mailed, or representative's) application as a draft while its
 * questionnaire is entered. A re-application joins the existing applicant — following a
 * merge to the record kept — is linked to their latest application, and records a move
 * when the letter came from another establishment.
 */
export async function startPostalApplication(
  tx: Queryable,
  acting: Acting,
  input: StartPostalApplicationInput,
): Promise<StartedApplication> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can record applications.");
  let existing: typeof applicants.$inferSelect | null = null;
  if (input.reapplicationBy) {
    if (!isId(input.reapplicationBy)) throw invalid("Choose a person listed.");
    const [row] = await tx
      .select()
      .from(applicants)
      .where(eq(applicants.id, input.reapplicationBy));
    const [kept] = row?.mergedIntoId
      ? await tx.select().from(applicants).where(eq(applicants.id, row.mergedIntoId))
      : [row];
    if (!kept)
      throw invalid("That person is no longer on file: choose again.", {
        field: "applicantChoice",
      });
    existing = kept;
  }
  let earlier: { id: string; reference: string } | undefined;
  if (existing) {
    [earlier] = await tx
      .select({ id: applications.id, reference: applications.reference })
      .from(applications)
      .where(eq(applications.applicantId, existing.id))
      .orderBy(desc(applications.receivedOn), desc(applications.createdAt))
      .limit(1);
  }
  const recorded = await recordApplication(tx, actorOf(acting), {
    applicant: existing ? { id: existing.id } : input.applicant,
    channel: input.channel,
    receivedOn: input.receivedOn,
    questionnaire: {},
    consentSigned: input.consentSigned,
    consentSignedOn: input.consentSigned ? input.consentSignedOn : undefined,
    isDraft: true,
  });
  if (existing && earlier) {
    await tx.insert(applicationLinks).values({
      applicationId: recorded.applicationId,
      linkedApplicationId: earlier.id,
      kind: "re_application",
      note: "Linked at data entry",
      createdBy: acting.viewer.id,
    });
    await recordAuditEvent(tx, actorOf(acting), {
      action: "application.linked",
      entityType: "application",
      entityId: recorded.applicationId,
      subjectId: existing.id,
      details: { kind: "re_application", linkedApplicationId: earlier.id },
    });
  }
  const newEstablishment = input.applicant.establishmentId;
  if (existing && newEstablishment && newEstablishment !== existing.currentEstablishmentId) {
    // Letters follow the latest address the applicant gave; an older letter moves nothing.
    await recordApplicantMove(tx, acting, existing.id, {
      establishmentId: newEstablishment,
      fromDate: input.receivedOn,
    }).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === "INVALID")) throw error;
    });
  }
  return {
    ...recorded,
    linkedTo:
      existing && earlier ? { applicationId: earlier.id, reference: earlier.reference } : null,
  };
}
