import { and, desc, eq } from "drizzle-orm";
import type { Acting } from "~/access/acting";
import { changedFields } from "~/casework/changed-fields";
import type { Queryable } from "~/db/database.server";
import { caseCorrespondence, cases } from "~/db/schema";
import { forbidden, invalid, notFound } from "~/errors/app-error";
import { isId } from "~/shared/ids";
import {
  auditCase,
  type CaseRow,
  caseHeading,
  leadsCase,
  mustBeOpen,
  openCase,
  touchCase,
} from "../case-access.server";
import { addMonths, PROGRESS_LETTER_MONTHS } from "./progress-letters";
import { CLIENT_PARTY, type CorrectCorrespondenceInput } from "./schemas";

type Correspondence = typeof caseCorrespondence.$inferSelect;

export const PROGRESS_LETTER_TO_CLIENT =
  "A progress letter is a letter to the client, so it cannot be recorded as with a third party.";

/** Who may correct recorded correspondence: whoever recorded it, or a lead of the project. */
export function mayChangeCorrespondence(
  acting: Acting,
  c: CaseRow,
  entry: { createdBy: string | null },
) {
  return entry.createdBy === acting.viewer.id || leadsCase(acting, c);
}

async function entryToChange(
  tx: Queryable,
  acting: Acting,
  c: CaseRow,
  entryId: string,
): Promise<Correspondence> {
  if (!isId(entryId)) throw notFound("correspondence");
  const [entry] = await tx
    .select()
    .from(caseCorrespondence)
    .where(and(eq(caseCorrespondence.id, entryId), eq(caseCorrespondence.caseId, c.id)))
    .for("update");
  if (!entry) throw notFound("correspondence");
  if (!mayChangeCorrespondence(acting, c, entry))
    throw forbidden("Only the person who recorded it or a lead can correct it.");
  return entry;
}

/** The correction page of one letter, call, e-mail or visit. */
export async function getCorrespondenceEntry(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  entryId: string,
) {
  const c = await openCase(tx, acting, caseId);
  const entry = await entryToChange(tx, acting, c, entryId);
  const withClient = entry.party === CLIENT_PARTY;
  return {
    case: { ...caseHeading(c), clientName: c.applicant.fullName },
    entry: {
      id: entry.id,
      kind: entry.kind,
      direction: entry.direction,
      isProgressLetter: entry.isProgressLetter,
      withWhom: withClient ? ("client" as const) : ("third_party" as const),
      thirdParty: withClient ? "" : entry.party,
      occurredOn: entry.occurredOn,
      summary: entry.summary,
    },
  };
}

/**
 * Corrects with whom, when and what was said. Moving a progress letter's date moves the next
 * progress letter to 3 months after the case's latest progress letter.
 */
export async function changeCorrespondence(
  tx: Queryable,
  acting: Acting,
  caseId: string,
  entryId: string,
  input: CorrectCorrespondenceInput,
): Promise<void> {
  const c = await openCase(tx, acting, caseId, { forUpdate: true });
  mustBeOpen(c);
  const entry = await entryToChange(tx, acting, c, entryId);
  if (entry.isProgressLetter && input.withWhom !== "client")
    throw invalid(PROGRESS_LETTER_TO_CLIENT);
  const after = {
    party: input.withWhom === "client" ? CLIENT_PARTY : input.thirdParty,
    occurredOn: input.occurredOn,
    summary: input.summary,
  };
  const changes = changedFields(entry, after);
  if (Object.keys(changes).length === 0) return;
  await tx.update(caseCorrespondence).set(after).where(eq(caseCorrespondence.id, entry.id));
  const details: Record<string, unknown> = {
    correspondenceId: entry.id,
    fields: Object.keys(changes),
  };
  if (entry.isProgressLetter && changes.occurredOn) {
    const [latest] = await tx
      .select({ on: caseCorrespondence.occurredOn })
      .from(caseCorrespondence)
      .where(
        and(eq(caseCorrespondence.caseId, c.id), eq(caseCorrespondence.isProgressLetter, true)),
      )
      .orderBy(desc(caseCorrespondence.occurredOn))
      .limit(1);
    const next = latest ? addMonths(latest.on, PROGRESS_LETTER_MONTHS) : c.nextProgressLetterOn;
    if (next !== c.nextProgressLetterOn) {
      await tx.update(cases).set({ nextProgressLetterOn: next }).where(eq(cases.id, c.id));
      details.nextProgressLetterOn = { from: c.nextProgressLetterOn, to: next };
    }
  }
  await auditCase(tx, acting, c, "case_correspondence.changed", details);
  await touchCase(tx, c);
}
