import { and, asc, desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import type { Queryable } from "~/db/database.server";
import { caseCorrespondence, caseDocuments, cases } from "~/db/schema";
import { invalid } from "~/errors/app-error";
import { today } from "~/shared/dates";
import { auditCase, caseHeading, mustBeOpen, openCase, touchCase } from "../case-access.server";
import { mayChangeCorrespondence } from "./correspondence-corrections.server";
import {
  addMonths,
  PROGRESS_LETTER_MONTHS,
  progressLetterMessage,
  progressLetterStatus,
} from "./progress-letters";
import { CLIENT_PARTY, type CorrespondenceInput } from "./schemas";

/**
 * The case's correspondence, latest first, which entries the user may correct, and when the
 * next progress letter is due; audited.
 */
export async function listCorrespondence(tx: Queryable, acting: Acting, caseId: string) {
  const c = await openCase(tx, acting, caseId);
  const rows = await tx
    .select({
      id: caseCorrespondence.id,
      direction: caseCorrespondence.direction,
      party: caseCorrespondence.party,
      kind: caseCorrespondence.kind,
      occurredOn: caseCorrespondence.occurredOn,
      summary: caseCorrespondence.summary,
      isProgressLetter: caseCorrespondence.isProgressLetter,
      documentId: caseCorrespondence.documentId,
      createdBy: caseCorrespondence.createdBy,
      documentName: caseDocuments.filename,
    })
    .from(caseCorrespondence)
    .leftJoin(caseDocuments, eq(caseDocuments.id, caseCorrespondence.documentId))
    .where(eq(caseCorrespondence.caseId, c.id))
    .orderBy(desc(caseCorrespondence.occurredOn), desc(caseCorrespondence.createdAt));
  const documents = await tx
    .select({ id: caseDocuments.id, filename: caseDocuments.filename })
    .from(caseDocuments)
    .where(eq(caseDocuments.caseId, c.id))
    .orderBy(asc(caseDocuments.filename));
  await auditCase(tx, acting, c, "case_correspondence.viewed");
  const status = progressLetterStatus(
    c.nextProgressLetterOn,
    c.createdAt.toISOString().slice(0, 10),
    today(),
  );
  return {
    case: { ...caseHeading(c), clientName: c.applicant.fullName },
    correspondence: rows.map(({ createdBy, ...r }) => ({
      ...r,
      withClient: r.party === CLIENT_PARTY,
      mayChange: mayChangeCorrespondence(acting, c, { createdBy }),
    })),
    documents,
    progressLetter: { ...status, message: progressLetterMessage(status) },
  };
}

/**
 * Records a letter, call, e-mail or visit. A progress letter to the client sets the next one
 * for 3 months after it was sent (never earlier than a date already set by a later letter).
 */
export async function addCorrespondence(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  input: CorrespondenceInput,
): Promise<{ correspondenceId: string; nextProgressLetterOn: string | null }> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  if (input.documentId) {
    const [doc] = await tx
      .select({ id: caseDocuments.id })
      .from(caseDocuments)
      .where(and(eq(caseDocuments.id, input.documentId), eq(caseDocuments.caseId, c.id)));
    if (!doc) throw invalid("The document is not in this case's file.");
  }
  const [row] = await tx
    .insert(caseCorrespondence)
    .values({
      caseId: c.id,
      direction: input.direction,
      party: input.withWhom === "client" ? CLIENT_PARTY : input.thirdParty,
      kind: input.kind,
      occurredOn: input.occurredOn,
      summary: input.summary,
      isProgressLetter: input.isProgressLetter,
      documentId: input.documentId ?? null,
      createdBy: acting.viewer.id,
    })
    .returning({ id: caseCorrespondence.id });
  if (!row) throw new Error("the correspondence was not saved");
  let next = c.nextProgressLetterOn;
  if (input.isProgressLetter) {
    const due = addMonths(input.occurredOn, PROGRESS_LETTER_MONTHS);
    if (!next || due > next) {
      next = due;
      await tx.update(cases).set({ nextProgressLetterOn: next }).where(eq(cases.id, c.id));
    }
  }
  await auditCase(tx, acting, c, "case_correspondence.added", {
    correspondenceId: row.id,
    isProgressLetter: input.isProgressLetter,
    nextProgressLetterOn: next,
  });
  await touchCase(tx, c);
  return { correspondenceId: row.id, nextProgressLetterOn: next };
}
