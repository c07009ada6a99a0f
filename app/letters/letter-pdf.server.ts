import type { Content, ContentSection } from "pdfmake/interfaces";
import type { LetterContent } from "./letter-content";
import { fontSizes, renderPdf } from "./pdf.server";

/** Marks a letter's footer, which the page-break check must not count as content. */
const FOOTER = "letterFooter";

/** One letter as a section of its own: it starts a page and carries its own footer. */
function letterSection(letter: LetterContent): ContentSection {
  const size = fontSizes(letter.largePrint);
  const content: Content[] = [];
  if (letter.marking) {
    content.push({
      stack: [
        { text: letter.marking.text, bold: true, fontSize: size.heading, characterSpacing: 1 },
        ...(letter.marking.rule ? [{ text: letter.marking.rule, fontSize: size.small }] : []),
      ],
      alignment: "center",
      margin: [0, 0, 0, 12],
    });
  }
  content.push(
    {
      columns: [
        { width: "*", text: "" },
        { width: "auto", stack: letter.sender, fontSize: size.small },
      ],
      margin: [0, 0, 0, 18],
    },
    // Set in from the left for a window envelope (DL, window on the left).
    { stack: letter.recipient, margin: [0, 0, 0, 24] },
    { text: letter.date, margin: [0, 0, 0, 4] },
    { text: letter.referenceLine, bold: true, margin: [0, 0, 0, 16] },
    { text: letter.heading, bold: true, fontSize: size.subheading, margin: [0, 0, 0, 10] },
    { text: letter.salutation, margin: [0, 0, 0, 8] },
  );
  for (const p of letter.paragraphs) {
    if (p.heading) {
      content.push({ text: p.heading, bold: true, margin: [0, 6, 0, 4], headlineLevel: 2 });
    }
    content.push({ text: p.text, margin: [0, 0, 0, 8] });
  }
  content.push({
    stack: letter.signOff.map((l) => l || " "),
    margin: [0, 8, 0, 0],
    unbreakable: true,
  });
  return {
    section: { stack: content, fontSize: size.body, lineHeight: 1.25 },
    footer: {
      style: FOOTER,
      text: `${letter.marking ? "Legal correspondence. " : ""}Reference ${letter.reference}`,
      alignment: "center",
      fontSize: size.small,
      margin: [0, 24, 0, 0],
    },
  };
}

export interface SkippedLetter {
  reference: string;
  reason: string;
}

function skippedSection(skipped: SkippedLetter[]): ContentSection {
  return {
    section: [
      { text: "Not acknowledged", bold: true, fontSize: 14, margin: [0, 0, 0, 8] },
      {
        text: "These applications were chosen but no letter was made for them. This page is for the intake team and is not to be posted.",
        margin: [0, 0, 0, 12],
      },
      {
        ul: skipped.map((s) => `${s.reference || "An unknown application"}: ${s.reason}`),
      },
    ],
    footer: { text: "Not to be posted", alignment: "center", fontSize: 9, margin: [0, 24, 0, 0] },
  };
}

/**
 * Letters as one PDF, each starting on a new page; for a batch, a last page lists the
 * applications that were chosen but not acknowledged.
 */
export function renderLettersPdf(
  letters: LetterContent[],
  options: { title: string; author: string; skipped?: SkippedLetter[] },
): Promise<Buffer> {
  const sections: Content[] = letters.map(letterSection);
  if (options.skipped?.length) sections.push(skippedSection(options.skipped));
  return renderPdf({
    info: { title: options.title, author: options.author },
    content: sections,
    defaultStyle: { font: "Roboto" },
    // A paragraph heading left alone at the foot of a page moves over with its paragraph.
    pageBreakBefore: (node, nodes) =>
      node.headlineLevel === 2 && nodes.getFollowingNodesOnPage().every((n) => n.style === FOOTER),
  });
}
