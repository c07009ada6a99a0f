import { and, asc, desc, eq, ilike, or } from "drizzle-orm";
import { type Acting, actorOf } from "~/access/acting";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { applicants, applications, correspondence, documents } from "~/db/schema";
import type { APPLICATION_CHANNELS } from "~/db/schema/intake";
import type { DocumentStore } from "~/documents/storage.server";
import { notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import { type LetterFormat, MEDIA_TYPES, renderLetter } from "./file-letter.server";
import { type LetterContent, letterFilename } from "./letter-content";
import { type LetterSubject, loadLetterSubjects } from "./letter-facts.server";
import { buildVersionedLetter, templateAt } from "./letter-templates.server";

export interface FiledLetter {
  documentId: string;
  filename: string;
  mediaType: string;
  byteSize: number;
  createdAt: Date;
  summary: string | null;
  /** The format it can also be had in, made again from its template version; null if none. */
  alsoAs: LetterFormat | null;
}

/**
 * The letters whose facts are all the application's own, so that they can be made again in
 * the other format: a decision letter's reasons or a referral's project are not kept beside
 * the letter, and decision letters are filed as both PDF and Word anyway.
 */
const REMADE: readonly string[] = ["acknowledgement"];

/** The template a filed letter was made from: recorded since 0036, read from its name before. */
function templateOf(doc: { letterTemplate: string | null; filename: string }): string | null {
  return doc.letterTemplate ?? /-([a-z_]+)\.(pdf|docx)$/.exec(doc.filename)?.[1] ?? null;
}

function formatOf(mediaType: string): LetterFormat | null {
  return mediaType === MEDIA_TYPES.pdf ? "pdf" : mediaType === MEDIA_TYPES.docx ? "docx" : null;
}

function alsoAs(doc: { letterTemplate: string | null; filename: string; mediaType: string }) {
  const template = templateOf(doc);
  const format = formatOf(doc.mediaType);
  if (!template || !REMADE.includes(template) || !format) return null;
  return format === "pdf" ? "docx" : "pdf";
}

/** The letters filed on an application, newest first. */
export async function listLetters(tx: Queryable, applicationId: string): Promise<FiledLetter[]> {
  const rows = await tx
    .select({
      documentId: documents.id,
      filename: documents.filename,
      mediaType: documents.mediaType,
      byteSize: documents.byteSize,
      createdAt: documents.createdAt,
      summary: correspondence.summary,
      letterTemplate: documents.letterTemplate,
    })
    .from(documents)
    .leftJoin(correspondence, eq(correspondence.documentId, documents.id))
    .where(and(eq(documents.applicationId, applicationId), eq(documents.kind, "letter_out")))
    .orderBy(desc(documents.createdAt), asc(documents.filename));
  return rows.map(({ letterTemplate, ...r }) => ({
    ...r,
    alsoAs: alsoAs({ ...r, letterTemplate }),
  }));
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

/**
 * A filed letter's bytes, for download; the download is audited as a view of the file. Asked
 * `as` its other format, an acknowledgement is made again: from the version of the template
 * it was made from, with the application's facts, dated the day it was made.
 */
export async function openLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  applicationId: string,
  documentId: string,
  as?: LetterFormat,
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
      letterTemplate: documents.letterTemplate,
      letterTemplateVersion: documents.letterTemplateVersion,
      createdAt: documents.createdAt,
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
  const remake = as !== undefined && as !== formatOf(doc.mediaType);
  if (remake && alsoAs(doc) !== as) throw notFound("letter in that format");
  const file = remake
    ? await remadeLetter(tx, applicationId, doc, as)
    : { filename: doc.filename, mediaType: doc.mediaType, bytes: await store.get(doc.storageKey) };
  await recordAuditEvent(tx, actorOf(acting), {
    action: "letter.downloaded",
    entityType: "document",
    entityId: doc.id,
    subjectId: doc.applicantId,
    organisationId: doc.organisationId,
    details: remake
      ? { applicationId, format: as, remade: true, templateVersion: doc.letterTemplateVersion ?? 1 }
      : { applicationId },
  });
  return file;
}

/** The acknowledgement letter made again from the template version it was made from. */
export async function remakeLetter(
  tx: Queryable,
  applicationId: string,
  doc: { letterTemplateVersion: number | null; createdAt: Date },
): Promise<{ subject: LetterSubject; letter: LetterContent }> {
  const [subject] = await loadLetterSubjects(
    tx,
    [applicationId],
    doc.createdAt.toISOString().slice(0, 10),
  );
  if (!subject) throw notFound("application");
  const template = await templateAt(tx, "acknowledgement", doc.letterTemplateVersion);
  return { subject, letter: buildVersionedLetter(template, subject.facts) };
}

async function remadeLetter(
  tx: Queryable,
  applicationId: string,
  doc: { letterTemplateVersion: number | null; createdAt: Date },
  format: LetterFormat,
) {
  const { subject, letter } = await remakeLetter(tx, applicationId, doc);
  const bytes = await renderLetter(letter, format, {
    to: subject.copies ?? [],
    applicantName: subject.facts.applicant.name,
  });
  return { filename: letterFilename(letter, format), mediaType: MEDIA_TYPES[format], bytes };
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
