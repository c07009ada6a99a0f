import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, representatives } from "~/db/schema";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import type { RepresentativeInput } from "./schemas";

/** Adds someone who acts for the applicant, with what the applicant lets them receive. */
export async function addRepresentative(
  tx: Queryable,
  acting: Acting,
  applicantId: string,
  input: RepresentativeInput,
): Promise<{ id: string }> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can change an applicant's representatives.");
  if (!isId(applicantId)) throw notFound("applicant");
  const [person] = await tx
    .select({ organisationId: applicants.organisationId })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!person) throw notFound("applicant");
  const [row] = await tx
    .insert(representatives)
    .values({
      applicantId,
      name: input.name,
      relationship: input.relationship,
      authorisedToReceive: input.authorisedToReceive,
      address: input.address ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .returning({ id: representatives.id });
  if (!row) throw new Error("representative insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.representative_added",
    entityType: "representative",
    entityId: row.id,
    subjectId: applicantId,
    organisationId: person.organisationId,
    details: {
      relationship: input.relationship,
      authorisedToReceive: input.authorisedToReceive,
    },
  });
  return row;
}
