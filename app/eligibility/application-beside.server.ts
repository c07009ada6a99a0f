import { eq } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, establishments } from "~/db/schema";
import { notFound } from "~/errors/app-error";
import { listApplicationDocuments } from "~/intake/entry/get-application.server";
import type { Questionnaire } from "~/intake/questionnaire";

/**
 * The application an assessment is of, as the workspace shows it beside the form: who
 * applied, the questionnaire and the scans. Only for a page whose opening is already
 * audited (getAssessment records the view with the applicant as its subject).
 */
export async function getApplicationBeside(tx: Queryable, applicationId: string) {
  const [row] = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      state: applications.state,
      receivedOn: applications.receivedOn,
      questionnaire: applications.questionnaire,
      applicantId: applicants.id,
      fullName: applicants.fullName,
      prisonerNumber: applicants.prisonerNumber,
      establishment: establishments.name,
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .leftJoin(establishments, eq(establishments.id, applicants.currentEstablishmentId))
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound("application");
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    receivedOn: row.receivedOn,
    questionnaire: row.questionnaire as Questionnaire,
    applicant: {
      id: row.applicantId,
      fullName: row.fullName,
      prisonerNumber: row.prisonerNumber,
      establishment: row.establishment,
    },
    documents: await listApplicationDocuments(tx, row.id),
  };
}
export type ApplicationBeside = Awaited<ReturnType<typeof getApplicationBeside>>;
