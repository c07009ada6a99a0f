import type { Content } from "pdfmake/interfaces";
import { renderPdf } from "~/letters/pdf.server";
import type { PolicyContent } from "./policy-text";

/** A published version as an A4 document, with its version and date on every page. */
export function renderPolicyPdf(
  policy: PolicyContent,
  version: { number: number; publishedOn: string },
): Promise<Buffer> {
  const content: Content[] = [
    { text: policy.title, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
    {
      text: `Version ${version.number}, published ${version.publishedOn}`,
      fontSize: 9,
      margin: [0, 0, 0, 12],
    },
  ];
  for (const section of policy.sections) {
    content.push({ text: section.heading, fontSize: 12, bold: true, margin: [0, 10, 0, 4] });
    for (const paragraph of section.body) content.push({ text: paragraph, margin: [0, 0, 0, 6] });
  }
  return renderPdf({
    info: { title: policy.title, author: "Clearname" },
    defaultStyle: { font: "Roboto", fontSize: 10.5, lineHeight: 1.25 },
    content,
    footer: (page, pages) => ({
      text: `${policy.title} — version ${version.number} — page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 24, 0, 0],
    }),
  });
}
