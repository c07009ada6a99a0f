import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { documents, ineligibilityReasons } from "~/db/schema";
import type { DocumentStore } from "~/documents/storage.server";
import { invalid, notFound } from "~/errors/app-error";
import { fileLetter } from "~/letters/file-letter.server";
import type { LetterContent, LetterExtras } from "~/letters/letter-content";
import { type LetterSubject, loadLetterSubjects } from "~/letters/letter-facts.server";
import { buildVersionedLetter, currentTemplate } from "~/letters/letter-templates.server";
import type { LetterCondition, LetterTemplateKey } from "~/letters/templates";
import { today } from "~/shared/dates";
import type { AssessmentRow, LoadedAssessment } from "./load-assessment.server";
import { isUrgent, type Recommendation } from "./rules";
import { REVIEW_BODY } from "./schemas";

/** The letter each outcome produces (app/letters/templates.ts). */
export const DECISION_TEMPLATES: Record<Recommendation, LetterTemplateKey> = {
  eligible: "decision_eligible",
  ineligible: "decision_ineligible",
  more_information: "decision_more_information",
  withdrawn: "decision_withdrawn",
};

/** Free text as the paragraphs its writer made: one per line, blank lines dropped. */
function paragraphsOf(text: string | null): string[] {
  return (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** What the decision letter says beyond the application's facts. */
async function decisionExtras(
  tx: Queryable,
  a: AssessmentRow,
  date: string,
  includeNotes: boolean,
): Promise<LetterExtras> {
  const conditions: LetterCondition[] = [];
  const body = a.jurisdiction ? REVIEW_BODY[a.jurisdiction] : null;
  conditions.push(body === "SCCRC" ? "sccrc" : body === "CCRC" ? "ccrc" : "review_body_unknown");
  if (isUrgent(a, date)) conditions.push("appeal_window_open");
  if (a.recommendation === "ineligible") {
    // In the order of the maintained list; a reason retired since it was chosen still prints.
    const reasons = a.ineligibleReasons.length
      ? await tx
          .select({ letterText: ineligibilityReasons.letterText })
          .from(ineligibilityReasons)
          .where(inArray(ineligibilityReasons.key, a.ineligibleReasons))
          .orderBy(asc(ineligibilityReasons.position), asc(ineligibilityReasons.label))
      : [];
    return {
      conditions,
      lists: {
        reasons: reasons.map((r) => r.letterText),
        // Notes are for the file unless whoever records the decision chooses to print them.
        notes: includeNotes ? paragraphsOf(a.recommendationNotes) : [],
      },
    };
  }
  if (a.recommendation === "more_information")
    return {
      conditions,
      lists: { requested: paragraphsOf(a.informationRequested) },
      replyBy: a.chaseOn,
    };
  return { conditions };
}

/**
 * The decision letter of an assessment with a recommendation, as it would be sent today:
 * the decide page shows it before the decision is recorded, and filing renders exactly this.
 */
export async function buildDecisionLetter(
  tx: Queryable,
  loaded: LoadedAssessment,
  options: { largePrint?: boolean; includeNotes?: boolean; date?: string } = {},
): Promise<{ subject: LetterSubject; letter: LetterContent }> {
  const a = loaded.assessment;
  if (!a.recommendation) throw invalid("Make a recommendation before recording the decision.");
  const date = options.date ?? today();
  const [subject] = await loadLetterSubjects(tx, [a.applicationId], date);
  if (!subject) throw notFound("application");
  const facts = {
    ...subject.facts,
    applicant: {
      ...subject.facts.applicant,
      largePrint: options.largePrint ?? subject.facts.applicant.largePrint,
    },
    extras: await decisionExtras(tx, a, date, options.includeNotes ?? false),
  };
  const template = await currentTemplate(tx, DECISION_TEMPLATES[a.recommendation]);
  return { subject, letter: buildVersionedLetter(template, facts) };
}

/**
 * Produces the decision letter for a decided assessment (template per outcome, large print
 * when asked, an ineligible recommendation's notes when asked), files it on the application and in the correspondence log, and returns the
 * PDF's document id. A Word copy of the same letter is filed beside it, for anyone who must
 * edit it before posting; it is the same letter, so it has no correspondence entry of its own.
 */
export async function fileDecisionLetter(
  tx: Queryable,
  acting: Acting,
  store: DocumentStore,
  loaded: LoadedAssessment,
  options: { largePrint: boolean; includeNotes?: boolean },
): Promise<{ documentId: string }> {
  const { subject, letter } = await buildDecisionLetter(tx, loaded, options);
  const pdf = await fileLetter(tx, acting, store, subject, letter, "pdf", { batch: false });
  await fileLetter(tx, acting, store, subject, letter, "docx", {
    batch: false,
    correspondence: false,
  });
  return { documentId: pdf.documentId };
}

export interface DecisionLetterFiles {
  pdf: { documentId: string; filename: string };
  docx: { documentId: string; filename: string } | null;
}

/** The filed decision letter of a decided assessment: its PDF and the Word copy made with it. */
export async function findDecisionLetter(
  tx: Queryable,
  a: AssessmentRow,
): Promise<DecisionLetterFiles | null> {
  if (!a.decisionLetterId) return null;
  const [pdf] = await tx
    .select({ id: documents.id, filename: documents.filename })
    .from(documents)
    .where(eq(documents.id, a.decisionLetterId));
  if (!pdf) return null;
  // Filed in the same transaction, so it has the same time and the same name but for .docx.
  const [docx] = await tx
    .select({ id: documents.id, filename: documents.filename })
    .from(documents)
    .where(
      and(
        eq(documents.applicationId, a.applicationId),
        eq(documents.kind, "letter_out"),
        eq(documents.filename, pdf.filename.replace(/\.pdf$/, ".docx")),
        // Compared in SQL: a JavaScript Date would drop the microseconds.
        eq(
          documents.createdAt,
          sql`(select d.created_at from ${documents} d where d.id = ${pdf.id})`,
        ),
      ),
    );
  return {
    pdf: { documentId: pdf.id, filename: pdf.filename },
    docx: docx ? { documentId: docx.id, filename: docx.filename } : null,
  };
}
