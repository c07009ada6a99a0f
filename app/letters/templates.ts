/**
 * Letter templates, as data. Each text may use the merge fields of app/letters/merge.ts.
 * A value of several lines (an address) spreads over the lines of an address block and is
 * joined with commas in running text; a line of a block that merges to nothing is left out.
 *
 * They live in code for now, reviewed like code; letting administrators edit them (a
 * `letter_templates` table with versions) can come later without changing the renderers.
 */
export interface LetterTemplate {
  key: LetterTemplateKey;
  /** What the letter is: used in its file name and on the correspondence record. */
  title: string;
  /** The sender's block, at the top right. */
  sender: readonly string[];
  /** The address block, placed for a window envelope. */
  recipient: readonly string[];
  heading: string;
  salutation: string;
  paragraphs: readonly { heading?: string; text: string }[];
  signOff: readonly string[];
}

export type LetterTemplateKey = "acknowledgement";

export const LETTER_TEMPLATES: Record<LetterTemplateKey, LetterTemplate> = {
  acknowledgement: {
    key: "acknowledgement",
    title: "Acknowledgement",
    sender: ["{{network.name}}", "{{network.returnAddress}}"],
    recipient: ["{{applicant.name}}", "{{applicant.prisonerNumber}}", "{{recipient.address}}"],
    heading: "We have received your application",
    salutation: "Dear {{applicant.name}},",
    paragraphs: [
      {
        text: "Thank you for writing to us. We received your application on {{application.receivedOn}}.",
      },
      {
        text: "Your reference is {{application.reference}}. Please write it at the top of every letter you send us, so that we can find your file quickly.",
      },
      {
        heading: "What happens next",
        text: "We will read your application and any papers you sent with it. If we need more information, we will write and tell you what we need. When we have looked at your case, we will write to tell you whether one of our member projects can take it on. This can take several months. We will write to you whenever there is news.",
      },
      {
        text: "Please send copies, not original documents. We cannot give you legal advice. If you have a deadline for an appeal, do not wait to hear from us: speak to a solicitor now.",
      },
      {
        heading: "How to write to us",
        text: "Write to us at the address at the top of this letter, with your reference, {{application.reference}}. If you would like someone else, such as a family member or a solicitor, to hear about your application, tell us their name and address and say that you agree to us writing to them.",
      },
    ],
    signOff: ["Yours sincerely,", "", "The intake team", "{{network.name}}"],
  },
};

/** Every text of a template, for checking its merge fields. */
export function templateTexts(t: LetterTemplate): string[] {
  return [
    t.title,
    ...t.sender,
    ...t.recipient,
    t.heading,
    t.salutation,
    ...t.paragraphs.flatMap((p) => [p.heading ?? "", p.text]),
    ...t.signOff,
  ];
}
