import { and, eq, like, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, dataSubjectRequests } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { requireController } from "../controller";
import { dueDate, requestReference } from "./rules";
import type { RequestInput } from "./schemas";

/** The applicant a request names must be one the officer's organisation can see. */
export async function requireApplicantSeen(tx: Queryable, applicantId: string | null) {
  if (!applicantId) return;
  const [found] = await tx
    .select({ id: applicants.id })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!found)
    throw invalid("There is no applicant with that reference in your records.", {
      field: "applicantId",
    });
}

/** The next reference of the organisation's requests this year; the lock serialises two at once. */
async function nextReference(tx: Queryable, organisationId: string, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dsr:${organisationId}`}))`);
  const [row] = await tx
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.organisationId, organisationId),
        like(dataSubjectRequests.reference, `DSR-${year}-%`),
      ),
    );
  return requestReference(year, (row?.n ?? 0) + 1);
}

/**
 * Logs a subject access, rectification or erasure request made to the officer's own
 * organisation: who, how their identity was checked, when it came and so when it is due.
 */
export async function logRequest(
  tx: Queryable,
  acting: Acting,
  input: RequestInput,
): Promise<{ id: string; reference: string }> {
  const organisationId = requireController(acting);
  await requireApplicantSeen(tx, input.applicantId);
  const reference = await nextReference(tx, organisationId, Number(input.receivedOn.slice(0, 4)));
  const [row] = await tx
    .insert(dataSubjectRequests)
    .values({
      ...input,
      organisationId,
      reference,
      dueOn: dueDate(input.receivedOn),
      createdBy: acting.viewer.id,
    })
    .returning({ id: dataSubjectRequests.id });
  if (!row) throw new Error("request insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.logged",
    entityType: "data_subject_request",
    entityId: row.id,
    subjectId: input.applicantId,
    organisationId,
    details: { kind: input.kind, reference, receivedOn: input.receivedOn },
  });
  return { id: row.id, reference };
}
