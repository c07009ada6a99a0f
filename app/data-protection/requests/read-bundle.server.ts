import { and, eq } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataSubjectBundles, dataSubjectRequestLetters } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { notFound } from "~/errors/app-error";
import { requireRequest } from "./require-request.server";

/** A released bundle of the officer's organisation, as released, for download; the download is audited. */
export async function readBundle(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  requestId: string,
  bundleId: string,
): Promise<{ bytes: Buffer; filename: string; mediaType: string }> {
  const request = await requireRequest(tx, acting, requestId);
  const [bundle] = await tx
    .select()
    .from(dataSubjectBundles)
    .where(and(eq(dataSubjectBundles.id, bundleId), eq(dataSubjectBundles.requestId, requestId)));
  if (!bundle) throw notFound("bundle");
  const bytes = await store.get(bundle.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.bundle_downloaded",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: { bundleId },
  });
  return {
    bytes,
    filename: `${request.reference}-subject-access.zip`,
    mediaType: "application/zip",
  };
}

/** A letter written to the requester about their request, as it was sent. */
export async function readRequestLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  requestId: string,
  letterId: string,
): Promise<{ bytes: Buffer; filename: string; mediaType: string }> {
  const request = await requireRequest(tx, acting, requestId);
  const [letter] = await tx
    .select()
    .from(dataSubjectRequestLetters)
    .where(
      and(
        eq(dataSubjectRequestLetters.id, letterId),
        eq(dataSubjectRequestLetters.requestId, requestId),
      ),
    );
  if (!letter) throw notFound("letter");
  const bytes = await store.get(letter.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.letter_downloaded",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: { letterId },
  });
  return { bytes, filename: letter.filename, mediaType: "application/pdf" };
}
