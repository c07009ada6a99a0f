import type { Content } from "pdfmake/interfaces";
import { QUESTIONNAIRE_SECTIONS, type Question } from "~/intake/questionnaire";
import { A4_TEXT_WIDTH, fontSizes, renderPdf } from "./pdf.server";

export interface BlankQuestionnaireInput {
  reference: string;
  networkName: string;
  returnAddress: string[];
  largePrint: boolean;
}

/** The questions about the person, asked before the stage-1 questionnaire's own sections. */
const ABOUT_YOU: Question[] = [
  { name: "fullName", label: "Your full name", kind: "text" },
  { name: "aliases", label: "Any other names you have used", kind: "text" },
  { name: "dateOfBirth", label: "Your date of birth", kind: "date" },
  { name: "prisonerNumber", label: "Your prisoner number", kind: "text" },
  { name: "establishment", label: "The prison you are in", kind: "text" },
  { name: "postalAddress", label: "Your address, if you are not in prison", kind: "textarea" },
  {
    name: "largePrint",
    label: "Would you like our letters in large print?",
    kind: "choice",
    options: [
      { value: "yes", label: "Yes" },
      { value: "no", label: "No" },
    ],
  },
  { name: "language", label: "Which language should we write to you in?", kind: "text" },
  {
    name: "legalCorrespondence",
    label: "Should our letters to you be marked 'Legal Correspondence'?",
    kind: "choice",
    options: [
      { value: "yes", label: "Yes" },
      { value: "no", label: "No" },
    ],
  },
];

const WRITING_LINES = { text: 2, date: 1, textarea: 7, choice: 0 } as const;

function writingLines(count: number, gap: number): Content {
  const canvas = Array.from({ length: count }, (_, i) => ({
    type: "line" as const,
    x1: 0,
    y1: gap * (i + 1),
    x2: A4_TEXT_WIDTH,
    y2: gap * (i + 1),
    lineWidth: 0.5,
    lineColor: "#555555",
  }));
  return { canvas, margin: [0, 0, 0, 6] };
}

function tickBox(label: string, size: number): Content {
  return {
    columns: [
      {
        width: size + 8,
        canvas: [
          { type: "rect", x: 0, y: 2, w: size, h: size, lineWidth: 1, lineColor: "#000000" },
        ],
      },
      { width: "*", text: label },
    ],
    margin: [0, 2, 0, 4],
  };
}

function sectionHeading(title: string, largePrint: boolean): Content {
  return {
    text: title,
    bold: true,
    fontSize: fontSizes(largePrint).subheading,
    margin: [0, 14, 0, 4],
  };
}

/** A question and the space for its answer; the first of a section carries its heading. */
function question(q: Question, largePrint: boolean, heading?: string): Content {
  const size = fontSizes(largePrint);
  // On paper a date is written as people write dates, not as the online form takes it.
  const hint = q.kind === "date" ? "For example 14 March 2019" : q.hint;
  const gap = largePrint ? 34 : 24;
  const answer: Content =
    q.kind === "choice" && q.options
      ? { stack: q.options.map((o) => tickBox(o.label, size.body - 2)), margin: [0, 2, 0, 6] }
      : writingLines(WRITING_LINES[q.kind], gap);
  return {
    // A question stays on the page with the space for its answer.
    unbreakable: true,
    stack: [
      ...(heading ? [sectionHeading(heading, largePrint)] : []),
      { text: q.label, bold: true, margin: [0, 8, 0, 2] },
      ...(hint ? [{ text: hint, italics: true, fontSize: size.small }] : []),
      answer,
    ],
  };
}

function authority(input: BlankQuestionnaireInput): Content {
  const gap = input.largePrint ? 40 : 30;
  const signLine = (label: string): Content => ({
    stack: [{ text: label, bold: true }, writingLines(1, gap)],
    margin: [0, 6, 0, 4],
  });
  return {
    pageBreak: "before",
    stack: [
      sectionHeading("Consent and form of authority", input.largePrint),
      {
        text: `I ask ${input.networkName}, and any member project it passes my case to, to look into my conviction. I agree to them keeping information about me and my case, including about my offence, and using it for that purpose.`,
        margin: [0, 0, 0, 8],
      },
      {
        text: "I authorise my former solicitors and barristers, the courts, the Criminal Cases Review Commission or the Scottish Criminal Cases Review Commission, the police, and the Crown Prosecution Service or the Crown Office, to give them copies of papers about my case.",
        margin: [0, 0, 0, 8],
      },
      { text: "I can withdraw this consent at any time by writing to them.", margin: [0, 0, 0, 8] },
      signLine("Your signature"),
      signLine("Your full name in capitals"),
      signLine("Your prisoner number (if any)"),
      signLine("Date"),
    ],
  };
}

/**
 * The blank stage-1 questionnaire to post to an applicant: their reference on every page,
 * where to send it back, room to write under every question, and the consent and form of
 * authority with lines to sign and date. Built from the same questions as the online form.
 */
export function renderBlankQuestionnaire(input: BlankQuestionnaireInput): Promise<Buffer> {
  const size = fontSizes(input.largePrint);
  const content: Content[] = [
    { text: "Application for help: questionnaire", bold: true, fontSize: size.heading },
    {
      text: `Your reference: ${input.reference}`,
      bold: true,
      fontSize: size.subheading,
      margin: [0, 4, 0, 10],
    },
    {
      text: "Please answer as much as you can. It does not matter if you cannot answer everything. Write in the space under each question, and add more pages if you need to, with your reference at the top of each.",
      margin: [0, 0, 0, 8],
    },
    { text: "When you have finished, sign the form of authority and send everything to:" },
    {
      stack: [input.networkName, ...input.returnAddress],
      bold: true,
      margin: [16, 6, 0, 8],
    },
  ];
  for (const section of [{ title: "About you", questions: ABOUT_YOU }, ...QUESTIONNAIRE_SECTIONS]) {
    content.push(
      ...section.questions.map((q, i) =>
        question(q, input.largePrint, i === 0 ? section.title : undefined),
      ),
    );
  }
  content.push(authority(input));
  return renderPdf({
    info: { title: `Questionnaire ${input.reference}`, author: input.networkName },
    header: (page) =>
      page === 1
        ? null
        : {
            columns: [
              { text: input.networkName, fontSize: size.small },
              {
                text: `Your reference: ${input.reference}`,
                bold: true,
                alignment: "right",
                fontSize: size.small,
              },
            ],
            margin: [57, 24, 57, 0],
          },
    footer: (page, pages) => ({
      // Large print keeps the footer short enough to stay on one line at 16 pt.
      text: input.largePrint
        ? `${input.reference} · page ${page} of ${pages}`
        : `${input.reference} · page ${page} of ${pages} · Send to: ${[input.networkName, ...input.returnAddress].join(", ")}`,
      alignment: "center",
      fontSize: input.largePrint ? size.small : 8,
      margin: [57, 24, 57, 0],
    }),
    content,
    defaultStyle: { fontSize: size.body, lineHeight: 1.2 },
  });
}
