import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from "docx";
import type { LetterContent } from "./letter-content";

/** docx measures text in half-points. */
const halfPoints = (pt: number) => pt * 2;

function lines(
  texts: string[],
  options: { alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) {
  return new Paragraph({
    alignment: options.alignment,
    children: texts.flatMap((t, i): ParagraphChild[] =>
      i === 0 ? [new TextRun(t)] : [new TextRun({ text: t, break: 1 })],
    ),
    spacing: { after: 240 },
  });
}

/**
 * The letter as a Word document for editing: the same content and order as the PDF, with
 * real paragraphs and headings so that it can be changed and printed from Word.
 */
export async function renderLetterDocx(
  letter: LetterContent,
  options: { title: string; author: string },
): Promise<Buffer> {
  const body = letter.largePrint ? 16 : 11;
  const children: Paragraph[] = [];
  if (letter.marking) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: letter.marking.text, bold: true, size: halfPoints(body + 3) }),
          ...(letter.marking.rule ? [new TextRun({ text: letter.marking.rule, break: 1 })] : []),
        ],
        spacing: { after: 240 },
      }),
    );
  }
  children.push(
    lines(letter.sender, { alignment: AlignmentType.RIGHT }),
    lines(letter.recipient),
    lines([letter.date]),
    new Paragraph({
      children: [new TextRun({ text: letter.referenceLine, bold: true })],
      spacing: { after: 240 },
    }),
    new Paragraph({ text: letter.heading, heading: HeadingLevel.HEADING_1 }),
    new Paragraph({ text: letter.salutation, spacing: { after: 160 } }),
  );
  for (const p of letter.paragraphs) {
    if (p.heading)
      children.push(new Paragraph({ text: p.heading, heading: HeadingLevel.HEADING_2 }));
    children.push(new Paragraph({ text: p.text, spacing: { after: 160 } }));
  }
  children.push(lines(letter.signOff.map((l) => l || " ")));
  const doc = new Document({
    title: options.title,
    creator: options.author,
    styles: {
      default: {
        document: { run: { font: "Arial", size: halfPoints(body) } },
        heading1: {
          run: { font: "Arial", size: halfPoints(body + 3), bold: true, color: "000000" },
        },
        heading2: {
          run: { font: "Arial", size: halfPoints(body + 1), bold: true, color: "000000" },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                text: `${letter.marking ? "Legal correspondence. " : ""}Reference ${letter.reference}`,
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
