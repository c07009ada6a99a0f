import { and, asc, desc, eq, ilike, or } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, correspondence, documents } from "~/db/schema";
import type { APPLICATION_CHANNELS } from "~/db/schema/intake";
import type { DocumentStore } from "~/documents/storage.server";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { type LetterSubject, loadLetterSubjects } from "./letter-facts.server";

export interface FiledLetter {
  documentId: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  createdAt: Date;
  summary: string | null;
}

/** The letters filed on an application, newest first. */
export async function listLetters(tx: Queryable, applicationId: string): Promise<FiledLetter[]> {
  return tx
    .select({
      documentId: documents.id,
      filename: documents.filename,
      mediaType: documents.mediaType,
      byteSize: documents.byteSize,
      createdAt: documents.createdAt,
      summary: correspondence.summary,
    })
    .from(documents)
    .leftJoin(correspondence, eq(correspondence.documentId, documents.id))
    .where(and(eq(documents.applicationId, applicationId), eq(documents.kind, "letter_out")))
    .orderBy(desc(documents.createdAt), asc(documents.filename));
}

/**
 * What the letters page shows about one application. Opening it shows the applicant's
 * name and address, so it is recorded as a view of their file.
 */
export async function getLettersPage(
  tx: Queryable,
  acting: Acting,
  applicationId: string,
): Promise<{ subject: LetterSubject; letters: FiledLetter[]; acknowledgedOn: string | null }> {
  const [subject] = await loadLetterSubjects(tx, [applicationId]);
  if (!subject) throw notFound("application");
  const [app] = await tx
    .select({ acknowledgedOn: applications.acknowledgedOn })
    .from(applications)
    .where(eq(applications.id, applicationId));
  await recordAuditEvent(tx, actorOf(acting), {
    action: "application.viewed",
    entityType: "application",
    entityId: applicationId,
    subjectId: subject.applicantId,
    organisationId: subject.organisationId,
    details: { page: "letters" },
  });
  return {
    subject,
    letters: await listLetters(tx, applicationId),
    acknowledgedOn: app?.acknowledgedOn ?? null,
  };
}

/** A filed letter's bytes, for download; the download is audited as a view of the file. */
export async function openLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  applicationId: string,
  documentId: string,
): Promise<{ filename: string; mediaType: string; bytes: Buffer }> {
  if (!isId(applicationId) || !isId(documentId)) throw notFound("letter");
  const [doc] = await tx
    .select({
      id: documents.id,
      filename: documents.filename,
      mediaType: documents.mediaType,
      storageKey: documents.storageKey,
      applicantId: documents.applicantId,
      organisationId: applications.organisationId,
    })
    .from(documents)
    .innerJoin(applications, eq(applications.id, documents.applicationId))
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.applicationId, applicationId),
        eq(documents.kind, "letter_out"),
      ),
    );
  if (!doc) throw notFound("letter");
  const bytes = await store.get(doc.storageKey);
  await recordAuditEvent(tx, actorOf(acting), {
    action: "letter.downloaded",
    entityType: "document",
    entityId: doc.id,
    subjectId: doc.applicantId,
    organisationId: doc.organisationId,
    details: { applicationId },
  });
  return { filename: doc.filename, mediaType: doc.mediaType, bytes };
}

export interface WaitingApplication {
  id: string;
  reference: string;
  fullName: string;
  prisonerNumber: string | null;
  channel: (typeof APPLICATION_CHANNELS)[number];
  receivedOn: string;
  acknowledgementDueOn: string;
}

export interface AwaitingFilter {
  /** Part of the applicant's name, the reference or the prisoner number. */
  q?: string;
  channel?: (typeof APPLICATION_CHANNELS)[number];
  limit?: number;
}

/** Received applications not yet acknowledged, the longest waiting first. */
export function listAwaitingAcknowledgement(
  tx: Queryable,
  filter: AwaitingFilter = {},
): Promise<WaitingApplication[]> {
  const q = filter.q?.trim();
  const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return tx
    .select({
      id: applications.id,
      reference: applications.reference,
      fullName: applicants.fullName,
      prisonerNumber: applicants.prisonerNumber,
      channel: applications.channel,
      receivedOn: applications.receivedOn,
      acknowledgementDueOn: applications.acknowledgementDueOn,
    })
    .from(applications)
    .innerJoin(applicants, eq(applicants.id, applications.applicantId))
    .where(
      and(
        eq(applications.state, "received"),
        eq(applications.isDraft, false),
        filter.channel ? eq(applications.channel, filter.channel) : undefined,
        like
          ? or(
              ilike(applicants.fullName, like),
              ilike(applications.reference, like),
              ilike(applicants.prisonerNumber, like),
            )
          : undefined,
      ),
    )
    .orderBy(
      asc(applications.acknowledgementDueOn),
      asc(applications.receivedOn),
      asc(applications.reference),
    )
    .limit(filter.limit ?? 200);
}
