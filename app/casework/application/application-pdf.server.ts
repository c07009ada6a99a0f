import type { Content } from "pdfmake/interfaces";
import { renderPdf } from "~/letters/pdf.server";
import type { ApplicationContent } from "./application-content";

/** The draft application as a PDF: the same content and order as the DOCX. */
export async function renderApplicationPdf(app: ApplicationContent): Promise<Buffer> {
  const content: Content[] = [
    { text: app.title, style: "title" },
    { text: app.intro, margin: [0, 0, 0, 12] },
  ];
  for (const s of app.sections) {
    content.push({ text: s.heading, style: "h1" });
    if (s.rows?.length)
      content.push({
        table: {
          widths: [130, "*"],
          body: s.rows.map(([label, value]) => [{ text: label, bold: true }, value]),
        },
        layout: "noBorders",
        margin: [0, 0, 0, 6],
      });
    for (const p of s.paragraphs ?? []) content.push({ text: p, margin: [0, 0, 0, 6] });
    if (s.items?.length) content.push({ ul: s.items, margin: [0, 0, 0, 6] });
  }
  content.push({ text: `${app.sections.length + 1}. ${app.test.heading}`, style: "h1" });
  for (const p of app.test.paragraphs) content.push({ text: p, margin: [0, 0, 0, 6] });
  content.push({ text: `${app.sections.length + 2}. The grounds`, style: "h1" });
  content.push({
    ol: app.grounds.map((g) => ({
      stack: [
        { text: g.ground, bold: true },
        { text: [{ text: "The new evidence or argument: ", bold: true }, g.newMaterial] },
        {
          text: [
            { text: "Why it was not raised at trial or on appeal: ", bold: true },
            g.whyNotRaisedBefore,
          ],
          margin: [0, 0, 0, 8],
        },
      ],
    })),
  });
  content.push({ text: `${app.sections.length + 3}. Supporting documents`, style: "h1" });
  content.push(
    app.documents.length ? { ol: app.documents } : { text: "No documents are listed yet." },
  );
  content.push({ text: app.closing, margin: [0, 12, 0, 0] });
  return renderPdf({
    info: { title: app.title },
    content,
    defaultStyle: { fontSize: 11, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h1: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: `Draft application to the ${app.body.toUpperCase()}. Case ${app.reference}. Page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 9,
    }),
  });
}
