import { eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { type Actor, recordAuditEvent } from "~/audit/record-audit-event.server";
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
  return insertRepresentative(tx, actorOf(acting), {
    applicantId,
    organisationId: person.organisationId,
    ...input,
  });
}

/**
 * Records a representative and audits it: for intake staff (above), and for a relative who
 * applies online, whom no user records (app/intake/online/submit-draft.server.ts).
 */
export async function insertRepresentative(
  tx: Queryable,
  actor: Actor,
  input: RepresentativeInput & { applicantId: string; organisationId: string },
): Promise<{ id: string }> {
  const [row] = await tx
    .insert(representatives)
    .values({
      applicantId: input.applicantId,
      name: input.name,
      relationship: input.relationship,
      authorisedToReceive: input.authorisedToReceive,
      address: input.address ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
    })
    .returning({ id: representatives.id });
  if (!row) throw new Error("representative insert returned nothing");
  await recordAuditEvent(tx, actor, {
    action: "applicant.representative_added",
    entityType: "representative",
    entityId: row.id,
    subjectId: input.applicantId,
    organisationId: input.organisationId,
    details: {
      relationship: input.relationship,
      authorisedToReceive: input.authorisedToReceive,
    },
  });
  return row;
}
