import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants } from "~/db/schema";
import { conflict, forbidden, notFound } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { isId } from "~/shared/ids";
import { discloseMoveToProjects } from "./record-move.server";
import type { EditApplicantInput } from "./schemas";

export type ApplicantRow = typeof applicants.$inferSelect;

function valuesOf(input: EditApplicantInput) {
  return {
    fullName: input.fullName,
    aliases: input.aliases,
    dateOfBirth: input.dateOfBirth ?? null,
    prisonerNumber: input.prisonerNumber ?? null,
    otherPrisonerNumber: input.otherPrisonerNumber ?? null,
    postalAddress: input.postalAddress ?? null,
    largePrint: input.largePrint,
    language: input.language ?? null,
    legalCorrespondence: input.legalCorrespondence,
  };
}

/**
 * Changes an applicant's personal details. `version` is the one the officer started from:
 * if someone saved in between, nothing is overwritten and their version is returned in the
 * error's details.
 */
export async function updateApplicantDetails(
  tx: Queryable,
  acting: Acting,
  applicantId: string,
  input: EditApplicantInput,
): Promise<ApplicantRow> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an applicant's details.");
  if (!isId(applicantId)) throw notFound("applicant");
  const [current] = await tx.select().from(applicants).where(eq(applicants.id, applicantId));
  if (!current) throw notFound("applicant");
  const values = valuesOf(input);
  const [row] = await tx
    .update(applicants)
    .set({ ...values, updatedAt: new Date(), version: sql`${applicants.version} + 1` })
    .where(and(eq(applicants.id, applicantId), eq(applicants.version, input.version)))
    .returning();
  if (!row) {
    throw conflict(
      "Someone else saved changes to this applicant while you were editing. Their version is shown below; your changes are still in the form: check them and save again.",
      { current },
    );
  }
  // Which fields changed, not their values: the audit trail is not a copy of the file.
  const changed = Object.keys(values).filter(
    (key) =>
      JSON.stringify(current[key as keyof ApplicantRow]) !==
      JSON.stringify(values[key as keyof typeof values]),
  );
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.updated",
    entityType: "applicant",
    entityId: applicantId,
    subjectId: applicantId,
    organisationId: current.organisationId,
    details: { changed },
  });
  // A released applicant's new address is a move the projects working their cases must know.
  if (changed.includes("postalAddress") && !row.currentEstablishmentId && row.postalAddress)
    await discloseMoveToProjects(tx, acting, applicantId, current.organisationId, today(), {
      newAddress: true,
    });
  return row;
}
