import { type Acting, actorOf } from "~/access/acting";
import { can } from "~/access/viewer";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import type { Queryable } from "~/db/database.server";
import { correspondence, documents } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { changeApplicationState } from "~/intake/change-state.server";
import { today } from "~/shared/dates";
import { MAX_BATCH } from "./batch-schema";
import { copiedTo, type LetterCopy, withCopies } from "./copies";
import { type LetterContent, letterFilename } from "./letter-content";
import { renderLetterDocx } from "./letter-docx.server";
import { type LetterSubject, loadLetterSubjects } from "./letter-facts.server";
import { renderLettersPdf } from "./letter-pdf.server";
import { buildVersionedLetter, currentTemplate } from "./letter-templates.server";

export type LetterFormat = "pdf" | "docx";

export const MEDIA_TYPES: Record<LetterFormat, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * A letter as a file. A PDF carries the copies for the applicant's representatives after the
 * letter, each on its own page and addressed to them; a Word file is the letter alone, saying
 * who it is copied to.
 */
export function renderLetter(
  letter: LetterContent,
  format: LetterFormat,
  copies: { to: readonly LetterCopy[]; applicantName: string } = { to: [], applicantName: "" },
): Promise<Buffer> {
  const meta = {
    title: `${letter.title} ${letter.reference}`,
    author: letter.signOff.at(-1) ?? "",
  };
  return format === "pdf"
    ? renderLettersPdf(withCopies(letter, copies.to, copies.applicantName), meta)
    : renderLetterDocx(copiedTo(letter, copies.to), meta);
}

/** The line a letter gets in the correspondence log: "Acknowledgement letter (PDF), large print". */
export function correspondenceSummary(
  letter: LetterContent,
  format: LetterFormat,
  copies: readonly LetterCopy[] = [],
): string {
  const marks = [
    letter.marking ? "marked Legal Correspondence" : null,
    letter.largePrint ? "large print" : null,
    copies.length ? `copied to ${copies.map((c) => c.name).join(", ")}` : null,
  ].filter(Boolean);
  return `${letter.title} letter (${format.toUpperCase()})${marks.length ? `, ${marks.join(", ")}` : ""}`;
}

/**
 * Files a letter on the application it was written from: the bytes go to the encrypted
 * store, and a document, a correspondence entry (out, letter) and an audit event are
 * recorded in the caller's transaction. A Word copy of a letter already filed as PDF
 * passes `correspondence: false`: it is the same letter, sent once.
 */
export async function fileLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  subject: LetterSubject,
  letter: LetterContent,
  format: LetterFormat,
  options: { batch: boolean; correspondence?: boolean },
): Promise<{ documentId: string; filename: string }> {
  const copies = subject.copies ?? [];
  const bytes = await renderLetter(letter, format, {
    to: copies,
    applicantName: subject.facts.applicant.name,
  });
  const filename = letterFilename(letter, format);
  const stored = await store.put(bytes);
  const [doc] = await tx
    .insert(documents)
    .values({
      applicationId: subject.applicationId,
      applicantId: subject.applicantId,
      kind: "letter_out",
      filename,
      mediaType: MEDIA_TYPES[format],
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      storageKey: stored.storageKey,
      letterTemplate: letter.template,
      letterTemplateVersion: letter.templateVersion ?? null,
      createdBy: acting.viewer.id,
    })
    .returning({ id: documents.id });
  if (!doc) throw new Error("document insert returned nothing");
  if (options.correspondence !== false)
    await tx.insert(correspondence).values({
      applicantId: subject.applicantId,
      applicationId: subject.applicationId,
      direction: "out",
      kind: "letter",
      occurredOn: today(),
      summary: correspondenceSummary(letter, format, copies),
      documentId: doc.id,
      createdBy: acting.viewer.id,
    });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "letter.generated",
    entityType: "document",
    entityId: doc.id,
    subjectId: subject.applicantId,
    organisationId: subject.organisationId,
    details: {
      applicationId: subject.applicationId,
      reference: subject.reference,
      template: letter.template,
      templateVersion: letter.templateVersion ?? null,
      format,
      sha256: stored.sha256,
      batch: options.batch,
      copies: copies.length,
    },
  });
  return { documentId: doc.id, filename };
}

function mustManage(acting: Acting) {
  if (!can(acting.viewer, "manage:application:any"))
    throw forbidden("Only intake staff can send letters.");
}

export interface GeneratedLetter {
  documentId: string;
  filename: string;
  reference: string;
  /** True when making the letter moved the application from received to acknowledged. */
  acknowledged: boolean;
}

/**
 * Makes the acknowledgement letter of one application as PDF or DOCX and files it. A
 * "received" application moves to "acknowledged"; for one already further on, the letter
 * is filed again (a lost letter, or a Word copy to edit) and its state is left alone.
 */
export async function generateAcknowledgement(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  applicationId: string,
  format: LetterFormat,
): Promise<GeneratedLetter> {
  mustManage(acting);
  const [subject] = await loadLetterSubjects(tx, [applicationId]);
  if (!subject) throw notFound("application");
  if (subject.isDraft) throw invalid("A draft application cannot be acknowledged.");
  const template = await currentTemplate(tx, "acknowledgement");
  const letter = buildVersionedLetter(template, subject.facts);
  const filed = await fileLetter(tx, acting, store, subject, letter, format, { batch: false });
  let acknowledged = false;
  if (subject.state === "received") {
    const outcome = await changeApplicationState(tx, acting, [applicationId], {
      to: "acknowledged",
    });
    acknowledged = outcome.changed.includes(applicationId);
  }
  return { ...filed, reference: subject.reference, acknowledged };
}

export interface SkippedApplication {
  id: string;
  reference: string;
  reason: string;
}

/** Why an application cannot be acknowledged in a batch, or null when it can. */
export function whyNotAcknowledgeable(subject: LetterSubject): string | null {
  if (subject.isDraft) return "it is a draft";
  if (subject.state === "acknowledged") return "it has already been acknowledged";
  if (subject.state !== "received") return `it is ${subject.state.replaceAll("_", " ")}`;
  if (!subject.address.complete)
    return "there is no postal address on file (add the prison's address under Establishments, or the applicant's own)";
  return null;
}

/**
 * Acknowledges a batch chosen from the queue: every application that can be acknowledged
 * gets its letter filed and moves to "acknowledged"; the rest are reported with the reason.
 * Returns the letters as one PDF to print, with a last page listing what was skipped.
 */
export async function acknowledgeBatch(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  ids: readonly string[],
): Promise<{ pdf: Buffer | null; acknowledged: string[]; skipped: SkippedApplication[] }> {
  mustManage(acting);
  const unique = [...new Set(ids)];
  if (unique.length > MAX_BATCH)
    throw invalid(`Choose at most ${MAX_BATCH} applications at a time.`);
  const subjects = (await loadLetterSubjects(tx, unique)).sort((a, b) =>
    a.reference.localeCompare(b.reference),
  );
  const found = new Set(subjects.map((s) => s.applicationId));
  const skipped: SkippedApplication[] = unique
    .filter((id) => !found.has(id))
    .map((id) => ({ id, reference: "", reason: "it was not found" }));
  const ready: { subject: LetterSubject; letter: LetterContent }[] = [];
  const template = await currentTemplate(tx, "acknowledgement");
  for (const subject of subjects) {
    const reason = whyNotAcknowledgeable(subject);
    if (reason) skipped.push({ id: subject.applicationId, reference: subject.reference, reason });
    else ready.push({ subject, letter: buildVersionedLetter(template, subject.facts) });
  }
  for (const { subject, letter } of ready)
    await fileLetter(tx, acting, store, subject, letter, "pdf", { batch: true });
  const outcome = await changeApplicationState(
    tx,
    acting,
    ready.map((r) => r.subject.applicationId),
    { to: "acknowledged" },
  );
  const acknowledged = ready.filter((r) => outcome.changed.includes(r.subject.applicationId));
  // Someone else moved it in the meantime: its letter is filed, but it is not printed here.
  for (const s of outcome.skipped)
    skipped.push({ ...s, reason: `it was changed meanwhile: ${s.reason}` });
  await recordAuditEvent(tx, actorOf(acting), {
    action: "letter.batch_printed",
    entityType: "application",
    organisationId: acknowledged[0]?.subject.organisationId ?? null,
    details: {
      template: "acknowledgement",
      references: acknowledged.map((r) => r.subject.reference),
      // So that each application's access history shows its letter printed in the batch.
      applicationIds: acknowledged.map((r) => r.subject.applicationId),
      skipped: skipped.map((s) => ({ reference: s.reference, reason: s.reason })),
    },
  });
  const pdf = acknowledged.length
    ? await renderLettersPdf(
        acknowledged.flatMap((r) =>
          withCopies(r.letter, r.subject.copies ?? [], r.subject.facts.applicant.name),
        ),
        {
          title: `Acknowledgement letters ${today()}`,
          author: acknowledged[0]?.subject.facts.network.name ?? "",
          skipped,
        },
      )
    : null;
  return { pdf, acknowledged: acknowledged.map((r) => r.subject.reference), skipped };
}
