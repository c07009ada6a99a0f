import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, assessments, establishments } from "~/db/schema";
import { invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

/**
 * The application being referred, with its applicant and the eligible decision that sent it
 * here (the latest decided assessment). Refused when it is not eligible and decided.
 */
export async function loadReferralCase(tx: Queryable, applicationId: string) {
  if (!isId(applicationId)) throw notFound("application");
  const [row] = await tx
    .select({
      application: applications,
      applicant: applicants,
      establishment: establishments.name,
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .leftJoin(establishments, eq(establishments.id, applicants.currentEstablishmentId))
    .where(eq(applications.id, applicationId));
  if (!row) throw notFound("application");
  const [assessment] = await tx
    .select()
    .from(assessments)
    .where(and(eq(assessments.applicationId, applicationId), eq(assessments.status, "decided")))
    .orderBy(desc(assessments.decidedAt))
    .limit(1);
  if (assessment?.recommendation !== "eligible")
    throw invalid("Only an application decided eligible can be referred.");
  return { ...row, assessment };
}

export type ReferralCase = Awaited<ReturnType<typeof loadReferralCase>>;
