import { eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, documents } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";

export interface OpenedDocument {
  filename: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * A document's plain bytes, decrypted, for someone allowed to read applications. Row-level
 * security decides which documents they can see; every opening is audited.
 */
export async function openDocument(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  id: string,
): Promise<OpenedDocument> {
  if (!can(acting.viewer, "view:application:any"))
    throw forbidden("Your role does not give you access to applicants' documents.");
  if (!isId(id)) throw notFound("document");
  const [doc] = await tx
    .select({
      id: documents.id,
      applicationId: documents.applicationId,
      applicantId: documents.applicantId,
      kind: documents.kind,
      filename: documents.filename,
      mediaType: documents.mediaType,
      storageKey: documents.storageKey,
      // The organisation that holds it, so that its officer finds the opening in the trail.
      organisationId: sql<string | null>`coalesce(
        (select ${applications.organisationId} from ${applications} where ${applications.id} = ${documents.applicationId}),
        (select ${applicants.organisationId} from ${applicants} where ${applicants.id} = ${documents.applicantId}))`,
    })
    .from(documents)
    .where(eq(documents.id, id));
  if (!doc) throw notFound("document");
  const bytes = await store.get(doc.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "document.viewed",
    entityType: "document",
    entityId: doc.id,
    subjectId: doc.applicantId,
    organisationId: doc.organisationId,
    details: { applicationId: doc.applicationId, kind: doc.kind },
  });
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}
