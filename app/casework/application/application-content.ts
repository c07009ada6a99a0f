import type { Questionnaire } from "~/intake/questionnaire";
import type { Ground } from "./schemas";

export type ReviewBody = "ccrc" | "sccrc";

/** What the file says, as the application needs it. */
export interface ApplicationFacts {
  reference: string;
  projectName: string;
  applicant: {
    fullName: string;
    aliases: string[];
    dateOfBirth: string | null;
    prisonerNumber: string | null;
    establishment: string | null;
    postalAddress: string | null;
  };
  conviction: Record<string, unknown>;
  /** The applicant's own answers to the network's questionnaire, when they came with the case. */
  account: Questionnaire | null;
  /** Lines of investigation whose result supports innocence. */
  supportingLines: { description: string; resultReason: string | null }[];
  /** The case documents to list as supporting documents. */
  documents: string[];
}

/** A section of the application: a heading and labelled rows or paragraphs. */
export interface ApplicationSection {
  heading: string;
  rows?: [string, string][];
  paragraphs?: string[];
  items?: string[];
}

export interface ApplicationContent {
  body: ReviewBody;
  bodyName: string;
  title: string;
  reference: string;
  intro: string;
  test: { heading: string; paragraphs: string[] };
  sections: ApplicationSection[];
  grounds: Ground[];
  documents: string[];
  closing: string;
}

const JURISDICTION_NAMES: Record<string, string> = {
  england_wales: "England and Wales",
  scotland: "Scotland",
  northern_ireland: "Northern Ireland",
};

/** Scotland goes to the SCCRC; England, Wales and Northern Ireland (and an unknown place) to the CCRC. */
export function reviewBodyFor(conviction: Record<string, unknown>): ReviewBody {
  return conviction.jurisdiction === "scotland" ? "sccrc" : "ccrc";
}

export const REVIEW_BODY_NAMES: Record<ReviewBody, string> = {
  ccrc: "Criminal Cases Review Commission",
  sccrc: "Scottish Criminal Cases Review Commission",
};

const TESTS: Record<ReviewBody, { heading: string; paragraphs: string[] }> = {
  ccrc: {
    heading: "The test for a referral",
    paragraphs: [
      "Under section 13 of the Criminal Appeal Act 1995 the Commission may refer a conviction to the appellate court where it considers that there is a real possibility that the conviction would not be upheld were the reference to be made, because of an argument or evidence not raised in the proceedings which led to it or on any appeal or application for leave to appeal against it (or, exceptionally, because of other circumstances).",
      "The applicant submits that the grounds below, and the new evidence and argument on which they rest, raise a real possibility that the Court of Appeal would not uphold the conviction.",
    ],
  },
  sccrc: {
    heading: "The test for a referral",
    paragraphs: [
      "Under section 194C of the Criminal Procedure (Scotland) Act 1995 the Commission may refer a case to the High Court of Justiciary where it believes both (1) that a miscarriage of justice may have occurred, and (2) that it is in the interests of justice that a reference should be made.",
      "The applicant submits that both limbs are met: on the grounds below a miscarriage of justice may have occurred, and it is in the interests of justice that the case be referred.",
    ],
  },
};

const str = (v: unknown): string => (typeof v === "string" ? v.trim() : "");

function rowsOf(pairs: [string, unknown][]): [string, string][] {
  return pairs.map(([k, v]) => [k, str(v) || "Not recorded"]);
}

type AppealStage = { stage?: unknown; date?: unknown; outcome?: unknown; grounds?: unknown };
type PriorReview = {
  body?: unknown;
  reference?: unknown;
  appliedOn?: unknown;
  decision?: unknown;
  decidedOn?: unknown;
};

const ANSWER = (answers: Questionnaire, name: string, label: string): string[] => {
  const v = answers[name]?.trim();
  return v ? [`${label}: ${v}`] : [];
};

/** What the applicant said about the appeals, reviews and their claim, marked as theirs. */
function inTheirWords(answers: Questionnaire | null) {
  const a = answers ?? {};
  return {
    appeals: [
      ...ANSWER(a, "appealHistory", "The applicant's account of the appeals"),
      ...ANSWER(
        a,
        "appealFailureReasons",
        "Reasons given for the appeal failing, as the applicant gives them",
      ),
    ],
    reviews: ANSWER(a, "reviewApplications", "The applicant's account of earlier applications"),
    claim: [
      ...ANSWER(a, "whyWrong", "In the applicant's words"),
      ...ANSWER(a, "alibi", "Alibi"),
      ...ANSWER(a, "physicalEvidence", "Physical evidence"),
      ...ANSWER(a, "freshEvidence", "Evidence the jury did not hear"),
    ],
  };
}

/** The draft application, from the file and the grounds: what both the DOCX and the PDF show. */
export function buildApplication(facts: ApplicationFacts, grounds: Ground[]): ApplicationContent {
  const body = reviewBodyFor(facts.conviction);
  const bodyName = REVIEW_BODY_NAMES[body];
  const short = body.toUpperCase();
  const cv = facts.conviction;
  const a = facts.applicant;
  const appeals = (Array.isArray(cv.appealStages) ? cv.appealStages : []) as AppealStage[];
  const priors = (Array.isArray(cv.priorReviews) ? cv.priorReviews : []) as PriorReview[];
  const said = inTheirWords(facts.account);
  const sections: ApplicationSection[] = [
    {
      heading: "1. The applicant",
      rows: rowsOf([
        ["Full name", a.fullName],
        ["Other names", a.aliases.join(", ")],
        ["Date of birth", a.dateOfBirth],
        ["Prison number", a.prisonerNumber],
        ["Establishment", a.establishment],
        ["Address", a.postalAddress],
      ]),
    },
    {
      heading: "2. The conviction and sentence",
      rows: rowsOf([
        ["Offences", cv.offences],
        ["Court", cv.courtName],
        ["Jurisdiction", JURISDICTION_NAMES[str(cv.jurisdiction)] ?? ""],
        ["Date of conviction", cv.convictionDate],
        ["Sentence", cv.sentence],
        ["Date of sentence", cv.sentenceDate],
      ]),
    },
    {
      heading: "3. Appeals",
      items: appeals.length
        ? appeals.map((s) =>
            [
              str(s.stage),
              str(s.date) && `(${str(s.date)})`,
              str(s.outcome) && `: ${str(s.outcome)}`,
            ]
              .filter(Boolean)
              .join(" ")
              .concat(str(s.grounds) ? `. Grounds: ${str(s.grounds)}` : ""),
          )
        : undefined,
      paragraphs: said.appeals.length
        ? said.appeals
        : appeals.length
          ? undefined
          : ["No appeal is recorded on the file."],
    },
    {
      heading: "4. Previous applications to the Commission",
      items: priors.length
        ? priors.map((r) =>
            [
              str(r.body).toUpperCase() || "Review body not recorded",
              str(r.reference) && `reference ${str(r.reference)}`,
              str(r.appliedOn) && `applied ${str(r.appliedOn)}`,
              str(r.decision) && `decision: ${str(r.decision)}`,
              str(r.decidedOn) && `(${str(r.decidedOn)})`,
            ]
              .filter(Boolean)
              .join(", "),
          )
        : undefined,
      paragraphs: said.reviews.length
        ? said.reviews
        : priors.length
          ? undefined
          : ["No previous application is recorded on the file."],
    },
    ...(said.claim.length
      ? [{ heading: "5. Why the applicant says the conviction is wrong", paragraphs: said.claim }]
      : []),
    {
      heading: `${said.claim.length ? 6 : 5}. The investigation`,
      items: facts.supportingLines.length
        ? facts.supportingLines.map(
            (l) => `${l.description}${l.resultReason ? `: ${l.resultReason}` : ""}`,
          )
        : undefined,
      paragraphs: facts.supportingLines.length
        ? [
            `${facts.projectName} investigated the case. These lines of investigation produced results that support the applicant's innocence:`,
          ]
        : [`${facts.projectName} investigated the case.`],
    },
  ];
  return {
    body,
    bodyName,
    title: `Draft application to the ${bodyName} (${short})`,
    reference: facts.reference,
    intro: `Application on behalf of ${a.fullName}, prepared by ${facts.projectName} (case ${facts.reference}). DRAFT for the lead to check before it is sent.`,
    test: TESTS[body],
    sections,
    grounds,
    documents: facts.documents,
    closing:
      body === "sccrc"
        ? "The applicant asks the Commission to review the conviction and to refer the case to the High Court of Justiciary."
        : "The applicant asks the Commission to review the conviction and to refer it to the Court of Appeal.",
  };
}
