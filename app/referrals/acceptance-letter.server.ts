import type { OfferCase } from "./offer-case.server";

export interface RenderedLetter {
  bytes: Buffer;
  filename: string;
  mediaType: string;
  /** The line for the correspondence log. */
  summary: string;
}

/**
 * The letter telling an applicant which project took their case (PDF, from the letter
 * templates, large print and Legal Correspondence as the applicant asked). (Being written:
 * see the referral issue.)
 */
export async function renderAcceptanceLetter(
  _c: OfferCase,
  _projectName: string,
  _date: string,
): Promise<RenderedLetter> {
  throw new Error("the acceptance letter is not written yet");
}
