import type { Content } from "pdfmake/interfaces";
import { longDate } from "~/letters/merge";
import { A4_TEXT_WIDTH, renderPdf } from "~/letters/pdf.server";
import type { Chronology } from "./chronology.server";

/** The chronology as a printable A4 table: date (and time), what happened, the source. */
export function renderChronologyPdf(chronology: Chronology, printedOn: string): Promise<Buffer> {
  const { case: c, events } = chronology;
  const header = ["Date", "What happened", "Source"].map((text) => ({ text, bold: true }));
  const rows: Content[][] = events.map((e) => [
    { text: [longDate(e.occurredOn), e.timeNote ? `\n${e.timeNote}` : ""].join("") },
    { text: e.description },
    { text: e.source || (e.derived ? "" : "Not given"), fontSize: 9 },
  ]);
  return renderPdf({
    info: { title: `Chronology ${c.reference}`, author: "Clearname" },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    content: [
      { text: `Chronology: ${c.reference}`, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      { text: c.clientName, fontSize: 12, margin: [0, 0, 0, 4] },
      {
        text: `Printed on ${longDate(printedOn)}. Confidential.`,
        fontSize: 9,
        margin: [0, 0, 0, 12],
      },
      events.length === 0
        ? { text: "No dated events are recorded yet." }
        : {
            table: {
              headerRows: 1,
              dontBreakRows: true,
              widths: [90, A4_TEXT_WIDTH - 90 - 120 - 30, 120],
              body: [header, ...rows],
            },
            layout: "lightHorizontalLines",
          },
    ],
    footer: (page, pages) => ({
      text: `${c.reference} chronology, page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 24, 0, 0],
    }),
  });
}
