import { and, eq, sql } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { dataSubjectRequestLetters, dataSubjectRequests } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, invalid } from "~/errors/app-error";
import { longDate } from "~/letters/merge";
import { today } from "~/shared/dates";
import { renderRequestLetter, senderOf } from "./request-letter.server";
import { requireRequest } from "./require-request.server";
import { whyNotExtendable } from "./rules";
import type { ExtendInput } from "./schemas";

/**
 * Extends the deadline by up to two further months (UK GDPR Art 12(3)), with the reason, and
 * writes the letter that tells the requester: the PDF is kept, encrypted, with the request.
 */
export async function extendRequest(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  requestId: string,
  input: ExtendInput,
): Promise<{ letterId: string }> {
  const request = await requireRequest(tx, acting, requestId);
  const why = whyNotExtendable(request, input.extendTo);
  if (why) throw invalid(why, { field: "extendTo" });
  const day = today();
  const bytes = await renderRequestLetter(
    request,
    await senderOf(tx, request.organisationId),
    day,
    {
      heading: "We need more time to answer your request",
      paragraphs: [
        `On ${longDate(request.receivedOn)} we received your request about the personal data we hold about you. The law gives us one month to answer, until ${longDate(request.dueOn)}, and allows us up to two further months where a request is complex or one of several.`,
        `We need that further time, for this reason: ${input.reason}`,
        `We will answer your request by ${longDate(input.extendTo)}.`,
        "If you are unhappy with this, you may complain to the Information Commissioner's Office (ICO), Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF, telephone 0303 123 1113, ico.org.uk/make-a-complaint.",
      ],
    },
  );
  const stored = await store.put(bytes);
  const [letter] = await tx
    .insert(dataSubjectRequestLetters)
    .values({
      requestId,
      organisationId: request.organisationId,
      kind: "extension",
      filename: `${request.reference}-extension.pdf`,
      storageKey: stored.storageKey,
      sha256: stored.sha256,
      byteSize: stored.byteSize,
      createdBy: acting.viewer.id,
    })
    .returning({ id: dataSubjectRequestLetters.id });
  if (!letter) throw new Error("letter insert returned nothing");
  const updated = await tx
    .update(dataSubjectRequests)
    .set({
      status: "extended",
      extendedTo: input.extendTo,
      extensionReason: input.reason,
      extensionLetterId: letter.id,
      updatedAt: new Date(),
      version: sql`${dataSubjectRequests.version} + 1`,
    })
    .where(
      and(eq(dataSubjectRequests.id, requestId), eq(dataSubjectRequests.version, request.version)),
    )
    .returning({ id: dataSubjectRequests.id });
  if (updated.length === 0) throw conflict("Someone changed this request meanwhile.");
  await recordAuditEvent(tx, actorOf(acting), {
    action: "subject_request.extended",
    entityType: "data_subject_request",
    entityId: requestId,
    subjectId: request.applicantId,
    organisationId: request.organisationId,
    details: {
      from: request.dueOn,
      to: input.extendTo,
      letterId: letter.id,
      sha256: stored.sha256,
    },
  });
  return { letterId: letter.id };
}
