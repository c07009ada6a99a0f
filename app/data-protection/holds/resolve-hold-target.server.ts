import { and, eq } from "drizzle-orm";
import type { Tx } from "~/db/database.server";
import { applications, cases } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { IdSchema } from "~/shared/ids";
import type { ErasureTarget } from "../erasure/target";

/**
 * The record a hold is placed on, found by its reference (CN-2026-00042; an applicant by the
 * reference of any of their applications) or its id, among the organisation's own records
 * only: another organisation's record is answered as not found. Run with owner rights.
 */
export async function resolveHoldTarget(
  tx: Tx,
  organisationId: string,
  targetType: ErasureTarget["type"],
  reference: string,
): Promise<ErasureTarget & { label: string }> {
  const missing = () =>
    invalid("No record of your organisation has that reference.", { field: "reference" });
  const givenId = IdSchema.safeParse(reference).success;
  const byRef = givenId ? undefined : reference.toUpperCase();
  if (targetType === "case") {
    const [c] = await tx
      .select({ id: cases.id, reference: cases.reference })
      .from(cases)
      .where(
        and(
          eq(cases.organisationId, organisationId),
          byRef ? eq(cases.reference, byRef) : eq(cases.id, reference),
        ),
      );
    if (!c) throw missing();
    return { type: "case", id: c.id, label: `Case ${c.reference}` };
  }
  const [app] = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      applicantId: applications.applicantId,
    })
    .from(applications)
    .where(
      and(
        eq(applications.organisationId, organisationId),
        byRef
          ? eq(applications.reference, byRef)
          : targetType === "applicant"
            ? eq(applications.applicantId, reference)
            : eq(applications.id, reference),
      ),
    )
    .limit(1);
  if (!app) throw missing();
  return targetType === "applicant"
    ? { type: "applicant", id: app.applicantId, label: `Applicant of ${app.reference}` }
    : { type: "application", id: app.id, label: `Application ${app.reference}` };
}
