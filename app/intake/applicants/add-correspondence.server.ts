import { and, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, correspondence } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { storeDocument } from "../entry/store-document.server";
import type { CorrespondenceInput } from "./schemas";

export interface CorrespondenceEntry extends Omit<CorrespondenceInput, "file"> {
  /** A scan of the letter, checked and stored encrypted like any other document. */
  file?: { name: string; bytes: Uint8Array };
}

/**
 * Adds a letter, call or e-mail to the applicant's correspondence log, with its scan if
 * there is one. Call inside `withDocumentStore`, so a failed save leaves no file behind.
 */
export async function addCorrespondenceEntry(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  applicantId: string,
  entry: CorrespondenceEntry,
): Promise<{ id: string; documentId: string | null }> {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can add to the correspondence log.");
  if (!isId(applicantId)) throw notFound("applicant");
  const [person] = await tx
    .select({ organisationId: applicants.organisationId, dateOfBirth: applicants.dateOfBirth })
    .from(applicants)
    .where(eq(applicants.id, applicantId));
  if (!person) throw notFound("applicant");
  if (person.dateOfBirth && entry.occurredOn < person.dateOfBirth)
    throw invalid("The date cannot be before the applicant's date of birth.", {
      field: "occurredOn",
    });
  if (entry.applicationId) {
    const [app] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(eq(applications.id, entry.applicationId), eq(applications.applicantId, applicantId)),
      );
    if (!app)
      throw invalid("Choose one of the applicant's applications.", { field: "applicationId" });
  }
  const stored = entry.file
    ? await storeDocument(tx, acting, store, {
        applicantId,
        applicationId: entry.applicationId ?? null,
        kind: entry.direction === "in" ? "letter_in" : "letter_out",
        filename: entry.file.name,
        bytes: entry.file.bytes,
      })
    : null;
  const [row] = await tx
    .insert(correspondence)
    .values({
      applicantId,
      applicationId: entry.applicationId ?? null,
      direction: entry.direction,
      kind: entry.kind,
      occurredOn: entry.occurredOn,
      summary: entry.summary,
      documentId: stored?.documentId ?? null,
      createdBy: acting.viewer.id,
    })
    .returning({ id: correspondence.id });
  if (!row) throw new Error("correspondence insert returned nothing");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "applicant.correspondence_added",
    entityType: "correspondence",
    entityId: row.id,
    subjectId: applicantId,
    organisationId: person.organisationId,
    details: {
      direction: entry.direction,
      kind: entry.kind,
      occurredOn: entry.occurredOn,
      documentId: stored?.documentId ?? null,
    },
  });
  return { id: row.id, documentId: stored?.documentId ?? null };
}
