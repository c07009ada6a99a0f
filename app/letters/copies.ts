import type { LetterContent } from "./letter-content";

/**
 * Copies of a letter to the applicant for the people the applicant asked us to send them to
 * (a representative authorised to receive everything, with a postal address): decision 022.
 */
export interface LetterCopy {
  name: string;
  addressLines: string[];
}

/**
 * The letter to the applicant, saying who it is copied to, followed by one copy for each of
 * them, addressed to them at home. A copy is not marked as legal correspondence (it does not
 * go to a prison) and keeps the applicant's words; its first paragraph says whose letter it
 * is and why they have it.
 */
export function withCopies(
  letter: LetterContent,
  copies: readonly LetterCopy[],
  applicantName: string,
): LetterContent[] {
  if (copies.length === 0) return [letter];
  const names = copies.map((c) => c.name).join(", ");
  const original = { ...letter, signOff: [...letter.signOff, "", `Copy to: ${names}`] };
  return [
    original,
    ...copies.map((copy) => ({
      ...letter,
      marking: null,
      largePrint: false,
      recipient: [copy.name, ...copy.addressLines],
      heading: `Copy of our letter to ${applicantName}: ${letter.heading}`,
      salutation: `Dear ${copy.name},`,
      paragraphs: [
        {
          text: `This is a copy of our letter to ${applicantName}. We are sending it to you because ${applicantName} asked us to send you copies of our letters.`,
        },
        ...letter.paragraphs,
      ],
    })),
  ];
}

/** "Copy to" added to a letter filed on its own (a Word copy to edit): the copies are posted from the PDF. */
export function copiedTo(letter: LetterContent, copies: readonly LetterCopy[]): LetterContent {
  return withCopies(letter, copies, "")[0] ?? letter;
}
