import { eq } from "drizzle-orm";
import type { Content } from "pdfmake/interfaces";
import type { Queryable } from "~/db/database.server";
import { organisations } from "~/db/schema";
import { longDate } from "~/letters/merge";
import { fontSizes, renderPdf } from "~/letters/pdf.server";
import type { SubjectRequest } from "./require-request.server";

export interface LetterParts {
  heading: string;
  paragraphs: string[];
}

/** Who writes: the organisation that is controller, with its address and e-mail. */
export async function senderOf(tx: Queryable, organisationId: string) {
  const [org] = await tx
    .select({
      name: organisations.name,
      addressLines: organisations.addressLines,
      contactEmail: organisations.contactEmail,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return {
    name: org?.name ?? "",
    lines: [org?.name ?? "", ...(org?.addressLines ?? []), org?.contactEmail ?? ""].filter(Boolean),
  };
}

/** A letter to the requester about their request, as a PDF laid out like Clearname's other letters. */
export function renderRequestLetter(
  request: Pick<SubjectRequest, "reference" | "personName" | "contactAddress">,
  sender: { name: string; lines: string[] },
  date: string,
  parts: LetterParts,
): Promise<Buffer> {
  const size = fontSizes(false);
  const content: Content[] = [
    {
      columns: [
        { width: "*", text: "" },
        { width: "auto", stack: sender.lines, fontSize: size.small },
      ],
      margin: [0, 0, 0, 18],
    },
    {
      stack: [request.personName, ...request.contactAddress.split(/\r?\n/).filter(Boolean)],
      margin: [0, 0, 0, 24],
    },
    { text: longDate(date), margin: [0, 0, 0, 4] },
    { text: `Our reference: ${request.reference}`, bold: true, margin: [0, 0, 0, 16] },
    { text: parts.heading, bold: true, fontSize: size.subheading, margin: [0, 0, 0, 10] },
    { text: `Dear ${request.personName},`, margin: [0, 0, 0, 8] },
    ...parts.paragraphs.map((text) => ({
      text,
      margin: [0, 0, 0, 8] as [number, number, number, number],
    })),
    { stack: ["Yours sincerely,", " ", `Data protection, ${sender.name}`], margin: [0, 8, 0, 0] },
  ];
  return renderPdf({
    info: { title: `${parts.heading} ${request.reference}`, author: sender.name },
    content: { stack: content, fontSize: size.body, lineHeight: 1.25 },
    footer: { text: `Reference ${request.reference}`, alignment: "center", fontSize: size.small },
    defaultStyle: { font: "Roboto" },
  });
}
