import type { Content } from "pdfmake/interfaces";
import { longDate } from "~/letters/merge";
import { renderPdf } from "~/letters/pdf.server";
import type { HandoverPack } from "./handover-pack.server";

const heading = (text: string): Content => ({
  text,
  fontSize: 13,
  bold: true,
  margin: [0, 12, 0, 4],
});

/** A list, or a sentence saying there is nothing. */
const listOr = (items: string[], none: string): Content =>
  items.length === 0 ? { text: none, italics: true } : { ul: items };

/** The hand-over pack as a printable A4 document. */
export function renderHandoverPackPdf(pack: HandoverPack, printedOn: string): Promise<Buffer> {
  return renderPdf({
    info: { title: `Hand-over pack ${pack.reference}`, author: "Clearname" },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.2 },
    content: [
      { text: `Hand-over pack: ${pack.reference}`, fontSize: 16, bold: true, margin: [0, 0, 0, 4] },
      { text: `Client: ${pack.clientName}`, fontSize: 12, margin: [0, 0, 0, 4] },
      {
        text: `${pack.projectName}. Printed on ${longDate(printedOn)}. Confidential.`,
        fontSize: 9,
        margin: [0, 0, 0, 8],
      },
      { text: `Stage: ${pack.stage}. Last activity: ${longDate(pack.lastActivityOn)}.` },
      heading("Open lines of inquiry"),
      listOr(
        pack.openLines.map((l) => `${l.description} (${l.status})`),
        "No open lines of inquiry.",
      ),
      heading("Evidence"),
      listOr(
        pack.evidence.map((e) => `${e.kind}: ${e.description} (used at trial: ${e.usedAtTrial})`),
        "No evidence is in the register yet.",
      ),
      heading("Papers outstanding"),
      listOr(
        pack.papersOutstanding.map(
          (p) =>
            `${p.what}, asked of ${p.from} on ${longDate(p.requestedOn)}${
              p.chaseOn ? `; chase on ${longDate(p.chaseOn)}` : ""
            }`,
        ),
        "No papers are awaited.",
      ),
      heading("Next deadlines"),
      listOr(
        pack.deadlines.map((x) => `${longDate(x.on)}: ${x.what}`),
        "No coming deadlines.",
      ),
      heading("Open tasks"),
      listOr(
        pack.tasks.map((t) => `${longDate(t.dueOn)}: ${t.what} (${t.who})`),
        "No open tasks.",
      ),
      heading("The team"),
      listOr(
        pack.team.map(
          (m) =>
            `${m.name}, ${m.role}, from ${longDate(m.startsOn)}${
              m.endsOn ? ` until ${longDate(m.endsOn)}` : ""
            }`,
        ),
        "Nobody is on the team.",
      ),
      heading("The lead's handover note"),
      pack.leadNote ? { text: pack.leadNote } : { text: "None written.", italics: true },
      heading("Latest hand-over notes"),
      ...(pack.notes.length === 0
        ? [{ text: "No hand-over note has been written.", italics: true } as Content]
        : pack.notes.flatMap((n): Content[] => [
            {
              text: `${n.authorName}, ${longDate(n.writtenOn)}`,
              bold: true,
              margin: [0, 6, 0, 2],
            },
            { text: n.text },
          ])),
    ],
    footer: (page, pages) => ({
      text: `${pack.reference} hand-over pack, page ${page} of ${pages}`,
      alignment: "center",
      fontSize: 8,
      margin: [0, 24, 0, 0],
    }),
  });
}
