import type { Queryable } from "~/db/database.server";
import { correspondenceSummary, MEDIA_TYPES, renderLetter } from "~/letters/file-letter.server";
import { applicantFacts, type LetterFacts, letterFilename } from "~/letters/letter-content";
import { buildVersionedLetter, currentTemplate } from "~/letters/letter-templates.server";
import type { OfferCase } from "./offer-case.server";

export interface RenderedLetter {
  bytes: Buffer;
  filename: string;
  mediaType: string;
  /** The line for the correspondence log. */
  summary: string;
  /** The version of the template it was made from, for the audit trail. */
  templateVersion: number;
}

/**
 * The letter facts of the case as offered. The project's lead cannot read the network's
 * applicant record, so the facts come from app_offer_case, not from loadLetterSubjects.
 */
export function offerLetterFacts(c: OfferCase, projectName: string, date: string): LetterFacts {
  const a = c.applicant;
  return {
    applicant: applicantFacts(a),
    establishment: c.establishment,
    application: { reference: c.reference, receivedOn: c.receivedOn },
    network: c.network,
    date,
    extras: { projectName },
  };
}

/**
 * The letter telling an applicant which project took their case, as a PDF: large print and
 * marked Legal Correspondence as the applicant asked, like every letter from the network.
 * The caller files it (app_complete_acceptance) in the accepting transaction.
 */
export async function renderAcceptanceLetter(
  tx: Queryable,
  c: OfferCase,
  projectName: string,
  date: string,
): Promise<RenderedLetter> {
  const template = await currentTemplate(tx, "referral_accepted");
  const letter = buildVersionedLetter(template, offerLetterFacts(c, projectName, date));
  return {
    bytes: await renderLetter(letter, "pdf"),
    filename: letterFilename(letter, "pdf"),
    mediaType: MEDIA_TYPES.pdf,
    summary: correspondenceSummary(letter, "pdf"),
    templateVersion: template.version,
  };
}
