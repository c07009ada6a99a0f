import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
} from "docx";
import type { ApplicationContent } from "./application-content";

const halfPoints = (pt: number) => pt * 2;

/**
 * The draft application as a Word document for the lead to edit: real headings, a numbered
 * list of grounds (Word numbering, so grounds added in Word number on), plain Arial.
 */
export async function renderApplicationDocx(
  app: ApplicationContent,
  options: { author: string },
): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: app.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ text: app.intro, spacing: { after: 240 } }),
  ];
  for (const s of app.sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_1 }));
    for (const [label, value] of s.rows ?? [])
      children.push(
        new Paragraph({
          children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)],
        }),
      );
    for (const p of s.paragraphs ?? [])
      children.push(new Paragraph({ text: p, spacing: { after: 120 } }));
    for (const item of s.items ?? [])
      children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
  }
  children.push(
    new Paragraph({
      text: `${app.sections.length + 1}. ${app.test.heading}`,
      heading: HeadingLevel.HEADING_1,
    }),
  );
  for (const p of app.test.paragraphs)
    children.push(new Paragraph({ text: p, spacing: { after: 120 } }));
  children.push(
    new Paragraph({
      text: `${app.sections.length + 2}. The grounds`,
      heading: HeadingLevel.HEADING_1,
    }),
  );
  app.grounds.forEach((g, i) => {
    children.push(
      new Paragraph({ text: `Ground ${i + 1}`, heading: HeadingLevel.HEADING_2 }),
      new Paragraph({
        numbering: { reference: "grounds", level: 0 },
        children: [new TextRun({ text: g.ground, bold: true })],
      }),
      new Paragraph({
        indent: { left: 720 },
        children: [
          new TextRun({ text: "The new evidence or argument: ", bold: true }),
          new TextRun(g.newMaterial),
        ],
        spacing: { after: 120 },
      }),
      new Paragraph({
        indent: { left: 720 },
        children: [
          new TextRun({ text: "Why it was not raised at trial or on appeal: ", bold: true }),
          new TextRun(g.whyNotRaisedBefore),
        ],
        spacing: { after: 240 },
      }),
    );
  });
  children.push(
    new Paragraph({
      text: `${app.sections.length + 3}. Supporting documents`,
      heading: HeadingLevel.HEADING_1,
    }),
  );
  if (app.documents.length === 0)
    children.push(new Paragraph({ text: "No documents are listed yet." }));
  for (const d of app.documents)
    children.push(new Paragraph({ numbering: { reference: "documents", level: 0 }, text: d }));
  children.push(new Paragraph({ text: app.closing, spacing: { before: 240 } }));
  const numbered = (reference: string) => ({
    reference,
    levels: [
      {
        level: 0,
        format: LevelFormat.DECIMAL,
        text: "%1.",
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { left: 720, hanging: 360 } } },
      },
    ],
  });
  const doc = new Document({
    title: app.title,
    creator: options.author,
    numbering: { config: [numbered("grounds"), numbered("documents")] },
    styles: {
      default: {
        document: { run: { font: "Arial", size: halfPoints(11) } },
        title: { run: { font: "Arial", size: halfPoints(16), bold: true, color: "000000" } },
        heading1: { run: { font: "Arial", size: halfPoints(14), bold: true, color: "000000" } },
        heading2: { run: { font: "Arial", size: halfPoints(12), bold: true, color: "000000" } },
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
                text: `Draft application to the ${app.body.toUpperCase()}. Case ${app.reference}`,
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
