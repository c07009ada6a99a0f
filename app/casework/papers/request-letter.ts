import type { LetterContent } from "~/letters/letter-content";
import { longDate } from "~/letters/merge";

/** What a request for papers is made from. */
export interface PapersRequestFacts {
  project: { name: string; addressLines: string[] };
  recipient: string;
  recipientAddress: string;
  caseReference: string;
  client: { name: string; prisonerNumber: string | null; dateOfBirth: string | null };
  /** What is asked for: "Trial transcript: the summing up". */
  papers: string;
  conviction: { offences: string | null; courtName: string | null; convictionDate: string | null };
  /** The date of the letter (YYYY-MM-DD). */
  date: string;
}

function lines(text: string): string[] {
  const split = text.includes("\n") ? text.split(/\r?\n/) : text.split(",");
  return split.map((l) => l.trim()).filter(Boolean);
}

/**
 * A letter from the project to a third party (former solicitors, the CPS, the police, a court,
 * a forensic provider) asking for the client's papers, enclosing the client's signed form of
 * authority. Built in code rather than from an intake template: its sender is the project.
 */
export function buildPapersRequestLetter(f: PapersRequestFacts): LetterContent {
  const client = [
    f.client.name,
    f.client.dateOfBirth ? `born ${longDate(f.client.dateOfBirth)}` : null,
    f.client.prisonerNumber ? `prisoner number ${f.client.prisonerNumber}` : null,
  ]
    .filter(Boolean)
    .join(", ");
  const conviction = [
    f.conviction.offences,
    f.conviction.courtName ? `at ${f.conviction.courtName}` : null,
    f.conviction.convictionDate ? `on ${longDate(f.conviction.convictionDate)}` : null,
  ]
    .filter(Boolean)
    .join(" ");
  return {
    template: "papers_request",
    title: "Request for papers",
    reference: f.caseReference,
    largePrint: false,
    marking: null,
    sender: [f.project.name, ...f.project.addressLines],
    recipient: [f.recipient, ...lines(f.recipientAddress)],
    date: longDate(f.date),
    referenceLine: `Our reference: ${f.caseReference}`,
    heading: `Request for papers: ${client}`,
    salutation: "Dear Sir or Madam,",
    paragraphs: [
      {
        text: `${f.project.name} is looking into the conviction of our client, ${client}${conviction ? `, convicted of ${conviction}` : ""}. Our client has asked us to review the case.`,
      },
      { heading: "What we ask for", text: `Please send us a copy of the following: ${f.papers}.` },
      {
        heading: "Our client's authority",
        text: "We enclose our client's signed form of authority, which asks you to release these papers to us.",
      },
      {
        text: `Please quote our reference ${f.caseReference} in your reply. If you no longer hold these papers, please tell us, and who may hold them now.`,
      },
    ],
    signOff: ["Yours faithfully,", "", f.project.name],
  };
}
