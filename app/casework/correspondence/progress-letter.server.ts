import { and, asc, desc, eq, gt, gte, inArray, max } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { PAPER_KIND_LABELS } from "~/casework/papers/paper-schemas";
import type { Queryable } from "~/db/database.server";
import {
  caseCorrespondence,
  caseDocuments,
  caseLines,
  casePapers,
  caseProgressLetters,
  caseStageEvents,
  cases,
  establishments,
  evidenceItems,
  organisations,
  type ProgressLetterText,
  paperRequests,
} from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { conflict, invalid, notFound } from "~/errors/app-error";
import { MEDIA_TYPES, renderLetter } from "~/letters/file-letter.server";
import {
  applicantFacts,
  buildLetter,
  type LetterContent,
  type LetterFacts,
} from "~/letters/letter-content";
import {
  currentProjectTemplate,
  projectOwner,
  projectTemplateAt,
  type VersionedTemplate,
} from "~/letters/letter-templates.server";
import { draftTemplate, type TemplateDraft } from "~/letters/template-rules";
import { ACTIVE_CASE_STAGES } from "~/referrals/case-returns.server";
import { networkName } from "~/settings/network-settings.server";
import { today } from "~/shared/dates";
import {
  auditCase,
  type CaseRow,
  leadsCase,
  mustBeOpen,
  mustLead,
  openCase,
} from "../case-access.server";
import { addCorrespondence } from "./correspondence.server";
import { type ProgressRecord, progressLists } from "./progress-letter-content";
import type { ProgressLetterInput } from "./progress-letter-schemas";
import { addMonths, PROGRESS_LETTER_MONTHS } from "./progress-letters";

const KEY = "progress_letter";

/** The day the next progress letter reports from: the last one sent, or the case's acceptance. */
async function lastLetterOn(tx: Queryable, c: CaseRow): Promise<string> {
  const [row] = await tx
    .select({ on: max(caseCorrespondence.occurredOn) })
    .from(caseCorrespondence)
    .where(and(eq(caseCorrespondence.caseId, c.id), eq(caseCorrespondence.isProgressLetter, true)));
  return row?.on ?? c.createdAt.toISOString().slice(0, 10);
}

/** The case's record since a day, as far as a letter to the client may tell it. */
async function progressRecord(tx: Queryable, c: CaseRow, since: string): Promise<ProgressRecord> {
  const sinceTime = new Date(`${since}T00:00:00Z`);
  const day = today();
  const stages = await tx
    .select({ stage: caseStageEvents.stage, occurredOn: caseStageEvents.occurredOn })
    .from(caseStageEvents)
    .where(and(eq(caseStageEvents.caseId, c.id), gt(caseStageEvents.occurredOn, since)))
    .orderBy(asc(caseStageEvents.occurredOn), asc(caseStageEvents.createdAt));
  const lines = await tx
    .select({
      description: caseLines.description,
      status: caseLines.status,
      updatedAt: caseLines.updatedAt,
    })
    .from(caseLines)
    .where(eq(caseLines.caseId, c.id))
    .orderBy(asc(caseLines.position));
  const requests = await tx
    .select({
      recipient: paperRequests.recipient,
      requestedOn: paperRequests.requestedOn,
      repliedOn: paperRequests.repliedOn,
      status: paperRequests.status,
      kind: casePapers.kind,
    })
    .from(paperRequests)
    .innerJoin(casePapers, eq(casePapers.id, paperRequests.paperId))
    .where(eq(paperRequests.caseId, c.id))
    .orderBy(asc(paperRequests.requestedOn));
  const evidence = await tx
    .select({ id: evidenceItems.id })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.caseId, c.id), gte(evidenceItems.createdAt, sinceTime)));
  const deadlines = await tx
    .select({ on: caseStageEvents.deadlineOn, what: caseStageEvents.deadlineWhat })
    .from(caseStageEvents)
    .where(and(eq(caseStageEvents.caseId, c.id), gte(caseStageEvents.deadlineOn, day)))
    .orderBy(asc(caseStageEvents.deadlineOn));
  const paper = (kind: keyof typeof PAPER_KIND_LABELS) => PAPER_KIND_LABELS[kind];
  return {
    stages,
    linesWorked: lines.filter((l) => l.updatedAt >= sinceTime && l.status !== "not_started"),
    openLines: lines.filter((l) => l.status === "not_started" || l.status === "in_progress"),
    requestsMade: requests
      .filter((q) => q.requestedOn > since)
      .map((q) => ({ recipient: q.recipient, paper: paper(q.kind) })),
    replies: requests
      .filter((q) => q.repliedOn && q.repliedOn > since && q.status !== "sent")
      .map((q) => ({ recipient: q.recipient, paper: paper(q.kind), status: q.status })),
    waitingFor: requests
      .filter((q) => q.status === "sent")
      .map((q) => ({ recipient: q.recipient, paper: paper(q.kind) })),
    evidenceAdded: evidence.length,
    deadlines: deadlines.flatMap((d) =>
      d.on ? [{ on: d.on, what: d.what ?? "a deadline in your case" }] : [],
    ),
  };
}

/** Where the client is, as the case's client record has it: the prison and its address. */
async function clientEstablishment(
  tx: Queryable,
  c: CaseRow,
): Promise<LetterFacts["establishment"]> {
  const a = c.applicant;
  if (!a.establishmentId && !a.establishment) return null;
  const [found] = await tx
    .select({
      name: establishments.name,
      addressLines: establishments.addressLines,
      postcode: establishments.postcode,
      jurisdiction: establishments.jurisdiction,
    })
    .from(establishments)
    .where(
      a.establishmentId
        ? eq(establishments.id, a.establishmentId)
        : eq(establishments.name, a.establishment ?? ""),
    )
    .limit(1);
  return (
    found ?? {
      name: a.establishment ?? "",
      addressLines: [],
      postcode: null,
      jurisdiction: "england_wales",
    }
  );
}

/** The facts a progress letter of this case is made from, on the day it is written. */
async function progressFacts(tx: Queryable, c: CaseRow, since: string): Promise<LetterFacts> {
  const [project] = await tx
    .select({ name: organisations.name, addressLines: organisations.addressLines })
    .from(organisations)
    .where(eq(organisations.id, c.organisationId));
  if (!project) throw notFound("project");
  const lists = progressLists(await progressRecord(tx, c, since));
  const day = today();
  const a = c.applicant;
  return {
    applicant: applicantFacts(a),
    establishment: await clientEstablishment(tx, c),
    application: { reference: c.reference, receivedOn: since },
    network: { name: await networkName(tx), returnAddress: [] },
    date: day,
    extras: {
      lists,
      conditions: lists.done.length === 0 ? ["nothing_new"] : [],
      projectName: project.name,
      projectAddress: project.addressLines,
      progressSince: since,
      progressNextOn: addMonths(day, PROGRESS_LETTER_MONTHS),
    },
  };
}

function textOf(letter: LetterContent): ProgressLetterText {
  return {
    heading: letter.heading,
    salutation: letter.salutation,
    paragraphs: joinLists(letter.paragraphs),
    signOff: letter.signOff,
  };
}

/** A list's items, one paragraph each in the letter, as one paragraph of lines to edit. */
function joinLists(paragraphs: LetterContent["paragraphs"]): ProgressLetterText["paragraphs"] {
  const out: ProgressLetterText["paragraphs"] = [];
  for (const p of paragraphs) {
    const last = out.at(-1);
    if (last && !p.heading && p.text.startsWith("• ") && last.text.startsWith("• "))
      last.text = `${last.text}\n${p.text}`;
    else out.push({ ...p });
  }
  return out;
}

/** The letter as it is filed: the edited wording in the letter made from the template. */
function withText(letter: LetterContent, text: ProgressLetterText): LetterContent {
  return {
    ...letter,
    heading: text.heading,
    salutation: text.salutation,
    signOff: text.signOff,
    paragraphs: text.paragraphs.flatMap((p) =>
      p.text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .map((line, i) => ({
          ...(i === 0 && p.heading ? { heading: p.heading } : {}),
          text: line,
        })),
    ),
  };
}

function textFromInput(input: ProgressLetterInput): ProgressLetterText {
  return {
    heading: input.heading,
    salutation: input.salutation,
    paragraphs: input.paragraphs.flatMap((p) =>
      p.text ? [{ ...(p.heading ? { heading: p.heading } : {}), text: p.text }] : [],
    ),
    signOff: input.signOff.split(/\r?\n/).map((l) => l.trim()),
  };
}

async function draftOf(tx: Queryable, caseId: string) {
  const [row] = await tx
    .select()
    .from(caseProgressLetters)
    .where(and(eq(caseProgressLetters.caseId, caseId), eq(caseProgressLetters.status, "draft")));
  return row ?? null;
}

/** The letter a draft (or a fresh one) makes, from its template version and today's facts. */
async function letterFor(
  tx: Queryable,
  c: CaseRow,
  draft: { since: string; templateVersion: number } | null,
): Promise<{ letter: LetterContent; since: string; template: VersionedTemplate }> {
  const since = draft?.since ?? (await lastLetterOn(tx, c));
  const template = draft
    ? await projectTemplateAt(tx, KEY, c.organisationId, draft.templateVersion)
    : await currentProjectTemplate(tx, KEY, c.organisationId);
  const letter = {
    ...buildLetter(template.template, await progressFacts(tx, c, since)),
    templateVersion: template.version,
  };
  return { letter, since, template };
}

/**
 * The case's progress letter page: the draft waiting for a lead (or one made now from the
 * case's record, not yet saved), where it goes, and the letters already sent. Audited as a
 * reading of the case file.
 */
export async function getProgressLetter(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const closed = c.stage === "closed";
  const draft = closed ? null : await draftOf(tx, c.id);
  const made = closed ? null : await letterFor(tx, c, draft);
  const sent = await tx
    .select({
      id: caseProgressLetters.id,
      sentOn: caseProgressLetters.sentOn,
      since: caseProgressLetters.since,
      templateVersion: caseProgressLetters.templateVersion,
      documentId: caseProgressLetters.documentId,
      docxDocumentId: caseProgressLetters.docxDocumentId,
    })
    .from(caseProgressLetters)
    .where(and(eq(caseProgressLetters.caseId, c.id), eq(caseProgressLetters.status, "sent")))
    .orderBy(desc(caseProgressLetters.sentOn), desc(caseProgressLetters.preparedAt));
  await auditCase(tx, acting, c, "case.progress_letter.viewed", {
    draftId: draft?.id ?? null,
  });
  return {
    case: { id: c.id, reference: c.reference, clientName: c.applicant.fullName, closed },
    leads: leadsCase(acting, c),
    draft: draft
      ? { id: draft.id, version: draft.version, preparedAt: draft.preparedAt.toISOString() }
      : null,
    letter: made
      ? {
          since: made.since,
          templateVersion: made.template.version,
          recipient: made.letter.recipient,
          marking: made.letter.marking,
          largePrint: made.letter.largePrint,
          text: draft ? draft.content : textOf(made.letter),
        }
      : null,
    sent,
  };
}

function mustBeCurrent(draft: { version: number } | null, basedOn: number): void {
  if ((draft?.version ?? 0) !== basedOn)
    throw conflict(
      "Someone saved, filed or started this progress letter again while you were working. Reload the page to see it as it is now.",
    );
}

/** Saves the draft as it stands, for a lead to check: anyone on the case may. */
export async function saveProgressLetter(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: ProgressLetterInput,
): Promise<{ id: string; version: number }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  const draft = await draftOf(tx, c.id);
  mustBeCurrent(draft, input.basedOn);
  const saved = await storeDraft(tx, acting, c, draft, textFromInput(input));
  await auditCase(tx, acting, c, "case.progress_letter.drafted", {
    progressLetterId: saved.id,
    version: saved.version,
  });
  return saved;
}

async function storeDraft(
  tx: Queryable,
  acting: Acting,
  c: CaseRow,
  draft: typeof caseProgressLetters.$inferSelect | null,
  content: ProgressLetterText,
): Promise<typeof caseProgressLetters.$inferSelect> {
  if (draft) {
    const [row] = await tx
      .update(caseProgressLetters)
      .set({
        content,
        preparedBy: acting.viewer.id,
        preparedAt: new Date(),
        version: draft.version + 1,
      })
      .where(eq(caseProgressLetters.id, draft.id))
      .returning();
    if (!row) throw new Error("the progress letter was not saved");
    return row;
  }
  const since = await lastLetterOn(tx, c);
  const template = await currentProjectTemplate(tx, KEY, c.organisationId);
  const [row] = await tx
    .insert(caseProgressLetters)
    .values({
      caseId: c.id,
      since,
      templateVersion: template.version,
      content,
      preparedBy: acting.viewer.id,
    })
    .returning();
  if (!row) throw new Error("the progress letter was not saved");
  return row;
}

/** Throws the draft away, so that the page makes a new one from the case's record. */
export async function discardProgressLetter(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  basedOn: number,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  const draft = await draftOf(tx, c.id);
  mustBeCurrent(draft, basedOn);
  if (!draft) return;
  await tx.delete(caseProgressLetters).where(eq(caseProgressLetters.id, draft.id));
  await auditCase(tx, acting, c, "case.progress_letter.discarded", { progressLetterId: draft.id });
}

/**
 * A lead checks the letter and files it as sent: the wording as the lead leaves it is made into
 * a PDF (to post) and a Word file, both kept as case documents; the letter is logged as a
 * progress letter to the client, which moves the next one on; the draft becomes the record of
 * what was sent, with the template version it was made from. All in the caller's transaction.
 */
export async function fileProgressLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  caseId: string,
  input: ProgressLetterInput,
): Promise<{ id: string; documentId: string; nextProgressLetterOn: string | null }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  mustLead(acting, c, "check a progress letter and file it as sent");
  const existing = await draftOf(tx, c.id);
  mustBeCurrent(existing, input.basedOn);
  const draft = await storeDraft(tx, acting, c, existing, textFromInput(input));
  const { letter } = await letterFor(tx, c, draft);
  const filed = withText(letter, draft.content);
  if (filed.paragraphs.length === 0) throw invalid("The letter needs at least one paragraph.");
  const day = today();
  const docs: Record<"pdf" | "docx", { id: string; sha256: string }> = {
    pdf: { id: "", sha256: "" },
    docx: { id: "", sha256: "" },
  };
  for (const format of ["pdf", "docx"] as const) {
    const stored = await store.put(await renderLetter(filed, format));
    const [doc] = await tx
      .insert(caseDocuments)
      .values({
        caseId: c.id,
        filename: `${c.reference}-progress-letter-${day}.${format}`,
        mediaType: MEDIA_TYPES[format],
        byteSize: stored.byteSize,
        sha256: stored.sha256,
        storageKey: stored.storageKey,
        description: `Progress letter to the client, sent on ${day} (${format === "pdf" ? "as posted" : "Word copy"})`,
        createdBy: acting.viewer.id,
      })
      .returning({ id: caseDocuments.id });
    if (!doc) throw new Error("document insert returned nothing");
    docs[format] = { id: doc.id, sha256: stored.sha256 };
  }
  const marks = [
    filed.marking ? "marked Legal Correspondence" : null,
    filed.largePrint ? "large print" : null,
  ].filter(Boolean);
  const logged = await addCorrespondence(tx, acting, c.id, {
    direction: "out",
    kind: "letter",
    withWhom: "client",
    thirdParty: "",
    occurredOn: day,
    summary: `Progress letter (PDF and Word), checked by a lead${marks.length ? `, ${marks.join(", ")}` : ""}. Reports on the case since ${draft.since}.`,
    isProgressLetter: true,
    documentId: docs.pdf.id,
  });
  await tx
    .update(caseProgressLetters)
    .set({
      status: "sent",
      approvedBy: acting.viewer.id,
      sentOn: day,
      documentId: docs.pdf.id,
      docxDocumentId: docs.docx.id,
      correspondenceId: logged.correspondenceId,
      version: draft.version + 1,
    })
    .where(eq(caseProgressLetters.id, draft.id));
  await auditCase(tx, acting, c, "case.progress_letter.sent", {
    progressLetterId: draft.id,
    templateVersion: draft.templateVersion,
    since: draft.since,
    documentId: docs.pdf.id,
    docxDocumentId: docs.docx.id,
    sha256: docs.pdf.sha256,
    nextProgressLetterOn: logged.nextProgressLetterOn,
  });
  return {
    id: draft.id,
    documentId: docs.pdf.id,
    nextProgressLetterOn: logged.nextProgressLetterOn,
  };
}

/**
 * A draft of the project's progress letter template merged with one of the project's cases
 * (the reference given, or the most recently active), to see before publishing. Shows the
 * client's name and address: audited as a reading of that case.
 */
export async function previewProgressLetterTemplate(
  tx: Queryable,
  acting: Acting,
  projectId: string,
  keyParam: string | undefined,
  input: TemplateDraft,
): Promise<{ letter: LetterContent; reference: string }> {
  const owner = await projectOwner(tx, acting, projectId, keyParam);
  const template = draftTemplate(owner.current.template, input);
  const reference = input.reference?.toUpperCase();
  const [row] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.organisationId, projectId),
        reference ? eq(cases.reference, reference) : undefined,
        reference ? undefined : inArray(cases.stage, [...ACTIVE_CASE_STAGES]),
      ),
    )
    .orderBy(desc(cases.lastActivityAt))
    .limit(1);
  if (!row)
    throw invalid(
      reference
        ? `The project has no case with the reference ${reference}.`
        : "The project has no case to preview the letter with yet.",
      { field: "reference" },
    );
  const c = await openCase(tx, acting, row.id);
  const letter = buildLetter(template, await progressFacts(tx, c, await lastLetterOn(tx, c)));
  await auditCase(tx, acting, c, "case.progress_letter.viewed", { page: "template preview" });
  return { letter, reference: c.reference };
}
